// `gallery serve --store s3://...` against the real loopback gateway (reached
// through a proxy that can refuse connections, as a gateway that is down):
// an upload's original lands in the bucket, downloads whole and in a range,
// is deleted and collected; an original stored without its row (a crash in
// between) is reported by `gallery check` and removed by `gallery gc`; while
// the gateway cannot be reached uploads answer 503 with Retry-After and
// leave nothing behind, and the service recovers by itself.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "fixtures/api_fixture.h"
#include "fixtures/s3_gateway.h"
#include "fixtures/tcp_proxy.h"
#include "media/original_store.h"
#include "media/s3_blob_store.h"
#include "media/sha256.h"

namespace {

using http_test::Jpeg;
using http_test::Reply;
using media::Status;

class S3ServeTest : public http_test::ApiTest {
 protected:
  void SetUp() override {
    std::string why;
    gateway_ = s3_test::SharedGateway(&why);
    if (!gateway_ && !HasFailure()) GTEST_SKIP() << why;
    ASSERT_NE(gateway_, nullptr);
    proxy_ = std::make_unique<http_test::TcpProxy>(gateway_->port);
    // Credentials reach the server through its environment only.
    ::setenv("GALLERY_S3_ACCESS_KEY", gateway_->access_key.c_str(), 1);
    ::setenv("GALLERY_S3_SECRET_KEY", gateway_->secret_key.c_str(), 1);
    bucket_ = s3_test::UniqueBucket("serve");
    store_ = "s3://" + bucket_ + "?endpoint=http://127.0.0.1:" + std::to_string(proxy_->port()) +
             "&region=" + gateway_->region;
  }

  // The originals in the bucket, read directly (not through the proxy).
  media::OriginalStore Originals() {
    media::S3Location loc;
    loc.endpoint = gateway_->endpoint;
    loc.bucket = bucket_;
    loc.region = gateway_->region;
    loc.key = {gateway_->access_key, gateway_->secret_key};
    auto blobs = media::OpenS3BlobStore(loc, "originals/");
    EXPECT_TRUE(blobs.ok()) << blobs.status().ToString();
    return media::OriginalStore(std::move(blobs.value()));
  }

  std::size_t PhotoCount() {
    Reply r = Get("/api/photos", Editor());
    EXPECT_EQ(r.status, 200) << r.body;
    nlohmann::json j = nlohmann::json::parse(r.body);
    return j["items"].size();
  }

