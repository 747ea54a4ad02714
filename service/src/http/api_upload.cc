// Uploads: POST /api/photos with the raw image as the body, or
// multipart/form-data with one or many files. The request is checked here;
// the photos are decoded and stored later, on the bounded worker pool
// (Deferred), which also makes the answer.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <optional>

#include "base/strings.h"
#include "http/api.h"
#include "http/multipart.h"
#include "http/status_map.h"
#include "http/url_codec.h"
#include "http/views.h"
#include "service/refusal.h"

namespace gallery::http {

namespace {

// The filename of a raw upload: X-Filename (percent-encoded or plain) or the
// filename parameter of Content-Disposition.
std::string RawFilename(const HttpRequest& req) {
  std::string name = req.Header("X-Filename");
  if (!name.empty()) return PercentDecode(name, false).value_or(name);
  std::string cd = req.Header("Content-Disposition");
  if (cd.empty()) return "";
  std::size_t at = cd.find("filename=");
  if (at == std::string::npos) return "";
  std::string v = cd.substr(at + 9);
  if (!v.empty() && v.front() == '"') {
    std::size_t end = v.find('"', 1);
    return end == std::string::npos ? "" : v.substr(1, end - 1);
  }
  return v.substr(0, v.find(';'));
}

// One line on the server's log for a refused file: its name (quoted, at most
// 200 bytes, control characters escaped) and the full reason.
void LogRefusal(const std::string& filename, const media::Status& status) {
  std::string line = "upload refused: " + base::QuotedForLog(filename, 200) + ": " + status.ToString() + "\n";
  for (char& c : line) {
    if (static_cast<unsigned char>(c) < 0x20) c = ' ';  // the libraries' text may hold line ends
  }
  line.back() = '\n';
  ssize_t ignored = write(2, line.data(), line.size());
  (void)ignored;
}

}  // namespace

Api::Upload Api::IngestOne(const std::string& bytes, const IngestOptions& options) {
  auto started = std::chrono::steady_clock::now();
  auto outcome = archive().Ingest(bytes, options);
  double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!outcome.ok()) {
    const media::Status& s = outcome.status();
    ctx_.metrics->CountIngest(s.code_name(), seconds);
    // The libraries' own words go to the log; the sender gets a plain
    // reason, and the file's name once, as its own field.
    std::optional<Refusal> refusal = RefusalOf(s, bytes);
    if (refusal) LogRefusal(options.filename, s);
    nlohmann::json error = {{"code", CodeOf(ErrorOf(s.code()))},
                            {"message", refusal ? refusal->message : ClientMessage(s)},
                            {"filename", options.filename}};
    if (refusal) error["reason"] = refusal->reason;
    HttpResponse r = JsonResponse(error, StatusOf(ErrorOf(s.code())));
    // Busy: a full queue, a locked catalog, an object store out of reach.
    if (s.code() == media::Status::Code::kBusy) r.headers.emplace_back("Retry-After", "1");
    return {std::move(r), nlohmann::json()};
  }
  ctx_.metrics->CountIngest(outcome->duplicate ? "duplicate" : "created", seconds);
  auto photo = catalog().GetPhoto(outcome->photo_id);
  if (!photo.ok()) return {ErrorFromStatus(photo.status()), nlohmann::json()};
  nlohmann::json j = PhotoJson(*photo, true);
  j["duplicate"] = outcome->duplicate;
  int status = outcome->duplicate ? 200 : 201;
  return {JsonResponse(j, status), j};
}

HttpResponse Api::UploadPhotos(const HttpRequest& req) {
  ctx_.metrics->CountUploadBytes(req.body->size());
  if (req.body->size() > ctx_.max_upload_bytes) {
    return ErrorResponse(ApiError::kTooLarge, "the body is over " + std::to_string(ctx_.max_upload_bytes) +
                                               " bytes");
  }
  IngestOptions options;
  options.album_slug = req.Query("album");
  options.meeting_slug = req.Query("meeting");
  options.credit = req.Query("credit");
  options.uploaded_by = req.principal.name;
  std::string content_type = req.Header("Content-Type");
  if (auto boundary = FormDataBoundary(content_type)) return UploadForm(req, *boundary, options);
  std::string type = content_type.substr(0, content_type.find(';'));
  if (type.compare(0, 6, "image/") != 0 && type != "application/octet-stream") {
    return ErrorResponse(ApiError::kUnsupportedMediaType,
                         "send an image (Content-Type image/*) or multipart/form-data, not '" + type + "'");
  }
  options.filename = RawFilename(req);
  if (options.filename.empty()) {
    return ErrorResponse(ApiError::kInvalidArgument, "name the file in X-Filename or Content-Disposition");
  }
  if (req.body->empty()) return ErrorResponse(ApiError::kInvalidArgument, options.filename + ": empty body");
  return Deferred([this, body = req.body, options] { return IngestOne(*body, options).response; });
}

HttpResponse Api::UploadForm(const HttpRequest& req, const std::string& boundary,
                             IngestOptions options) {
  auto parts = ParseFormData(*req.body, boundary);
  if (!parts.ok()) return ErrorFromStatus(parts.status());
  std::vector<const FormPart*> files;
  for (const FormPart& part : *parts) {
    if (part.filename) {
      files.push_back(&part);
    } else if (part.name == "album") {
      options.album_slug = std::string(part.data);
    } else if (part.name == "meeting") {
      options.meeting_slug = std::string(part.data);
    } else if (part.name == "credit") {
      options.credit = std::string(part.data);
    }
  }
  if (files.empty()) return ErrorResponse(ApiError::kInvalidArgument, "the form holds no file");
  // The parts' data are views into the body, which outlives the job.
  std::vector<std::pair<std::string, std::string_view>> named;
  for (const FormPart* file : files) named.emplace_back(*file->filename, file->data);
  return Deferred([this, named, options]() mutable {
    if (named.size() == 1) {
      options.filename = named[0].first;
      return IngestOne(std::string(named[0].second), options).response;
    }
    nlohmann::json items = nlohmann::json::array();
    for (const auto& [filename, data] : named) {
      options.filename = filename;
      Upload one = IngestOne(std::string(data), options);
      nlohmann::json item = {{"filename", filename}, {"status", one.response.status}};
      if (one.photo.is_null()) {
        item["error"] = nlohmann::json::parse(one.response.body);
      } else {
        item["photo"] = one.photo;
      }
      items.push_back(item);
    }
    return JsonResponse({{"items", items}});
  });
}

}  // namespace gallery::http
