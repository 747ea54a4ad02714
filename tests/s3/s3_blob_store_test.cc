// The object-store blob store against the real loopback gateway: put, get,
// ranges streamed in pieces, size, delete, list, multipart uploads (and their
// abort on failure), and a gateway that cannot be reached.
#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "fixtures/s3_gateway.h"
#include "fixtures/tcp_proxy.h"
#include "media/s3_blob_store.h"

namespace {

using media::Status;

class S3BlobStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why;
    gateway_ = s3_test::SharedGateway(&why);
    if (!gateway_ && !HasFailure()) GTEST_SKIP() << why;
    ASSERT_NE(gateway_, nullptr);
  }

  media::S3Location Location(const std::string& endpoint = "") const {
    media::S3Location loc;
    loc.endpoint = endpoint.empty() ? gateway_->endpoint : endpoint;
    loc.bucket = s3_test::UniqueBucket("blobs");
    loc.region = gateway_->region;
    loc.key = {gateway_->access_key, gateway_->secret_key};
    loc.connect_timeout_ms = 2000;
    loc.stall_timeout_s = 5;
    return loc;
  }

  std::unique_ptr<media::BlobStore> Open(media::S3Location loc, const std::string& prefix = "originals/") {
    auto store = media::OpenS3BlobStore(std::move(loc), prefix);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store.value()) : nullptr;
  }

  const s3_test::Gateway* gateway_ = nullptr;
};

std::string RandomBytes(std::size_t size, unsigned seed) {
  std::mt19937 gen(seed);
  std::string s(size, '\0');
  for (char& c : s) c = static_cast<char>(gen());
  return s;
}

