// What a handler sees and what it answers, independent of the HTTP library:
// handlers are plain functions from HttpRequest to HttpResponse, so the
// server's one dispatch path does the conversion, the logging, the metrics
// and the error mapping.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "media/catalog.h"

namespace gallery::http {

// Who is asking: anonymous, or the holder of a token / session.
struct Principal {
  bool authenticated = false;
  media::Role role = media::Role::kViewer;
  std::string name;       // the token's label or the user's name
  std::string share_album;  // a share link opens this one album
};

// What a route asks of its caller.
enum class Access {
  kPublic,  // anyone (what each may see is decided in the catalog's queries)
  kEditor,  // an editor or an admin
  kAdmin,   // an admin
};

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // the path without the query string
  std::map<std::string, std::string> params;  // path parameters, without ':'
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
  std::function<std::optional<std::string>(const std::string&)> header;  // by name
  const std::string* body = nullptr;
  Principal principal;
  std::string peer;  // the socket's peer address ("127.0.0.1", "::1"); "" when unknown

  // The first value of query parameter `name`, or "".
  std::string Query(const std::string& name) const;
  // The header `name` (case-insensitive), or "".
  std::string Header(const std::string& name) const;
  // The path parameter `name`, or "".
  std::string Param(const std::string& name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the body is produced after the headers are sent, piece by piece
  // (chunked transfer encoding), on a thread of its own rather than an HTTP
  // thread: `stream` is called once with `write`, which delivers one piece,
  // blocks until the connection has taken it and returns false once the
  // client is gone (stop then). `body` is then ignored.
  std::function<void(const std::function<bool(std::string_view)>& write)> stream;
  // When set, the answer is not made yet: the server queues `deferred` on
  // the image workers and sends the response it returns, so the HTTP thread
  // goes on with other connections meanwhile (a full queue: 503 busy at
  // once). The request's body stays alive until then; nothing else of the
  // request does, so `deferred` captures what it needs by value. Everything
  // else here is then ignored.
  std::function<HttpResponse()> deferred;
};

// An answer made later on the image workers by `job` (see `deferred`).
inline HttpResponse Deferred(std::function<HttpResponse()> job) {
  HttpResponse r;
  r.deferred = std::move(job);
  return r;
}

// 200 (or `status`) with `value` serialised as the body.
HttpResponse JsonResponse(const nlohmann::json& value, int status = 200);
// 204 with no body and no Content-Type (a deletion done).
HttpResponse NoContent();
// Every error the server answers. Its HTTP status and its JSON code are
// chosen in one table (http_types.cc) and nowhere else.
enum class ApiError {
  kInvalidArgument,  // 400 invalid_argument: a malformed request or a bad value
  kUnauthenticated,  // 401 unauthenticated: no valid credentials
  kForbidden,  // 403 forbidden: credentials without the role the route needs
  kCsrf,  // 403 csrf: a session's change without its CSRF token
  kNotFound,  // 404 not_found: nothing there, or nothing the asker may see
  kNoRoute,  // 404 no_route: no route has this path
  kMethodNotAllowed,  // 405 method_not_allowed: the path has no route for this method
  kRequestTimeout,  // 408 timeout: the request did not come whole within its time limit
  kConflict,  // 409 conflict: the name is taken or the state does not allow it
  kOwnAccount,  // 409 own_account: an admin may not lock themselves out
  kGone,  // 410 gone: a one-time address that was used (the first-run setup)
  kTooLarge,  // 413 too_large: a body over its route's limit
  kUnsupportedMediaType,  // 415 unsupported: a file or body type that is not accepted
  kRangeNotSatisfiable,  // 416 range_not_satisfiable: a byte range outside the file
  kExpectationFailed,  // 417 unsupported: an Expect header other than 100-continue
  kCorrupt,  // 422 corrupt: an accepted type whose bytes cannot be read
  kLimitExceeded,  // 422 limit_exceeded: a sound file with a part over a fixed limit
  kTooManyAttempts,  // 429 too_many_attempts: login failures over the limit
  kTooManyUploads,  // 429 too_many_uploads: unfinished resumable uploads over the account's limit
  kUploadQuota,  // 413 upload_quota: unfinished resumable uploads' bytes over the account's quota
  kTusVersion,  // 412 tus_version: a resumable upload request without Tus-Resumable: 1.0.0
  kChecksumMismatch,  // 460 checksum_mismatch: a chunk whose Upload-Checksum does not match (discarded)
  kHeadTooLarge,  // 431 too_large: request headers over their limit
  kInternal,  // 500 internal: a fault of the server
  kIoError,  // 500 io_error: the server could not read or write its files
  kNotImplemented,  // 501 unsupported: a method or framing the server does not implement
  kBusy,  // 503 busy: at capacity; retry after Retry-After
  kNoSpace,  // 507 no_space: out of disk space
};
int StatusOf(ApiError error);
const char* CodeOf(ApiError error);
// Every code an error answer can carry, each once, in ApiError's order.
std::vector<std::string> ErrorCodes();

// An error: {"code": CodeOf(error), "message": message} with StatusOf(error).
HttpResponse ErrorResponse(ApiError error, const std::string& message);
// 503 "busy" with `message` and a Retry-After of `retry_after_s` seconds.
HttpResponse BusyResponse(const std::string& message, int retry_after_s);

}  // namespace gallery::http
