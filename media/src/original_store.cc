#include "media/original_store.h"

#include <string_view>

#include "media/sha256.h"

namespace media {
namespace {

bool IsHexPair(const std::string& s) {
  return s.size() == 2 && IsSha256Hex(s + std::string(62, '0'));
}

Status NotAHash(const std::string& sha256) { return Status::InvalidArgument("not a SHA-256: " + sha256); }

}  // namespace

OriginalStore::OriginalStore(FileSystem* fs, std::string root)
    : blobs_(NewFolderBlobStore(fs, std::move(root))) {}

OriginalStore::OriginalStore(std::unique_ptr<BlobStore> blobs) : blobs_(std::move(blobs)) {}

std::string OriginalStore::KeyFor(const std::string& sha256) {
  return sha256.substr(0, 2) + "/" + sha256.substr(2, 2) + "/" + sha256;
}

Status OriginalStore::Has(const std::string& sha256) const {
  if (!IsSha256Hex(sha256)) return NotAHash(sha256);
  auto size = blobs_->Size(KeyFor(sha256));
  return size.ok() ? Status::OK() : size.status();
}

Status OriginalStore::StoreOnce(const std::string& sha256, bool* already_present,
                                const std::function<Status()>& write) {
  if (already_present) *already_present = false;
  if (!IsSha256Hex(sha256)) return NotAHash(sha256);
  Status has = Has(sha256);
  if (has.ok()) {
    if (already_present) *already_present = true;
    return Status::OK();
  }
  if (has.code() != Status::Code::kNotFound) return has;
  return write();
}

Status OriginalStore::Put(const std::uint8_t* data, std::size_t size, const std::string& sha256,
                          bool* already_present) {
  return StoreOnce(sha256, already_present, [&] {
    return blobs_->Put(KeyFor(sha256), std::string_view(reinterpret_cast<const char*>(data), size));
  });
}

Status OriginalStore::Adopt(const std::string& source, const std::uint8_t* data, std::size_t size,
                            const std::string& sha256, bool* already_present) {
  return StoreOnce(sha256, already_present, [&] {
    return blobs_->Adopt(KeyFor(sha256), source, std::string_view(reinterpret_cast<const char*>(data), size));
  });
}

Status OriginalStore::PutFile(const std::string& source, const std::string& sha256,
                              bool* already_present) {
  if (Contains(sha256)) {
    if (already_present) *already_present = true;
    return Status::OK();
  }
  auto bytes = DefaultFileSystem()->ReadFile(source);
  if (!bytes.ok()) return bytes.status();
  return Put(reinterpret_cast<const std::uint8_t*>(bytes->data()), bytes->size(), sha256,
             already_present);
}

Result<std::string> OriginalStore::Read(const std::string& sha256) const {
  if (!IsSha256Hex(sha256)) return NotAHash(sha256);
  return blobs_->Get(KeyFor(sha256));
}

Status OriginalStore::ReadRange(const std::string& sha256, std::uint64_t offset, std::uint64_t length,
                                const ByteSink& sink) const {
  if (!IsSha256Hex(sha256)) return NotAHash(sha256);
  return blobs_->GetRange(KeyFor(sha256), offset, length, sink);
}

Result<std::uint64_t> OriginalStore::Size(const std::string& sha256) const {
  if (!IsSha256Hex(sha256)) return NotAHash(sha256);
  return blobs_->Size(KeyFor(sha256));
}

Status OriginalStore::Verify(const std::string& sha256) const {
  if (!IsSha256Hex(sha256)) return NotAHash(sha256);
  // Hashed as the bytes arrive: never held whole.
  Sha256 hasher;
  auto size = blobs_->Size(KeyFor(sha256));
  if (!size.ok()) return size.status();
  Status s = blobs_->GetRange(KeyFor(sha256), 0, *size, [&](std::string_view piece) {
    hasher.Update(piece.data(), piece.size());
    return true;
  });
  if (!s.ok()) return s;
  std::string actual = hasher.FinishHex();
  if (actual != sha256) return Status::Corrupt("original " + sha256 + " now hashes to " + actual);
  return Status::OK();
}

Result<std::vector<std::string>> OriginalStore::List() const {
  auto keys = blobs_->List("");
  if (!keys.ok()) return keys.status();
  std::vector<std::string> hashes;
  for (const auto& key : *keys) {
    // ab/cd/<sha256>, its directories naming its first four digits.
    if (key.size() != 6 + 64 || key[2] != '/' || key[5] != '/') continue;
    const std::string sha = key.substr(6);
    if (IsSha256Hex(sha) && IsHexPair(key.substr(0, 2)) && IsHexPair(key.substr(3, 2)) && KeyFor(sha) == key) {
      hashes.push_back(sha);
    }
  }
  return hashes;
}

Result<std::vector<std::string>> OriginalStore::ListTemporaries() const { return blobs_->ListLeftovers(""); }

Status OriginalStore::RemoveTemporaries() { return blobs_->RemoveLeftovers(""); }

Status OriginalStore::Remove(const std::string& sha256) {
  if (!IsSha256Hex(sha256)) return NotAHash(sha256);
  return blobs_->Remove(KeyFor(sha256));
}

}  // namespace media
