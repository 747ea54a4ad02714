#include "http/http_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace http_test {

namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string Trim(const std::string& s) {
  std::size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

std::string Dechunk(const std::string& in) {
  std::string out;
  std::size_t pos = 0;
  while (pos < in.size()) {
    std::size_t eol = in.find("\r\n", pos);
    if (eol == std::string::npos) throw std::runtime_error("bad chunk header");
    std::size_t size = std::stoul(in.substr(pos, eol - pos), nullptr, 16);
    if (size == 0) break;
    if (eol + 2 + size > in.size()) throw std::runtime_error("truncated chunk");
    out += in.substr(eol + 2, size);
    pos = eol + 2 + size + 2;
  }
  return out;
}

Reply Parse(const std::string& raw) {
  Reply reply;
  std::size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return reply;
  std::size_t line_end = raw.find("\r\n");
  std::string status_line = raw.substr(0, line_end);
  std::size_t sp = status_line.find(' ');
  reply.status = std::stoi(status_line.substr(sp + 1, 3));
  std::size_t pos = line_end + 2;
  while (pos < end) {
    std::size_t eol = raw.find("\r\n", pos);
    std::string line = raw.substr(pos, eol - pos);
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      reply.headers[Lower(Trim(line.substr(0, colon)))] = Trim(line.substr(colon + 1));
    }
    pos = eol + 2;
  }
  reply.body = raw.substr(end + 4);
  if (Lower(reply.Header("transfer-encoding")) == "chunked") {
    reply.chunked = true;
    reply.body = Dechunk(reply.body);
  }
  return reply;
}

// True once `raw` holds a whole answer: by its Content-Length, or up to the
// last chunk. (The server may keep the connection open.)
bool Complete(const std::string& raw) {
  std::size_t end = raw.find("\r\n\r\n");
  if (end == std::string::npos) return false;
  std::string head = Lower(raw.substr(0, end + 2));
  if (head.rfind("http/1.1 304", 0) == 0) return true;
  std::size_t cl = head.find("\r\ncontent-length:");
  if (cl != std::string::npos) {
    return raw.size() >= end + 4 + std::stoul(head.substr(cl + 17));
  }
  if (head.find("\r\ntransfer-encoding: chunked") != std::string::npos) {
    return raw.size() >= end + 4 + 5 && raw.compare(raw.size() - 5, 5, "0\r\n\r\n") == 0;
  }
  return false;
}

}  // namespace

std::string Reply::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

Reply SendRaw(int port, const std::string& raw) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return {};
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return {};
  }
  std::size_t sent = 0;
  while (sent < raw.size()) {
    ssize_t n = send(fd, raw.data() + sent, raw.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer (413) before reading everything
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buf[65536];
  while (!Complete(answer)) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 60000) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    answer.append(buf, static_cast<std::size_t>(n));
  }
  close(fd);
  return Parse(answer);
}

Reply Send(int port, const std::string& method, const std::string& path, const Headers& headers,
           const std::string& body) {
  std::string raw = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  for (const auto& [name, value] : headers) raw += name + ": " + value + "\r\n";
  if (!body.empty() || method != "GET") {
    raw += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  raw += "\r\n" + body;
  return SendRaw(port, raw);
}

}  // namespace http_test
