// POST /api/photos/lookup: which of these SHA-256s the archive already has,
// so that an uploader can skip those files before sending their bytes.
#include <string>
#include <vector>

#include "http/access.h"
#include "http/api.h"
#include "http/json_body.h"
#include "http/status_map.h"

namespace gallery::http {

namespace {

using nlohmann::json;

bool IsSha256Hex(const std::string& s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (!hex) return false;
  }
  return true;
}

// body.sha256 as 1..kMaxLookupHashes strings of 64 hex digits; else the 400
// answer naming the first bad one.
std::optional<HttpResponse> ReadHashes(const json& body, std::vector<std::string>* out) {
  if (auto bad = RejectUnknownFields(body, {"sha256"})) return bad;
  auto it = body.find("sha256");
  if (it == body.end() || !it->is_array() || it->empty()) {
    return BadField("sha256", "must be a non-empty array of SHA-256 digests (64 hex digits each)");
  }
  if (it->size() > kMaxLookupHashes) {
    return BadField("sha256", std::to_string(it->size()) + " digests, over the limit of " +
                                  std::to_string(kMaxLookupHashes));
  }
  out->reserve(it->size());
  for (std::size_t i = 0; i < it->size(); ++i) {
    const json& v = (*it)[i];
    if (!v.is_string() || !IsSha256Hex(v.get<std::string>())) {
      return BadField("sha256[" + std::to_string(i) + "]", "must be 64 hex digits");
    }
    out->push_back(v.get<std::string>());
  }
  return std::nullopt;
}

}  // namespace

HttpResponse Api::LookupPhotos(const HttpRequest& req) {
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  std::vector<std::string> hashes;
  if (auto bad = ReadHashes(body, &hashes)) return *bad;
  auto known = catalog().FindPhotosBySha256(hashes, AudienceOf(req.principal));
  if (!known.ok()) return ErrorFromStatus(known.status());
  json items = json::array();
  for (const auto& k : *known) items.push_back({{"sha256", k.sha256}, {"id", k.id}});
  return JsonResponse({{"known", items}});
}

}  // namespace gallery::http
