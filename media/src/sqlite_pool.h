// Connections to one SQLite file shared by many threads: a single writer
// connection behind a mutex (writers queue here instead of spinning on
// SQLITE_BUSY) and a pool of reader connections, one per concurrent reader.
// In WAL mode readers see the last committed state and never wait for the
// writer.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "sqlite_db.h"

namespace media::sqlite {

class Pool;

// An open write transaction (BEGIN IMMEDIATE) on the writer connection,
// holding the writer mutex. Rolled back on destruction unless committed.
class WriteTxn {
 public:
  WriteTxn(WriteTxn&& other) noexcept
      : lock_(std::move(other.lock_)), db_(other.db_), done_(other.done_) {
    other.db_ = nullptr;
  }
  WriteTxn& operator=(WriteTxn&&) = delete;
  ~WriteTxn();
  Db& db() { return *db_; }
  Status Commit();

 private:
  friend class Pool;
  WriteTxn(std::unique_lock<std::mutex> lock, Db* db) : lock_(std::move(lock)), db_(db) {}
  std::unique_lock<std::mutex> lock_;
  Db* db_;
  bool done_ = false;
};

// A read transaction (one consistent snapshot) on a pooled reader
// connection, returned to the pool on destruction.
class ReadTxn {
 public:
  ReadTxn(ReadTxn&&) = default;
  ReadTxn& operator=(ReadTxn&&) = delete;
  ~ReadTxn();
  Db& db() { return *db_; }

 private:
  friend class Pool;
  ReadTxn(Pool* pool, std::unique_ptr<Db> db) : pool_(pool), db_(std::move(db)) {}
  Pool* pool_;
  std::unique_ptr<Db> db_;
};

class Pool {
 public:
  // Takes the already opened (and migrated) writer connection.
  Pool(std::string path, std::unique_ptr<Db> writer)
      : path_(std::move(path)), writer_(std::move(writer)) {}

  // Blocks until no other thread of this process writes, then begins an
  // IMMEDIATE transaction (waiting up to the busy timeout for other
  // processes). Thread-safe.
  Result<WriteTxn> Write();
  // Begins a read transaction on an idle or new reader connection.
  // Thread-safe.
  Result<ReadTxn> Read();

 private:
  friend class ReadTxn;
  void Return(std::unique_ptr<Db> db);

  const std::string path_;
  std::mutex write_mu_;
  std::unique_ptr<Db> writer_;
  std::mutex idle_mu_;
  std::vector<std::unique_ptr<Db>> idle_readers_;
};

}  // namespace media::sqlite
