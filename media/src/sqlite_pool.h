// Connections to one SQLite file shared by many threads: a single writer
// connection behind a mutex (writers queue here instead of spinning on
// SQLITE_BUSY) and a pool of reader connections, one per concurrent reader.
// In WAL mode readers see the last committed state and never wait for the
// writer.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sqlite_db.h"

namespace media::sqlite {

class Pool : public sql::Pool {
 public:
  // Takes the already opened (and migrated) writer connection.
  Pool(std::string path, std::unique_ptr<Db> writer)
      : path_(std::move(path)), writer_(std::move(writer)) {}

  sql::Engine engine() const override { return sql::Engine::kSqlite; }
  // Blocks until no other thread of this process writes, then begins an
  // IMMEDIATE transaction (waiting up to the busy timeout for other
  // processes).
  Result<sql::WriteTxn> Write() override;
  // Begins a read transaction on an idle or new reader connection.
  Result<sql::ReadTxn> Read() override;
  // SQLite's data_version, on a connection of its own (it never writes, so
  // every commit counts).
  Result<std::int64_t> DataVersion() override;
  // integrity_check and foreign_key_check.
  Result<std::string> StorageProblems() override;

  // Puts a reader connection back for reuse.
  void Return(std::unique_ptr<Db> db);

 private:
  const std::string path_;
  std::mutex write_mu_;
  std::unique_ptr<Db> writer_;
  std::mutex idle_mu_;
  std::vector<std::unique_ptr<Db>> idle_readers_;
  std::mutex version_mu_;
  std::unique_ptr<Db> version_db_;
  std::optional<sql::Stmt> version_stmt_;
};

}  // namespace media::sqlite
