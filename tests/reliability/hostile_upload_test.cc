// Hostile files uploaded over HTTP by an editor: each is refused with the
// right status and a JSON error within a second, the server's memory grows by
// at most 50 MB, it stays up, and nothing is stored.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <set>

#include <gtest/gtest.h>

#include "fixtures/api_fixture.h"
#include "fixtures/image_fixtures.h"
#include "hostile_files.h"
#include "reliability_util.h"

namespace reliability {
namespace {

#if defined(__SANITIZE_ADDRESS__)
// The sanitized build runs the same work slower, and keeps freed memory in
// quarantine (up to 256 MB), so its peak measures more than the live memory.
constexpr long kSlowdown = 4;
constexpr long kMaxGrowthKb = 256 * 1024;
#else
constexpr long kSlowdown = 1;
constexpr long kMaxGrowthKb = 50 * 1024;
#endif
constexpr long kMaxMillis = 1000 * kSlowdown;

struct Hostile {
  std::string name;
  std::string bytes;
  std::string content_type;
  std::set<int> statuses;  // the acceptable answers
};

std::vector<Hostile> MadeFiles() {
  const std::set<int> too_big = {413, 422};
  const std::set<int> corrupt = {422};
  const std::set<int> foreign = {415};
  std::string jpeg = http_test::Jpeg(3);
  return {
      {"50000x50000.png", PngDeclaring(50000, 50000), "image/png", too_big},
      {"65500x65500.jpg", JpegDeclaring(65500, 65500), "image/jpeg", too_big},
      {"truncated-600.jpg", fixtures::TruncatedJpeg(600), "image/jpeg", corrupt},
      {"truncated-half.jpg", jpeg.substr(0, jpeg.size() / 2), "image/jpeg", corrupt},
      {"soi-only.jpg", std::string("\xFF\xD8\xFF\xE0", 4), "image/jpeg", corrupt},
      {"broken-huffman.jpg", JpegWithBrokenHuffmanTables(), "image/jpeg", corrupt},
      {"lossless.jpg", JpegLossless(), "image/jpeg", {415, 422}},
      {"drawing.svg", fixtures::SvgText(), "image/svg+xml", foreign},
      {"drawing-as-jpeg.jpg", fixtures::SvgText(), "image/jpeg", foreign},
      {"layers.psd", PsdFile(), "image/vnd.adobe.photoshop", foreign},
      {"paper.pdf", fixtures::PdfHeader(), "application/pdf", foreign},
      {"paper-as-jpeg.jpg", fixtures::PdfHeader(), "image/jpeg", foreign},
      {"raw.vips", VipsFile(), "image/x-vips", foreign},
      {"raw-vips-as-octets.vips", VipsFile(), "application/octet-stream", foreign},
      {"gif-js.gif", GifJsPolyglot(), "image/gif", foreign},
      {"gif-js-as-jpeg.jpg", GifJsPolyglot(), "image/jpeg", foreign},
      {"page.jpg", fixtures::HtmlPage(), "image/jpeg", foreign},
      {"archive.zip", ZipFile(), "application/zip", foreign},
      {"archive-as-jpeg.jpg", ZipFile(), "image/jpeg", foreign},
      {"noise.jpg", fixtures::GarbageBytes(200000, 9), "image/jpeg", {415, 422}},
  };
}

// Good pixels under hostile metadata: the photo may be taken (its metadata
// read as far as it is sound) or refused, but quickly and within memory.
std::vector<Hostile> HostileMetadata() {
  return {
      {"cyclic-exif.jpg", JpegWithCyclicExif(), "image/jpeg", {201, 422}},
      {"huge-iptc.jpg", JpegWithHugeIptc(16), "image/jpeg", {201, 413, 422}},
      // Just under the 2 MB limit with the photo's own XMP: read, so taken.
      {"huge-xmp.jpg", JpegWithHugeXmp((2 << 20) - (64 << 10)), "image/jpeg", {201}},
  };
}

// Metadata blocks over the limits media/ sets (2 MB of XMP, 1 MB of IPTC):
// refused before the metadata library parses them.
std::vector<Hostile> OversizedMetadata() {
  return {
      {"xmp-8mb.jpg", JpegWithHugeXmp(8 << 20), "image/jpeg", {422}},
      {"xmp-2.1mb.jpg", JpegWithHugeXmp((2 << 20) + (64 << 10)), "image/jpeg", {422}},
      {"iptc-4mb.jpg", JpegWithHugeIptc(64), "image/jpeg", {422}},
      {"iptc-1.1mb.jpg", JpegWithHugeIptc(17), "image/jpeg", {422}},
  };
}

class HostileUploadTest : public http_test::ApiTest {
 protected:
  void SetUp() override {
    StartServer();
    // One good upload first, so the decoders' one-time set-up is not counted.
    UploadPhoto(http_test::Jpeg(1), "warm-up.jpg");
    stored_ = FilesUnder(data_ + "/originals").size();
    photos_ = CatalogPhotoCount(data_ + "/catalog.db");
    baseline_ = ProcessMemory(server_->pid());
  }

