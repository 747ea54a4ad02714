#include "http/metrics.h"

#include <sstream>
#include <tuple>

namespace gallery::http {

const double Metrics::kBucketBounds[kBuckets] = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

namespace {

// Label values are route patterns and code names; escape anyway.
std::string Label(const std::string& v) {
  std::string out;
  for (char c : v) {
    if (c == '\\' || c == '"') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace

Metrics::Metrics(std::function<std::size_t()> queue_depth) : queue_depth_(std::move(queue_depth)) {}

void Metrics::CountRequest(const std::string& method, const std::string& route, int status) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[std::make_tuple(method, route, status)];
}

void Metrics::CountIngest(const std::string& outcome, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++ingests_[outcome];
  ++ingest_count_;
  ingest_seconds_ += seconds;
  for (int i = 0; i < kBuckets; ++i) {
    if (seconds <= kBucketBounds[i]) ++ingest_buckets_[i];
  }
}

void Metrics::CountUploadBytes(std::uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  upload_bytes_ += bytes;
}

void Metrics::CountTusBytes(std::uint64_t received, std::uint64_t stored) {
  std::lock_guard<std::mutex> lock(mu_);
  tus_received_ += received;
  tus_stored_ += stored;
}

std::string Metrics::Render() const {
  std::ostringstream out;
  std::lock_guard<std::mutex> lock(mu_);
  out << "# HELP gallery_http_requests_total HTTP requests answered, by route and status.\n"
      << "# TYPE gallery_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "gallery_http_requests_total{method=\"" << Label(std::get<0>(key)) << "\",route=\""
        << Label(std::get<1>(key)) << "\",status=\"" << std::get<2>(key) << "\"} " << n << "\n";
  }
  out << "# HELP gallery_ingests_total Photos ingested over HTTP, by outcome.\n"
      << "# TYPE gallery_ingests_total counter\n";
  for (const auto& [outcome, n] : ingests_) {
    out << "gallery_ingests_total{outcome=\"" << Label(outcome) << "\"} " << n << "\n";
  }
  out << "# HELP gallery_ingest_duration_seconds Time to ingest one photo.\n"
      << "# TYPE gallery_ingest_duration_seconds histogram\n";
  for (int i = 0; i < kBuckets; ++i) {
    out << "gallery_ingest_duration_seconds_bucket{le=\"" << kBucketBounds[i] << "\"} "
        << ingest_buckets_[i] << "\n";
  }
  out << "gallery_ingest_duration_seconds_bucket{le=\"+Inf\"} " << ingest_count_ << "\n"
      << "gallery_ingest_duration_seconds_sum " << ingest_seconds_ << "\n"
      << "gallery_ingest_duration_seconds_count " << ingest_count_ << "\n";
  out << "# HELP gallery_upload_body_bytes_total Bytes of upload bodies received (POST /api/photos).\n"
      << "# TYPE gallery_upload_body_bytes_total counter\n"
      << "gallery_upload_body_bytes_total " << upload_bytes_ << "\n";
  out << "# HELP gallery_tus_bytes_received_total Bytes of resumable upload bodies received "
         "(POST and PATCH /api/uploads), whatever then became of them.\n"
      << "# TYPE gallery_tus_bytes_received_total counter\n"
      << "gallery_tus_bytes_received_total " << tus_received_ << "\n"
      << "# HELP gallery_tus_bytes_stored_total Bytes of resumable uploads written, fsynced and "
         "acknowledged.\n"
      << "# TYPE gallery_tus_bytes_stored_total counter\n"
      << "gallery_tus_bytes_stored_total " << tus_stored_ << "\n";
  out << "# HELP gallery_worker_queue_depth Tasks waiting for a worker.\n"
      << "# TYPE gallery_worker_queue_depth gauge\n"
      << "gallery_worker_queue_depth " << (queue_depth_ ? queue_depth_() : 0) << "\n";
  return out.str();
}

}  // namespace gallery::http
