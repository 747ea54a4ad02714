#include "cli/stage_report.h"

namespace gallery::cli {

void StageReport::Add(const thumbnails::StageTimes& times) {
  std::lock_guard<std::mutex> l(mu_);
  for (const auto& t : times) {
    Row* row = nullptr;
    for (auto& r : rows_)
      if (r.stage == t.stage) row = &r;
    if (!row) {
      rows_.push_back({t.stage, 0, 0});
      row = &rows_.back();
    }
    row->count++;
    row->total_ms += t.ms;
  }
}

void StageReport::Print(std::FILE* out) const {
  std::lock_guard<std::mutex> l(mu_);
  double all = 0;
  for (const auto& r : rows_) all += r.total_ms;
  std::fprintf(out, "%-52s %6s %10s %8s %6s\n", "stage (wall time, summed over workers)", "count",
               "total ms", "mean ms", "share");
  for (const auto& r : rows_)
    std::fprintf(out, "%-52s %6ld %10.1f %8.2f %5.1f%%\n", r.stage.c_str(), r.count, r.total_ms,
                 r.total_ms / r.count, all > 0 ? 100 * r.total_ms / all : 0.0);
  std::fprintf(out, "%-52s %6s %10.1f\n", "all stages", "", all);
}

}  // namespace gallery::cli
