// Who else has a data folder open: every process that opens the archive holds
// a shared lock on DIR/users.lock for as long as it runs (the kernel drops it
// when the process ends, however it ends). A process that finds no other
// holder may clear temporaries: nobody can be writing them.
#pragma once

#include <string>

#include "media/status.h"

namespace gallery {

class UsersLock {
 public:
  // Opens (creating) `path` and takes the lock exclusively if no other process
  // holds it, otherwise shared. Errors: kIOError when the file cannot be
  // opened or locked.
  static media::Result<UsersLock> Take(const std::string& path);

  UsersLock(UsersLock&& other) noexcept;
  UsersLock& operator=(UsersLock&&) = delete;
  UsersLock(const UsersLock&) = delete;
  ~UsersLock();

  // True when no other process had the folder open at Take.
  bool alone() const { return alone_; }
  // From exclusive to shared, so that others may open the folder too (call
  // it once the work reserved to a lone user is done). Waits while another
  // process holds the lock exclusively.
  media::Status Share();

 private:
  UsersLock(int fd, bool alone) : fd_(fd), alone_(alone) {}
  int fd_ = -1;
  bool alone_ = false;
};

}  // namespace gallery
