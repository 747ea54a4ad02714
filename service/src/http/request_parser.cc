#include "http/request_parser.h"

#include <algorithm>
#include <cctype>

#include <pistache/http_defs.h>

#include "base/strings.h"

namespace gallery::http {

namespace {

constexpr std::size_t kMaxChunkLine = 4096;

using base::AsciiLower;

std::string_view Trim(std::string_view s) { return base::TrimRight(base::TrimLeft(s, " \t"), " \t\r"); }

// The decimal value of `s`, saturating at 2^62; nullopt unless all digits.
std::optional<std::uint64_t> ParseLength(std::string_view s) {
  if (s.empty()) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    value = std::min<std::uint64_t>(value * 10 + static_cast<std::uint64_t>(c - '0'), 1ull << 62);
  }
  return value;
}

// The size on a chunk-size line (hex, extensions after ';' ignored).
std::optional<std::uint64_t> ParseChunkSize(std::string_view line) {
  line = Trim(line.substr(0, line.find(';')));
  if (line.empty() || line.size() > 15) return std::nullopt;
  std::uint64_t value = 0;
  for (char c : line) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return std::nullopt;
    int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : std::tolower(c) - 'a' + 10;
    value = value * 16 + static_cast<std::uint64_t>(digit);
  }
  return value;
}

// The head's request line and header fields; nullopt with `why` set when
// they are not well formed.
std::optional<RequestHead> ParseHead(std::string_view head, std::string& why) {
  RequestHead out;
  std::size_t eol = head.find("\r\n");
  std::string_view line = head.substr(0, eol);
  std::size_t sp1 = line.find(' ');
  std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.substr(sp2 + 1).substr(0, 7) != "HTTP/1.") {
    why = "malformed request line";
    return std::nullopt;
  }
  out.method = std::string(line.substr(0, sp1));
  out.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  std::size_t pos = eol + 2;
  while (pos < head.size()) {
    std::size_t end = head.find("\r\n", pos);
    line = head.substr(pos, end - pos);
    pos = end + 2;
    if (line.empty()) break;
    std::size_t colon = line.find(':');
    if (colon == 0 || colon == std::string_view::npos || line[0] == ' ' || line[0] == '\t') {
      why = "malformed header line";
      return std::nullopt;
    }
    out.headers.emplace_back(std::string(line.substr(0, colon)),
                             std::string(Trim(line.substr(colon + 1))));
  }
  return out;
}

}  // namespace

std::string RequestHead::Header(std::string_view name) const {
  std::string want = AsciiLower(name);
  for (const auto& [key, value] : headers) {
    if (AsciiLower(key) == want) return value;
  }
  return "";
}

RequestParser::RequestParser(RequestLimits limits, Judge judge, BodyLimit body_limit)
    : limits_(limits), judge_(std::move(judge)), body_limit_(std::move(body_limit)) {}

RequestParser::Stage RequestParser::stage() const {
  if (phase_ != Phase::kHead) return Stage::kBody;
  return head_.empty() ? Stage::kIdle : Stage::kHead;
}

std::vector<ParserEvent> RequestParser::Feed(std::string_view bytes) {
  std::vector<ParserEvent> out;
  while (!bytes.empty() && !refused_) {
    switch (phase_) {
      case Phase::kHead: TakeHead(bytes, out); break;
      case Phase::kLength: TakeLength(bytes, out); break;
      default: TakeChunked(bytes, out); break;
    }
  }
  return out;
}

