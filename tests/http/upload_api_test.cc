// Uploads over HTTP: raw bodies and multipart forms, duplicates, refused and
// broken files, size limits, authentication, a full worker queue.
#include <thread>

#include "fixtures/image_fixtures.h"
#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;

std::string Form(const std::string& boundary,
                 const std::vector<std::tuple<std::string, std::string, std::string>>& parts) {
  std::string body;
  for (const auto& [name, filename, data] : parts) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"";
    if (!filename.empty()) body += "; filename=\"" + filename + "\"\r\nContent-Type: image/jpeg";
    body += "\r\n\r\n" + data + "\r\n";
  }
  return body + "--" + boundary + "--\r\n";
}

class UploadApiTest : public ApiTest {};

TEST_F(UploadApiTest, RawUploadThenDuplicate) {
  StartServer();
  std::string bytes = Jpeg(1, "First");
  auto first = Upload(bytes, "first.jpg", "?credit=%C2%A9%20IOM%202016");
  ASSERT_EQ(first.status, 201) << first.body;
  json p = json::parse(first.body);
  EXPECT_EQ(p["duplicate"], false);
  EXPECT_EQ(p["credit"], "© IOM 2016");
  EXPECT_EQ(p["filename"], "first.jpg");
  auto again = Upload(bytes, "again.jpg");
  ASSERT_EQ(again.status, 200) << again.body;
  json d = json::parse(again.body);
  EXPECT_EQ(d["duplicate"], true);
  EXPECT_EQ(d["id"], p["id"]);
  EXPECT_EQ(d["filename"], "first.jpg");
}

TEST_F(UploadApiTest, FilenameFromContentDisposition) {
  StartServer();
  Headers h = Editor();
  h.emplace_back("Content-Type", "image/jpeg");
  h.emplace_back("Content-Disposition", "attachment; filename=\"hall.jpg\"");
  auto r = Send(port(), "POST", "/api/photos", h, Jpeg(2));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(json::parse(r.body)["filename"], "hall.jpg");
}

TEST_F(UploadApiTest, NeedsAnEditorToken) {
  StartServer();
  auto anonymous = Send(port(), "POST", "/api/photos", {{"Content-Type", "image/jpeg"}, {"X-Filename", "a.jpg"}},
                        Jpeg(3));
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(json::parse(anonymous.body)["code"], "unauthenticated");
  auto bad = Send(port(), "POST", "/api/photos",
                  {{"Authorization", "Bearer not-a-token"}, {"Content-Type", "image/jpeg"}, {"X-Filename", "a.jpg"}},
                  Jpeg(3));
  EXPECT_EQ(bad.status, 401);
  EXPECT_EQ(json::parse(Get("/api/photos").body)["items"].size(), 0u);
}

TEST_F(UploadApiTest, RefusesWhatIsNotAnImage) {
  StartServer();
  auto html = Upload(fixtures::HtmlPage(), "page.html", "", "text/html");
  EXPECT_EQ(html.status, 415) << html.body;
  auto svg = Upload(fixtures::SvgText(), "logo.svg", "", "image/svg+xml");
  EXPECT_EQ(svg.status, 415) << svg.body;
  // The file's name once, in its own field; the reason in plain words.
  json svg_error = json::parse(svg.body);
  EXPECT_EQ(svg_error["filename"], "logo.svg");
  EXPECT_EQ(svg_error["reason"], "unsupported_format");
  EXPECT_EQ(svg_error["message"].get<std::string>().find("logo.svg"), std::string::npos) << svg_error;
  auto nameless = Send(port(), "POST", "/api/photos", {{"Authorization", "Bearer " + editor_},
                                                       {"Content-Type", "image/jpeg"}}, Jpeg(4));
  EXPECT_EQ(nameless.status, 400) << nameless.body;
}

// The sender reads a plain reason and the file's name once; the decoder's
// own text goes to the server's log only.
TEST_F(UploadApiTest, BrokenImageIs422NamingTheFileAndReason) {
  StartServer();
  auto r = Upload(fixtures::TruncatedJpeg(), "cut.jpg");
  EXPECT_EQ(r.status, 422) << r.body;
  json e = json::parse(r.body);
  EXPECT_EQ(e["code"], "corrupt");
  EXPECT_EQ(e["reason"], "truncated") << e;
  EXPECT_EQ(e["message"], "the file is cut short") << e;
  EXPECT_EQ(e["filename"], "cut.jpg");
  EXPECT_EQ(r.body.find("Vips"), std::string::npos) << r.body;
  EXPECT_EQ(r.body.find("jpeg"), std::string::npos) << r.body;
  EXPECT_EQ(json::parse(Get("/api/photos").body)["items"].size(), 0u);
  std::string log;
  for (int i = 0; i < 100 && log.find("upload refused: \"cut.jpg\"") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    log = server_->Log();
  }
  EXPECT_NE(log.find("upload refused: \"cut.jpg\": "), std::string::npos) << log;

  // Bytes that are no image at all, under an image type: not readable.
  auto noise = Upload(std::string(4096, '\x42'), "noise.jpg");
  EXPECT_EQ(noise.status, 415) << noise.body;
  EXPECT_EQ(json::parse(noise.body)["reason"], "unsupported_format") << noise.body;
}

