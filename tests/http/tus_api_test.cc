// Resumable uploads over the tus 1.0.0 protocol at /api/uploads: discovery,
// creation (with and without a first body), chunks, offsets, checksums,
// termination, expiry, quotas, who may reach an upload, the ingest at the
// last byte (as POST /api/photos), and real faults: a connection cut in the
// middle of a chunk through a loopback proxy, and the server killed (-9) in
// the middle of one and started again.
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "base/base64.h"
#include "fixtures/api_fixture.h"
#include "fixtures/tcp_proxy.h"
#include "fixtures/test_util.h"
#include "media/sha256.h"

namespace http_test {
namespace {

using nlohmann::json;

std::string RawSha256(const std::string& bytes) {
  std::string hex = media::Sha256Hex(bytes.data(), bytes.size());
  std::string raw;
  for (std::size_t i = 0; i < hex.size(); i += 2) raw += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return raw;
}

std::string Metadata(const std::map<std::string, std::string>& pairs) {
  std::string out;
  for (const auto& [k, v] : pairs) out += (out.empty() ? "" : ",") + k + " " + base::Base64Encode(v);
  return out;
}

// A photo large enough to send in several chunks.
std::string BigJpeg(int seed) { return Jpeg(seed, "Resumable", "", 900, 700); }

class TusTest : public ApiTest {
 protected:
  Headers Tus(const std::string& token) const {
    return {{"Authorization", "Bearer " + token}, {"Tus-Resumable", "1.0.0"}};
  }
  Headers Tus() const { return Tus(editor_); }