  const s3_test::Gateway* gateway_ = nullptr;
  std::unique_ptr<http_test::TcpProxy> proxy_;
  std::string bucket_, store_;
};

TEST_F(S3ServeTest, UploadDownloadRangeDeleteCollect) {
  StartServer({"--store", store_});
  const std::string bytes = Jpeg(1, "Plenary", "", 640, 480);
  const std::string sha = media::Sha256Hex(bytes.data(), bytes.size());
  const std::string id = std::to_string(UploadPhoto(bytes, "plenary.jpg")["id"].get<int>());

  // The original is in the bucket, byte for byte, and not in the data folder.
  media::OriginalStore originals = Originals();
  auto stored = originals.Read(sha);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(media::Sha256Hex(stored->data(), stored->size()), sha);
  EXPECT_FALSE(std::filesystem::exists(data_ + "/originals/" + media::OriginalStore::KeyFor(sha)));

  Reply whole = Get("/media/" + id + "/original", Editor());
  ASSERT_EQ(whole.status, 200) << whole.body;
  ASSERT_GT(whole.body.size(), 1000u);
  EXPECT_EQ(whole.body.substr(0, 2), "\xFF\xD8");
  Reply again = Get("/media/" + id + "/original", Editor());
  EXPECT_EQ(media::Sha256Hex(again.body.data(), again.body.size()),
            media::Sha256Hex(whole.body.data(), whole.body.size()));
  Reply part = Get("/media/" + id + "/original", {Editor()[0], {"Range", "bytes=100-1099"}});
  ASSERT_EQ(part.status, 206) << part.body;
  EXPECT_EQ(part.body, whole.body.substr(100, 1000));
  EXPECT_EQ(part.Header("content-range"), "bytes 100-1099/" + std::to_string(whole.body.size()));

  Reply deleted = http_test::Send(port(), "DELETE", "/api/photos/" + id, Admin());
  ASSERT_TRUE(deleted.status == 200 || deleted.status == 204) << deleted.status << " " << deleted.body;
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  EXPECT_TRUE(originals.Has(sha).ok()) << "a deleted photo keeps its original until gc";
  auto gc = testing_util::RunGallery({"gc", "--data", data_, "--store", store_}, 60);
  ASSERT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_EQ(originals.Has(sha).code(), Status::Code::kNotFound) << gc.out;
}

// An original PUT whose catalog row never committed (a crash in between):
// check reports it, gc removes it, the catalogued ones stay.
TEST_F(S3ServeTest, OrphanReportedByCheckRemovedByGc) {
  StartServer({"--store", store_});
  const std::string kept = Jpeg(2);
  UploadPhoto(kept, "kept.jpg");
  ASSERT_EQ(server_->Stop(SIGTERM), 0);
  media::OriginalStore originals = Originals();
  const std::string orphan = Jpeg(3);
  const std::string orphan_sha = media::Sha256Hex(orphan.data(), orphan.size());
  ASSERT_TRUE(originals.Put(reinterpret_cast<const std::uint8_t*>(orphan.data()), orphan.size(), orphan_sha).ok());

  auto check = testing_util::RunGallery({"check", "--data", data_, "--store", store_}, 60);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_NE(check.out.find("photos 1, originals 2, hashes verified 1"), std::string::npos) << check.out;
  EXPECT_NE(check.out.find("1 originals belong to no photo"), std::string::npos) << check.out;

  auto gc = testing_util::RunGallery({"gc", "--data", data_, "--store", store_}, 60);
  ASSERT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_EQ(originals.Has(orphan_sha).code(), Status::Code::kNotFound);
  EXPECT_TRUE(originals.Has(media::Sha256Hex(kept.data(), kept.size())).ok());
  check = testing_util::RunGallery({"check", "--data", data_, "--store", store_}, 60);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_EQ(check.out.find("belong to no photo"), std::string::npos) << check.out;
}

TEST_F(S3ServeTest, GatewayDownAnswers503ThenRecovers) {
  StartServer({"--store", store_});
  UploadPhoto(Jpeg(4), "before.jpg");
  proxy_->Refuse(true);
  const std::string during = Jpeg(5);
  Reply refused = Upload(during, "during.jpg");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_FALSE(refused.Header("retry-after").empty());
  EXPECT_NE(refused.body.find("\"code\""), std::string::npos) << refused.body;
  EXPECT_EQ(PhotoCount(), 1u) << "nothing half-written";
  proxy_->Refuse(false);
  EXPECT_FALSE(Originals().Has(media::Sha256Hex(during.data(), during.size())).ok());
  // Back: the same upload goes through, without a restart.
  Reply accepted = Upload(during, "during.jpg");
  EXPECT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_EQ(PhotoCount(), 2u);
  EXPECT_TRUE(Originals().Has(media::Sha256Hex(during.data(), during.size())).ok());
}

TEST_F(S3ServeTest, BadStoreUrlOrMissingCredentialsStopTheStart) {
  http_test::CreateToken(data_, "editor");  // the data folder exists
  ::unsetenv("GALLERY_S3_ACCESS_KEY");
  ::unsetenv("GALLERY_S3_SECRET_KEY");
  ::unsetenv("AWS_ACCESS_KEY_ID");
  ::unsetenv("AWS_SECRET_ACCESS_KEY");
  auto r = testing_util::RunGallery({"check", "--data", data_, "--store", store_}, 30);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("GALLERY_S3_ACCESS_KEY"), std::string::npos) << r.err;
  r = testing_util::RunGallery({"check", "--data", data_, "--store", store_ + "&secret_key=x"}, 30);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("never given on the command line"), std::string::npos) << r.err;
}

}  // namespace
