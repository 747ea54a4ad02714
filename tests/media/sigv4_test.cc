// The request signer against the published Signature Version 4 test suite
// (credentials AKIDEXAMPLE, 2015-08-30T12:36:00Z, region us-east-1, service
// "service", host example.amazonaws.com). Each case's request and expected
// Authorization header are written here as literals, from the suite.
#include "media/sigv4.h"

#include <gtest/gtest.h>

#include "media/sha256.h"

namespace {

using media::SigV4Request;

const media::SigV4Key kKey{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"};
const media::SigV4Scope kScope{"20150830T123600Z", "us-east-1", "service"};
const char kPrefix[] = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, ";

struct Vector {
  const char* name;
  SigV4Request request;
  const char* authorization;  // after kPrefix
};

SigV4Request Req(std::string method, std::string path, std::vector<std::pair<std::string, std::string>> query,
                 std::vector<std::pair<std::string, std::string>> extra = {}, std::string body = "") {
  SigV4Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  r.query = std::move(query);
  r.headers = {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}};
  for (auto& h : extra) r.headers.push_back(std::move(h));
  r.payload_sha256 = media::Sha256Hex(body.data(), body.size());
  return r;
}

std::vector<Vector> Vectors() {
  return {
      {"get-vanilla", Req("GET", "/", {}),
       "SignedHeaders=host;x-amz-date, "
       "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
      {"get-vanilla-query-order-key-case", Req("GET", "/", {{"Param2", "value2"}, {"Param1", "value1"}}),
       "SignedHeaders=host;x-amz-date, "
       "Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
      {"get-vanilla-query-unreserved",
       Req("GET", "/",
           {{"-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
             "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"}}),
       "SignedHeaders=host;x-amz-date, "
       "Signature=9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197"},
      {"get-vanilla-utf8-query", Req("GET", "/", {{"\xE1\x88\xB4", "bar"}}),
       "SignedHeaders=host;x-amz-date, "
       "Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"},
      {"get-unreserved", Req("GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", {}),
       "SignedHeaders=host;x-amz-date, "
       "Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"},
      {"get-utf8", Req("GET", "/\xE1\x88\xB4", {}),
       "SignedHeaders=host;x-amz-date, "
       "Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"},
      {"get-header-value-trim",
       Req("GET", "/", {}, {{"My-Header1", " value1"}, {"My-Header2", " \"a   b   c\""}}),
       "SignedHeaders=host;my-header1;my-header2;x-amz-date, "
       "Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"},
      {"post-vanilla", Req("POST", "/", {}),
       "SignedHeaders=host;x-amz-date, "
       "Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b"},
      {"post-vanilla-query", Req("POST", "/", {{"Param1", "value1"}}),
       "SignedHeaders=host;x-amz-date, "
       "Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11"},
      {"post-header-key-sort", Req("POST", "/", {}, {{"My-Header1", "value1"}}),
       "SignedHeaders=host;my-header1;x-amz-date, "
       "Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c"},
      {"post-header-value-case", Req("POST", "/", {}, {{"My-Header1", "VALUE1"}}),
       "SignedHeaders=host;my-header1;x-amz-date, "
       "Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d"},
      {"post-x-www-form-urlencoded",
       Req("POST", "/", {}, {{"Content-Type", "application/x-www-form-urlencoded"}}, "Param1=value1"),
       "SignedHeaders=content-type;host;x-amz-date, "
       "Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"},
  };
}

TEST(SigV4Test, PublishedVectors) {
  for (const Vector& v : Vectors()) {
    SCOPED_TRACE(v.name);
    EXPECT_EQ(media::SignV4(v.request, kKey, kScope).authorization, std::string(kPrefix) + v.authorization);
  }
}

// The suite's get-vanilla steps, each as published.
TEST(SigV4Test, VanillaCanonicalRequestAndStringToSign) {
  auto s = media::SignV4(Req("GET", "/", {}), kKey, kScope);
  EXPECT_EQ(s.canonical_request,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(s.string_to_sign,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
}

TEST(SigV4Test, QueryIsCanonicalWhateverTheOrder) {
  EXPECT_EQ(media::SigV4CanonicalQuery({{"uploadId", "a/b+c"}, {"partNumber", "2"}, {"uploads", ""}}),
            "partNumber=2&uploadId=a%2Fb%2Bc&uploads=");
  EXPECT_EQ(media::SigV4CanonicalUri("/bucket/ab/cd/x y"), "/bucket/ab/cd/x%20y");
}

}  // namespace