  Reply Create(std::uint64_t length, const std::map<std::string, std::string>& meta, const std::string& body = "",
               int to_port = 0) {
    Headers h = Tus();
    h.emplace_back("Upload-Length", std::to_string(length));
    h.emplace_back("Upload-Metadata", Metadata(meta));
    if (!body.empty()) h.emplace_back("Content-Type", "application/offset+octet-stream");
    return Send(to_port ? to_port : port(), "POST", "/api/uploads", h, body);
  }
  // Creates an upload of `length` named `filename` and returns its path.
  std::string CreatePath(std::uint64_t length, const std::string& filename = "hall.jpg",
                         const std::map<std::string, std::string>& extra = {}) {
    auto meta = extra;
    meta["filename"] = filename;
    Reply r = Create(length, meta);
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Header("location");
  }
  Reply Patch(const std::string& path, std::uint64_t offset, const std::string& bytes, Headers extra = {},
              int to_port = 0) {
    Headers h = Tus();
    h.emplace_back("Content-Type", "application/offset+octet-stream");
    h.emplace_back("Upload-Offset", std::to_string(offset));
    for (auto& e : extra) h.push_back(e);
    return Send(to_port ? to_port : port(), "PATCH", path, h, bytes);
  }
  Reply Head(const std::string& path) { return Send(port(), "HEAD", path, Tus()); }
  std::uint64_t OffsetOf(const std::string& path) {
    Reply r = Head(path);
    EXPECT_EQ(r.status, 200) << r.body;
    return std::stoull(r.Header("upload-offset").empty() ? "0" : r.Header("upload-offset"));
  }
  // The counter `name` from /metrics.
  std::uint64_t Metric(const std::string& name) {
    Reply r = Get("/metrics", Admin());
    std::size_t at = r.body.find("\n" + name + " ");
    if (at == std::string::npos) return 0;
    return std::stoull(r.body.substr(at + name.size() + 2));
  }
  // The stored original of the photo with `sha256`.
  std::string StoredOriginal(const std::string& sha256) {
    std::ifstream in(data_ + "/originals/" + sha256.substr(0, 2) + "/" + sha256.substr(2, 2) + "/" + sha256,
                     std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  }
  int UploadFiles() {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(data_ + "/uploads")) n += e.is_regular_file();
    return n;
  }
};

TEST_F(TusTest, OptionsAdvertisesTheProtocol) {
  StartServer({"--max-upload-bytes", "1000000"});
  Reply r = Send(port(), "OPTIONS", "/api/uploads");
  ASSERT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(r.Header("tus-version"), "1.0.0");
  EXPECT_EQ(r.Header("tus-resumable"), "1.0.0");
  EXPECT_EQ(r.Header("tus-extension"), "creation,creation-with-upload,termination,expiration,checksum");
  EXPECT_EQ(r.Header("tus-max-size"), "1000000");
  EXPECT_EQ(r.Header("tus-checksum-algorithm"), "sha256");
}

// Each request's body is held whole in memory until it is written, so the
// server takes at most --max-chunk-bytes in one (OPTIONS says how many) and
// refuses a larger one from its head, on creation as on PATCH.
TEST_F(TusTest, ChunksAreBoundedAndTheBoundAdvertised) {
  StartServer({"--max-chunk-bytes", "65536"});
  Reply options = Send(port(), "OPTIONS", "/api/uploads");
  ASSERT_EQ(options.status, 204) << options.body;
  EXPECT_EQ(options.Header("upload-max-chunk-size"), "65536");
  const std::string bytes(200000, 'x');
  Reply too_big_first = Create(bytes.size(), {{"filename", "big.jpg"}}, bytes.substr(0, 65537));
  EXPECT_EQ(too_big_first.status, 413) << too_big_first.body;
  EXPECT_EQ(json::parse(too_big_first.body)["code"], "too_large");
  const std::string path = CreatePath(bytes.size(), "big.jpg");
  Reply over = Patch(path, 0, bytes.substr(0, 65537));
  EXPECT_EQ(over.status, 413) << over.body;
  EXPECT_EQ(json::parse(over.body)["code"], "too_large");
  EXPECT_NE(json::parse(over.body)["message"].get<std::string>().find("65536"), std::string::npos) << over.body;
  EXPECT_EQ(OffsetOf(path), 0u);
  Reply at_bound = Patch(path, 0, bytes.substr(0, 65536));
  EXPECT_EQ(at_bound.status, 204) << at_bound.body;
  EXPECT_EQ(OffsetOf(path), 65536u);
  // The plain upload keeps its own, larger bound.
  EXPECT_NE(Send(port(), "POST", "/api/photos?album=", {{"Authorization", "Bearer " + editor_},
                                                        {"Content-Type", "image/jpeg"}, {"X-Filename", "big.jpg"}},
                 bytes).status, 413);
}

TEST_F(TusTest, ChunksThenTheLastByteIngestsThePhoto) {
  Gallery({"album", "add", "hall", "--title-en", "Hall"});
  StartServer();
  const std::string bytes = BigJpeg(1);
  ASSERT_GT(bytes.size(), 3000u);
  Reply created = Create(bytes.size(), {{"filename", "hall.jpg"}, {"album", "hall"}, {"credit", "© IOM 2016"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = created.Header("location");
  ASSERT_EQ(path.rfind("/api/uploads/", 0), 0u) << path;
  EXPECT_EQ(created.Header("upload-offset"), "0");
  EXPECT_NE(created.Header("upload-expires").find("GMT"), std::string::npos);
  EXPECT_EQ(created.Header("tus-resumable"), "1.0.0");

  Reply head = Head(path);
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("upload-offset"), "0");
  EXPECT_EQ(head.Header("upload-length"), std::to_string(bytes.size()));
  EXPECT_EQ(head.Header("cache-control"), "no-store");
  EXPECT_EQ(head.Header("upload-metadata"),
            Metadata({{"album", "hall"}, {"credit", "© IOM 2016"}, {"filename", "hall.jpg"}}));
  EXPECT_TRUE(head.body.empty());

  const std::size_t third = bytes.size() / 3;
  Reply first = Patch(path, 0, bytes.substr(0, third));
  ASSERT_EQ(first.status, 204) << first.body;
  EXPECT_EQ(first.Header("upload-offset"), std::to_string(third));
  EXPECT_EQ(OffsetOf(path), third);
  Reply second = Patch(path, third, bytes.substr(third, third));
  ASSERT_EQ(second.status, 204) << second.body;
  Reply last = Patch(path, 2 * third, bytes.substr(2 * third));
  ASSERT_EQ(last.status, 201) << last.body;
  json photo = json::parse(last.body);
  EXPECT_EQ(photo["filename"], "hall.jpg");
  EXPECT_EQ(photo["credit"], "© IOM 2016");
  EXPECT_EQ(photo["duplicate"], false);
  EXPECT_EQ(photo["sha256"], media::Sha256Hex(bytes.data(), bytes.size()));
  const std::string id = std::to_string(photo["id"].get<std::int64_t>());
  EXPECT_EQ(last.Header("upload-photo"), id);
  EXPECT_EQ(last.Header("upload-offset"), std::to_string(bytes.size()));

  // Any later HEAD names the photo; GET gives the same as JSON.
  Reply after = Head(path);
  ASSERT_EQ(after.status, 200);
  EXPECT_EQ(after.Header("upload-photo"), id);
  EXPECT_EQ(after.Header("upload-offset"), std::to_string(bytes.size()));
  Reply state = Send(port(), "GET", path, Tus());
  ASSERT_EQ(state.status, 200);
  EXPECT_EQ(json::parse(state.body)["photo_id"], photo["id"]);
  EXPECT_EQ(StoredOriginal(photo["sha256"]), bytes);
  json album = json::parse(Get("/api/albums/hall/photos", Editor()).body);
  ASSERT_EQ(album["items"].size(), 1u);
  EXPECT_EQ(album["items"][0]["id"], photo["id"]);
  // A finished upload takes no more bytes.
  EXPECT_EQ(Patch(path, bytes.size(), "").status, 409);
}

TEST_F(TusTest, CreationWithUploadOfTheWholeFile) {
  StartServer();
  const std::string bytes = Jpeg(2);
  Reply r = Create(bytes.size(), {{"filename", "one.jpg"}}, bytes);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_FALSE(r.Header("location").empty());
  EXPECT_FALSE(r.Header("upload-photo").empty());
  EXPECT_EQ(json::parse(r.body)["filename"], "one.jpg");
  // A first part only: the creation answers with the state.
  const std::string big = BigJpeg(3);
  Reply part = Create(big.size(), {{"filename", "two.jpg"}}, big.substr(0, 100));
  ASSERT_EQ(part.status, 201) << part.body;
  EXPECT_EQ(part.Header("upload-offset"), "100");
  EXPECT_EQ(json::parse(part.body)["offset"], 100);
  EXPECT_EQ(Patch(part.Header("location"), 100, big.substr(100)).status, 201);
  // A first part whose checksum does not match: no upload is made.
  const int files = UploadFiles();
  Headers h = Tus();
  h.emplace_back("Upload-Length", std::to_string(big.size()));
  h.emplace_back("Upload-Metadata", Metadata({{"filename", "three.jpg"}}));
  h.emplace_back("Content-Type", "application/offset+octet-stream");
  h.emplace_back("Upload-Checksum", "sha256 " + base::Base64Encode(RawSha256("not these bytes")));
  Reply mismatch = Send(port(), "POST", "/api/uploads", h, big.substr(0, 100));
  EXPECT_EQ(mismatch.status, 460);
  EXPECT_TRUE(mismatch.Header("location").empty());
  EXPECT_EQ(UploadFiles(), files);
}

// The last byte arrived but the ingest could not be made (here: the
// original's folder cannot be created, a file holds its name; a crash
// between the last fsync and the catalog row is the other way there). The
// upload stays complete and unfinished; once the cause is gone, a PATCH with
// no body at its end ingests the bytes received, none of them sent again.
TEST_F(TusTest, AnEmptyPatchIngestsACompleteUploadAgain) {
  StartServer();
  const std::string bytes = BigJpeg(9);
  const std::string sha = media::Sha256Hex(bytes.data(), bytes.size());
  const std::string blocker = data_ + "/originals/" + sha.substr(0, 2);
  std::filesystem::create_directories(data_ + "/originals");
  testing_util::WriteFileOrDie(blocker, "not a folder");
  const std::string path = CreatePath(bytes.size());
  const std::size_t half = bytes.size() / 2;
  ASSERT_EQ(Patch(path, 0, bytes.substr(0, half)).status, 204);
  Reply failed = Patch(path, half, bytes.substr(half));
  ASSERT_GE(failed.status, 500) << failed.body;
  EXPECT_EQ(failed.Header("upload-offset"), std::to_string(bytes.size()));
  EXPECT_TRUE(failed.Header("upload-photo").empty());
  Reply head = Head(path);
  ASSERT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("upload-offset"), std::to_string(bytes.size()));
  EXPECT_TRUE(head.Header("upload-photo").empty()) << "complete, not ingested";
  EXPECT_EQ(json::parse(Get("/api/photos", Editor()).body)["items"].size(), 0u);

  std::filesystem::remove(blocker);
  const std::uint64_t received = Metric("gallery_tus_bytes_received_total");
  Reply again = Patch(path, bytes.size(), "");
  ASSERT_EQ(again.status, 201) << again.body;
  json photo = json::parse(again.body);
  EXPECT_EQ(photo["sha256"], sha);
  const std::string id = std::to_string(photo["id"].get<std::int64_t>());
  EXPECT_EQ(again.Header("upload-photo"), id);
  EXPECT_EQ(Head(path).Header("upload-photo"), id);
  EXPECT_EQ(StoredOriginal(sha), bytes);
  EXPECT_EQ(Metric("gallery_tus_bytes_received_total"), received) << "no byte sent twice";
  EXPECT_EQ(Metric("gallery_tus_bytes_stored_total"), bytes.size());
  // Finished now: a further empty PATCH takes nothing and ingests nothing.
  EXPECT_EQ(Patch(path, bytes.size(), "").status, 409);
  EXPECT_EQ(json::parse(Get("/api/photos", Editor()).body)["items"].size(), 1u);
}

// Upload-Metadata's meeting places the photo in it, as POST /api/photos'
// ?meeting= does; an album or a meeting that does not exist is refused at
// creation (404), before any byte is kept.
TEST_F(TusTest, MetadataMeetingAndTargetsThatMustExist) {
  Gallery({"meeting", "add", "casablanca-2016", "--title-en", "Technical meeting"});
  StartServer();
  const std::string bytes = Jpeg(12);
  Reply placed = Create(bytes.size(), {{"filename", "m.jpg"}, {"meeting", "casablanca-2016"}}, bytes);
  ASSERT_EQ(placed.status, 201) << placed.body;
  json listed = json::parse(Get("/api/photos?meeting=casablanca-2016", Editor()).body);
  ASSERT_EQ(listed["items"].size(), 1u) << listed.dump();
  EXPECT_EQ(listed["items"][0]["id"], json::parse(placed.body)["id"]);
  const int files = UploadFiles();
  Reply no_meeting = Create(100, {{"filename", "x.jpg"}, {"meeting", "atlantis-2016"}});
  EXPECT_EQ(no_meeting.status, 404) << no_meeting.body;
  EXPECT_EQ(json::parse(no_meeting.body)["code"], "not_found");
  Reply no_album = Create(100, {{"filename", "x.jpg"}, {"album", "no-such-album"}}, std::string(100, 'x'));
  EXPECT_EQ(no_album.status, 404) << no_album.body;
  EXPECT_TRUE(no_album.Header("location").empty());
  EXPECT_EQ(UploadFiles(), files);
}

TEST_F(TusTest, DuplicateAndRefusalAnswerAsPostDoes) {
  StartServer();
  const std::string bytes = Jpeg(4);
  Reply posted = Upload(bytes, "posted.jpg");
  ASSERT_EQ(posted.status, 201);
  std::string path = CreatePath(bytes.size(), "again.jpg");
  Reply dup = Patch(path, 0, bytes);
  ASSERT_EQ(dup.status, 200) << dup.body;
  EXPECT_EQ(json::parse(dup.body)["duplicate"], true);
  EXPECT_EQ(json::parse(dup.body)["id"], json::parse(posted.body)["id"]);
  EXPECT_EQ(dup.Header("upload-photo"), std::to_string(json::parse(posted.body)["id"].get<int>()));

  // Bytes that are no image: the same status and code as POST /api/photos.
  const std::string text = "this is not a photo at all, only words";
  Reply by_post = Upload(text, "notes.jpg");
  std::string bad = CreatePath(text.size(), "notes.jpg");
  Reply by_tus = Patch(bad, 0, text);
  ASSERT_GE(by_post.status, 400);
  EXPECT_EQ(by_tus.status, by_post.status) << by_tus.body;
  EXPECT_EQ(json::parse(by_tus.body)["code"], json::parse(by_post.body)["code"]);
  // A file whose type the client names and which is no image: refused as
  // POST /api/photos refuses it, before any byte is sent.
  Reply typed = Create(text.size(), {{"filename", "notes.txt"}, {"filetype", "text/plain"}});
  EXPECT_EQ(typed.status, 415) << typed.body;
  EXPECT_EQ(json::parse(typed.body)["code"], "unsupported");
  EXPECT_EQ(Create(bytes.size(), {{"filename", "b.jpg"}, {"filetype", "image/jpeg"}}).status, 201);
  // A later look repeats the refusal.
  Reply state = Send(port(), "GET", bad, Tus());
  ASSERT_EQ(state.status, 200);
  EXPECT_EQ(json::parse(state.body)["error"]["code"], json::parse(by_post.body)["code"]);
  EXPECT_TRUE(Head(bad).Header("upload-photo").empty());
}

TEST_F(TusTest, HeadersTheProtocolRequires) {
  Gallery({"album", "add", "hall", "--title-en", "Hall"});
  StartServer({"--max-upload-bytes", "100000"});
  const std::string bytes = Jpeg(5);
  // No Tus-Resumable: 412 with the version spoken.
  Reply no_version = Send(port(), "POST", "/api/uploads",
                          {{"Authorization", "Bearer " + editor_}, {"Upload-Length", "10"},
                           {"Upload-Metadata", Metadata({{"filename", "a.jpg"}})}});
  EXPECT_EQ(no_version.status, 412);
  EXPECT_EQ(no_version.Header("tus-version"), "1.0.0");
  EXPECT_EQ(json::parse(no_version.body)["code"], "tus_version");
  // Creation: length missing, not a number, over Tus-Max-Size; metadata bad.
  Headers h = Tus();
  h.emplace_back("Upload-Metadata", Metadata({{"filename", "a.jpg"}}));
  EXPECT_EQ(Send(port(), "POST", "/api/uploads", h).status, 400);
  Headers h2 = h;
  h2.emplace_back("Upload-Length", "ten");
  EXPECT_EQ(Send(port(), "POST", "/api/uploads", h2).status, 400);
  Reply huge = Create(100001, {{"filename", "a.jpg"}});
  EXPECT_EQ(huge.status, 413);
  EXPECT_EQ(json::parse(huge.body)["code"], "too_large");
  EXPECT_EQ(Create(10, {}).status, 400);  // no filename
  Headers h3 = Tus();
  h3.emplace_back("Upload-Length", "10");
  h3.emplace_back("Upload-Metadata", "filename %%%");
  Reply bad_meta = Send(port(), "POST", "/api/uploads", h3);
  EXPECT_EQ(bad_meta.status, 400);
  EXPECT_EQ(json::parse(bad_meta.body)["code"], "invalid_argument");
  EXPECT_EQ(Create(10, {{"filename", "a.jpg"}, {"album", "nowhere"}}).status, 404);

  const std::string path = CreatePath(bytes.size(), "a.jpg", {{"album", "hall"}});
  // PATCH: the chunk type, the offset, the size left.
  Headers wrong_type = Tus();
  wrong_type.emplace_back("Content-Type", "image/jpeg");
  wrong_type.emplace_back("Upload-Offset", "0");
  Reply r415 = Send(port(), "PATCH", path, wrong_type, bytes.substr(0, 10));
  EXPECT_EQ(r415.status, 415);
  EXPECT_EQ(json::parse(r415.body)["code"], "unsupported");
  Headers no_offset = Tus();
  no_offset.emplace_back("Content-Type", "application/offset+octet-stream");
  EXPECT_EQ(Send(port(), "PATCH", path, no_offset, bytes.substr(0, 10)).status, 400);
  Reply r409 = Patch(path, 5, bytes.substr(5, 10));
  EXPECT_EQ(r409.status, 409);
  EXPECT_EQ(json::parse(r409.body)["code"], "conflict");
  EXPECT_EQ(r409.Header("upload-offset"), "0");
  Reply r413 = Patch(path, 0, bytes + "x");
  EXPECT_EQ(r413.status, 413);
  EXPECT_EQ(OffsetOf(path), 0u);
  // Checksums: a wrong one discards the chunk (460); a right one keeps it.
  Reply r460 = Patch(path, 0, bytes.substr(0, 50), {{"Upload-Checksum", "sha256 " + base::Base64Encode(RawSha256("other"))}});
  EXPECT_EQ(r460.status, 460);
  EXPECT_EQ(json::parse(r460.body)["code"], "checksum_mismatch");
  EXPECT_EQ(OffsetOf(path), 0u);
  EXPECT_EQ(Patch(path, 0, bytes.substr(0, 50), {{"Upload-Checksum", "md5 AAAA"}}).status, 400);
  EXPECT_EQ(Patch(path, 0, bytes.substr(0, 50), {{"Upload-Checksum", "sha256 !!"}}).status, 400);
  Reply good = Patch(path, 0, bytes.substr(0, 50),
                     {{"Upload-Checksum", "sha256 " + base::Base64Encode(RawSha256(bytes.substr(0, 50)))}});
  EXPECT_EQ(good.status, 204) << good.body;
  EXPECT_EQ(OffsetOf(path), 50u);
  EXPECT_EQ(Head("/api/uploads/0123456789abcdef0123456789abcdef").status, 404);
  EXPECT_EQ(Head("/api/uploads/nonsense").status, 404);
}

TEST_F(TusTest, AnotherAccountsUploadDoesNotExist) {
  StartServer();
  const std::string other = CreateToken(data_, "editor");  // named "token" too: the same account
  const std::string stranger = [&] {
    auto r = testing_util::RunGallery({"token", "create", "--data", data_, "--role", "editor", "--name", "other"}, 60);
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
  }();
  const std::string viewer = CreateToken(data_, "viewer");
  const std::string bytes = Jpeg(6);
  const std::string path = CreatePath(bytes.size());
  Headers patch = Tus(stranger);
  patch.emplace_back("Content-Type", "application/offset+octet-stream");
  patch.emplace_back("Upload-Offset", "0");
  Reply head = Send(port(), "HEAD", path, Tus(stranger));
  EXPECT_EQ(head.status, 404);
  Reply p = Send(port(), "PATCH", path, patch, bytes.substr(0, 10));
  EXPECT_EQ(p.status, 404);
  EXPECT_EQ(json::parse(p.body)["code"], "not_found");
  EXPECT_EQ(Send(port(), "DELETE", path, Tus(stranger)).status, 404);
  EXPECT_EQ(Send(port(), "HEAD", path, Tus(viewer)).status, 403);
  EXPECT_EQ(Send(port(), "HEAD", path, {{"Tus-Resumable", "1.0.0"}}).status, 401);
  EXPECT_EQ(OffsetOf(path), 0u);
  EXPECT_EQ(Send(port(), "HEAD", path, Tus(other)).status, 200);
}

TEST_F(TusTest, TerminationRemovesTheUpload) {
  StartServer();
  const std::string path = CreatePath(1000);
  ASSERT_EQ(Patch(path, 0, std::string(100, 'x')).status, 204);
  Reply r = Send(port(), "DELETE", path, Tus());
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(Head(path).status, 404);
  EXPECT_EQ(Patch(path, 100, "y").status, 404);
  EXPECT_EQ(UploadFiles(), 0);
}

TEST_F(TusTest, QuotaOfUnfinishedUploadsPerAccount) {
  StartServer({"--upload-quota", "2,1000"});
  const std::string a = CreatePath(600);
  Reply too_big = Create(500, {{"filename", "b.jpg"}});
  EXPECT_EQ(too_big.status, 413);
  EXPECT_EQ(json::parse(too_big.body)["code"], "upload_quota");
  const std::string b = CreatePath(300);
  Reply too_many = Create(10, {{"filename", "c.jpg"}});
  EXPECT_EQ(too_many.status, 429);
  EXPECT_EQ(json::parse(too_many.body)["code"], "too_many_uploads");
  ASSERT_EQ(Send(port(), "DELETE", a, Tus()).status, 204);
  EXPECT_EQ(Create(10, {{"filename", "c.jpg"}}).status, 201);
  EXPECT_FALSE(b.empty());
}

// Without --upload-expiry and --upload-quota: an upload lives a day (its
// Upload-Expires says so), and an account holds at most 20 unfinished.
TEST_F(TusTest, DefaultExpiryIsADayAndTwentyUploadsAtMost) {
  StartServer();
  const std::int64_t before = static_cast<std::int64_t>(std::time(nullptr));
  const std::string path = CreatePath(1000);
  std::tm tm{};
  const std::string expires = Head(path).Header("upload-expires");
  ASSERT_NE(strptime(expires.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm), nullptr) << expires;
  const std::int64_t at = static_cast<std::int64_t>(timegm(&tm));
  EXPECT_GE(at, before + 24 * 3600) << expires;
  EXPECT_LE(at, before + 24 * 3600 + 120) << expires;
  for (int i = 1; i < 20; ++i) ASSERT_FALSE(CreatePath(1000).empty()) << i;
  Reply too_many = Create(10, {{"filename", "c.jpg"}});
  EXPECT_EQ(too_many.status, 429) << too_many.body;
  EXPECT_EQ(json::parse(too_many.body)["code"], "too_many_uploads");
}

TEST_F(TusTest, ExpiredUploadsAreSwept) {
  StartServer({"--upload-expiry", "2s"});
  const std::string path = CreatePath(1000);
  ASSERT_EQ(Patch(path, 0, std::string(10, 'x')).status, 204);
  EXPECT_EQ(UploadFiles(), 2);
  Reply created = Head(path);
  EXPECT_FALSE(created.Header("upload-expires").empty());
  // Gone for the client once expired, and its files removed by the sweep
  // (every second here); bounded wait.
  bool swept = false;
  for (int i = 0; i < 100 && !swept; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    swept = UploadFiles() == 0;
  }
  EXPECT_TRUE(swept);
  EXPECT_EQ(Head(path).status, 404);
  EXPECT_NE(server_->Log().find("removed 1 expired uploads"), std::string::npos) << server_->Log();
}

TEST_F(TusTest, BytesReceivedAreCounted) {
  StartServer();
  const std::string path = CreatePath(1000);
  ASSERT_EQ(Patch(path, 0, std::string(100, 'x')).status, 204);
  ASSERT_EQ(Patch(path, 0, std::string(30, 'x')).status, 409);
  EXPECT_EQ(Metric("gallery_tus_bytes_received_total"), 130u);
  EXPECT_EQ(Metric("gallery_tus_bytes_stored_total"), 100u);
}

// A PATCH cut in the middle of its body: nothing of it is acknowledged, the
// client asks HEAD where to go on, and only what HEAD does not have is sent
// again.
TEST_F(TusTest, CutInTheMiddleOfAChunkResumesFromHead) {
  StartServer();
  TcpProxy proxy(port());
  const std::string bytes = BigJpeg(7);
  const std::string path = CreatePath(bytes.size());
  const std::size_t half = bytes.size() / 2;
  ASSERT_EQ(Patch(path, 0, bytes.substr(0, half), {}, proxy.port()).status, 204);
  const std::uint64_t before = proxy.upstream_bytes();
  proxy.CutAfter(400 + (bytes.size() - half) / 2);  // the head and part of the body
  Reply cut = Patch(path, half, bytes.substr(half), {}, proxy.port());
  EXPECT_EQ(cut.status, 0);
  EXPECT_EQ(proxy.cuts(), 1);
  const std::uint64_t offset = OffsetOf(path);
  EXPECT_EQ(offset, half);  // the acknowledged bytes, all of them, no more
  const std::uint64_t resent_from = proxy.upstream_bytes();
  Reply done = Patch(path, offset, bytes.substr(offset), {}, proxy.port());
  ASSERT_EQ(done.status, 201) << done.body;
  // The resumed PATCH carried exactly the bytes not yet acknowledged (and
  // its head).
  const std::uint64_t body_sent = proxy.upstream_bytes() - resent_from;
  EXPECT_GE(body_sent, bytes.size() - offset);
  EXPECT_LT(body_sent, bytes.size() - offset + 1024);
  EXPECT_GT(resent_from, before);
  EXPECT_EQ(StoredOriginal(json::parse(done.body)["sha256"]), bytes);
}

// The server killed (-9) while a chunk is half received, then started again
// on the same data: HEAD has every acknowledged byte, intact, and the upload
// finishes with no acknowledged byte sent twice.
TEST_F(TusTest, KilledInTheMiddleOfAChunkResumesAfterRestart) {
  StartServer();
  const std::string bytes = BigJpeg(8);
  const std::string path = CreatePath(bytes.size());
  std::uint64_t acknowledged = 0;
  const std::size_t chunk = bytes.size() / 4;
  for (int i = 0; i < 2; ++i) {
    Reply r = Patch(path, acknowledged, bytes.substr(acknowledged, chunk));
    ASSERT_EQ(r.status, 204) << r.body;
    acknowledged = std::stoull(r.Header("upload-offset"));
  }
  // The third chunk's head and half its body, then the kill.
  int fd = ConnectLoopback(::socket(AF_INET, SOCK_STREAM, 0), port());
  ASSERT_GE(fd, 0);
  std::string head = "PATCH " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + editor_ +
                     "\r\nTus-Resumable: 1.0.0\r\nContent-Type: application/offset+octet-stream\r\n"
                     "Upload-Offset: " + std::to_string(acknowledged) +
                     "\r\nContent-Length: " + std::to_string(chunk) + "\r\n\r\n";
  std::string partial = head + bytes.substr(acknowledged, chunk / 2);
  ASSERT_EQ(::write(fd, partial.data(), partial.size()), static_cast<ssize_t>(partial.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(server_->Stop(SIGKILL), 128 + SIGKILL);
  ::close(fd);
  server_ = std::make_unique<ServerProcess>(data_);

  const std::uint64_t offset = OffsetOf(path);
  EXPECT_GE(offset, acknowledged);
  EXPECT_LE(offset, bytes.size());
  Reply done;
  std::uint64_t at = offset;
  for (int i = 0; i < 10 && at < bytes.size(); ++i) {
    done = Patch(path, at, bytes.substr(at, chunk));
    ASSERT_TRUE(done.status == 204 || done.status == 201) << done.status << " " << done.body;
    at = std::stoull(done.Header("upload-offset"));
  }
  ASSERT_EQ(done.status, 201) << done.body;
  json photo = json::parse(done.body);
  EXPECT_EQ(photo["sha256"], media::Sha256Hex(bytes.data(), bytes.size()));
  EXPECT_EQ(StoredOriginal(photo["sha256"]), bytes);
  // The restarted server stored exactly the bytes after HEAD's offset, and
  // that offset kept every byte acknowledged before the kill.
  EXPECT_EQ(Metric("gallery_tus_bytes_stored_total"), bytes.size() - offset);
  EXPECT_EQ(Metric("gallery_tus_bytes_received_total"), bytes.size() - offset);
}

// The token an upload was begun with, revoked between two chunks: the next
// PATCH is refused (401, a JSON code and message) before any byte is kept,
// and the half-sent upload is no one else's to read or finish (another
// account's HEAD, PATCH and DELETE answer 404), while the account's other
// credentials still find it where it stood.
TEST_F(TusTest, ATokenRevokedMidUploadStopsItThere) {
  StartServer();
  auto make = [&](const std::string& name) {
    auto r = testing_util::RunGallery({"token", "create", "--data", data_, "--role", "editor", "--name", name}, 60);
    std::string out = r.out;
    while (!out.empty() && out.back() == '\n') out.pop_back();
    return out.substr(out.rfind('\n') + 1);
  };
  const std::string laptop = make("laptop");
  const std::string bytes = BigJpeg(9);
  const std::size_t chunk = bytes.size() / 3;
  Headers create = Tus(laptop);
  create.emplace_back("Upload-Length", std::to_string(bytes.size()));
  create.emplace_back("Upload-Metadata", Metadata({{"filename", "revoked.jpg"}}));
  create.emplace_back("Content-Type", "application/offset+octet-stream");
  Reply created = Send(port(), "POST", "/api/uploads", create, bytes.substr(0, chunk));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = created.Header("location");
  ASSERT_EQ(created.Header("upload-offset"), std::to_string(chunk));

  Reply tokens = Get("/api/tokens", Admin());
  ASSERT_EQ(tokens.status, 200);
  const json listed = json::parse(tokens.body);
  std::string id;
  for (const json& t : listed["items"]) {
    if (t["name"] == "laptop" && id.empty()) id = t["id"].dump();
  }
  ASSERT_FALSE(id.empty()) << tokens.body;
  const std::string kept = make("laptop");  // the same account, another token
  ASSERT_EQ(Send(port(), "DELETE", "/api/tokens/" + id, Admin()).status, 204);
  const std::string& revoked = laptop;
  const std::uint64_t stored = Metric("gallery_tus_bytes_stored_total");

  Headers patch = Tus(revoked);
  patch.emplace_back("Content-Type", "application/offset+octet-stream");
  patch.emplace_back("Upload-Offset", std::to_string(chunk));
  Reply refused = Send(port(), "PATCH", path, patch, bytes.substr(chunk, chunk));
  EXPECT_EQ(refused.status, 401);
  const json error = json::parse(refused.body, nullptr, false);
  ASSERT_TRUE(error.is_object()) << refused.body;
  EXPECT_EQ(error["code"], "unauthenticated");
  EXPECT_TRUE(error["message"].is_string() && !error["message"].get<std::string>().empty()) << refused.body;
  EXPECT_EQ(Send(port(), "DELETE", path, Tus(revoked)).status, 401);
  EXPECT_EQ(Metric("gallery_tus_bytes_stored_total"), stored) << "nothing kept after the revocation";

  // No one else reads, finishes or ends it.
  const std::string stranger = make("stranger");
  Headers other = Tus(stranger);
  other.emplace_back("Content-Type", "application/offset+octet-stream");
  other.emplace_back("Upload-Offset", std::to_string(chunk));
  EXPECT_EQ(Send(port(), "HEAD", path, Tus(stranger)).status, 404);
  EXPECT_EQ(Send(port(), "PATCH", path, other, bytes.substr(chunk)).status, 404);
  EXPECT_EQ(Send(port(), "DELETE", path, Tus(stranger)).status, 404);
  EXPECT_EQ(Send(port(), "HEAD", path, Tus()).status, 404) << "the fixture's editor is another account";
  EXPECT_EQ(Metric("gallery_tus_bytes_stored_total"), stored);

  // The account's other token finds it where it stood.
  Reply head = Send(port(), "HEAD", path, Tus(kept));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.Header("upload-offset"), std::to_string(chunk));
}

}  // namespace
}  // namespace http_test
