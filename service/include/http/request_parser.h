// Reading requests from a connection's bytes (HTTP/1.1 framing: heads,
// Content-Length and chunked bodies) and writing answers as bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/http_types.h"

namespace gallery::http {

struct RequestLimits {
  std::size_t max_upload_bytes = 256u << 20;  // largest body (decoded) accepted on any route
  std::size_t max_request_bytes = 0;          // head + body as sent; 0: no limit
  std::size_t max_head_bytes = 32u << 10;     // request line and headers
};

// What a request head says that decides whether it is read at all.
struct RequestHead {
  std::string method;
  std::string target;  // as sent, query string included
  std::vector<std::pair<std::string, std::string>> headers;  // names as sent
  // The value of header `name` (case-insensitive), or "".
  std::string Header(std::string_view name) const;
};

// The methods the server answers; the parser refuses any other with a 501.
inline constexpr const char* kServedMethods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};

// A request read whole: its head and its body (decoded from chunks).
struct ParsedRequest {
  RequestHead head;
  bool http10 = false;  // "HTTP/1.0": the connection closes unless it asks to stay
  std::string body;
};

// One thing to do with a connection, in order.
struct ParserEvent {
  enum Kind {
    kRequest,   // `request` was read whole: answer it
    kContinue,  // write "HTTP/1.1 100 Continue" now: the client waits for it
    kRefuse,    // write `response` with Connection: close and stop reading
  };
  Kind kind = kRequest;
  ParsedRequest request;
  HttpResponse response;
};

// The one HTTP/1.1 request parser of a connection. Each request head is read
// whole and judged first (its declared body size, its framing, an
// `Expect: 100-continue`), and a chunked body is counted as it comes, so a
// request the server would refuse is refused at once, in JSON, without
// reading its body. Not thread-safe (a connection's bytes come from one
// thread). After a kRefuse every further byte is dropped.
class RequestParser {
 public:
  // `judge` may refuse a request from its head alone (e.g. missing
  // credentials); it is asked only about heads the parser itself accepts and
  // that announce a body (Content-Length over 0, or chunked), before any of
  // that body is read. Bodiless requests are judged when they are answered,
  // as usual, so they do not pay for two checks.
  using Judge = std::function<std::optional<HttpResponse>(const RequestHead&)>;
  // `body_limit` gives the largest body (decoded) the head's route accepts,
  // e.g. a small one for JSON routes; it is capped by max_upload_bytes, and
  // without it every route takes max_upload_bytes. A declared body over it
  // is refused (413) from the head, a chunked one once its chunks pass it.
  using BodyLimit = std::function<std::size_t(const RequestHead&)>;
  explicit RequestParser(RequestLimits limits, Judge judge = nullptr, BodyLimit body_limit = nullptr);

  // Takes the next bytes received; returns what to do, in order.
  std::vector<ParserEvent> Feed(std::string_view bytes);
  bool refused() const { return refused_; }

  // How far the next request has come: nothing of it yet, part of its head,
  // or its head and part of its body.
  enum class Stage { kIdle, kHead, kBody };
  Stage stage() const;

 private:
  enum class Phase { kHead, kLength, kChunkSize, kChunkData, kChunkDataEnd, kTrailer };
  // Each consumes from the front of `in`, appending events.
  void TakeHead(std::string_view& in, std::vector<ParserEvent>& out);
  void TakeLength(std::string_view& in, std::vector<ParserEvent>& out);
  void TakeChunked(std::string_view& in, std::vector<ParserEvent>& out);
  // Appends one line of a chunked body (line end included) to line_, at
  // most 4097 bytes of it; `taken` bytes of `in` are used up.
  // True once the line is whole.
  bool TakeLine(std::string_view& in, std::size_t& taken);
  // Decides a whole head: sets the body phase and current_, or returns the
  // refusal.
  std::optional<HttpResponse> JudgeHead(const std::string& head);
  void Refuse(HttpResponse response, std::vector<ParserEvent>& out);
  // The request read so far is whole.
  void Complete(std::vector<ParserEvent>& out);
  // Counts `n` more bytes of this request as sent; false (and a refusal
  // appended) when that passes the request limit.
  bool CountSent(std::size_t n, std::vector<ParserEvent>& out);

  RequestLimits limits_;
  Judge judge_;
  BodyLimit body_limit_;
  std::uint64_t max_body_ = 0;     // the largest body of this request (decoded)
  Phase phase_ = Phase::kHead;
  bool refused_ = false;
  bool expect_continue_ = false;
  std::string head_;               // the head read so far
  ParsedRequest current_;          // the request whose body is being read
  std::string line_;               // a chunk-size or trailer line read so far, as sent
  std::uint64_t remaining_ = 0;    // body (kLength) or chunk (kChunkData) bytes still due
  std::uint64_t payload_ = 0;      // decoded body bytes of this request
  std::uint64_t sent_ = 0;         // head and body bytes of this request as sent
};

// The whole answer `response` as written on the wire, with Content-Length
// (none on 1xx, 204 and 304), `Connection: keep-alive` or `close`, and
// nosniff. With `head_only` (the answer to a HEAD request) the body is left
// out; Content-Length still gives its size.
std::string SerializeResponse(const HttpResponse& response, bool keep_alive, bool head_only = false);
inline std::string SerializeClosingResponse(const HttpResponse& response, bool head_only = false) {
  return SerializeResponse(response, false, head_only);
}

}  // namespace gallery::http
