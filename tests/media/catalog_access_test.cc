// Users, credentials and share links, expiry included.
#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Role;
using media::Status;

std::string SecretHash(const std::string& secret) {
  return media::Sha256Hex(secret.data(), secret.size());
}

TEST_F(CatalogTest, Users) {
  media::User u{0, "alice", "$argon2id$v=19$m=65536,t=3,p=1$c2FsdA$aGFzaA", Role::kEditor};
  ASSERT_TRUE(catalog_->AddUser(u).ok());
  EXPECT_EQ(catalog_->AddUser(u).code(), Status::Code::kConflict);
  auto got = catalog_->GetUser("alice");
  ASSERT_TRUE(got.ok());
  EXPECT_GT(got->id, 0);
  EXPECT_EQ(got->password_hash, u.password_hash);
  EXPECT_EQ(got->role, Role::kEditor);
  EXPECT_EQ(catalog_->GetUser("bob").status().code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->AddUser({0, "", "h", Role::kViewer}).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(catalog_->AddUser({0, "carol", "", Role::kViewer}).code(),
            Status::Code::kInvalidArgument);
}

TEST_F(CatalogTest, CredentialsExpireAndCanBeRemoved) {
  media::Credential token{0, SecretHash("token"), Role::kAdmin, "deploy script", ""};
  media::Credential session{0, SecretHash("session"), Role::kEditor, "alice", "2999-12-31T23:59:59Z"};
  media::Credential stale{0, SecretHash("stale"), Role::kEditor, "alice", "2001-01-01T00:00:00Z"};
  ASSERT_TRUE(catalog_->AddCredential(token).ok());
  ASSERT_TRUE(catalog_->AddCredential(session).ok());
  ASSERT_TRUE(catalog_->AddCredential(stale).ok());
  EXPECT_EQ(catalog_->AddCredential(token).status().code(), Status::Code::kConflict);

  auto found = catalog_->FindCredential(SecretHash("token"));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->role, Role::kAdmin);
  EXPECT_EQ(found->user, "deploy script");
  EXPECT_EQ(found->expires_at, "");
  EXPECT_EQ(catalog_->FindCredential(SecretHash("session"))->user, "alice");
  EXPECT_EQ(catalog_->FindCredential(SecretHash("stale")).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->FindCredential(SecretHash("unknown")).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->FindCredential("not hex").status().code(), Status::Code::kNotFound);

  ASSERT_TRUE(catalog_->RemoveCredential(SecretHash("session")).ok());
  EXPECT_EQ(catalog_->FindCredential(SecretHash("session")).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->RemoveCredential(SecretHash("session")).code(), Status::Code::kNotFound);

  media::Credential bad = token;
  bad.secret_sha256 = "the secret itself";
  EXPECT_EQ(catalog_->AddCredential(bad).status().code(), Status::Code::kInvalidArgument);
  bad = token;
  bad.secret_sha256 = SecretHash("other");
  bad.expires_at = "next week";
  EXPECT_EQ(catalog_->AddCredential(bad).status().code(), Status::Code::kInvalidArgument);
}

TEST_F(CatalogTest, ShareLinksExpireAndDieWithTheirAlbum) {
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("private-album")).ok());
  media::ShareLink link{0, "private-album", SecretHash("link"), "", "alice"};
  media::ShareLink old{0, "private-album", SecretHash("old"), "2001-01-01T00:00:00Z", "alice"};
  auto id = catalog_->AddShareLink(link);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(catalog_->AddShareLink(old).ok());
  media::ShareLink nowhere{0, "no-album", SecretHash("x"), "", "alice"};
  EXPECT_EQ(catalog_->AddShareLink(nowhere).status().code(), Status::Code::kNotFound);

  auto found = catalog_->FindShareLink(SecretHash("link"));
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, *id);
  EXPECT_EQ(found->album_slug, "private-album");
  EXPECT_EQ(found->created_by, "alice");
  EXPECT_EQ(catalog_->FindShareLink(SecretHash("old")).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->FindShareLink(SecretHash("nope")).status().code(), Status::Code::kNotFound);

  ASSERT_TRUE(catalog_->DeleteAlbum("private-album").ok());
  EXPECT_EQ(catalog_->FindShareLink(SecretHash("link")).status().code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace catalog_test
