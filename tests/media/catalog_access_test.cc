// Users, credentials and share links, expiry included.
#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

using media::Role;
using media::Status;

std::string SecretHash(const std::string& secret) {
  return media::Sha256Hex(secret.data(), secret.size());
}

TEST_P(CatalogTest, Users) {
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

TEST_P(CatalogTest, CredentialsExpireAndCanBeRemoved) {
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

TEST_P(CatalogTest, ShareLinksExpireAndDieWithTheirAlbum) {
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

namespace catalog_test {
namespace {

using media::CredentialKind;
using media::Role;
using media::Status;

std::string Hash(const std::string& secret) { return media::Sha256Hex(secret.data(), secret.size()); }

media::Credential Session(const std::string& secret, const std::string& user) {
  media::Credential c{0, Hash(secret), Role::kEditor, user, "2999-12-31T23:59:59Z"};
  c.kind = CredentialKind::kSession;
  return c;
}

TEST_P(CatalogTest, UsersAreListedAndChangedAndSessionsFollow) {
  ASSERT_TRUE(catalog_->AddUser({0, "bob", "$argon2id$hash-b", Role::kViewer}).ok());
  ASSERT_TRUE(catalog_->AddUser({0, "alice", "$argon2id$hash-a", Role::kEditor}).ok());
  auto users = catalog_->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "alice");
  EXPECT_FALSE((*users)[0].disabled);
  EXPECT_EQ((*users)[0].created_at.size(), 20u) << (*users)[0].created_at;

  ASSERT_TRUE(catalog_->AddCredential(Session("s1", "alice")).ok());
  ASSERT_TRUE(catalog_->AddCredential(Session("s2", "alice")).ok());
  ASSERT_TRUE(catalog_->AddCredential(Session("s3", "bob")).ok());
  // A session has its user's current role, whatever it was made with.
  media::UserChange promote;
  promote.role = Role::kAdmin;
  ASSERT_TRUE(catalog_->UpdateUser("alice", promote).ok());
  EXPECT_EQ(catalog_->FindCredential(Hash("s1"))->role, Role::kAdmin);
  EXPECT_EQ(catalog_->GetUser("alice")->role, Role::kAdmin);

  // A new password ends the user's sessions but the one kept.
  media::UserChange password;
  password.password_hash = "$argon2id$hash-a2";
  password.keep_session_sha256 = Hash("s2");
  ASSERT_TRUE(catalog_->UpdateUser("alice", password).ok());
  EXPECT_EQ(catalog_->FindCredential(Hash("s1")).status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(catalog_->FindCredential(Hash("s2")).ok());
  EXPECT_TRUE(catalog_->FindCredential(Hash("s3")).ok()) << "another user's session stays";
  EXPECT_EQ(catalog_->GetUser("alice")->password_hash, "$argon2id$hash-a2");

  // Disabling ends them all; a session of a disabled user is never found.
  media::UserChange disable;
  disable.disabled = true;
  ASSERT_TRUE(catalog_->UpdateUser("bob", disable).ok());
  EXPECT_TRUE(catalog_->GetUser("bob")->disabled);
  EXPECT_EQ(catalog_->FindCredential(Hash("s3")).status().code(), Status::Code::kNotFound);
  ASSERT_TRUE(catalog_->AddCredential(Session("s4", "bob")).ok());
  EXPECT_EQ(catalog_->FindCredential(Hash("s4")).status().code(), Status::Code::kNotFound);
  media::UserChange enable;
  enable.disabled = false;
  ASSERT_TRUE(catalog_->UpdateUser("bob", enable).ok());
  EXPECT_TRUE(catalog_->FindCredential(Hash("s4")).ok()) << "enabled again";
  // A session naming nobody is nothing.
  ASSERT_TRUE(catalog_->AddCredential(Session("s5", "ghost")).ok());
  EXPECT_EQ(catalog_->FindCredential(Hash("s5")).status().code(), Status::Code::kNotFound);

  EXPECT_EQ(catalog_->UpdateUser("nobody", enable).code(), Status::Code::kNotFound);
  media::UserChange empty;
  empty.password_hash = "";
  EXPECT_EQ(catalog_->UpdateUser("bob", empty).code(), Status::Code::kInvalidArgument);
}

TEST_P(CatalogTest, TokensAreListedTouchedAndRevoked) {
  media::Credential token{0, Hash("t1"), Role::kViewer, "reader", ""};
  token.created_by = "admin";
  auto id = catalog_->AddCredential(token);
  ASSERT_TRUE(id.ok());
  media::Credential old{0, Hash("t2"), Role::kEditor, "old", "2001-01-01T00:00:00Z"};
  ASSERT_TRUE(catalog_->AddCredential(old).ok());
  ASSERT_TRUE(catalog_->AddCredential(Session("s1", "alice")).ok());
  auto tokens = catalog_->ListTokens();
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 2u) << "sessions are not tokens; expired tokens are listed";
  EXPECT_EQ((*tokens)[0].id, *id);
  EXPECT_EQ((*tokens)[0].user, "reader");
  EXPECT_EQ((*tokens)[0].created_by, "admin");
  EXPECT_EQ((*tokens)[0].secret_sha256, "") << "lists carry no hash";
  EXPECT_EQ((*tokens)[0].last_used_at, "");
  EXPECT_EQ((*tokens)[1].expires_at, "2001-01-01T00:00:00Z");

  ASSERT_TRUE(catalog_->TouchCredential(*id, "2026-01-01T10:00:00Z", "2026-01-01T09:59:00Z").ok());
  EXPECT_EQ(catalog_->FindCredential(Hash("t1"))->last_used_at, "2026-01-01T10:00:00Z");
  // Within the minute: not written again.
  ASSERT_TRUE(catalog_->TouchCredential(*id, "2026-01-01T10:00:30Z", "2026-01-01T09:59:30Z").ok());
  EXPECT_EQ(catalog_->FindCredential(Hash("t1"))->last_used_at, "2026-01-01T10:00:00Z");
  ASSERT_TRUE(catalog_->TouchCredential(*id, "2026-01-01T10:01:01Z", "2026-01-01T10:00:01Z").ok());
  EXPECT_EQ(catalog_->FindCredential(Hash("t1"))->last_used_at, "2026-01-01T10:01:01Z");

  ASSERT_TRUE(catalog_->RevokeToken(*id).ok());
  EXPECT_EQ(catalog_->FindCredential(Hash("t1")).status().code(), Status::Code::kNotFound);
  EXPECT_EQ(catalog_->RevokeToken(*id).code(), Status::Code::kNotFound);
  auto session = catalog_->FindCredential(Hash("s1"));
  ASSERT_FALSE(session.ok()) << "alice does not exist";
}

TEST_P(CatalogTest, ShareLinksAreListedAndRevoked) {
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("closed")).ok());
  ASSERT_TRUE(catalog_->CreateAlbum(MakeAlbum("other")).ok());
  auto a = catalog_->AddShareLink({0, "closed", Hash("a"), "", "alice"});
  auto b = catalog_->AddShareLink({0, "closed", Hash("b"), "2001-01-01T00:00:00Z", "bob"});
  auto c = catalog_->AddShareLink({0, "other", Hash("c"), "", "alice"});
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  auto links = catalog_->ListShareLinks("closed");
  ASSERT_TRUE(links.ok());
  ASSERT_EQ(links->size(), 2u);
  EXPECT_EQ((*links)[0].id, *a);
  EXPECT_EQ((*links)[0].secret_sha256, "");
  EXPECT_EQ((*links)[0].created_by, "alice");
  EXPECT_EQ((*links)[0].created_at.size(), 20u);
  EXPECT_EQ((*links)[1].expires_at, "2001-01-01T00:00:00Z");
  EXPECT_EQ(catalog_->ListShareLinks("nope").status().code(), Status::Code::kNotFound);

  EXPECT_EQ(catalog_->RemoveShareLink("closed", *c).code(), Status::Code::kNotFound)
      << "a link is revoked only under its own album";
  ASSERT_TRUE(catalog_->RemoveShareLink("closed", *a).ok());
  EXPECT_EQ(catalog_->FindShareLink(Hash("a")).status().code(), Status::Code::kNotFound);
  EXPECT_TRUE(catalog_->FindShareLink(Hash("c")).ok());
  EXPECT_EQ(catalog_->RemoveShareLink("closed", *a).code(), Status::Code::kNotFound);
}

}  // namespace
}  // namespace catalog_test
