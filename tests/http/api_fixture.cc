#include "http/api_fixture.h"

#include "fixtures/image_fixtures.h"

namespace http_test {

std::string CreateToken(const std::string& data_dir, const std::string& role) {
  auto r = testing_util::RunGallery({"token", "create", "--data", data_dir, "--role", role}, 60);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::string out = r.out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out.substr(out.rfind('\n') + 1);
}

void ApiTest::Gallery(std::vector<std::string> args) {
  args.push_back("--data");
  args.push_back(data_);
  auto r = testing_util::RunGallery(args, 60);
  ASSERT_EQ(r.exit_code, 0) << r.err;
}

void ApiTest::StartServer(const std::vector<std::string>& extra) {
  editor_ = CreateToken(data_, "editor");
  admin_ = CreateToken(data_, "admin");
  server_ = std::make_unique<ServerProcess>(data_, extra);
}

Reply ApiTest::Get(const std::string& path, const Headers& headers) {
  return Send(port(), "GET", path, headers);
}

Reply ApiTest::Upload(const std::string& bytes, const std::string& filename, const std::string& query,
                      const std::string& content_type) {
  Headers h = Editor();
  h.emplace_back("Content-Type", content_type);
  h.emplace_back("X-Filename", filename);
  return Send(port(), "POST", "/api/photos" + query, h, bytes);
}

nlohmann::json ApiTest::UploadPhoto(const std::string& bytes, const std::string& filename,
                                    const std::string& query) {
  Reply r = Upload(bytes, filename, query);
  EXPECT_EQ(r.status, 201) << r.body;
  return nlohmann::json::parse(r.body);
}

std::string Jpeg(int seed, const std::string& caption, const std::string& credit, int width,
                 int height, const std::vector<std::string>& keywords) {
  fixtures::FixtureSpec spec;
  spec.width = width + seed;
  spec.height = height;
  if (!caption.empty()) spec.caption = {{"x-default", caption}};
  spec.credit = credit;
  spec.keywords = keywords;
  return fixtures::MakeImage(spec);
}

}  // namespace http_test
