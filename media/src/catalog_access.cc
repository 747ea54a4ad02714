// People and access: users, credentials (API tokens, web sessions) and
// album share links. Secrets are stored only as their SHA-256.
#include "catalog_rows.h"
#include "catalog_sql.h"
#include "catalog_validate.h"

namespace media::catalog {
namespace {

// Expired when `expires_at` is set and not after now.
bool Expired(const std::string& expires_at) {
  return !expires_at.empty() && expires_at <= NowUtc();
}

const char* KindName(CredentialKind k) { return k == CredentialKind::kSession ? "session" : "token"; }

Status CheckUserName(const std::string& name) {
  if (name.empty() || name.size() > 200) {
    return Status::InvalidArgument("user name: must be 1 to 200 characters");
  }
  return Status::OK();
}

// Ends the sessions of `user` but the one whose secret hash is `keep`.
Status EndSessions(sql::Db& db, const std::string& user, const std::string& keep) {
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st, db.Prepare("DELETE FROM credential WHERE kind = 'session' AND user_name = ? "
                                  "AND secret_sha256 <> ?"));
  st.Bind(1, user).Bind(2, keep);
  return st.Run();
}

constexpr char kUserColumns[] =
    "SELECT id, name, password_hash, role, disabled, created_at FROM app_user ";

// Runs the `INSERT … RETURNING id` `st` in `txn` and commits: the new row's
// id, or Conflict saying `exists` when the row is already there.
Result<std::int64_t> InsertAndCommit(sql::WriteTxn& txn, sql::Stmt& st, const char* exists) {
  Result<std::int64_t> inserted = st.InsertId();
  if (inserted.status().code() == Status::Code::kConflict) return Status::Conflict(exists);
  CATALOG_ASSIGN_OR_RETURN(std::int64_t id, std::move(inserted));
  CATALOG_RETURN_IF_ERROR(txn.Commit());
  return id;
}

User UserFromRow(const sql::Stmt& st) {
  User u{st.Int(0), st.Text(1), st.Text(2), ParseRole(st.Text(3)).value_or(Role::kViewer)};
  u.disabled = st.Int(4) != 0;
  u.created_at = st.Text(5);
  return u;
}

}  // namespace

Status SqlCatalog::AddUser(const User& u) {
  CATALOG_RETURN_IF_ERROR(CheckUserName(u.name));
  if (u.password_hash.empty()) return Status::InvalidArgument("password_hash: must not be empty");
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("INSERT INTO app_user (name, password_hash, role, disabled, created_at) "
                       "VALUES (?, ?, ?, ?, ?)"));
  st.Bind(1, u.name).Bind(2, u.password_hash).Bind(3, RoleName(u.role)).Bind(4, u.disabled ? 1 : 0);
  st.Bind(5, NowUtc());
  Status s = st.Run();
  if (s.code() == Status::Code::kConflict) {
    return Status::Conflict("user '" + u.name + "' already exists");
  }
  CATALOG_RETURN_IF_ERROR(s);
  return txn.Commit();
}

Result<User> SqlCatalog::GetUser(const std::string& name) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           txn.db().Prepare(std::string(kUserColumns) + "WHERE name = ?"));
  st.Bind(1, name);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("user '" + name + "' not found");
  return UserFromRow(st);
}

Result<std::vector<User>> SqlCatalog::ListUsers() {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           txn.db().Prepare(std::string(kUserColumns) + "ORDER BY name"));
  return st.Collect([&](sql::Stmt& row) { return UserFromRow(row); });
}

Status SqlCatalog::UpdateUser(const std::string& name, const UserChange& change) {
  if (change.password_hash && change.password_hash->empty()) {
    return Status::InvalidArgument("password_hash: must not be empty");
  }
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  sql::Db& db = txn.db();
  {
    CATALOG_ASSIGN_OR_RETURN(
        sql::Stmt st,
        db.Prepare("UPDATE app_user SET role = coalesce(?, role), disabled = coalesce(?, disabled), "
                   "password_hash = coalesce(?, password_hash) WHERE name = ?"));
    if (change.role) st.Bind(1, RoleName(*change.role)); else st.BindNull(1);
    if (change.disabled) st.Bind(2, *change.disabled ? 1 : 0); else st.BindNull(2);
    st.BindOptional(3, change.password_hash).Bind(4, name);
    CATALOG_RETURN_IF_ERROR(st.Run());
    if (db.Changes() == 0) return Status::NotFound("user '" + name + "' not found");
  }
  if ((change.disabled && *change.disabled) || change.password_hash) {
    CATALOG_RETURN_IF_ERROR(EndSessions(db, name, change.keep_session_sha256));
  }
  return txn.Commit();
}

