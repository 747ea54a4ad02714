#include "http/http_types.h"

#include <algorithm>

namespace gallery::http {

std::string HttpRequest::Query(const std::string& name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return "";
}

std::string HttpRequest::Header(const std::string& name) const {
  if (!header) return "";
  return header(name).value_or("");
}

std::string HttpRequest::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

HttpResponse JsonResponse(const nlohmann::json& value, int status) {
  HttpResponse r;
  r.status = status;
  r.body = value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

HttpResponse NoContent() {
  HttpResponse r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

namespace {

struct ErrorRow {
  ApiError error;
  int status;
  const char* code;
};

// The one table of error statuses and codes, in ApiError's order.
constexpr ErrorRow kErrors[] = {
    {ApiError::kInvalidArgument, 400, "invalid_argument"},
    {ApiError::kUnauthenticated, 401, "unauthenticated"},
    {ApiError::kForbidden, 403, "forbidden"},
    {ApiError::kCsrf, 403, "csrf"},
    {ApiError::kNotFound, 404, "not_found"},
    {ApiError::kNoRoute, 404, "no_route"},
    {ApiError::kMethodNotAllowed, 405, "method_not_allowed"},
    {ApiError::kRequestTimeout, 408, "timeout"},
    {ApiError::kConflict, 409, "conflict"},
    {ApiError::kOwnAccount, 409, "own_account"},
    {ApiError::kGone, 410, "gone"},
    {ApiError::kTooLarge, 413, "too_large"},
    {ApiError::kUnsupportedMediaType, 415, "unsupported"},
    {ApiError::kRangeNotSatisfiable, 416, "range_not_satisfiable"},
    {ApiError::kExpectationFailed, 417, "unsupported"},
    {ApiError::kCorrupt, 422, "corrupt"},
    {ApiError::kLimitExceeded, 422, "limit_exceeded"},
    {ApiError::kTooManyAttempts, 429, "too_many_attempts"},
    {ApiError::kTooManyUploads, 429, "too_many_uploads"},
    {ApiError::kUploadQuota, 413, "upload_quota"},
    {ApiError::kTusVersion, 412, "tus_version"},
    {ApiError::kChecksumMismatch, 460, "checksum_mismatch"},
    {ApiError::kHeadTooLarge, 431, "too_large"},
    {ApiError::kInternal, 500, "internal"},
    {ApiError::kIoError, 500, "io_error"},
    {ApiError::kNotImplemented, 501, "unsupported"},
    {ApiError::kBusy, 503, "busy"},
    {ApiError::kNoSpace, 507, "no_space"},
};

const ErrorRow& RowOf(ApiError error) {
  const ErrorRow& row = kErrors[static_cast<int>(error)];
  return row.error == error ? row : kErrors[static_cast<int>(ApiError::kInternal)];
}

}  // namespace

int StatusOf(ApiError error) { return RowOf(error).status; }
const char* CodeOf(ApiError error) { return RowOf(error).code; }

std::vector<std::string> ErrorCodes() {
  std::vector<std::string> out;
  for (const ErrorRow& row : kErrors) {
    if (std::find(out.begin(), out.end(), row.code) == out.end()) out.emplace_back(row.code);
  }
  return out;
}

HttpResponse ErrorResponse(ApiError error, const std::string& message) {
  return JsonResponse({{"code", CodeOf(error)}, {"message", message}}, StatusOf(error));
}

HttpResponse BusyResponse(const std::string& message, int retry_after_s) {
  HttpResponse r = ErrorResponse(ApiError::kBusy, message);
  r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  return r;
}

}  // namespace gallery::http
