// People and access: users, credentials (API tokens, web sessions) and
// album share links. Secrets are stored only as their SHA-256.
#include "catalog_rows.h"
#include "catalog_sqlite.h"
#include "catalog_validate.h"

namespace media::catalog {
namespace {

// Expired when `expires_at` is set and not after now.
bool Expired(const std::string& expires_at) {
  return !expires_at.empty() && expires_at <= NowUtc();
}

}  // namespace

Status SqliteCatalog::AddUser(const User& u) {
  if (u.name.empty() || u.name.size() > 200) {
    return Status::InvalidArgument("user name: must be 1 to 200 characters");
  }
  if (u.password_hash.empty()) return Status::InvalidArgument("password_hash: must not be empty");
  CATALOG_ASSIGN_OR_RETURN(sqlite::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(
      sqlite::Stmt st,
      txn.db().Prepare("INSERT INTO app_user (name, password_hash, role) VALUES (?, ?, ?)"));
  st.Bind(1, u.name).Bind(2, u.password_hash).Bind(3, RoleName(u.role));
  Status s = st.Run();
  if (s.code() == Status::Code::kConflict) {
    return Status::Conflict("user '" + u.name + "' already exists");
  }
  CATALOG_RETURN_IF_ERROR(s);
  return txn.Commit();
}

Result<User> SqliteCatalog::GetUser(const std::string& name) {
  CATALOG_ASSIGN_OR_RETURN(sqlite::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sqlite::Stmt st,
      txn.db().Prepare("SELECT id, name, password_hash, role FROM app_user WHERE name = ?"));
  st.Bind(1, name);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound("user '" + name + "' not found");
  return User{st.Int(0), st.Text(1), st.Text(2), ParseRole(st.Text(3)).value_or(Role::kViewer)};
}

Result<std::int64_t> SqliteCatalog::AddCredential(const Credential& c) {
  CATALOG_ASSIGN_OR_RETURN(std::string secret, NormalizeSha256("secret_sha256", c.secret_sha256));
  CATALOG_ASSIGN_OR_RETURN(std::string expires, NormalizeUtcTime("expires_at", c.expires_at));
  CATALOG_ASSIGN_OR_RETURN(sqlite::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(
      sqlite::Stmt st,
      txn.db().Prepare("INSERT INTO credential (secret_sha256, role, user_name, expires_at, "
                       "created_at) VALUES (?, ?, ?, ?, ?)"));
  st.Bind(1, secret).Bind(2, RoleName(c.role)).Bind(3, c.user).BindTextOrNull(4, expires);
  st.Bind(5, NowUtc());
  Status s = st.Run();
  if (s.code() == Status::Code::kConflict) return Status::Conflict("credential already exists");
  CATALOG_RETURN_IF_ERROR(s);
  std::int64_t id = txn.db().LastInsertId();
  CATALOG_RETURN_IF_ERROR(txn.Commit());
  return id;
}

Result<Credential> SqliteCatalog::FindCredential(const std::string& secret_sha256) {
  Status unknown = Status::NotFound("unknown or expired credential");
  Result<std::string> secret = NormalizeSha256("secret_sha256", secret_sha256);
  if (!secret.ok()) return unknown;
  CATALOG_ASSIGN_OR_RETURN(sqlite::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sqlite::Stmt st,
      txn.db().Prepare("SELECT id, secret_sha256, role, user_name, coalesce(expires_at, '') "
                       "FROM credential WHERE secret_sha256 = ?"));
  st.Bind(1, *secret);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || Expired(st.Text(4))) return unknown;
  return Credential{st.Int(0), st.Text(1), ParseRole(st.Text(2)).value_or(Role::kViewer),
                    st.Text(3), st.Text(4)};
}

Status SqliteCatalog::RemoveCredential(const std::string& secret_sha256) {
  CATALOG_ASSIGN_OR_RETURN(std::string secret, NormalizeSha256("secret_sha256", secret_sha256));
  CATALOG_ASSIGN_OR_RETURN(sqlite::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(sqlite::Stmt st,
                           txn.db().Prepare("DELETE FROM credential WHERE secret_sha256 = ?"));
  st.Bind(1, secret);
  CATALOG_RETURN_IF_ERROR(st.Run());
  if (txn.db().Changes() == 0) return Status::NotFound("unknown credential");
  return txn.Commit();
}

Result<std::int64_t> SqliteCatalog::AddShareLink(const ShareLink& l) {
  CATALOG_ASSIGN_OR_RETURN(std::string secret, NormalizeSha256("secret_sha256", l.secret_sha256));
  CATALOG_ASSIGN_OR_RETURN(std::string expires, NormalizeUtcTime("expires_at", l.expires_at));
  CATALOG_ASSIGN_OR_RETURN(sqlite::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(std::int64_t album_id, AlbumId(txn.db(), l.album_slug));
  CATALOG_ASSIGN_OR_RETURN(
      sqlite::Stmt st,
      txn.db().Prepare("INSERT INTO share_link (album_id, secret_sha256, expires_at, created_by, "
                       "created_at) VALUES (?, ?, ?, ?, ?)"));
  st.Bind(1, album_id).Bind(2, secret).BindTextOrNull(3, expires).Bind(4, l.created_by);
  st.Bind(5, NowUtc());
  Status s = st.Run();
  if (s.code() == Status::Code::kConflict) return Status::Conflict("share link already exists");
  CATALOG_RETURN_IF_ERROR(s);
  std::int64_t id = txn.db().LastInsertId();
  CATALOG_RETURN_IF_ERROR(txn.Commit());
  return id;
}

Result<ShareLink> SqliteCatalog::FindShareLink(const std::string& secret_sha256) {
  Status unknown = Status::NotFound("unknown or expired share link");
  Result<std::string> secret = NormalizeSha256("secret_sha256", secret_sha256);
  if (!secret.ok()) return unknown;
  CATALOG_ASSIGN_OR_RETURN(sqlite::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sqlite::Stmt st,
      txn.db().Prepare("SELECT l.id, a.slug, l.secret_sha256, coalesce(l.expires_at, ''), "
                       "l.created_by FROM share_link l JOIN album a ON a.id = l.album_id "
                       "WHERE l.secret_sha256 = ?"));
  st.Bind(1, *secret);
  CATALOG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row || Expired(st.Text(3))) return unknown;
  return ShareLink{st.Int(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4)};
}

}  // namespace media::catalog