Result<std::int64_t> SqlCatalog::AddCredential(const Credential& c) {
  CATALOG_ASSIGN_OR_RETURN(std::string secret, NormalizeSha256("secret_sha256", c.secret_sha256));
  CATALOG_ASSIGN_OR_RETURN(std::string expires, NormalizeUtcTime("expires_at", c.expires_at));
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("INSERT INTO credential (secret_sha256, role, user_name, expires_at, "
                       "created_at, kind, created_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  st.Bind(1, secret).Bind(2, RoleName(c.role)).Bind(3, c.user).BindTextOrNull(4, expires);
  st.Bind(5, NowUtc()).Bind(6, KindName(c.kind)).Bind(7, c.created_by);
  return InsertAndCommit(txn, st, "credential already exists");
}

namespace {

// The columns Credential is read from; a session takes its user's role and
// exists only while that user does and is not disabled.
constexpr char kCredentialQuery[] =
    "SELECT c.id, c.secret_sha256, CASE c.kind WHEN 'session' THEN u.role ELSE c.role END, "
    "c.user_name, coalesce(c.expires_at, ''), c.kind, c.created_by, c.created_at, "
    "coalesce(c.last_used_at, '') FROM credential c "
    "LEFT JOIN app_user u ON c.kind = 'session' AND u.name = c.user_name "
    "WHERE (c.kind = 'token' OR (u.id IS NOT NULL AND u.disabled = 0)) ";

Credential CredentialFromRow(const sql::Stmt& st) {
  Credential c{st.Int(0), st.Text(1), ParseRole(st.Text(2)).value_or(Role::kViewer), st.Text(3),
               st.Text(4)};
  c.kind = st.Text(5) == "session" ? CredentialKind::kSession : CredentialKind::kToken;
  c.created_by = st.Text(6);
  c.created_at = st.Text(7);
  c.last_used_at = st.Text(8);
  return c;
}

}  // namespace

Result<Credential> SqlCatalog::FindCredential(const std::string& secret_sha256) {
  Status unknown = Status::NotFound("unknown or expired credential");
  Result<std::string> secret = NormalizeSha256("secret_sha256", secret_sha256);
  if (!secret.ok()) return unknown;
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           txn.db().Prepare(std::string(kCredentialQuery) + "AND c.secret_sha256 = ?"));
  st.Bind(1, *secret);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || Expired(st.Text(4))) return unknown;
  return CredentialFromRow(st);
}

Status SqlCatalog::RemoveCredential(const std::string& secret_sha256) {
  CATALOG_ASSIGN_OR_RETURN(std::string secret, NormalizeSha256("secret_sha256", secret_sha256));
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           txn.db().Prepare("DELETE FROM credential WHERE secret_sha256 = ?"));
  st.Bind(1, secret);
  CATALOG_RETURN_IF_ERROR(st.Run());
  if (txn.db().Changes() == 0) return Status::NotFound("unknown credential");
  return txn.Commit();
}

Result<std::vector<Credential>> SqlCatalog::ListTokens() {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare(std::string(kCredentialQuery) + "AND c.kind = 'token' ORDER BY c.id"));
  return st.Collect([&](sql::Stmt& row) {
    Credential token = CredentialFromRow(row);
    token.secret_sha256.clear();
    return token;
  });
}

Status SqlCatalog::RevokeToken(std::int64_t id) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           txn.db().Prepare("DELETE FROM credential WHERE id = ? AND kind = 'token'"));
  st.Bind(1, id);
  CATALOG_RETURN_IF_ERROR(st.Run());
  if (txn.db().Changes() == 0) return Status::NotFound("token " + std::to_string(id) + " not found");
  return txn.Commit();
}

Status SqlCatalog::TouchCredential(std::int64_t id, const std::string& at,
                                      const std::string& not_before) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("UPDATE credential SET last_used_at = ? WHERE id = ? AND "
                       "(last_used_at IS NULL OR last_used_at < ?)"));
  st.Bind(1, at).Bind(2, id).Bind(3, not_before);
  CATALOG_RETURN_IF_ERROR(st.Run());
  return txn.Commit();
}

Result<std::int64_t> SqlCatalog::AddShareLink(const ShareLink& l) {
  CATALOG_ASSIGN_OR_RETURN(std::string secret, NormalizeSha256("secret_sha256", l.secret_sha256));
  CATALOG_ASSIGN_OR_RETURN(std::string expires, NormalizeUtcTime("expires_at", l.expires_at));
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, AlbumId(txn.db(), l.album_slug));
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("INSERT INTO share_link (album_id, secret_sha256, expires_at, created_by, "
                       "created_at) VALUES (?, ?, ?, ?, ?) RETURNING id"));
  st.Bind(1, album_id).Bind(2, secret).BindTextOrNull(3, expires).Bind(4, l.created_by);
  st.Bind(5, NowUtc());
  return InsertAndCommit(txn, st, "share link already exists");
}

Result<ShareLink> SqlCatalog::FindShareLink(const std::string& secret_sha256) {
  Status unknown = Status::NotFound("unknown or expired share link");
  Result<std::string> secret = NormalizeSha256("secret_sha256", secret_sha256);
  if (!secret.ok()) return unknown;
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("SELECT l.id, a.slug, l.secret_sha256, coalesce(l.expires_at, ''), "
                       "l.created_by, l.created_at FROM share_link l "
                       "JOIN album a ON a.id = l.album_id WHERE l.secret_sha256 = ?"));
  st.Bind(1, *secret);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || Expired(st.Text(3))) return unknown;
  return ShareLink{st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Text(5)};
}

Result<std::vector<ShareLink>> SqlCatalog::ListShareLinks(const std::string& album_slug) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, AlbumId(txn.db(), album_slug));
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt st,
      txn.db().Prepare("SELECT id, coalesce(expires_at, ''), created_by, created_at FROM share_link "
                       "WHERE album_id = ? ORDER BY id"));
  st.Bind(1, album_id);
  return st.Collect([&](sql::Stmt& row) {
    return ShareLink{row.Int(0), album_slug, "", row.Text(1), row.Text(2), row.Text(3)};
  });
}

Status SqlCatalog::RemoveShareLink(const std::string& album_slug, std::int64_t id) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, AlbumId(txn.db(), album_slug));
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt st,
                           txn.db().Prepare("DELETE FROM share_link WHERE id = ? AND album_id = ?"));
  st.Bind(1, id).Bind(2, album_id);
  CATALOG_RETURN_IF_ERROR(st.Run());
  if (txn.db().Changes() == 0) {
    return Status::NotFound("album '" + album_slug + "' has no share link " + std::to_string(id));
  }
  return txn.Commit();
}

}  // namespace media::catalog
