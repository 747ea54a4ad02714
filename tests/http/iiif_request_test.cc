// The IIIF Image API 3.0 request: every form of region, size, rotation,
// quality and format the specification gives, what each resolves to against
// an image and the server's limits, and the status of each refusal (400 for
// a malformed or impossible request, 501 for a valid one not done here).
#include "http/iiif_request.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using gallery::http::ApiError;
using gallery::http::IiifFormat;
using gallery::http::IiifLimits;
using gallery::http::IiifPlan;
using gallery::http::IiifQuality;
using gallery::http::IiifRefusal;
using gallery::http::IiifRequest;
using gallery::http::ParseIiifRequest;
using gallery::http::ResolveIiifRequest;

const IiifLimits kLimits{4000, 4000, 8000000};

// "region/size/rotation/quality.format" against a 6000×4000 image.
std::optional<IiifPlan> Plan(const std::string& path, IiifRefusal* refusal = nullptr, int width = 6000,
                             int height = 4000) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t slash; (slash = path.find('/', start)) != std::string::npos; start = slash + 1) {
    parts.push_back(path.substr(start, slash - start));
  }
  parts.push_back(path.substr(start));
  if (parts.size() != 4) return std::nullopt;
  IiifRefusal ignored;
  IiifRefusal* out = refusal ? refusal : &ignored;
  auto request = ParseIiifRequest(parts[0], parts[1], parts[2], parts[3], out);
  if (!request) return std::nullopt;
  return ResolveIiifRequest(*request, width, height, kLimits, out);
}

void ExpectPlan(const std::string& path, int x, int y, int w, int h, int out_w, int out_h) {
  IiifRefusal refusal{ApiError::kInternal, ""};
  auto plan = Plan(path, &refusal);
  ASSERT_TRUE(plan) << path << ": " << refusal.message;
  EXPECT_EQ(plan->x, x) << path;
  EXPECT_EQ(plan->y, y) << path;
  EXPECT_EQ(plan->w, w) << path;
  EXPECT_EQ(plan->h, h) << path;
  EXPECT_EQ(plan->out_w, out_w) << path;
  EXPECT_EQ(plan->out_h, out_h) << path;
}

void ExpectRefused(const std::string& path, ApiError error, const std::string& names) {
  IiifRefusal refusal{ApiError::kInternal, ""};
  EXPECT_FALSE(Plan(path, &refusal)) << path;
  EXPECT_EQ(static_cast<int>(refusal.error), static_cast<int>(error)) << path << ": " << refusal.message;
  EXPECT_NE(refusal.message.find(names), std::string::npos) << path << ": " << refusal.message;
}

TEST(IiifRequestTest, Regions) {
  ExpectPlan("full/max/0/default.jpg", 0, 0, 6000, 4000, 3464, 2309);  // max: within maxArea (8 MP)
  ExpectPlan("square/256,/0/default.jpg", 1000, 0, 4000, 4000, 256, 256);
  ExpectPlan("100,200,300,400/max/0/default.jpg", 100, 200, 300, 400, 300, 400);
  ExpectPlan("5900,3900,500,500/max/0/default.jpg", 5900, 3900, 100, 100, 100, 100);  // cut to the image
  ExpectPlan("pct:10,20,50,25/max/0/default.jpg", 600, 800, 3000, 1000, 3000, 1000);
  ExpectPlan("pct:0,0,100,100/pct:10/0/default.jpg", 0, 0, 6000, 4000, 600, 400);
  ExpectPlan("pct:2.5,0.5,0.05,0.05/max/0/default.jpg", 150, 20, 3, 2, 3, 2);
}

TEST(IiifRequestTest, Sizes) {
  ExpectPlan("0,0,1000,500/max/0/default.jpg", 0, 0, 1000, 500, 1000, 500);
  ExpectPlan("0,0,1000,500/^max/0/default.jpg", 0, 0, 1000, 500, 4000, 2000);
  ExpectPlan("0,0,1000,500/500,/0/default.jpg", 0, 0, 1000, 500, 500, 250);
  ExpectPlan("0,0,1000,500/,100/0/default.jpg", 0, 0, 1000, 500, 200, 100);
  ExpectPlan("0,0,1000,500/pct:50/0/default.jpg", 0, 0, 1000, 500, 500, 250);
  ExpectPlan("0,0,1000,500/^pct:150/0/default.jpg", 0, 0, 1000, 500, 1500, 750);
  ExpectPlan("0,0,1000,500/300,300/0/default.jpg", 0, 0, 1000, 500, 300, 300);  // distorted, as asked
  ExpectPlan("0,0,1000,500/!300,300/0/default.jpg", 0, 0, 1000, 500, 300, 150);
  ExpectPlan("0,0,1000,500/!3000,3000/0/default.jpg", 0, 0, 1000, 500, 1000, 500);  // never larger without ^
  ExpectPlan("0,0,1000,500/^!3000,3000/0/default.jpg", 0, 0, 1000, 500, 3000, 1500);
  ExpectPlan("0,0,1000,500/^2000,/0/default.jpg", 0, 0, 1000, 500, 2000, 1000);
}

