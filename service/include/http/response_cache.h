// Answers of read-only routes kept in memory while the catalog has not
// changed: a hit costs a hash lookup instead of catalog queries, a file read
// or building JSON. An entry is valid only for the catalog version it was
// made at (the server retires every entry on any change) and until its
// expiry (embargoes end with time, not with a commit).
//
// Thread-safety: every member may be called from several threads at once.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "http/http_types.h"

namespace gallery::http {

class ResponseCache {
 public:
  // Holds at most `max_bytes` of bodies; past that, older entries go.
  explicit ResponseCache(std::size_t max_bytes);

  // The answer stored under `key` at version `version`, not expired; null
  // otherwise.
  std::shared_ptr<const HttpResponse> Find(const std::string& key, std::int64_t version);
  // Keeps `response` (a complete 200 answer, not streamed) under `key`.
  // Bodies larger than a quarter of the capacity are not kept.
  void Store(const std::string& key, std::int64_t version,
             std::shared_ptr<const HttpResponse> response,
             std::chrono::steady_clock::time_point expires);

 private:
  struct Entry {
    std::int64_t version = 0;
    std::chrono::steady_clock::time_point expires;
    std::shared_ptr<const HttpResponse> response;
  };
  const std::size_t max_bytes_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::size_t bytes_ = 0;
};

// The cache key of a GET on a cacheable route: who is asking (as far as
// visibility goes), the path and the decoded query.
std::string ResponseCacheKey(const HttpRequest& req);

}  // namespace gallery::http
