#include "service/users_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace gallery {

namespace {

media::Status LockError(const std::string& what, const std::string& path) {
  return media::Status::IOError(what + " " + path + ": " + std::strerror(errno));
}

// flock, retried when a signal interrupts it.
int Flock(int fd, int operation) {
  int rc;
  do rc = flock(fd, operation);
  while (rc != 0 && errno == EINTR);
  return rc;
}

}  // namespace

media::Result<UsersLock> UsersLock::Take(const std::string& path) {
  int fd = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return LockError("cannot open", path);
  if (Flock(fd, LOCK_EX | LOCK_NB) == 0) return UsersLock(fd, true);
  if (errno == EWOULDBLOCK && Flock(fd, LOCK_SH) == 0) return UsersLock(fd, false);
  media::Status error = LockError("cannot lock", path);
  close(fd);
  return error;
}

UsersLock::UsersLock(UsersLock&& other) noexcept : fd_(other.fd_), alone_(other.alone_) {
  other.fd_ = -1;
}

UsersLock::~UsersLock() {
  if (fd_ >= 0) close(fd_);
}

media::Status UsersLock::Share() {
  if (Flock(fd_, LOCK_SH) != 0) return media::Status::IOError(std::string("cannot share the users lock: ") + std::strerror(errno));
  return media::Status();
}

}  // namespace gallery