void RequestParser::TakeHead(std::string_view& in, std::vector<ParserEvent>& out) {
  // Empty lines before a request line are ignored.
  if (head_.empty()) {
    while (!in.empty() && (in.front() == '\r' || in.front() == '\n')) in.remove_prefix(1);
    if (in.empty()) return;
  }
  std::size_t old = head_.size();
  head_.append(in.substr(0, limits_.max_head_bytes + 1 - std::min(old, limits_.max_head_bytes)));
  std::size_t end = head_.find("\r\n\r\n", old >= 3 ? old - 3 : 0);
  if (end == std::string::npos) {
    if (head_.size() > limits_.max_head_bytes) {
      return Refuse(ErrorResponse(ApiError::kHeadTooLarge,
                                  "the request head is over " +
                                      std::to_string(limits_.max_head_bytes) + " bytes"),
                    out);
    }
    in = {};
    return;
  }
  head_.resize(end + 4);
  in.remove_prefix(head_.size() - old);
  if (auto refusal = JudgeHead(head_)) return Refuse(std::move(*refusal), out);
  sent_ = head_.size();
  head_.clear();
  if (phase_ == Phase::kHead) return Complete(out);
  if (expect_continue_) out.push_back(ParserEvent{ParserEvent::kContinue, {}, {}});
}

void RequestParser::Complete(std::vector<ParserEvent>& out) {
  phase_ = Phase::kHead;
  out.push_back(ParserEvent{ParserEvent::kRequest, std::move(current_), {}});
  current_ = ParsedRequest{};
}

std::optional<HttpResponse> RequestParser::JudgeHead(const std::string& head) {
  std::string why;
  std::optional<RequestHead> parsed = ParseHead(head, why);
  if (!parsed) return ErrorResponse(ApiError::kInvalidArgument, why);
  const std::string& target = parsed->target;
  if (target.empty() || (target[0] != '/' && target != "*")) {
    return ErrorResponse(ApiError::kInvalidArgument, "the request target must be a path starting with '/'");
  }
  if (std::find(std::begin(kServedMethods), std::end(kServedMethods), parsed->method) ==
      std::end(kServedMethods)) {
    return ErrorResponse(ApiError::kNotImplemented, "the method '" + parsed->method.substr(0, 32) +
                                                 "' is not supported");
  }
  std::string length = parsed->Header("Content-Length");
  std::string coding = AsciiLower(parsed->Header("Transfer-Encoding"));
  std::string expect = AsciiLower(parsed->Header("Expect"));
  if (!length.empty() && !coding.empty()) {
    return ErrorResponse(ApiError::kInvalidArgument, "both Content-Length and Transfer-Encoding given");
  }
  payload_ = 0;
  remaining_ = 0;
  phase_ = Phase::kHead;
  max_body_ = limits_.max_upload_bytes;
  if (body_limit_) max_body_ = std::min<std::uint64_t>(max_body_, body_limit_(*parsed));
  if (!coding.empty()) {
    if (coding != "chunked") {
      return ErrorResponse(ApiError::kNotImplemented, "Transfer-Encoding '" + coding + "' is not supported");
    }
    phase_ = Phase::kChunkSize;
  } else if (!length.empty()) {
    std::optional<std::uint64_t> n = ParseLength(length);
    if (!n) return ErrorResponse(ApiError::kInvalidArgument, "Content-Length is not a number");
    if (*n > max_body_ ||
        (limits_.max_request_bytes && head.size() + *n > limits_.max_request_bytes)) {
      return ErrorResponse(ApiError::kTooLarge,
                           "the body (" + std::to_string(*n) + " bytes) is over the " +
                               std::to_string(max_body_) + " bytes " + parsed->method + " " +
                               parsed->target.substr(0, parsed->target.find('?')).substr(0, 200) +
                               " accepts");
    }
    remaining_ = *n;
    if (remaining_ > 0) phase_ = Phase::kLength;
  }
  if (!expect.empty() && expect != "100-continue") {
    return ErrorResponse(ApiError::kExpectationFailed, "Expect '" + expect + "' is not supported");
  }
  expect_continue_ = !expect.empty() && phase_ != Phase::kHead;
  if (judge_ && phase_ != Phase::kHead) {
    if (auto refusal = judge_(*parsed)) return refusal;
  }
  current_.http10 = head.compare(head.find("\r\n") - 8, 8, "HTTP/1.0") == 0;
  current_.head = std::move(*parsed);
  // The declared length, already within the route's limit: the body is
  // read into one buffer of its size, never copied to grow.
  current_.body.reserve(static_cast<std::size_t>(remaining_));
  return std::nullopt;
}

