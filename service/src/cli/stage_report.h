// Sums of the stage times of many pieces of work (one photo each), printed as
// a table: what `gallery import --timings` shows.
#pragma once

#include <cstdio>
#include <mutex>
#include <string>
#include <vector>

#include "thumbnails/stage_time.h"

namespace gallery::cli {

// Thread-safe: workers Add while the report grows.
class StageReport {
 public:
  // Adds one piece of work's times.
  void Add(const thumbnails::StageTimes& times);
  // Prints one line per stage (in the order stages were first seen): how many
  // pieces of work went through it, the summed and the mean wall time, and its
  // share of the summed time of all stages.
  void Print(std::FILE* out) const;

 private:
  struct Row {
    std::string stage;
    long count = 0;
    double total_ms = 0;
  };
  mutable std::mutex mu_;
  std::vector<Row> rows_;
};

}  // namespace gallery::cli
