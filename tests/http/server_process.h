// The real `gallery serve` process on a free loopback port, for the
// integration tests: started with --port 0, its port read from the line it
// prints once ready, stopped (SIGTERM, then SIGKILL) when the object goes.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace http_test {

class ServerProcess {
 public:
  // Starts `gallery serve --data data_dir --port 0 extra_args...` and waits
  // (up to 30 s) for its "listening on" line. Throws when it does not come.
  explicit ServerProcess(const std::string& data_dir, const std::vector<std::string>& extra_args = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  // Sends `signal` and waits for the exit; the exit status (128+signal when
  // killed by a signal), or -1 after a 10 s timeout (then SIGKILL).
  int Stop(int signal);
  // Everything the server wrote on stderr so far.
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string log_path_;
};

}  // namespace http_test
