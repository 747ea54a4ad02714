// The image service's tiled pyramids: a region rendered from a photo's
// pyramid has the pixels of the same region rendered from its original (an
// EXIF-turned photo too), the pyramid is made once however many first
// requests come at once, goes with the photo, is removed by gc when no photo
// has it, and a damaged one is found out, answered around and made again.
#include <vips/vips.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "fixtures/api_fixture.h"
#include "fixtures/decoded_image.h"
#include "fixtures/image_fixtures.h"
#include "fixtures/test_util.h"

namespace http_test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

using Image = testing_util::DecodedImage;
Image Decode(const std::string& bytes) { return testing_util::DecodeImage(bytes); }

// The mean absolute difference of two images' samples, and the share of
// samples more than 40 apart; both sizes must match.
struct Difference {
  double mean = 1e9;
  double far = 1;
};
Difference Compare(VipsImage* a, VipsImage* b) {
  Difference d;
  EXPECT_EQ(a->Xsize, b->Xsize);
  EXPECT_EQ(a->Ysize, b->Ysize);
  EXPECT_EQ(a->Bands, b->Bands);
  if (a->Xsize != b->Xsize || a->Ysize != b->Ysize || a->Bands != b->Bands) return d;
  const auto* pa = reinterpret_cast<const unsigned char*>(vips_image_get_data(a));
  const auto* pb = reinterpret_cast<const unsigned char*>(vips_image_get_data(b));
  const std::size_t n = std::size_t(a->Xsize) * a->Ysize * a->Bands;
  double sum = 0;
  std::size_t far = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const int diff = std::abs(int(pa[i]) - int(pb[i]));
    sum += diff;
    if (diff > 40) ++far;
  }
  d.mean = sum / n;
  d.far = double(far) / n;
  return d;
}

// Occurrences of `needle` in `text`.
int Count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

class IiifPyramidTest : public ApiTest {
 protected:
  // A photo of 1600×1200 stored, EXIF orientation 6: shown 1200×1600.
  void SetUp() override {
    StartServer(Pyramids());
    fixtures::FixtureSpec spec;
    spec.width = 1600;
    spec.height = 1200;
    spec.orientation = 6;
    json photo = UploadPhoto(fixtures::MakeImage(spec), "turned.jpg");
    id_ = std::to_string(photo["id"].get<int>());
    sha_ = photo["sha256"];
    dir_ = data_ + "/renditions/pyramids/" + sha_.substr(0, 2) + "/" + sha_;
    file_ = dir_ + "/v1.tif";
  }

  // Every photo gets a pyramid; no region is kept, so each request renders.
  static std::vector<std::string> Pyramids() {
    return {"--iiif-pyramid-min-pixels", "0", "--iiif-cache-bytes", "0"};
  }

  Reply Tile(const std::string& request) { return Get("/iiif/3/" + id_ + "/" + request); }
  int Makings() const { return Count(server_->Log(), "gallery: pyramid of " + sha_ + " v1 made"); }

  std::string id_, sha_, dir_, file_;
};

const char* const kRequests[] = {
    "0,0,512,512/512,/0/default.jpg",        // scale factor 1
    "512,1024,512,512/512,/0/default.jpg",   // inside, across the red block's edge
    "0,0,1024,1024/512,/0/default.jpg",      // scale factor 2: the pyramid's second level
    "1024,1024,176,576/88,/0/default.jpg",   // the right edge at scale factor 2
    "full/150,/0/default.jpg",               // scale factor 8
    "300,400,500,300/250,/!90/default.png",  // mirrored and turned, lossless out
    "0,0,1200,800/600,/180/gray.jpg",
};

TEST_F(IiifPyramidTest, TilesFromThePyramidMatchTheOriginal) {
  std::map<std::string, std::string> from_pyramid;
  for (const char* request : kRequests) {
    Reply r = Tile(request);
    ASSERT_EQ(r.status, 200) << request << ": " << r.body;
    from_pyramid[request] = r.body;
  }
  EXPECT_EQ(Makings(), 1) << server_->Log();
  ASSERT_TRUE(fs::exists(file_));
  // The same requests from the original.
  StartServer({"--iiif-pyramid-min-pixels", "-1", "--iiif-cache-bytes", "0"});
  for (const char* request : kRequests) {
    Reply r = Tile(request);
    ASSERT_EQ(r.status, 200) << request << ": " << r.body;
    Image original = Decode(r.body), pyramid = Decode(from_pyramid[request]);
    ASSERT_TRUE(original && pyramid) << request;
    Difference d = Compare(original.get(), pyramid.get());
    EXPECT_LT(d.mean, 3.0) << request;
    EXPECT_LT(d.far, 0.005) << request;
  }
}