  // Uploads one hostile file, checks the answer's time and the server's
  // memory and health; returns the answer.
  http_test::Reply SendAndWatch(const std::string& name, const std::string& bytes,
                                const std::string& type) {
    long millis = 0;
    http_test::Reply r = TimedUpload(port(), editor_, bytes, name, type, &millis);
    EXPECT_LE(millis, kMaxMillis);
    Memory now = ProcessMemory(server_->pid());
    std::printf("%s: %d after %ld ms, peak %+ld kB %s\n", name.c_str(), r.status, millis,
                now.hwm_kb - baseline_.rss_kb, r.status >= 300 ? r.body.substr(0, 200).c_str() : "");
    EXPECT_LE(now.hwm_kb - baseline_.rss_kb, kMaxGrowthKb)
        << "peak " << now.hwm_kb << " kB, before " << baseline_.rss_kb << " kB";
    EXPECT_TRUE(Alive(server_->pid())) << server_->Log();
    EXPECT_EQ(Get("/api/health").status, 200);
    EXPECT_TRUE(TemporaryFiles(data_).empty());
    return r;
  }

  // Uploads one hostile file and checks every promise.
  void Expect(const std::string& name, const std::string& bytes, const std::string& type,
              const std::set<int>& statuses) {
    SCOPED_TRACE(name);
    http_test::Reply r = SendAndWatch(name, bytes, type);
    EXPECT_TRUE(statuses.count(r.status)) << "status " << r.status << ": " << r.body.substr(0, 300);
    EXPECT_TRUE(IsJsonError(r)) << r.body.substr(0, 300);
    EXPECT_EQ(CatalogPhotoCount(data_ + "/catalog.db"), photos_);
    EXPECT_EQ(FilesUnder(data_ + "/originals").size(), stored_);
  }