TEST(IiifRequestTest, RotationMirroringQualityAndFormat) {
  IiifRefusal refusal;
  auto plan = Plan("full/256,/!90/gray.png", &refusal);
  ASSERT_TRUE(plan) << refusal.message;
  EXPECT_TRUE(plan->mirror);
  EXPECT_EQ(plan->rotation, 90);
  EXPECT_EQ(plan->quality, IiifQuality::kGray);
  EXPECT_EQ(plan->format, IiifFormat::kPng);
  for (const auto& [rotation, turn] : std::vector<std::pair<std::string, int>>{
           {"0", 0}, {"180", 180}, {"270", 270}, {"360", 0}, {"90.0", 90}, {"!0", 0}}) {
    plan = Plan("full/256,/" + rotation + "/default.jpg", &refusal);
    ASSERT_TRUE(plan) << rotation << ": " << refusal.message;
    EXPECT_EQ(plan->rotation, turn) << rotation;
  }
  for (const std::string q : {"default", "color", "gray", "bitonal"}) {
    EXPECT_TRUE(Plan("full/256,/0/" + q + ".webp")) << q;
  }
}

TEST(IiifRequestTest, MalformedRequestsAre400NamingThePart) {
  for (const std::string region : {"", "ful", "FULL", "1,2,3", "1,2,3,4,5", "-1,0,10,10", "1.5,0,10,10", "a,b,c,d",
                                   "pct:1,2,3", "pct:101,0,10,10", "pct:1e2,0,1,1", "0,0,0,10", "0,0,10,0",
                                   "pct:0,0,0,10", " 0,0,10,10", "0,0,10,10 "}) {
    ExpectRefused(region + "/max/0/default.jpg", ApiError::kInvalidArgument, "region");
  }
  for (const std::string size : {"", "full", "0,", ",0", "0,0", ",", "!100,", "!,100", "pct:0", "pct:", "pct:-5",
                                 "pct:101", "w,h", "100,100,100", "^", "^^max", "1234567890,", "+100,"}) {
    ExpectRefused("full/" + size + "/0/default.jpg", ApiError::kInvalidArgument, "size");
  }
  for (const std::string rotation : {"", "-90", "361", "!", "!!90", "ninety", "90deg", "1e2"}) {
    ExpectRefused("full/max/" + rotation + "/default.jpg", ApiError::kInvalidArgument, "rotation");
  }
  ExpectRefused("full/max/0/defaultjpg", ApiError::kInvalidArgument, "{quality}.{format}");
  ExpectRefused("full/max/0/best.jpg", ApiError::kInvalidArgument, "quality");
  ExpectRefused("full/max/0/Default.jpg", ApiError::kInvalidArgument, "quality");
  ExpectRefused("full/max/0/default.jpeg", ApiError::kInvalidArgument, "format");
  ExpectRefused("full/max/0/default.", ApiError::kInvalidArgument, "format");
}

TEST(IiifRequestTest, ValidButNotDoneHereIs501) {
  for (const std::string rotation : {"45", "22.5", "!10", "359.9"}) {
    ExpectRefused("full/max/" + rotation + "/default.jpg", ApiError::kNotImplemented, "rotation");
  }
  for (const std::string format : {"tif", "gif", "jp2", "pdf"}) {
    ExpectRefused("full/max/0/default." + format, ApiError::kNotImplemented, "format");
  }
}

TEST(IiifRequestTest, ImpossibleForThisImageIs400) {
  ExpectRefused("6000,0,10,10/max/0/default.jpg", ApiError::kInvalidArgument, "region");  // wholly outside
  ExpectRefused("0,4000,10,10/max/0/default.jpg", ApiError::kInvalidArgument, "region");
  ExpectRefused("pct:100,0,10,10/max/0/default.jpg", ApiError::kInvalidArgument, "region");
  ExpectRefused("0,0,1000,500/1001,/0/default.jpg", ApiError::kInvalidArgument, "^");  // upscaling without ^
  ExpectRefused("0,0,1000,500/,501/0/default.jpg", ApiError::kInvalidArgument, "^");
  ExpectRefused("0,0,1000,500/1000,501/0/default.jpg", ApiError::kInvalidArgument, "^");
  ExpectRefused("0,0,1000,500/pct:0.01/0/default.jpg", ApiError::kInvalidArgument, "0");  // rounds to nothing
  ExpectPlan("0,0,10,1000/5,/0/default.jpg", 0, 0, 10, 1000, 5, 500);
  ExpectRefused("0,0,10,1000/,1/0/default.jpg", ApiError::kInvalidArgument, "0");  // width 0.01
}

TEST(IiifRequestTest, BeyondTheServersLimitsIs400) {
  ExpectRefused("full/4001,/0/default.jpg", ApiError::kInvalidArgument, "limits");
  ExpectRefused("full/^,4001/0/default.jpg", ApiError::kInvalidArgument, "limits");
  ExpectRefused("full/3500,3500/0/default.jpg", ApiError::kInvalidArgument, "maxArea");
  ExpectRefused("full/^pct:200/0/default.jpg", ApiError::kInvalidArgument, "limits");
  // max and ^max stay within them by themselves.
  ExpectPlan("full/^max/0/default.jpg", 0, 0, 6000, 4000, 3464, 2309);
}

}  // namespace
