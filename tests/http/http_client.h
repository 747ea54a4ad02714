// A small HTTP/1.1 client for the integration tests: one request per
// connection (Connection: close) to 127.0.0.1, the whole answer read back,
// chunked bodies decoded.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace http_test {

struct Reply {
  int status = 0;                              // 0: no answer (connection failed)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  bool chunked = false;
  std::string Header(const std::string& lower_name) const;
};

using Headers = std::vector<std::pair<std::string, std::string>>;

// Sends `method path` with `headers` and `body` to 127.0.0.1:`port`.
// Content-Length is added when `body` is not empty or the method is not GET.
Reply Send(int port, const std::string& method, const std::string& path,
           const Headers& headers = {}, const std::string& body = "");

// Sends `raw` bytes as they are and returns the parsed answer.
Reply SendRaw(int port, const std::string& raw);

}  // namespace http_test