TEST_F(S3BlobStoreTest, PutGetSizeRangeListRemove) {
  auto store = Open(Location());
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(300000, 1);
  ASSERT_TRUE(store->Put("ab/cd/one", bytes).ok());
  ASSERT_TRUE(store->Put("ab/ef/two", "2").ok());

  auto got = store->Get("ab/cd/one");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, bytes);
  auto size = store->Size("ab/cd/one");
  ASSERT_TRUE(size.ok()) << size.status().ToString();
  EXPECT_EQ(*size, bytes.size());

  std::string range;
  Status s = store->GetRange("ab/cd/one", 1000, 200000, [&](std::string_view piece) {
    range.append(piece);
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(range, bytes.substr(1000, 200000));
  EXPECT_EQ(store->GetRange("ab/cd/one", 299990, 11, [](std::string_view) { return true; }).code(),
            Status::Code::kInvalidArgument);

  auto all = store->List("");
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  std::sort(all->begin(), all->end());
  EXPECT_EQ(*all, (std::vector<std::string>{"ab/cd/one", "ab/ef/two"}));
  auto some = store->List("ab/e");
  ASSERT_TRUE(some.ok());
  EXPECT_EQ(*some, std::vector<std::string>{"ab/ef/two"});

  ASSERT_TRUE(store->Remove("ab/cd/one").ok());
  EXPECT_EQ(store->Get("ab/cd/one").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(store->Size("ab/cd/one").status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(store->Remove("ab/cd/one").ok()) << "a missing key is not an error";
  EXPECT_EQ(store->Describe("ab/ef/two").rfind("s3://t-", 0), 0u);
}

// A range comes in pieces as it arrives (never held whole), and a reader
// that stops ends the transfer.
TEST_F(S3BlobStoreTest, RangesAreStreamedAndCanBeStopped) {
  auto store = Open(Location());
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(3 << 20, 2);
  ASSERT_TRUE(store->Put("big", bytes).ok());
  int pieces = 0;
  std::size_t largest = 0, total = 0;
  Status s = store->GetRange("big", 0, bytes.size(), [&](std::string_view piece) {
    ++pieces;
    largest = std::max(largest, piece.size());
    total += piece.size();
    return true;
  });
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(total, bytes.size());
  EXPECT_GT(pieces, 10);
  EXPECT_LE(largest, std::size_t{1} << 20);
  int calls = 0;
  s = store->GetRange("big", 0, bytes.size(), [&](std::string_view) { return ++calls < 2; });
  EXPECT_EQ(s.code(), Status::Code::kIOError) << s.ToString();
  EXPECT_EQ(calls, 2);
}

// Values over the threshold go up in parts; the result reads back whole and
// across part boundaries, and no unfinished upload is left.
TEST_F(S3BlobStoreTest, MultipartUpload) {
  media::S3Location loc = Location();
  loc.multipart_threshold = 6 << 20;
  loc.part_size = 5 << 20;
  auto store = Open(loc);
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes((11 << 20) + 12345, 3);  // 3 parts
  Status s = store->Put("ab/cd/large", bytes);
  ASSERT_TRUE(s.ok()) << s.ToString();
  auto got = store->Get("ab/cd/large");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_TRUE(*got == bytes);
  std::string boundary;
  ASSERT_TRUE(store->GetRange("ab/cd/large", (5 << 20) - 10, 20, [&](std::string_view p) {
                      boundary.append(p);
                      return true;
                    }).ok());
  EXPECT_EQ(boundary, bytes.substr((5 << 20) - 10, 20));
  auto leftovers = store->ListLeftovers("");
  ASSERT_TRUE(leftovers.ok()) << leftovers.status().ToString();
  EXPECT_TRUE(leftovers->empty());
}

// A multipart upload cut in the middle fails, is aborted (nothing left
// unfinished), and leaves no value under the key.
TEST_F(S3BlobStoreTest, FailedMultipartUploadIsAborted) {
  http_test::TcpProxy proxy(gateway_->port);
  media::S3Location loc = Location("http://127.0.0.1:" + std::to_string(proxy.port()));
  loc.multipart_threshold = 6 << 20;
  loc.part_size = 5 << 20;
  auto store = Open(loc);
  ASSERT_NE(store, nullptr);
  const std::string bytes = RandomBytes(11 << 20, 4);
  proxy.CutAfter((7 << 20));  // inside the second part
  Status s = store->Put("ab/cd/cut", bytes);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(proxy.cuts(), 1);
  EXPECT_EQ(store->Size("ab/cd/cut").status().code(), Status::Code::kNotFound);
  auto leftovers = store->ListLeftovers("");
  ASSERT_TRUE(leftovers.ok()) << leftovers.status().ToString();
  EXPECT_TRUE(leftovers->empty()) << (*leftovers)[0];
}

// A gateway that cannot be reached is Busy (retry later), quickly, and the
// store works again once it is back.
TEST_F(S3BlobStoreTest, UnreachableGatewayIsBusyThenRecovers) {
  http_test::TcpProxy proxy(gateway_->port);
  auto store = Open(Location("http://127.0.0.1:" + std::to_string(proxy.port())));
  ASSERT_NE(store, nullptr);
  proxy.Refuse(true);
  auto start = std::chrono::steady_clock::now();
  Status s = store->Put("k", "bytes");
  EXPECT_EQ(s.code(), Status::Code::kBusy) << s.ToString();
  EXPECT_NE(s.message().find("cannot be reached"), std::string::npos) << s.message();
  EXPECT_EQ(store->Get("k").status().code(), Status::Code::kBusy);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  proxy.Refuse(false);
  ASSERT_TRUE(store->Put("k", "bytes").ok());
  auto got = store->Get("k");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, "bytes");
}

TEST_F(S3BlobStoreTest, WrongSecretIsRefused) {
  media::S3Location loc = Location();
  loc.key.secret_key += "x";
  auto store = media::OpenS3BlobStore(loc, "");
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kIOError) << store.status().ToString();
  EXPECT_NE(store.status().message().find("403"), std::string::npos) << store.status().message();
}

}  // namespace
