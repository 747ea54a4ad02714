#include "service/worker_pool.h"

namespace gallery {

WorkerPool::WorkerPool(int threads, std::size_t queue_capacity)
    : capacity_(queue_capacity > 0 ? queue_capacity : 1) {
  if (threads < 1) threads = 1;
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Run(); });
}

WorkerPool::~WorkerPool() {
  {
    std::lock_guard<std::mutex> l(mu_);
    stopping_ = true;
  }
  work_ready_.notify_all();
  for (auto& t : threads_) t.join();
}

bool WorkerPool::TrySubmit(std::function<void()> task) {
  {
    std::lock_guard<std::mutex> l(mu_);
    if (stopping_ || queue_.size() >= capacity_) return false;
    queue_.push_back(std::move(task));
  }
  work_ready_.notify_one();
  return true;
}

void WorkerPool::Submit(std::function<void()> task) {
  {
    std::unique_lock<std::mutex> l(mu_);
    space_ready_.wait(l, [this] { return queue_.size() < capacity_; });
    queue_.push_back(std::move(task));
  }
  work_ready_.notify_one();
}

void WorkerPool::Wait() {
  std::unique_lock<std::mutex> l(mu_);
  idle_.wait(l, [this] { return queue_.empty() && running_ == 0; });
}

std::size_t WorkerPool::queue_depth() const {
  std::lock_guard<std::mutex> l(mu_);
  return queue_.size();
}

void WorkerPool::Run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> l(mu_);
      work_ready_.wait(l, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left to do
      task = std::move(queue_.front());
      queue_.pop_front();
      ++running_;
    }
    space_ready_.notify_one();
    task();
    {
      std::lock_guard<std::mutex> l(mu_);
      --running_;
      if (queue_.empty() && running_ == 0) idle_.notify_all();
    }
  }
}

}  // namespace gallery
