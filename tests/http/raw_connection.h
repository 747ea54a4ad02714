// One loopback TCP connection driven byte by byte, for tests of connection
// handling (keep-alive, interim answers) that a one-request client cannot
// show.
#pragma once

#include <string>

namespace http_test {

class RawConnection {
 public:
  // Connects to 127.0.0.1:`port`; connected() tells whether it worked.
  // A `receive_buffer` in bytes (0: the system's) makes the server's writes
  // fill the socket sooner. `source`, a loopback address such as
  // "127.0.0.2", connects from that address instead of the system's choice.
  explicit RawConnection(int port, int receive_buffer = 0, const char* source = nullptr);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const { return fd_ >= 0; }
  // Writes all of `bytes`; false when the peer is gone.
  bool Write(const std::string& bytes);
  // Reads until the buffer holds one whole answer head (up to the blank
  // line), waiting at most `timeout_ms`; returns the head and keeps what
  // follows it. "" on timeout or a closed connection.
  std::string ReadHead(int timeout_ms);
  // Reads `n` body bytes following a head (what ReadHead kept first);
  // shorter on timeout or a closed connection.
  std::string ReadBody(std::size_t n, int timeout_ms);
  // True when the peer closes the connection (or resets it) within
  // `timeout_ms` with nothing more to read.
  bool ClosedWithin(int timeout_ms);

 private:
  // Appends what arrives within `timeout_ms`; false on close or timeout.
  bool Fill(int timeout_ms);
  int fd_ = -1;
  std::string buffer_;
};

// The status code of an answer head ("HTTP/1.1 200 OK..." -> 200), 0 if
// none.
int StatusOf(const std::string& head);
// The value of header `name` (case-insensitive) in `head`, or "".
std::string HeaderOf(const std::string& head, const std::string& name);

}  // namespace http_test
