// Fuzzes the reading of the HTTP API's JSON request bodies
// (service/include/http/json_body.h), the step every write route takes before
// touching the catalog. Input: one byte choosing the body kind (its value
// modulo 7: photo edit set, bulk edit, album create, album update, meeting
// create, meeting update, album membership ids), then the body text. A kind
// byte of 0xFF repeats the text past the 1 MiB body limit, which must then
// be refused as too large.
//
// The bounds (CheckJsonText) are checked against the JSON library itself: an
// accepted body is at most 1 MiB, nests at most 32 levels and serializes back
// as strict UTF-8; a body refused for its depth is one the library would
// not parse or would parse deeper than 32 levels; one refused for its UTF-8
// is one the library would not parse either (the scan refuses a NUL byte
// first: the library stops reading at one, so `{}` NUL `garbage` parses).
// Whatever the input, the readers return (no crash, no exception, no
// sanitizer report); a refusal is a 400 whose JSON body has the code
// "invalid_argument" and a message "<field>: <why>"; an accepted body gives
// what its kind promises (checked below).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/json_body.h"
#include "media/text_limits.h"

namespace {

using gallery::http::HttpResponse;
using nlohmann::json;

enum Kind { kPhotoEdit, kBulkEdit, kAlbumCreate, kAlbumUpdate, kMeetingCreate, kMeetingUpdate, kIds, kKinds };

[[noreturn]] void Fail(const std::string& what) {
  std::fprintf(stderr, "json_body: %s\n", what.c_str());
  std::abort();
}

// A refusal is a JSON 400 {"code": "invalid_argument", "message": "f: why"}
// (or a 413 "too_large" for a body over 1 MiB).
void CheckRefusal(const HttpResponse& r) {
  if (r.status != 400 && r.status != 413) Fail("a refusal with status " + std::to_string(r.status));
  json j = json::parse(r.body, nullptr, false);
  const char* code = r.status == 413 ? "too_large" : "invalid_argument";
  if (!j.is_object() || j.value("code", "") != code) Fail("a refusal body " + r.body);
  std::string message = j.value("message", "");
  if (message.find(": ") == std::string::npos || message.find(": ") == 0) Fail("no field named: " + message);
}

// An accepted edit changes something, within the counts the reader
// enforces (the type holds only known fields, keywords only text).
void CheckEdit(const media::PhotoEdit& edit) {
  if (edit.empty()) Fail("an accepted edit with no change");
  for (const media::LangText* texts : {&edit.caption, &edit.headline, &edit.alt_text}) {
    if (texts->size() > media::kMaxLanguages) Fail("an accepted edit over the language limit");
  }
  if (edit.keywords && edit.keywords->size() > media::kMaxKeywords) Fail("an accepted edit over the keyword limit");
}

void CheckIds(const std::vector<std::int64_t>& ids) {
  std::set<std::int64_t> seen;
  if (ids.empty()) Fail("an accepted empty id list");
  for (std::int64_t id : ids) {
    if (id <= 0 || !seen.insert(id).second) Fail("id " + std::to_string(id));
  }
}

// Reads `body` as `kind`; the refusal if any.
std::optional<HttpResponse> Read(Kind kind, const json& body) {
  switch (kind) {
    case kPhotoEdit: {
      media::PhotoEdit edit;
      auto bad = gallery::http::ReadPhotoEdit(body, &edit);
      if (!bad) CheckEdit(edit);
      return bad;
    }
    case kBulkEdit: {
      std::vector<std::int64_t> ids;
      media::PhotoEdit edit;
      auto bad = gallery::http::ReadBulkEdit(body, &ids, &edit);
      if (!bad) {
        CheckIds(ids);
        CheckEdit(edit);
      }
      return bad;
    }
    case kAlbumCreate:
    case kAlbumUpdate: {
      media::Album album;
      album.slug = "before";
      gallery::http::CoverChange cover;
      auto bad = gallery::http::ReadAlbumFields(body, kind == kAlbumCreate, &album, &cover);
      if (bad) return bad;
      if (kind == kAlbumCreate && (!body.contains("slug") || cover.given)) Fail("album create without slug or with cover");
      if (body.contains("slug") && album.slug != body["slug"].get<std::string>()) Fail("slug not taken");
      if (cover.id && *cover.id <= 0) Fail("cover id " + std::to_string(*cover.id));
      for (const auto& [lang, text] : album.title) {
        if (text.empty()) Fail("an empty title kept for " + lang);
      }
      return bad;
    }
    case kMeetingCreate:
    case kMeetingUpdate: {
      media::Meeting meeting;
      gallery::http::CoverChange cover;
      auto bad = gallery::http::ReadMeetingFields(body, kind == kMeetingCreate, &meeting, &cover);
      if (!bad && kind == kMeetingCreate && (!body.contains("slug") || cover.given)) {
        Fail("meeting create without slug or with cover");
      }
      if (cover.id && *cover.id <= 0) Fail("cover id " + std::to_string(*cover.id));
      return bad;
    }
    case kIds:
    case kKinds: {
      if (auto bad = gallery::http::RejectUnknownFields(body, {"ids"})) return bad;
      std::vector<std::int64_t> ids;
      auto bad = gallery::http::ReadIds(body, &ids);
      if (!bad) CheckIds(ids);
      return bad;
    }
  }
  return std::nullopt;
}

// The nesting depth of `value`: 0 for a scalar, 1 for a flat array or object.
int Depth(const json& value) {
  int deepest = 0;
  if (value.is_structured()) {
    for (const auto& item : value) deepest = std::max(deepest, Depth(item));
    return deepest + 1;
  }
  return 0;
}

// A refusal of the bounds is one the JSON library agrees with.
void CheckBoundsRefusal(const HttpResponse& r, const std::string& text) {
  if (r.status == 413) {
    if (text.size() <= gallery::http::kMaxJsonBodyBytes) Fail("413 for " + std::to_string(text.size()) + " bytes");
    return;
  }
  std::string message = json::parse(r.body, nullptr, false).value("message", "");
  if (message.find("deeper than") != std::string::npos) {
    if (json::accept(text) && Depth(json::parse(text)) <= gallery::http::kMaxJsonDepth) {
      Fail("refused as too deep: " + text.substr(0, 200));
    }
  } else if (message.find("UTF-8") != std::string::npos) {
    if (json::accept(text)) Fail("refused as not UTF-8 but parses: " + text.substr(0, 200));
  } else if (message.find("NUL") != std::string::npos) {
    if (text.find('\0') == std::string::npos) Fail("refused for a NUL it does not have");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  Kind kind = static_cast<Kind>(data[0] % kKinds);
  std::string text(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] == 0xFF && !text.empty()) {
    std::string one = text;
    while (text.size() <= gallery::http::kMaxJsonBodyBytes) text += one;
    auto bad = gallery::http::CheckJsonText(text);
    if (!bad || bad->status != 413) Fail("a body over 1 MiB not refused as too large");
    return 0;
  }
  json body;
  if (auto bad = gallery::http::ParseJsonText(text, &body)) {
    CheckRefusal(*bad);
    CheckBoundsRefusal(*bad, text);
    return 0;
  }
  if (!body.is_object()) Fail("a body accepted that is not an object");
  if (Depth(body) > gallery::http::kMaxJsonDepth) Fail("a body accepted " + std::to_string(Depth(body)) + " deep");
  try {
    (void)body.dump();  // strict: throws on text that is not UTF-8
  } catch (const json::exception& e) {
    Fail(std::string("a body accepted with text that is not UTF-8: ") + e.what());
  }
  if (auto bad = Read(kind, body)) CheckRefusal(*bad);
  return 0;
}