  std::size_t stored_ = 0;
  long photos_ = 0;
  Memory baseline_;
};

TEST_F(HostileUploadTest, MadeFilesAreRefusedQuicklyWithinMemoryAndNothingIsStored) {
  for (const Hostile& h : MadeFiles()) Expect(h.name, h.bytes, h.content_type, h.statuses);
}

TEST_F(HostileUploadTest, HostileMetadataOnGoodPixelsIsReadSafelyOrRefused) {
  for (const Hostile& h : HostileMetadata()) {
    SCOPED_TRACE(h.name);
    http_test::Reply r = SendAndWatch(h.name, h.bytes, h.content_type);
    ASSERT_TRUE(h.statuses.count(r.status)) << r.status << " " << r.body.substr(0, 300);
    if (r.status != 201) {
      EXPECT_TRUE(IsJsonError(r)) << r.body.substr(0, 300);
      EXPECT_EQ(CatalogPhotoCount(data_ + "/catalog.db"), photos_);
      continue;
    }
    // Taken: a whole photo, its original kept as sent, served with a rendition.
    ++photos_;
    EXPECT_EQ(CatalogPhotoCount(data_ + "/catalog.db"), photos_);
    nlohmann::json photo = nlohmann::json::parse(r.body);
    std::string id = std::to_string(photo["id"].get<long>());
    std::string sha = photo["sha256"];
    EXPECT_EQ(testing_util::ReadFileOrDie(data_ + "/originals/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha), h.bytes);
    EXPECT_EQ(Get("/media/" + id + "/original", Editor()).status, 200);
    EXPECT_EQ(Get("/media/" + id + "/tile.webp", Editor()).status, 200);
  }
  auto check = testing_util::RunGallery({"check", "--data", data_}, 60);
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST_F(HostileUploadTest, OversizedMetadataIsRefusedBeforeItIsRead) {
  for (const Hostile& h : OversizedMetadata()) {
    SCOPED_TRACE(h.name);
    http_test::Reply r = SendAndWatch(h.name, h.bytes, h.content_type);
    EXPECT_EQ(r.status, 422) << r.body.substr(0, 300);
    ASSERT_TRUE(IsJsonError(r)) << r.body.substr(0, 300);
    nlohmann::json error = nlohmann::json::parse(r.body);
    EXPECT_EQ(error["code"], "limit_exceeded");
    const std::string block = h.name.compare(0, 3, "xmp") == 0 ? "of XMP" : "of IPTC";
    EXPECT_NE(error["message"].get<std::string>().find(block), std::string::npos) << r.body;
    EXPECT_EQ(CatalogPhotoCount(data_ + "/catalog.db"), photos_);
    EXPECT_EQ(FilesUnder(data_ + "/originals").size(), stored_);
  }
}

// A JPEG with a ZIP archive after its end is a valid JPEG (cameras append
// data there too): taken or refused, it is only ever served as an image, and
// the renditions are made from the pixels, without the archive. (Every
// answer also says nosniff; tests/http/media_api_test.cc checks that.)
TEST_F(HostileUploadTest, JpegZipPolyglotIsOnlyEverServedAsAnImage) {
  const std::string bytes = JpegZipPolyglot();
  http_test::Reply r = SendAndWatch("holiday.jpg", bytes, "image/jpeg");
  ASSERT_TRUE(r.status == 201 || r.status == 415 || r.status == 422) << r.status << " " << r.body;
  if (r.status != 201) {
    EXPECT_TRUE(IsJsonError(r)) << r.body;
    EXPECT_EQ(CatalogPhotoCount(data_ + "/catalog.db"), photos_);
    return;
  }
  std::string id = std::to_string(nlohmann::json::parse(r.body)["id"].get<long>());
  http_test::Reply original = Get("/media/" + id + "/original", Editor());
  EXPECT_EQ(original.status, 200);
  EXPECT_EQ(original.Header("content-type"), "image/jpeg");
  for (const char* file : {"tile.webp", "small.jpg"}) {
    http_test::Reply rendition = Get("/media/" + id + "/" + std::string(file), Editor());
    EXPECT_EQ(rendition.status, 200) << file;
    EXPECT_EQ(rendition.body.find(std::string("PK\x03\x04", 4)), std::string::npos) << file;
  }
}

TEST_F(HostileUploadTest, SameFilesInAFormAreRefusedTheSameWay) {
  for (const Hostile& h : MadeFiles()) {
    const std::string boundary = "b0undary7x";
    std::string form = "--" + boundary +
                       "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + h.name +
                       "\"\r\nContent-Type: " + h.content_type + "\r\n\r\n" + h.bytes + "\r\n--" +
                       boundary + "--\r\n";
    Expect(h.name + " (form)", form, "multipart/form-data; boundary=" + boundary, h.statuses);
  }
}

TEST_F(HostileUploadTest, CorpusBadFilesAreRefused) {
  std::string dir = testing_util::CorpusDir();
  if (dir.empty()) GTEST_SKIP() << "the shared corpus is not here";
  std::vector<std::string> names;
  for (const std::string& path : FilesUnder(dir + "/bad")) names.push_back(path);
  std::sort(names.begin(), names.end());
  ASSERT_FALSE(names.empty());
  for (const std::string& path : names) {
    std::string name = path.substr(path.rfind('/') + 1);
    Expect(name, testing_util::ReadFileOrDie(path), "application/octet-stream", {413, 415, 422});
  }
}

TEST_F(HostileUploadTest, ABodyOverTheLimitIs413WithJson) {
  server_.reset();
  server_ = std::make_unique<http_test::ServerProcess>(
      data_, std::vector<std::string>{"--max-upload-bytes", "1000000"});
  baseline_ = ProcessMemory(server_->pid());
  // Just over the limit and far over it: both refused from the declared
  // size, in JSON, at once (the body is not read).
  Expect("over-limit.jpg", http_test::Jpeg(4) + std::string(1000001, 'x'), "image/jpeg", {413});
  long millis = 0;
  http_test::Reply far = TimedUpload(port(), editor_, std::string(4 << 20, 'x'), "far.jpg", "image/jpeg", &millis);
  std::printf("4 MB body over a 1 MB limit: %d after %ld ms\n", far.status, millis);
  EXPECT_EQ(far.status, 413) << far.body;
  EXPECT_NE(far.body.find("\"code\":\"too_large\""), std::string::npos) << far.body;
  EXPECT_LT(millis, 1000);
  EXPECT_LE(ProcessMemory(server_->pid()).hwm_kb - baseline_.rss_kb, kMaxGrowthKb);
  EXPECT_EQ(Get("/api/health").status, 200);
  EXPECT_EQ(CatalogPhotoCount(data_ + "/catalog.db"), photos_);
}

}  // namespace
}  // namespace reliability