TEST_F(IiifPyramidTest, MadeOnceUnderConcurrentFirstRequests) {
  constexpr int kClients = 6;
  std::vector<int> statuses(kClients, 0);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i) {
    clients.emplace_back([&, i] {
      const std::string request = std::to_string(i % 2 * 512) + "," + std::to_string(i / 2 * 512) +
                                  ",512,512/256,/0/default.jpg";
      statuses[i] = Send(port(), "GET", "/iiif/3/" + id_ + "/" + request).status;
    });
  }
  for (std::thread& t : clients) t.join();
  for (int i = 0; i < kClients; ++i) EXPECT_EQ(statuses[i], 200) << i;
  EXPECT_EQ(Makings(), 1) << server_->Log();
  ASSERT_TRUE(fs::exists(file_));
  EXPECT_GT(fs::file_size(file_), 0u);
  // Later requests, and a new server, read the same file.
  ASSERT_EQ(Tile("full/100,/0/default.jpg").status, 200);
  StartServer(Pyramids());
  ASSERT_EQ(Tile("full/200,/0/default.jpg").status, 200);
  EXPECT_EQ(Makings(), 0) << server_->Log();
}

TEST_F(IiifPyramidTest, KeptThroughEditsAndDeletedWithThePhoto) {
  ASSERT_EQ(Tile("full/100,/0/default.jpg").status, 200);
  ASSERT_TRUE(fs::exists(file_));
  // An edit of the text changes no pixel: the same pyramid serves.
  Headers h = Editor();
  h.emplace_back("Content-Type", "application/json");
  ASSERT_EQ(Send(port(), "PATCH", "/api/photos/" + id_, h, R"({"headline": {"en": "New"}})").status, 200);
  ASSERT_EQ(Tile("full/120,/0/default.jpg").status, 200);
  EXPECT_EQ(Makings(), 1) << server_->Log();
  EXPECT_TRUE(fs::exists(file_));
  ASSERT_EQ(Send(port(), "DELETE", "/api/photos/" + id_, Admin()).status, 200);
  EXPECT_FALSE(fs::exists(dir_));
  EXPECT_EQ(Tile("full/100,/0/default.jpg").status, 404);
}

TEST_F(IiifPyramidTest, GcRemovesAPyramidWithoutAPhoto) {
  ASSERT_EQ(Tile("full/100,/0/default.jpg").status, 200);
  ASSERT_TRUE(fs::exists(file_));
  server_.reset();
  const std::string stranger(64, 'b');
  const std::string stranger_dir = data_ + "/renditions/pyramids/bb/" + stranger;
  fs::create_directories(stranger_dir);
  { std::ofstream(stranger_dir + "/v1.tif") << "left behind"; }

  auto dry = testing_util::RunGallery({"gc", "--dry-run", "--data", data_});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("would remove the pyramid of " + stranger), std::string::npos) << dry.out;
  EXPECT_TRUE(fs::exists(stranger_dir));

  auto gc = testing_util::RunGallery({"gc", "--data", data_});
  ASSERT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_NE(gc.out.find("pyramids of 1 photos removed"), std::string::npos) << gc.out;
  EXPECT_FALSE(fs::exists(stranger_dir));
  EXPECT_TRUE(fs::exists(file_)) << "a catalogued photo's pyramid stays";
}

TEST_F(IiifPyramidTest, ADamagedPyramidIsAnsweredAroundAndMadeAgain) {
  const std::string request = "512,1024,512,512/256,/0/default.jpg";
  Reply good = Tile(request);
  ASSERT_EQ(good.status, 200) << good.body;
  ASSERT_EQ(Makings(), 1);
  const auto size = fs::file_size(file_);
  Image expected = Decode(good.body);
  ASSERT_TRUE(expected);
  // Cut short, then overwritten with other bytes: each time the answer is
  // still right, and the pyramid is made again.
  int makings = 1;
  for (const char* damage : {"truncated", "garbage"}) {
    if (std::string(damage) == "truncated") {
      fs::resize_file(file_, size / 2);
    } else {
      std::ofstream(file_, std::ios::binary | std::ios::trunc) << fixtures::GarbageBytes(size);
    }
    Reply r = Tile(request);
    ASSERT_EQ(r.status, 200) << damage << ": " << r.body;
    Image answered = Decode(r.body);
    ASSERT_TRUE(answered) << damage;
    Difference d = Compare(expected.get(), answered.get());
    EXPECT_LT(d.mean, 3.0) << damage;
    EXPECT_NE(server_->Log().find("the pyramid of " + sha_ + " is damaged"), std::string::npos) << damage;
    ASSERT_EQ(Tile(request).status, 200) << damage;
    EXPECT_EQ(Makings(), ++makings) << damage << ": " << server_->Log();
    EXPECT_EQ(fs::file_size(file_), size) << damage;
  }
}

}  // namespace
}  // namespace http_test