// A JPEG whose tables and scan are noise makes the decoder speak of
// "Corrupt JPEG data": the sender reads "not a photo we can read" instead.
TEST_F(UploadApiTest, AGarbledImageIsNotAPhotoWeCanRead) {
  StartServer();
  std::string bytes = Jpeg(7, "", "", 640, 480);
  const std::size_t tables = bytes.find("\xff\xc4");
  ASSERT_NE(tables, std::string::npos);
  bytes = bytes.substr(0, tables) + fixtures::GarbageBytes(3000, 7) + "\xff\xd9";
  auto r = Upload(bytes, "garbled.jpg");
  ASSERT_EQ(r.status, 422) << r.body;
  json e = json::parse(r.body);
  EXPECT_EQ(e["reason"], "unreadable") << e;
  EXPECT_EQ(e["message"], "not a photo we can read") << e;
  EXPECT_EQ(r.body.find("Vips"), std::string::npos) << r.body;
  std::string log;
  for (int i = 0; i < 100 && log.find("Corrupt JPEG data") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    log = server_->Log();
  }
  EXPECT_NE(log.find("upload refused: \"garbled.jpg\": "), std::string::npos) << log;
}

TEST_F(UploadApiTest, UnknownAlbumIs404) {
  StartServer();
  auto r = Upload(Jpeg(5), "a.jpg", "?album=nope");
  EXPECT_EQ(r.status, 404) << r.body;
}

TEST_F(UploadApiTest, BodyOverTheLimitIs413) {
  StartServer({"--max-upload-bytes", "20000"});
  auto r = Upload(Jpeg(6, "", "", 400, 300) + std::string(30000, '\0'), "big.jpg");
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(json::parse(r.body)["code"], "too_large");
}

TEST_F(UploadApiTest, MultipartWithOneAndWithSeveralFiles) {
  Gallery({"album", "add", "opening"});
  StartServer();
  Headers h = Editor();
  h.emplace_back("Content-Type", "multipart/form-data; boundary=XyZ");
  auto one = Send(port(), "POST", "/api/photos", h,
                  Form("XyZ", {{"album", "", "opening"}, {"file", "one.jpg", Jpeg(7)}}));
  ASSERT_EQ(one.status, 201) << one.body;
  EXPECT_EQ(json::parse(one.body)["albums"], json::array({"opening"}));

  auto many = Send(port(), "POST", "/api/photos", h,
                   Form("XyZ", {{"file", "two.jpg", Jpeg(8)},
                                {"file", "cut.jpg", fixtures::TruncatedJpeg()},
                                {"file", "one-again.jpg", Jpeg(7)}}));
  ASSERT_EQ(many.status, 200) << many.body;
  json items = json::parse(many.body)["items"];
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0]["status"], 201);
  EXPECT_EQ(items[0]["photo"]["filename"], "two.jpg");
  EXPECT_EQ(items[1]["status"], 422);
  EXPECT_EQ(items[1]["error"]["code"], "corrupt");
  EXPECT_EQ(items[2]["status"], 200);
  EXPECT_EQ(items[2]["photo"]["duplicate"], true);
}

TEST_F(UploadApiTest, MalformedMultipartIs400) {
  StartServer();
  Headers h = Editor();
  h.emplace_back("Content-Type", "multipart/form-data; boundary=XyZ");
  std::string body = Form("XyZ", {{"file", "one.jpg", Jpeg(9)}});
  body.resize(body.size() - 9);  // no closing boundary
  auto r = Send(port(), "POST", "/api/photos", h, body);
  EXPECT_EQ(r.status, 400) << r.body;
  EXPECT_NE(json::parse(r.body)["message"].get<std::string>().find("boundary"), std::string::npos);
}

TEST_F(UploadApiTest, FullQueueAnswers503WithRetryAfter) {
  StartServer({"--workers", "1", "--queue", "1", "--threads", "8"});
  std::vector<std::string> images;
  for (int i = 0; i < 8; ++i) images.push_back(Jpeg(10 + i, "", "", 2400, 1800));
  std::vector<Reply> replies(images.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < images.size(); ++i) {
    threads.emplace_back([&, i] { replies[i] = Upload(images[i], "p" + std::to_string(i) + ".jpg"); });
  }
  for (auto& t : threads) t.join();
  int created = 0, busy = 0;
  for (const auto& r : replies) {
    if (r.status == 201) ++created;
    if (r.status == 503) {
      ++busy;
      EXPECT_FALSE(r.Header("retry-after").empty());
      EXPECT_EQ(json::parse(r.body)["code"], "busy");
    }
  }
  EXPECT_EQ(created + busy, 8);
  EXPECT_GE(created, 1);
  EXPECT_GE(busy, 1);
}

}  // namespace
}  // namespace http_test