void RequestParser::TakeLength(std::string_view& in, std::vector<ParserEvent>& out) {
  std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, in.size()));
  current_.body.append(in.substr(0, n));
  in.remove_prefix(n);
  remaining_ -= n;
  if (remaining_ == 0) Complete(out);
}

void RequestParser::TakeChunked(std::string_view& in, std::vector<ParserEvent>& out) {
  if (phase_ == Phase::kChunkData || phase_ == Phase::kChunkDataEnd) {
    std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, in.size()));
    if (!CountSent(n, out)) return;
    if (phase_ == Phase::kChunkData) current_.body.append(in.substr(0, n));
    in.remove_prefix(n);
    remaining_ -= n;
    if (remaining_ > 0) return;
    if (phase_ == Phase::kChunkData) {
      phase_ = Phase::kChunkDataEnd;
      remaining_ = 2;  // the CRLF after the data
    } else {
      phase_ = Phase::kChunkSize;
    }
    return;
  }
  std::size_t taken = 0;
  bool whole = TakeLine(in, taken);
  in.remove_prefix(taken);
  if (!CountSent(taken, out)) return;
  if (line_.size() > kMaxChunkLine) {
    return Refuse(ErrorResponse(ApiError::kInvalidArgument, "a chunk line is over 4096 bytes"), out);
  }
  if (!whole) return;
  std::string line = std::move(line_);  // as sent, line end included
  line_.clear();
  std::string_view text = Trim(std::string_view(line).substr(0, line.find_first_of("\r\n")));
  if (phase_ == Phase::kTrailer) {
    // Trailer fields are read and dropped; the empty line ends the request.
    if (text.empty()) Complete(out);
    return;
  }
  std::optional<std::uint64_t> size = ParseChunkSize(text);
  if (!size) return Refuse(ErrorResponse(ApiError::kInvalidArgument, "malformed chunk size"), out);
  payload_ += *size;
  if (payload_ > max_body_) {
    return Refuse(ErrorResponse(ApiError::kTooLarge,
                                "the body is over the " + std::to_string(max_body_) +
                                    " bytes this route accepts"),
                  out);
  }
  remaining_ = *size;
  phase_ = *size == 0 ? Phase::kTrailer : Phase::kChunkData;
}

bool RequestParser::TakeLine(std::string_view& in, std::size_t& taken) {
  std::size_t eol = in.find('\n');
  taken = eol == std::string_view::npos ? in.size() : eol + 1;
  line_.append(in.substr(0, std::min(taken, kMaxChunkLine + 1)));
  return eol != std::string_view::npos;
}

bool RequestParser::CountSent(std::size_t n, std::vector<ParserEvent>& out) {
  sent_ += n;
  if (limits_.max_request_bytes == 0 || sent_ <= limits_.max_request_bytes) return true;
  Refuse(ErrorResponse(ApiError::kTooLarge,
                       "the request is over " + std::to_string(limits_.max_request_bytes) +
                           " bytes as sent"),
         out);
  return false;
}

void RequestParser::Refuse(HttpResponse response, std::vector<ParserEvent>& out) {
  refused_ = true;
  head_.clear();
  current_ = ParsedRequest{};
  out.push_back(ParserEvent{ParserEvent::kRefuse, {}, std::move(response)});
}

std::string SerializeResponse(const HttpResponse& response, bool keep_alive, bool head_only) {
  auto code = static_cast<Pistache::Http::Code>(response.status);
  std::string out;
  out.reserve(256 + response.body.size());
  out += "HTTP/1.1 " + std::to_string(response.status) + " " + Pistache::Http::codeString(code) + "\r\n";
  if (!response.content_type.empty()) out += "Content-Type: " + response.content_type + "\r\n";
  for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
  const bool bodiless = response.status < 200 || response.status == 204 || response.status == 304;
  if (!bodiless) out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  out += "X-Content-Type-Options: nosniff\r\n\r\n";
  if (!bodiless && !head_only) out += response.body;
  return out;
}

}  // namespace gallery::http
