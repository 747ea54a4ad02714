#include "service/worker_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>

namespace {

TEST(WorkerPoolTest, RunsEveryTask) {
  std::atomic<int> done{0};
  {
    gallery::WorkerPool pool(2, 4);
    for (int i = 0; i < 100; ++i) pool.Submit([&] { done.fetch_add(1); });
    pool.Wait();
    EXPECT_EQ(done.load(), 100);
  }
}

TEST(WorkerPoolTest, FullQueueRefusesInsteadOfGrowing) {
  gallery::WorkerPool pool(1, 2);
  std::promise<void> release;
  std::shared_future<void> gate = release.get_future().share();
  std::atomic<int> started{0};
  ASSERT_TRUE(pool.TrySubmit([&, gate] { started++; gate.wait(); }));
  while (started.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_TRUE(pool.TrySubmit([gate] { gate.wait(); }));
  EXPECT_TRUE(pool.TrySubmit([gate] { gate.wait(); }));
  EXPECT_FALSE(pool.TrySubmit([] {})) << "a third queued task exceeds the capacity of 2";
  EXPECT_EQ(pool.queue_depth(), 2u);
  release.set_value();
  pool.Wait();
  EXPECT_EQ(pool.queue_depth(), 0u);
  EXPECT_TRUE(pool.TrySubmit([] {}));
}

}  // namespace
