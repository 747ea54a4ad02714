// What the processes serving one archive share through its catalog: failed
// logins (media/login_attempts.h: one row per key whose window has not
// ended) and the server's keys. Each call is one transaction, so processes
// sharing the catalog count every failure once and agree on every key.
#include <algorithm>

#include "base/utf8.h"
#include "catalog_sql.h"

namespace media::catalog {
namespace {

// The seconds until `window_end`, never more than a window (a clock that
// went back must not hold anyone out for longer).
std::int64_t WaitUntil(std::int64_t window_end, const AttemptRule& rule, std::int64_t now) {
  return std::clamp<std::int64_t>(window_end - now, 1, std::max<std::int64_t>(rule.window_seconds, 1));
}

}  // namespace

Result<std::int64_t> SqlCatalog::AdmitAttempt(const std::string& key, const AttemptRule& rule,
                                              std::int64_t now) {
  const int max_failures = std::max(rule.max_failures, 1);
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  sql::Db& db = txn.db();
  {
    CATALOG_ASSIGN_OR_RETURN(sql::Stmt ended, db.Prepare("DELETE FROM login_attempt WHERE window_end <= ?"));
    ended.Bind(1, now);
    CATALOG_RETURN_IF_ERROR(ended.Run());
  }
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt find,
                           db.Prepare("SELECT failures, window_end FROM login_attempt WHERE attempt_key = ?"));
  find.Bind(1, key);
  CATALOG_ASSIGN_OR_RETURN(bool found, find.Step());
  if (found) {
    const std::int64_t failures = find.Int(0), window_end = find.Int(1);
    if (failures >= max_failures) {
      CATALOG_RETURN_IF_ERROR(txn.Commit());
      return WaitUntil(window_end, rule, now);
    }
    CATALOG_ASSIGN_OR_RETURN(sql::Stmt count,
                             db.Prepare("UPDATE login_attempt SET failures = failures + 1 WHERE attempt_key = ?"));
    count.Bind(1, key);
    CATALOG_RETURN_IF_ERROR(count.Run());
    CATALOG_RETURN_IF_ERROR(txn.Commit());
    return std::int64_t{0};
  }
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt add, db.Prepare("INSERT INTO login_attempt (attempt_key, failures, window_end) VALUES (?, 1, ?)"));
  add.Bind(1, key).Bind(2, now + std::max<std::int64_t>(rule.window_seconds, 1));
  CATALOG_RETURN_IF_ERROR(add.Run());
  // Bounded: beyond max_keys, the windows that end first are forgotten.
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt total, db.Prepare("SELECT count(*) FROM login_attempt"));
  CATALOG_ASSIGN_OR_RETURN(bool counted, total.Step());
  const std::int64_t excess = counted ? total.Int(0) - std::max<std::int64_t>(rule.max_keys, 1) : 0;
  if (excess > 0) {
    CATALOG_ASSIGN_OR_RETURN(
        sql::Stmt trim,
        db.Prepare("DELETE FROM login_attempt WHERE attempt_key IN "
                   "(SELECT attempt_key FROM login_attempt WHERE attempt_key <> ? "
                   "ORDER BY window_end, attempt_key LIMIT ?)"));
    trim.Bind(1, key).Bind(2, excess);
    CATALOG_RETURN_IF_ERROR(trim.Run());
  }
  CATALOG_RETURN_IF_ERROR(txn.Commit());
  return std::int64_t{0};
}

Result<std::int64_t> SqlCatalog::AttemptWait(const std::string& key, const AttemptRule& rule,
                                             std::int64_t now) {
  CATALOG_ASSIGN_OR_RETURN(sql::ReadTxn txn, pool_->Read());
  CATALOG_ASSIGN_OR_RETURN(
      sql::Stmt find,
      txn.db().Prepare("SELECT failures, window_end FROM login_attempt WHERE attempt_key = ? AND window_end > ?"));
  find.Bind(1, key).Bind(2, now);
  CATALOG_ASSIGN_OR_RETURN(bool found, find.Step());
  if (!found || find.Int(0) < std::max(rule.max_failures, 1)) return std::int64_t{0};
  return WaitUntil(find.Int(1), rule, now);
}

Status SqlCatalog::ForgetAttempts(const std::string& key) {
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt forget, txn.db().Prepare("DELETE FROM login_attempt WHERE attempt_key = ?"));
  forget.Bind(1, key);
  CATALOG_RETURN_IF_ERROR(forget.Run());
  return txn.Commit();
}

Result<std::string> SqlCatalog::SharedKey(const std::string& name, const std::string& proposed) {
  if (name.empty() || name.size() > 64 || proposed.empty() || proposed.size() > 1024 ||
      !base::IsValidUtf8(name) || !base::IsValidUtf8(proposed) ||
      name.find('\0') != std::string::npos || proposed.find('\0') != std::string::npos) {
    return Status::InvalidArgument("server key: a name of 1 to 64 bytes and a key of 1 to 1,024, as text");
  }
  CATALOG_ASSIGN_OR_RETURN(sql::WriteTxn txn, pool_->Write());
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt find, txn.db().Prepare("SELECT value FROM server_key WHERE name = ?"));
  find.Bind(1, name);
  CATALOG_ASSIGN_OR_RETURN(bool found, find.Step());
  if (found) return find.Text(0);
  CATALOG_ASSIGN_OR_RETURN(sql::Stmt add, txn.db().Prepare("INSERT INTO server_key (name, value) VALUES (?, ?)"));
  add.Bind(1, name).Bind(2, proposed);
  CATALOG_RETURN_IF_ERROR(add.Run());
  CATALOG_RETURN_IF_ERROR(txn.Commit());
  return proposed;
}

}  // namespace media::catalog
