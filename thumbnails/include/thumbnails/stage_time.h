// Wall time spent in the named steps of a piece of work, for reports such as
// `gallery import --timings`. Measuring costs two clock reads per step.
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace thumbnails {

struct StageTime {
  std::string stage;  // e.g. "decode", "resize small", "encode small webp"
  double ms = 0;      // wall time, milliseconds
};
using StageTimes = std::vector<StageTime>;

// Measures from construction; Stop appends the elapsed time under `stage`
// and starts again. Not thread-safe: one per thread of work.
class StageClock {
 public:
  explicit StageClock(StageTimes* out) : out_(out), start_(std::chrono::steady_clock::now()) {}
  void Stop(std::string stage) {
    auto now = std::chrono::steady_clock::now();
    if (out_)
      out_->push_back({std::move(stage), std::chrono::duration<double, std::milli>(now - start_).count()});
    start_ = now;
  }
  // Starts again without recording the time since the last step.
  void Restart() { start_ = std::chrono::steady_clock::now(); }

 private:
  StageTimes* out_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace thumbnails
