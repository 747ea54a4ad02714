// Deleting a photo is undoable until `gallery gc`: the photo goes to the
// trash with its files, an admin restores it as it was, and gc (refused
// while a server has the archive open) removes it and its files for good.
#include <filesystem>
#include <fstream>
#include <string>

#include "fixtures/api_fixture.h"

namespace http_test {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class TrashTest : public ApiTest {
 protected:
  void SetUp() override {
    Gallery({"album", "add", "opening", "--title-en", "Opening"});
    StartServer();
    gone_ = UploadPhoto(photo_bytes_, "plenary.jpg", "?album=opening");
    kept_ = UploadPhoto(Jpeg(2, "Closing"), "closing.jpg", "?album=opening");
    id_ = std::to_string(gone_["id"].get<int>());
    Headers h = Editor();
    h.emplace_back("Content-Type", "application/json");
    ASSERT_EQ(Send(port(), "PATCH", "/api/photos/" + id_, h,
                   R"({"caption": {"en": "Edited plenary", "fr": "Plénière modifiée"}})")
                  .status,
              200);
    ASSERT_EQ(Get("/media/" + id_ + "/tile.webp").status, 200);
  }
  std::string Original(const json& photo) const {
    std::string sha = photo["sha256"];
    return data_ + "/originals/" + sha.substr(0, 2) + "/" + sha.substr(2, 2) + "/" + sha;
  }
  std::string Renditions(const json& photo) const {
    std::string sha = photo["sha256"];
    return data_ + "/renditions/" + sha.substr(0, 2) + "/" + sha;
  }
  Reply Delete() { return Send(port(), "DELETE", "/api/photos/" + id_, Admin()); }
  Reply Restore(const Headers& who) {
    return Send(port(), "POST", "/api/trash/" + id_ + "/restore", who);
  }
  std::string photo_bytes_ = Jpeg(1, "Plenary", "© IOM 2016");
  json gone_, kept_;
  std::string id_;
};

TEST_F(TrashTest, ADeletedPhotoKeepsItsFilesAndComesBackAsItWas) {
  ASSERT_EQ(Delete().status, 200);
  EXPECT_EQ(Get("/api/photos/" + id_).status, 404);
  EXPECT_EQ(Get("/media/" + id_ + "/tile.webp").status, 404);
  EXPECT_EQ(json::parse(Get("/api/albums/opening/photos").body)["items"].size(), 1u);
  EXPECT_TRUE(fs::exists(Original(gone_)));
  EXPECT_TRUE(fs::exists(Renditions(gone_)));

  auto trash = Send(port(), "GET", "/api/trash", Admin());
  ASSERT_EQ(trash.status, 200) << trash.body;
  json items = json::parse(trash.body)["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["id"], gone_["id"]);
  EXPECT_EQ(items[0]["filename"], "plenary.jpg");
  EXPECT_FALSE(items[0]["deleted_at"].get<std::string>().empty());
  EXPECT_FALSE(items[0]["deleted_by"].get<std::string>().empty());
  // Only an admin sees the trash or restores.
  EXPECT_EQ(Send(port(), "GET", "/api/trash", Editor()).status, 403);
  EXPECT_EQ(Get("/api/trash").status, 401);
  EXPECT_EQ(Restore(Editor()).status, 403);

  auto restored = Restore(Admin());
  ASSERT_EQ(restored.status, 200) << restored.body;
  json photo = json::parse(restored.body);
  EXPECT_EQ(photo["id"], gone_["id"]);
  EXPECT_EQ(photo["caption"]["fr"], "Plénière modifiée");
  EXPECT_EQ(photo["albums"], json::array({"opening"}));
  EXPECT_EQ(json::parse(Get("/api/photos/" + id_).body)["caption"]["en"], "Edited plenary");
  EXPECT_EQ(Get("/media/" + id_ + "/tile.webp").status, 200);
  json listed = json::parse(Get("/api/albums/opening/photos").body)["items"];
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0]["id"], gone_["id"]);  // back in its place
  EXPECT_EQ(json::parse(Send(port(), "GET", "/api/trash", Admin()).body)["items"].size(), 0u);
  auto again = Restore(Admin());
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(json::parse(again.body)["code"], "not_found");
}

TEST_F(TrashTest, RestoreIsRefusedWhileTheSameBytesAreBack) {
  ASSERT_EQ(Delete().status, 200);
  json newcomer = UploadPhoto(photo_bytes_, "again.jpg");
  ASSERT_NE(newcomer["id"], gone_["id"]);
  auto refused = Restore(Admin());
  EXPECT_EQ(refused.status, 409) << refused.body;
  json error = json::parse(refused.body);
  EXPECT_EQ(error["code"], "conflict");
  EXPECT_NE(error["message"].get<std::string>().find(std::to_string(newcomer["id"].get<int>())),
            std::string::npos);
  ASSERT_EQ(Send(port(), "DELETE", "/api/photos/" + std::to_string(newcomer["id"].get<int>()), Admin())
                .status,
            200);
  EXPECT_EQ(Restore(Admin()).status, 200);
}

