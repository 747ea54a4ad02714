#include "http/http_types.h"

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

HttpResponse ErrorResponse(int status, const std::string& code, const std::string& message) {
  return JsonResponse({{"code", code}, {"message", message}}, status);
}

HttpResponse BusyResponse(const std::string& message, int retry_after_s) {
  HttpResponse r = ErrorResponse(503, "busy", message);
  r.headers.emplace_back("Retry-After", std::to_string(retry_after_s));
  return r;
}

}  // namespace gallery::http
