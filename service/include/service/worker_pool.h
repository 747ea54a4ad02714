// A fixed set of worker threads fed by a bounded queue: where images are
// decoded, never on the HTTP threads. A full queue refuses work (TrySubmit)
// so the server can answer 503 with Retry-After instead of piling up memory.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace gallery {

// Thread-safe. The destructor finishes every queued task, then joins.
class WorkerPool {
 public:
  WorkerPool(int threads, std::size_t queue_capacity);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; false (and `task` not run) when the queue is full.
  bool TrySubmit(std::function<void()> task);
  // Queues `task`, waiting while the queue is full.
  void Submit(std::function<void()> task);
  // Waits until every queued and running task has finished.
  void Wait();
  // Tasks waiting (not yet running).
  std::size_t queue_depth() const;
  std::size_t capacity() const { return capacity_; }
  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  void Run();
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable work_ready_, space_ready_, idle_;
  std::deque<std::function<void()>> queue_;
  std::size_t running_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace gallery
