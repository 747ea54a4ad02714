#include "media/upload_store.h"

#include <openssl/rand.h>

#include <cstdio>
#include <cstdlib>

#include "base/durable_file.h"

namespace media {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// A record's value on one line: '%', tab, CR and LF escaped as %XX.
std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '%' || c == '\n' || c == '\r' || c == '\t') {
      out += '%';
      out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      out += kHex[static_cast<unsigned char>(c) & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string Unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexDigit(s[i + 1]) >= 0 && HexDigit(s[i + 2]) >= 0) {
      out += static_cast<char>(HexDigit(s[i + 1]) * 16 + HexDigit(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool ParseU64(const std::string& s, std::uint64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  char* end = nullptr;
  unsigned long long v = std::strtoull(s.c_str(), &end, 10);
  if (*end != '\0' || s[0] == '-') return false;
  *out = v;
  return true;
}

bool ParseI64(const std::string& s, std::int64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  char* end = nullptr;
  long long v = std::strtoll(s.c_str(), &end, 10);
  if (*end != '\0') return false;
  *out = v;
  return true;
}

std::string NewId() {
  unsigned char raw[16];
  if (RAND_bytes(raw, sizeof raw) != 1) return "";
  std::string id;
  for (unsigned char b : raw) {
    id += kHex[b >> 4];
    id += kHex[b & 0xF];
  }
  return id;
}

bool EndsWith(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

bool IsUploadId(const std::string& id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (HexDigit(c) < 0 || (c >= 'A' && c <= 'F')) return false;
  }
  return true;
}

UploadStore::UploadStore(std::string dir, UploadLimits limits, FileSystem* fs)
    : dir_(std::move(dir)), limits_(limits), fs_(fs) {}

Status UploadStore::Open() {
  Status s = fs_->CreateDirs(dir_);
  // The folder's name made durable too: a power cut after the first
  // acknowledged bytes must not take the folder, and them, away.
  if (s.ok()) s = fs_->SyncDir(base::ParentDir(dir_));
  return s;
}

std::string UploadStore::InfoPath(const std::string& id) const { return dir_ + "/" + id + ".info"; }
std::string UploadStore::PartPath(const std::string& id) const { return dir_ + "/" + id + ".part"; }

Status UploadStore::WriteInfo(const UploadInfo& info) {
  std::string text;
  text += "owner\t" + Escape(info.owner) + "\n";
  text += "length\t" + std::to_string(info.length) + "\n";
  text += "created\t" + std::to_string(info.created) + "\n";
  text += "expires\t" + std::to_string(info.expires) + "\n";
  for (const auto& [key, value] : info.metadata) text += "meta\t" + Escape(key) + "\t" + Escape(value) + "\n";
  if (info.finished) {
    text += "photo\t" + std::to_string(info.photo_id) + "\n";
    text += "status\t" + std::to_string(info.outcome_status) + "\n";
    text += "outcome\t" + Escape(info.outcome) + "\n";
  }
  return base::WriteFileDurably(fs_, InfoPath(info.id) + ".tmp", InfoPath(info.id), text, {dir_});
}

Result<UploadInfo> UploadStore::ReadInfo(const std::string& id) {
  if (!IsUploadId(id)) return Status::NotFound("no upload " + id);
  auto text = fs_->ReadFile(InfoPath(id));
  if (!text.ok()) {
    if (text.status().code() == Status::Code::kNotFound) return Status::NotFound("no upload " + id);
    return text.status();
  }
  UploadInfo info;
  info.id = id;
  bool have_length = false;
  std::size_t at = 0;
  while (at < text->size()) {
    std::size_t end = text->find('\n', at);
    if (end == std::string::npos) end = text->size();
    std::string line = text->substr(at, end - at);
    at = end + 1;
    std::size_t tab = line.find('\t');
    if (tab == std::string::npos) continue;
    std::string key = line.substr(0, tab), value = line.substr(tab + 1);
    bool ok = true;
    if (key == "owner") {
      info.owner = Unescape(value);
    } else if (key == "length") {
      ok = have_length = ParseU64(value, &info.length);
    } else if (key == "created") {
      ok = ParseI64(value, &info.created);
    } else if (key == "expires") {
      ok = ParseI64(value, &info.expires);
    } else if (key == "meta") {
      std::size_t tab2 = value.find('\t');
      if (tab2 == std::string::npos) ok = false;
      else info.metadata[Unescape(value.substr(0, tab2))] = Unescape(value.substr(tab2 + 1));
    } else if (key == "photo") {
      info.finished = true;
      ok = ParseI64(value, &info.photo_id);
    } else if (key == "status") {
      std::int64_t s = 0;
      ok = ParseI64(value, &s);
      info.outcome_status = static_cast<int>(s);
    } else if (key == "outcome") {
      info.outcome = Unescape(value);
    }
    if (!ok) return Status::Corrupt("upload record " + InfoPath(id) + ": bad " + key);
  }
  if (!have_length || info.owner.empty()) return Status::Corrupt("upload record " + InfoPath(id) + " is incomplete");
  if (info.finished) {
    info.offset = info.length;
  } else {
    auto size = fs_->FileSize(PartPath(id));
    if (!size.ok()) return size.status();
    info.offset = std::min<std::uint64_t>(*size, info.length);
  }
  return info;
}

std::vector<UploadInfo> UploadStore::ListAll() {
  std::vector<UploadInfo> out;
  auto names = fs_->ListDir(dir_);
  if (!names.ok()) return out;
  for (const std::string& name : *names) {
    if (!EndsWith(name, ".info")) continue;
    auto info = ReadInfo(name.substr(0, name.size() - 5));
    if (info.ok()) out.push_back(std::move(*info));
  }
  return out;
}

Result<UploadInfo> UploadStore::Create(const std::string& owner, std::uint64_t length,
                                       std::map<std::string, std::string> metadata, std::int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  int open = 0;
  std::uint64_t open_bytes = 0;
  for (const UploadInfo& other : ListAll()) {
    if (other.owner != owner || other.finished || other.expires < now) continue;
    ++open;
    open_bytes += other.length;
  }
  if (open >= limits_.max_open) {
    return Status::LimitExceeded(owner + " already has " + std::to_string(open) +
                                 " unfinished uploads (at most " + std::to_string(limits_.max_open) +
                                 "): finish or delete one first");
  }
  if (open_bytes + length > limits_.max_open_bytes || length > limits_.max_open_bytes) {
    return Status::TooLarge("unfinished uploads of " + owner + " would hold " +
                            std::to_string(open_bytes + length) + " bytes, over the quota of " +
                            std::to_string(limits_.max_open_bytes));
  }
  UploadInfo info;
  info.id = NewId();
  if (info.id.empty()) return Status::IOError("the random number generator failed");
  info.owner = owner;
  info.length = length;
  info.metadata = std::move(metadata);
  info.created = now;
  info.expires = now + limits_.expiry_seconds;
  // The empty part file first, then the record: a record always has its
  // part file, and a part file without a record is swept.
  auto part = fs_->NewWritableFile(PartPath(info.id));
  if (!part.ok()) return part.status();
  Status s = (*part)->Sync();
  if (s.ok()) s = (*part)->Close();
  if (s.ok()) s = WriteInfo(info);  // syncs the folder, which holds both names
  if (!s.ok()) {
    fs_->RemoveFile(PartPath(info.id));
    return s;
  }
  return info;
}

Result<UploadInfo> UploadStore::Get(const std::string& id, std::int64_t now) {
  auto info = ReadInfo(id);
  if (!info.ok()) return info.status();
  if (info->expires < now) return Status::NotFound("upload " + id + " expired");
  return info;
}

bool UploadStore::Claim(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  return busy_.insert(id).second;
}

void UploadStore::Release(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  busy_.erase(id);
}

Result<UploadInfo> UploadStore::Append(const std::string& id, std::uint64_t offset, std::string_view bytes,
                                       std::int64_t now) {
  auto info = Get(id, now);
  if (!info.ok()) return info.status();
  if (info->finished) return Status::Conflict("upload " + id + " is complete");
  if (offset != info->offset) {
    return Status::Conflict("upload " + id + " is at offset " + std::to_string(info->offset) + ", not " +
                            std::to_string(offset));
  }
  if (bytes.size() > info->length - info->offset) {
    return Status::TooLarge(std::to_string(bytes.size()) + " bytes sent, but only " +
                            std::to_string(info->length - info->offset) + " remain of upload " + id);
  }
  if (bytes.empty()) return info;
  auto file = fs_->NewAppendableFile(PartPath(id));
  if (!file.ok()) return file.status();
  Status s = (*file)->Append(bytes.data(), bytes.size());
  if (s.ok()) s = (*file)->Sync();
  Status closed = (*file)->Close();
  if (s.ok()) s = closed;
  if (!s.ok()) return s;
  info->offset += bytes.size();
  return info;
}

Status UploadStore::CheckComplete(const std::string& id, std::string* path) {
  auto info = ReadInfo(id);
  if (!info.ok()) return info.status();
  if (info->finished || info->offset != info->length) {
    return Status::Conflict("upload " + id + " is not complete");
  }
  auto size = fs_->FileSize(PartPath(id));
  if (!size.ok()) return size.status();
  if (*size != info->length) return Status::Corrupt("upload " + id + " holds more bytes than declared");
  if (path) *path = PartPath(id);
  return Status::OK();
}

Result<std::string> UploadStore::ReadComplete(const std::string& id, std::string* path) {
  Status complete = CheckComplete(id, path);
  if (!complete.ok()) return complete;
  auto bytes = fs_->ReadFile(PartPath(id));
  if (!bytes.ok()) return bytes.status();
  return bytes;
}

Status UploadStore::Finish(const std::string& id, std::int64_t photo_id, int outcome_status,
                           const std::string& outcome) {
  auto info = ReadInfo(id);
  if (!info.ok()) return info.status();
  info->finished = true;
  info->photo_id = photo_id;
  info->outcome_status = outcome_status;
  info->outcome = outcome;
  Status s = WriteInfo(*info);
  if (!s.ok()) return s;
  // The record says finished before the bytes go: a crash between leaves a
  // part file the sweep removes.
  fs_->RemoveFile(PartPath(id));
  return Status::OK();
}

Status UploadStore::Remove(const std::string& id) {
  auto info = ReadInfo(id);
  if (!info.ok()) return info.status();
  Status s = fs_->RemoveFile(InfoPath(id));
  if (!s.ok()) return s;
  if (fs_->FileExists(PartPath(id))) fs_->RemoveFile(PartPath(id));
  return fs_->SyncDir(dir_);
}

int UploadStore::Sweep(std::int64_t now) {
  int removed = 0;
  std::set<std::string> live;
  for (const UploadInfo& info : ListAll()) {
    if (info.expires < now && Claim(info.id)) {
      if (Remove(info.id).ok()) ++removed;
      Release(info.id);
      continue;
    }
    live.insert(info.id);
  }
  // Files no record explains: temporaries and part files a crash left.
  // Under mu_, so no Create (which holds it) is half done meanwhile.
  std::lock_guard<std::mutex> lock(mu_);
  auto names = fs_->ListDir(dir_);
  if (!names.ok()) return removed;
  for (const std::string& name : *names) {
    const std::string id = name.substr(0, name.find('.'));
    if (live.count(id) > 0 && (EndsWith(name, ".info") || EndsWith(name, ".part"))) continue;
    if (busy_.count(id) > 0) continue;  // being finished: its record's temporary
    if (IsUploadId(id) && fs_->FileExists(InfoPath(id)) && !EndsWith(name, ".tmp")) continue;  // made since
    fs_->RemoveFile(dir_ + "/" + name);
  }
  return removed;
}

}  // namespace media
