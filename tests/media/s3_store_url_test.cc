// The object store's URL: where it is, and where its credentials come from
// (the environment or a file, never the URL itself).
#include <gtest/gtest.h>

#include <map>

#include "fixtures/test_util.h"
#include "media/s3_blob_store.h"

namespace {

using media::ParseS3StoreUrl;
using media::Status;

struct FakeEnv {
  std::map<std::string, std::string> vars;
  std::function<const char*(const char*)> Get() const {
    return [this](const char* name) -> const char* {
      auto it = vars.find(name);
      return it == vars.end() ? nullptr : it->second.c_str();
    };
  }
};

TEST(S3StoreUrlTest, ReadsEndpointRegionPrefixAndEnvironmentCredentials) {
  FakeEnv env{{{"GALLERY_S3_ACCESS_KEY", "AK"}, {"GALLERY_S3_SECRET_KEY", "SK"}, {"AWS_ACCESS_KEY_ID", "other"}}};
  auto loc = ParseS3StoreUrl("s3://photos.archive-1?endpoint=http%3A%2F%2F127.0.0.1%3A7480/&region=eu-west-3&prefix=a",
                             env.Get());
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  EXPECT_EQ(loc->bucket, "photos.archive-1");
  EXPECT_EQ(loc->endpoint, "http://127.0.0.1:7480");
  EXPECT_EQ(loc->region, "eu-west-3");
  EXPECT_EQ(loc->prefix, "a/");
  EXPECT_EQ(loc->key.access_key, "AK");
  EXPECT_EQ(loc->key.secret_key, "SK");

  FakeEnv aws{{{"AWS_ACCESS_KEY_ID", "AK2"}, {"AWS_SECRET_ACCESS_KEY", "SK2"}}};
  loc = ParseS3StoreUrl("s3://photos?endpoint=https://s3.example.org", aws.Get());
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  EXPECT_EQ(loc->key.access_key, "AK2");
  EXPECT_EQ(loc->region, "us-east-1");
}

TEST(S3StoreUrlTest, CredentialsFromAFile) {
  testing_util::TempDir dir;
  testing_util::WriteFileOrDie(dir / "creds", "# the store's user\nGALLERY_S3_ACCESS_KEY=FAK\nGALLERY_S3_SECRET_KEY=FSK\r\n");
  FakeEnv env{{{"GALLERY_S3_ACCESS_KEY", "ignored"}, {"GALLERY_S3_SECRET_KEY", "ignored"}}};
  auto loc = ParseS3StoreUrl("s3://photos?endpoint=http://127.0.0.1:1&credentials=" + dir / "creds", env.Get());
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  EXPECT_EQ(loc->key.access_key, "FAK");
  EXPECT_EQ(loc->key.secret_key, "FSK");
  auto missing = ParseS3StoreUrl("s3://photos?endpoint=http://127.0.0.1:1&credentials=" + dir / "none", env.Get());
  EXPECT_EQ(missing.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("cannot read the credentials file"), std::string::npos);
}

TEST(S3StoreUrlTest, RefusesWhatIsWrongWithAClearReason) {
  FakeEnv env{{{"GALLERY_S3_ACCESS_KEY", "AK"}, {"GALLERY_S3_SECRET_KEY", "SK"}}};
  const std::pair<std::string, std::string> cases[] = {
      {"http://photos", "is not s3://"},
      {"s3://Photos?endpoint=http://h:1", "bucket name"},
      {"s3://ab?endpoint=http://h:1", "bucket name"},
      {"s3://photos", "endpoint="},
      {"s3://photos?endpoint=ftp://h:1", "endpoint="},
      {"s3://photos?endpoint=http://h:1/path", "must have no path"},
      {"s3://photos?endpoint=http://h:1&colour=blue", "unknown store URL parameter 'colour'"},
      {"s3://photos?endpoint=http://h:1&secret_key=SK", "never given on the command line"},
      {"s3://photos?endpoint=http://h:1&access_key=AK", "never given on the command line"},
      {"s3://photos?endpoint=http://h:1&region=", "region is empty"},
      {"s3://photos?endpoint=http%zz", "broken %-escape"},
  };
  for (const auto& [url, reason] : cases) {
    auto loc = ParseS3StoreUrl(url, env.Get());
    ASSERT_FALSE(loc.ok()) << url;
    EXPECT_EQ(loc.status().code(), Status::Code::kInvalidArgument) << url;
    EXPECT_NE(loc.status().message().find(reason), std::string::npos) << url << ": " << loc.status().message();
  }
  FakeEnv empty;
  auto none = ParseS3StoreUrl("s3://photos?endpoint=http://h:1", empty.Get());
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("GALLERY_S3_ACCESS_KEY"), std::string::npos);
}

}  // namespace
