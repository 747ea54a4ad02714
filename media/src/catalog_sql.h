// media::Catalog on an SQL database, SQLite or PostgreSQL (sql_db.h). Each
// public call runs in one transaction on the connection pool; the helpers it
// uses live in the other catalog_*.cc files, one concern each.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "media/catalog.h"
#include "sql_db.h"

namespace media::catalog {

class SqlCatalog : public Catalog {
 public:
  explicit SqlCatalog(std::unique_ptr<sql::Pool> pool) : pool_(std::move(pool)) {}

  Status CreateMeeting(const Meeting& m) override;
  Result<Meeting> GetMeeting(const std::string& slug, const Audience& audience) override;
  Result<std::vector<Meeting>> ListMeetings(const Audience& audience) override;
  Status UpdateMeeting(const std::string& slug, const Meeting& m, const std::string& who) override;
  Result<std::vector<HistoryEntry>> MeetingHistory(const std::string& slug) override;
  Status DeleteMeeting(const std::string& slug) override;

  Status CreateAlbum(const Album& a) override;
  Result<Album> GetAlbum(const std::string& slug, const Audience& audience) override;
  Result<std::vector<Album>> ListAlbums(const std::string& meeting_slug, const Audience& audience) override;
  Result<AlbumPage> ListAlbumPage(const AlbumFilter& filter) override;
  Status UpdateAlbum(const std::string& slug, const Album& a, const std::string& who) override;
  Status DeleteAlbum(const std::string& slug) override;
  Status AddToAlbum(const std::string& album_slug, const std::vector<std::int64_t>& ids,
                    const std::string& who) override;
  Status RemoveFromAlbum(const std::string& album_slug, const std::vector<std::int64_t>& ids,
                         const std::string& who) override;
  Status ReorderAlbum(const std::string& album_slug, const std::vector<std::int64_t>& ids) override;
  Result<std::vector<HistoryEntry>> AlbumHistory(const std::string& album_slug) override;

  Result<std::int64_t> AddPhoto(const NewPhoto& p, std::int64_t* existing_id) override;
  Result<std::vector<std::int64_t>> AddPhotos(const std::vector<NewPhoto>& photos) override;
  Result<Photo> GetPhoto(std::int64_t id, const Audience& audience) override;
  Result<std::optional<std::int64_t>> FindPhotoBySha256(const std::string& sha256) override;
  Result<PhotoPage> ListPhotos(const PhotoFilter& filter) override;
  Result<std::vector<KnownPhoto>> FindPhotosBySha256(const std::vector<std::string>& sha256s,
                                                     const Audience& audience) override;
  Result<std::vector<std::string>> AllSha256() override;
  Result<std::string> DeletePhoto(std::int64_t id, const std::string& who) override;
  Result<std::vector<DeletedPhoto>> ListDeletedPhotos() override;
  Status RestorePhoto(std::int64_t id) override;
  Result<std::vector<std::string>> PurgeDeletedPhotos() override;
  Result<std::vector<std::string>> UnreferencedSha256(const std::vector<std::string>& stored) override;

  Result<std::vector<CreditCount>> ListCredits(const std::string& meeting_slug,
                                               const Audience& audience) override;
  Result<std::vector<TagCount>> ListTags(const std::string& meeting_slug,
                                         const Audience& audience) override;
  Result<std::vector<CreditCount>> ListCreditsIn(const PhotoFilter& scope) override;
  Result<std::vector<TagCount>> ListTagsIn(const PhotoFilter& scope) override;

  Status EditPhoto(std::int64_t id, const PhotoEdit& edit, const std::string& who) override;
  Status EditPhotos(const std::vector<std::int64_t>& ids, const PhotoEdit& edit,
                    const std::string& who) override;
  Result<std::vector<HistoryEntry>> PhotoHistory(std::int64_t id) override;
  Status RevertEdit(std::int64_t photo_id, std::int64_t entry_id, const std::string& who) override;

  Status AddUser(const User& u) override;
  Result<User> GetUser(const std::string& name) override;
  Result<std::int64_t> AddCredential(const Credential& c) override;
  Result<Credential> FindCredential(const std::string& secret_sha256) override;
  Status RemoveCredential(const std::string& secret_sha256) override;
  Result<std::int64_t> AddShareLink(const ShareLink& l) override;
  Result<ShareLink> FindShareLink(const std::string& secret_sha256) override;
  Result<std::vector<User>> ListUsers() override;
  Status UpdateUser(const std::string& name, const UserChange& change) override;
  Result<std::vector<Credential>> ListTokens() override;
  Status RevokeToken(std::int64_t id) override;
  Status TouchCredential(std::int64_t id, const std::string& at, const std::string& not_before) override;

  Result<std::int64_t> AdmitAttempt(const std::string& key, const AttemptRule& rule, std::int64_t now) override;
  Result<std::int64_t> AttemptWait(const std::string& key, const AttemptRule& rule, std::int64_t now) override;
  Status ForgetAttempts(const std::string& key) override;
  Result<std::string> SharedKey(const std::string& name, const std::string& proposed) override;
  Result<std::vector<ShareLink>> ListShareLinks(const std::string& album_slug) override;
  Status RemoveShareLink(const std::string& album_slug, std::int64_t id) override;

  Status CheckIntegrity() override;

  Result<std::int64_t> DataVersion() override;
  Result<std::string> NextEmbargoEnd() override;

 private:
  std::unique_ptr<sql::Pool> pool_;
};

}  // namespace media::catalog
