// Resumable uploads: the tus 1.0.0 protocol at /api/uploads (core,
// creation, creation-with-upload, termination, expiration, checksum with
// sha256). The headers are checked here, on the HTTP thread; the bytes are
// written and fsynced, and a whole file ingested, on the image workers
// (Deferred), through the same IngestOne as POST /api/photos. The uploads
// themselves live in media::UploadStore.
#include <ctime>
#include <map>

#include "base/base64.h"
#include "http/api.h"
#include "http/status_map.h"
#include "media/sha256.h"

namespace gallery::http {

namespace {

constexpr char kTusVersion[] = "1.0.0";
constexpr char kExtensions[] = "creation,creation-with-upload,termination,expiration,checksum";
constexpr char kChunkType[] = "application/offset+octet-stream";
// The Upload-Metadata keys kept; any other key is ignored, as clients add
// their own (a file's type, its name under another key).
const char* const kMetadataKeys[] = {"filename", "album", "meeting", "credit", "filetype"};

std::int64_t Now() { return static_cast<std::int64_t>(std::time(nullptr)); }

// RFC 9110's date: "Sun, 06 Nov 1994 08:49:37 GMT".
std::string HttpDate(std::int64_t unix_seconds) {
  static const char* const kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%s, %02d %s %04d %02d:%02d:%02d GMT", kDays[tm.tm_wday], tm.tm_mday,
                kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return out;
}

// A decimal header value (no sign, at most 19 digits); nullopt otherwise.
std::optional<std::uint64_t> ParseCount(const std::string& text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + static_cast<std::uint64_t>(c - '0');
  }
  return v;
}

// The headers every tus answer carries.
HttpResponse WithTus(HttpResponse r) {
  r.headers.emplace_back("Tus-Resumable", kTusVersion);
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

HttpResponse TusError(ApiError error, const std::string& message) {
  HttpResponse r = ErrorResponse(error, message);
  if (error == ApiError::kTusVersion) r.headers.emplace_back("Tus-Version", kTusVersion);
  return WithTus(std::move(r));
}

// The 412 answer when the request does not speak tus 1.0.0.
std::optional<HttpResponse> CheckVersion(const HttpRequest& req) {
  const std::string version = req.Header("Tus-Resumable");
  if (version == kTusVersion) return std::nullopt;
  return TusError(ApiError::kTusVersion, version.empty() ? "send Tus-Resumable: 1.0.0"
                                                         : "Tus-Resumable " + version +
                                                               " is not supported; this server speaks 1.0.0");
}

// Upload-Metadata: "key base64,key base64,key" into the kept keys, decoded;
// the 400 answer when it is malformed.
std::optional<HttpResponse> ReadMetadata(const std::string& header, std::map<std::string, std::string>* out) {
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = std::min(header.find(',', at), header.size());
    std::string pair = header.substr(at, end - at);
    at = end + 1;
    while (!pair.empty() && pair.front() == ' ') pair.erase(0, 1);
    while (!pair.empty() && pair.back() == ' ') pair.pop_back();
    if (pair.empty()) continue;
    std::size_t space = pair.find(' ');
    std::string key = pair.substr(0, space);
    std::string encoded = space == std::string::npos ? "" : pair.substr(space + 1);
    auto value = base::Base64Decode(encoded);
    if (key.empty() || !value) {
      return TusError(ApiError::kInvalidArgument,
                      "Upload-Metadata: '" + key.substr(0, 64) + "' must be followed by a base64 value");
    }
    if (value->size() > 1024) {
      return TusError(ApiError::kInvalidArgument, "Upload-Metadata: " + key.substr(0, 64) + " is over 1024 bytes");
    }
    for (const char* kept : kMetadataKeys) {
      if (key == kept) (*out)[key] = *value;
    }
    if (key == "name" && !out->count("filename")) (*out)["filename"] = *value;
  }
  if (!out->count("filename") || (*out)["filename"].empty()) {
    return TusError(ApiError::kInvalidArgument, "Upload-Metadata must name the file (filename)");
  }
  return std::nullopt;
}

// Upload-Checksum: "sha256 <base64 of the 32-byte digest>" into `digest_hex`
// ("" when the header is absent); the 400 answer when it is malformed or
// names another algorithm.
std::optional<HttpResponse> ReadChecksum(const HttpRequest& req, std::string* digest_hex) {
  const std::string header = req.Header("Upload-Checksum");
  digest_hex->clear();
  if (header.empty()) return std::nullopt;
  std::size_t space = header.find(' ');
  std::string algorithm = header.substr(0, space);
  if (algorithm != "sha256") {
    return TusError(ApiError::kInvalidArgument,
                    "Upload-Checksum: the algorithm '" + algorithm.substr(0, 32) + "' is not supported (sha256 is)");
  }
  auto digest = base::Base64Decode(space == std::string::npos ? "" : header.substr(space + 1));
  if (!digest || digest->size() != 32) {
    return TusError(ApiError::kInvalidArgument, "Upload-Checksum: sha256 takes the base64 of a 32-byte digest");
  }
  static const char kHex[] = "0123456789abcdef";
  for (unsigned char c : *digest) {
    *digest_hex += kHex[c >> 4];
    *digest_hex += kHex[c & 0xF];
  }
  return std::nullopt;
}

// The 415 answer when a body is not sent as a tus chunk.
std::optional<HttpResponse> CheckChunkType(const HttpRequest& req) {
  std::string type = req.Header("Content-Type");
  type = type.substr(0, type.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  if (type == kChunkType) return std::nullopt;
  return TusError(ApiError::kUnsupportedMediaType,
                  "send the bytes as Content-Type: application/offset+octet-stream, not '" + type.substr(0, 64) + "'");
}

// The state headers of an upload: offset, length, expiry, and once it is
// ingested the photo it became.
void AddState(HttpResponse& r, const media::UploadInfo& info) {
  r.headers.emplace_back("Upload-Offset", std::to_string(info.offset));
  r.headers.emplace_back("Upload-Length", std::to_string(info.length));
  r.headers.emplace_back("Upload-Expires", HttpDate(info.expires));
  // The metadata as the client gave it (the keys kept), as the protocol asks.
  std::string metadata;
  for (const auto& [key, value] : info.metadata) {
    metadata += (metadata.empty() ? "" : ",") + key + " " + base::Base64Encode(value);
  }
  if (!metadata.empty()) r.headers.emplace_back("Upload-Metadata", metadata);
  if (info.finished && info.photo_id > 0) r.headers.emplace_back("Upload-Photo", std::to_string(info.photo_id));
}

nlohmann::json StateJson(const media::UploadInfo& info) {
  nlohmann::json j = {{"id", info.id},
                      {"offset", info.offset},
                      {"length", info.length},
                      {"expires", HttpDate(info.expires)},
                      {"filename", info.metadata.count("filename") ? info.metadata.at("filename") : ""},
                      {"photo_id", nullptr},
                      {"error", nullptr}};
  if (info.finished && info.photo_id > 0) j["photo_id"] = info.photo_id;
  if (info.finished && info.photo_id == 0) {
    j["error"] = nlohmann::json::parse(info.outcome, nullptr, false);
  }
  return j;
}

// An ingest answer the client may retry with the same bytes (the server was
// busy or could not write): the upload stays complete and unfinished.
bool Transient(int status) { return status == 503 || status >= 500; }

}  // namespace

HttpResponse Api::TusOptions(const HttpRequest&) {
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  r.headers.emplace_back("Tus-Version", kTusVersion);
  r.headers.emplace_back("Tus-Extension", kExtensions);
  r.headers.emplace_back("Tus-Max-Size", std::to_string(ctx_.max_upload_bytes));
  r.headers.emplace_back("Tus-Checksum-Algorithm", "sha256");
  // Each request's body is held whole until it is written: a larger one is
  // refused (413) from its head. Clients size their chunks by it.
  r.headers.emplace_back("Upload-Max-Chunk-Size", std::to_string(ctx_.max_chunk_bytes));
  r.headers.emplace_back("Allow", "OPTIONS, POST");
  return WithTus(std::move(r));
}

std::optional<HttpResponse> Api::OwnUpload(const HttpRequest& req, media::UploadInfo* info) {
  const std::string id = req.Param("id");
  auto found = ctx_.uploads->Get(id, Now());
  // Another account's upload is answered as one that does not exist.
  if (!found.ok() || found->owner != req.principal.name) {
    if (found.ok() || found.status().code() == media::Status::Code::kNotFound) {
      return TusError(ApiError::kNotFound, "no upload " + id.substr(0, 64));
    }
    return WithTus(ErrorFromStatus(found.status()));
  }
  *info = std::move(*found);
  return std::nullopt;
}

HttpResponse Api::CreateUpload(const HttpRequest& req) {
  if (auto bad = CheckVersion(req)) return *bad;
  ctx_.metrics->CountTusBytes(req.body->size(), 0);
  if (!req.Header("Upload-Defer-Length").empty()) {
    return TusError(ApiError::kInvalidArgument, "Upload-Defer-Length is not supported: send Upload-Length");
  }
  auto length = ParseCount(req.Header("Upload-Length"));
  if (!length) return TusError(ApiError::kInvalidArgument, "Upload-Length must be the file's size in bytes");
  if (*length == 0) return TusError(ApiError::kInvalidArgument, "Upload-Length: an empty file is not a photo");
  if (*length > ctx_.max_upload_bytes) {
    return TusError(ApiError::kTooLarge, "Upload-Length " + std::to_string(*length) + " is over Tus-Max-Size " +
                                             std::to_string(ctx_.max_upload_bytes));
  }
  std::map<std::string, std::string> metadata;
  if (auto bad = ReadMetadata(req.Header("Upload-Metadata"), &metadata)) return *bad;
  // The file's type, when the client names it, is judged as POST /api/photos
  // judges its Content-Type: a file that is no image is refused before its bytes.
  if (metadata.count("filetype")) {
    const std::string& type = metadata["filetype"];
    if (!type.empty() && type.compare(0, 6, "image/") != 0 && type != "application/octet-stream") {
      return TusError(ApiError::kUnsupportedMediaType,
                      "send an image (filetype image/*), not '" + type.substr(0, 64) + "'");
    }
  }
  std::string checksum;
  if (!req.body->empty()) {
    if (auto bad = CheckChunkType(req)) return *bad;
    if (auto bad = ReadChecksum(req, &checksum)) return *bad;
    if (req.body->size() > *length) {
      return TusError(ApiError::kTooLarge, std::to_string(req.body->size()) + " bytes sent for an upload of " +
                                               std::to_string(*length));
    }
  }
  // The album and the meeting must exist now, as they must for POST /api/photos.
  const media::Audience everything = media::Audience::Everything();
  if (metadata.count("album") && !metadata["album"].empty()) {
    auto album = catalog().GetAlbum(metadata["album"], everything);
    if (!album.ok()) return WithTus(ErrorFromStatus(album.status()));
  }
  if (metadata.count("meeting") && !metadata["meeting"].empty()) {
    auto meeting = catalog().GetMeeting(metadata["meeting"], everything);
    if (!meeting.ok()) return WithTus(ErrorFromStatus(meeting.status()));
  }
  const std::string owner = req.principal.name;
  const std::uint64_t declared = *length;
  return Deferred([this, body = req.body, owner, declared, metadata, checksum] {
    // Hashed here, on an image worker, as POST /api/photos hashes its body.
    if (!checksum.empty() && media::Sha256Hex(body->data(), body->size()) != checksum) {
      return TusError(ApiError::kChecksumMismatch, "Upload-Checksum does not match the bytes sent; nothing was kept");
    }
    auto info = ctx_.uploads->Create(owner, declared, metadata, Now());
    if (!info.ok()) {
      const media::Status& s = info.status();
      if (s.code() == media::Status::Code::kLimitExceeded) return TusError(ApiError::kTooManyUploads, s.message());
      if (s.code() == media::Status::Code::kTooLarge) return TusError(ApiError::kUploadQuota, s.message());
      return WithTus(ErrorFromStatus(s));
    }
    const std::string location = "/api/uploads/" + info->id;
    HttpResponse r;
    if (!body->empty()) {
      r = WriteChunk(info->id, 0, *body, "");
    } else {
      r = WithTus(JsonResponse(StateJson(*info), 201));
      AddState(r, *info);
    }
    if (r.status == 204) {  // bytes taken, the file not whole yet: the creation's own answer
      r.status = 201;
      r.content_type = "application/json";
      auto now = ctx_.uploads->Get(info->id, Now());
      r.body = now.ok() ? StateJson(*now).dump() : "{}";
    }
    r.headers.emplace_back("Location", location);
    return r;
  });
}

HttpResponse Api::UploadState(const HttpRequest& req) {
  if (auto bad = CheckVersion(req)) return *bad;
  media::UploadInfo info;
  if (auto missing = OwnUpload(req, &info)) return *missing;
  HttpResponse r = WithTus(JsonResponse(StateJson(info)));
  AddState(r, info);
  return r;
}

HttpResponse Api::PatchUpload(const HttpRequest& req) {
  if (auto bad = CheckVersion(req)) return *bad;
  ctx_.metrics->CountTusBytes(req.body->size(), 0);
  if (auto bad = CheckChunkType(req)) return *bad;
  auto offset = ParseCount(req.Header("Upload-Offset"));
  if (!offset) return TusError(ApiError::kInvalidArgument, "Upload-Offset must be the offset in bytes");
  std::string checksum;
  if (auto bad = ReadChecksum(req, &checksum)) return *bad;
  media::UploadInfo info;
  if (auto missing = OwnUpload(req, &info)) return *missing;
  if (*offset != info.offset) {
    HttpResponse r = TusError(ApiError::kConflict, "the upload is at offset " + std::to_string(info.offset) +
                                                        ", not " + std::to_string(*offset));
    AddState(r, info);
    return r;
  }
  if (req.body->size() > info.length - info.offset) {
    return TusError(ApiError::kTooLarge, std::to_string(req.body->size()) + " bytes sent, but only " +
                                             std::to_string(info.length - info.offset) + " remain");
  }
  return Deferred([this, id = info.id, at = *offset, body = req.body, checksum] {
    return WriteChunk(id, at, *body, checksum);
  });
}

HttpResponse Api::WriteChunk(const std::string& id, std::uint64_t offset, const std::string& bytes,
                             const std::string& checksum) {
  // Hashed here, on an image worker, as POST /api/photos hashes its body.
  if (!checksum.empty() && media::Sha256Hex(bytes.data(), bytes.size()) != checksum) {
    return TusError(ApiError::kChecksumMismatch, "Upload-Checksum does not match the bytes sent; nothing was kept");
  }
  if (!ctx_.uploads->Claim(id)) {
    return TusError(ApiError::kConflict, "another request is writing upload " + id + "; retry after it");
  }
  struct Release {
    media::UploadStore* store;
    std::string id;
    ~Release() { store->Release(id); }
  } release{ctx_.uploads, id};
  auto info = ctx_.uploads->Get(id, Now());
  if (!info.ok()) return WithTus(ErrorFromStatus(info.status()));
  if (info->finished) {
    HttpResponse r = TusError(ApiError::kConflict, "upload " + id + " is complete");
    AddState(r, *info);
    return r;
  }
  auto written = ctx_.uploads->Append(id, offset, bytes, Now());
  if (!written.ok()) {
    const media::Status& s = written.status();
    HttpResponse r = s.code() == media::Status::Code::kConflict ? TusError(ApiError::kConflict, s.message())
                                                                 : WithTus(ErrorFromStatus(s));
    AddState(r, *info);
    return r;
  }
  ctx_.metrics->CountTusBytes(0, bytes.size());
  if (written->offset < written->length) {
    HttpResponse r;
    r.status = 204;
    r.content_type.clear();
    r = WithTus(std::move(r));
    AddState(r, *written);
    return r;
  }
  // The last byte is here (or an empty PATCH retries an ingest that could
  // not be made): the photo is ingested as POST /api/photos ingests it.
  IngestOptions options;
  // The part file, fsynced chunk by chunk, becomes the original itself where
  // the store can (a second name for it): the photo's bytes are not written
  // and fsynced twice.
  std::string read_back;
  const std::string* whole = &bytes;
  if (offset == 0 && bytes.size() == written->length) {
    // The whole file came in this request: its bytes are here, not read back.
    media::Status complete = ctx_.uploads->CheckComplete(id, &options.durable_source);
    if (!complete.ok()) return WithTus(ErrorFromStatus(complete));
  } else {
    auto part = ctx_.uploads->ReadComplete(id, &options.durable_source);
    if (!part.ok()) return WithTus(ErrorFromStatus(part.status()));
    read_back = std::move(*part);
    whole = &read_back;
  }
  options.filename = written->metadata["filename"];
  options.album_slug = written->metadata["album"];
  options.meeting_slug = written->metadata["meeting"];
  options.credit = written->metadata["credit"];
  options.uploaded_by = written->owner;
  Upload ingested = IngestOne(*whole, options);
  HttpResponse r = WithTus(ingested.response);
  if (Transient(r.status)) {
    AddState(r, *written);  // complete, not ingested: an empty PATCH at the end retries
    return r;
  }
  const std::int64_t photo_id = ingested.photo.is_null() ? 0 : ingested.photo.value("id", std::int64_t{0});
  media::Status finished = ctx_.uploads->Finish(id, photo_id, r.status, r.body);
  if (!finished.ok()) return WithTus(ErrorFromStatus(finished));
  written->finished = true;
  written->photo_id = photo_id;
  AddState(r, *written);
  return r;
}

HttpResponse Api::DeleteUpload(const HttpRequest& req) {
  if (auto bad = CheckVersion(req)) return *bad;
  media::UploadInfo info;
  if (auto missing = OwnUpload(req, &info)) return *missing;
  if (!ctx_.uploads->Claim(info.id)) {
    return TusError(ApiError::kConflict, "upload " + info.id + " is being written; retry after it");
  }
  media::Status removed = ctx_.uploads->Remove(info.id);
  ctx_.uploads->Release(info.id);
  if (!removed.ok()) return WithTus(ErrorFromStatus(removed));
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return WithTus(std::move(r));
}

}  // namespace gallery::http
