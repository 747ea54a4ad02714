// Counters the server exposes at GET /metrics in the Prometheus text format:
// requests by route and status, ingests by outcome with their durations, the
// bytes of upload bodies received, and the worker queue's depth. Thread-safe: every method may be called from any
// thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace gallery::http {

class Metrics {
 public:
  // `queue_depth` is asked at each rendering (may be empty).
  explicit Metrics(std::function<std::size_t()> queue_depth = {});

  // One request answered: `route` is the route's pattern ("/api/photos/{id}")
  // or "unmatched".
  void CountRequest(const std::string& method, const std::string& route, int status);
  // One ingest finished with `outcome` ("created", "duplicate", or an error
  // code name) after `seconds`.
  void CountIngest(const std::string& outcome, double seconds);
  // An upload's body of `bytes` received (whatever then becomes of it).
  void CountUploadBytes(std::uint64_t bytes);
  // A resumable upload's body of `received` bytes, of which `stored` were
  // written and acknowledged (the rest refused: wrong offset, checksum).
  void CountTusBytes(std::uint64_t received, std::uint64_t stored);

  // The exposition text (text/plain; version=0.0.4).
  std::string Render() const;

 private:
  static constexpr int kBuckets = 8;
  static const double kBucketBounds[kBuckets];
  std::function<std::size_t()> queue_depth_;
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, std::uint64_t> requests_;
  std::map<std::string, std::uint64_t> ingests_;
  std::uint64_t ingest_buckets_[kBuckets] = {};
  std::uint64_t ingest_count_ = 0;
  double ingest_seconds_ = 0;
  std::uint64_t upload_bytes_ = 0;
  std::uint64_t tus_received_ = 0;
  std::uint64_t tus_stored_ = 0;
};

}  // namespace gallery::http