TEST_F(TrashTest, AnAdminEmptiesTheTrashAndGcThenRemovesTheFiles) {
  ASSERT_EQ(Delete().status, 200);
  EXPECT_EQ(Send(port(), "DELETE", "/api/trash", Editor()).status, 403);
  EXPECT_EQ(Send(port(), "DELETE", "/api/trash").status, 401);
  EXPECT_EQ(json::parse(Send(port(), "GET", "/api/trash", Admin()).body)["items"].size(), 1u);

  auto emptied = Send(port(), "DELETE", "/api/trash", Admin());
  ASSERT_EQ(emptied.status, 200) << emptied.body;
  EXPECT_EQ(json::parse(emptied.body)["purged"], 1);
  EXPECT_EQ(json::parse(Send(port(), "GET", "/api/trash", Admin()).body)["items"].size(), 0u);
  EXPECT_EQ(Restore(Admin()).status, 404);
  EXPECT_EQ(Get("/api/photos/" + id_, Admin()).status, 404);
  EXPECT_EQ(Get("/api/photos/" + std::to_string(kept_["id"].get<int>())).status, 200);
  auto again = Send(port(), "DELETE", "/api/trash", Admin());
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(json::parse(again.body)["purged"], 0);
  // The files wait for gc, which needs the archive to itself.
  EXPECT_TRUE(fs::exists(Original(gone_)));
  server_.reset();
  auto gc = testing_util::RunGallery({"gc", "--data", data_});
  ASSERT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_FALSE(fs::exists(Original(gone_)));
  EXPECT_FALSE(fs::exists(Renditions(gone_)));
  EXPECT_TRUE(fs::exists(Original(kept_)));
}

TEST_F(TrashTest, GcRemovesTheTrashAndItsFilesOnlyWhenAlone) {
  ASSERT_EQ(Delete().status, 200);
  auto busy = testing_util::RunGallery({"gc", "--data", data_});
  EXPECT_EQ(busy.exit_code, 2) << busy.out << busy.err;
  EXPECT_NE(busy.err.find("another process"), std::string::npos) << busy.err;
  EXPECT_TRUE(fs::exists(Original(gone_)));
  server_.reset();

  auto dry = testing_util::RunGallery({"gc", "--dry-run", "--data", data_});
  EXPECT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("plenary.jpg"), std::string::npos) << dry.out;
  EXPECT_TRUE(fs::exists(Original(gone_)));

  auto gc = testing_util::RunGallery({"gc", "--data", data_});
  ASSERT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_NE(gc.out.find("1 deleted photos"), std::string::npos) << gc.out;
  EXPECT_FALSE(fs::exists(Original(gone_)));
  EXPECT_FALSE(fs::exists(Renditions(gone_)));
  EXPECT_TRUE(fs::exists(Original(kept_)));
  EXPECT_TRUE(fs::exists(Renditions(kept_)));
  auto check = testing_util::RunGallery({"check", "--data", data_});
  EXPECT_EQ(check.exit_code, 0) << check.out;

  StartServer();
  EXPECT_EQ(Restore(Admin()).status, 404);
  EXPECT_EQ(Get("/api/photos/" + std::to_string(kept_["id"].get<int>())).status, 200);
  EXPECT_EQ(Get("/media/" + std::to_string(kept_["id"].get<int>()) + "/tile.webp").status, 200);
}

TEST_F(TrashTest, GcClearsTheCachedRegionsOfPhotosNoLongerCatalogued) {
  const std::string kept_id = std::to_string(kept_["id"].get<int>());
  ASSERT_EQ(Get("/iiif/3/" + kept_id + "/full/max/0/default.jpg").status, 200);
  ASSERT_EQ(Get("/iiif/3/" + id_ + "/full/max/0/default.jpg").status, 200);
  const std::string root = data_ + "/renditions/iiif/";
  auto dir_of = [&](const std::string& sha) { return root + sha.substr(0, 2) + "/" + sha; };
  const std::string kept_dir = dir_of(kept_["sha256"]);
  const std::string gone_dir = dir_of(gone_["sha256"]);
  ASSERT_TRUE(fs::exists(kept_dir));
  ASSERT_TRUE(fs::exists(gone_dir));
  ASSERT_EQ(Delete().status, 200);
  server_.reset();
  // What a server could not remove: the deleted photo's regions, and those
  // of bytes no photo ever had (a photo purged by an older version).
  fs::create_directories(gone_dir);
  { std::ofstream(gone_dir + "/v1-full,100,0,default.jpg") << "left behind"; }
  const std::string stranger(64, 'a');
  fs::create_directories(dir_of(stranger));
  { std::ofstream(dir_of(stranger) + "/v1-full,100,0,default.jpg") << "left behind"; }

  auto dry = testing_util::RunGallery({"gc", "--dry-run", "--data", data_});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(dry.out.find("would remove cached regions of " + stranger), std::string::npos) << dry.out;
  EXPECT_TRUE(fs::exists(dir_of(stranger)));

  auto gc = testing_util::RunGallery({"gc", "--data", data_});
  ASSERT_EQ(gc.exit_code, 0) << gc.out << gc.err;
  EXPECT_NE(gc.out.find("cached regions of 2 photos removed"), std::string::npos) << gc.out;
  EXPECT_FALSE(fs::exists(gone_dir));
  EXPECT_FALSE(fs::exists(dir_of(stranger)));
  EXPECT_TRUE(fs::exists(kept_dir)) << "a catalogued photo's regions stay";
  EXPECT_FALSE(fs::is_empty(kept_dir));
}

}  // namespace
}  // namespace http_test
