#include "http/response_cache.h"

#include "http/access.h"

namespace gallery::http {

namespace {

std::size_t SizeOf(const std::string& key, const HttpResponse& r) {
  std::size_t n = key.size() + r.body.size() + r.content_type.size() + 64;
  for (const auto& [name, value] : r.headers) n += name.size() + value.size();
  return n;
}

}  // namespace

ResponseCache::ResponseCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

std::shared_ptr<const HttpResponse> ResponseCache::Find(const std::string& key,
                                                        std::int64_t version) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return nullptr;
  if (it->second.version != version || std::chrono::steady_clock::now() >= it->second.expires) {
    bytes_ -= SizeOf(it->first, *it->second.response);
    entries_.erase(it);
    return nullptr;
  }
  return it->second.response;
}

void ResponseCache::Store(const std::string& key, std::int64_t version,
                          std::shared_ptr<const HttpResponse> response,
                          std::chrono::steady_clock::time_point expires) {
  std::size_t size = SizeOf(key, *response);
  if (max_bytes_ == 0 || size > max_bytes_ / 4) return;
  std::lock_guard<std::mutex> lock(mu_);
  auto now = std::chrono::steady_clock::now();
  auto old = entries_.find(key);
  if (old != entries_.end()) {
    bytes_ -= SizeOf(old->first, *old->second.response);
    entries_.erase(old);
  }
  // Full: drop stale entries first, then anything, until the new one fits.
  for (auto it = entries_.begin(); bytes_ + size > max_bytes_ && it != entries_.end();) {
    if (it->second.version != version || now >= it->second.expires) {
      bytes_ -= SizeOf(it->first, *it->second.response);
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  while (bytes_ + size > max_bytes_ && !entries_.empty()) {
    auto it = entries_.begin();
    bytes_ -= SizeOf(it->first, *it->second.response);
    entries_.erase(it);
  }
  entries_[key] = Entry{version, expires, std::move(response)};
  bytes_ += size;
}

std::string ResponseCacheKey(const HttpRequest& req) {
  // The audience, which decides every answer's content (a viewer sees more
  // than the public, a share link more than either of them alone).
  std::string key = AudienceKey(req.principal);
  // Lengths first, so that no text in a value can pass for a separator.
  auto add = [&key](const std::string& part) {
    key += std::to_string(part.size());
    key += ':';
    key += part;
  };
  add(req.path);
  for (const auto& [name, value] : req.query) {
    add(name);
    add(value);
  }
  return key;
}

}  // namespace gallery::http
