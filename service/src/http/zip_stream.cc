#include "http/zip_stream.h"

#include <zlib.h>

#include "base/byte_reader.h"
#include "base/strings.h"
#include "base/utf8.h"

namespace gallery::http {

namespace {

constexpr std::uint64_t kMaxArchive = 0xFFFFFFFFull;
constexpr std::uint32_t kMaxEntries = 0xFFFF;
constexpr std::size_t kMaxName = 200;
constexpr std::uint16_t kVersion = 20;       // 2.0: stored entries
constexpr std::uint16_t kUtf8Flag = 0x0800;  // names are UTF-8

void Put16(std::string& out, std::uint32_t v) { base::AppendLe16(&out, static_cast<std::uint16_t>(v)); }
void Put32(std::string& out, std::uint32_t v) { base::AppendLe32(&out, v); }

// MS-DOS time and date of `t` (UTC); 1980-01-01 for anything earlier.
void DosTime(std::time_t t, std::uint16_t* time, std::uint16_t* date) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  if (tm.tm_year < 80) tm = std::tm{0, 0, 0, 1, 0, 80, 0, 0, 0, 0, nullptr};
  *time = static_cast<std::uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  *date = static_cast<std::uint16_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

// Characters a name never keeps: controls, and marks that reorder text.
bool Dropped(std::uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

std::string Trim(const std::string& s) { return std::string(base::Trim(s, ". ")); }

}  // namespace

std::uint32_t Crc32(std::string_view data, std::uint32_t crc) {
  return static_cast<std::uint32_t>(
      crc32_z(crc, reinterpret_cast<const Bytef*>(data.data()), static_cast<z_size_t>(data.size())));
}

std::string SafeEntryName(const std::string& name) {
  static const std::string kReplaced = "/\\:*?\"<>|";
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    char32_t cp = 0;
    std::size_t len = base::DecodeUtf8(name, i, &cp);
    if (len == 0) {
      out += '_';
      ++i;
      continue;
    }
    if (!Dropped(cp)) {
      out += (len == 1 && kReplaced.find(static_cast<char>(cp)) != std::string::npos)
                 ? std::string("_")
                 : name.substr(i, len);
    }
    i += len;
  }
  out = Trim(out);
  if (out.size() > kMaxName) {
    std::size_t dot = out.rfind('.');
    std::string ext = (dot != std::string::npos && out.size() - dot <= 10) ? out.substr(dot) : "";
    out = Trim(std::string(base::TruncateUtf8(out, kMaxName - ext.size())) + ext);
  }
  return out.empty() ? "photo" : out;
}

ZipStreamWriter::ZipStreamWriter(std::function<bool(std::string_view)> sink) : sink_(std::move(sink)) {}

std::string ZipStreamWriter::UniqueName(const std::string& safe) {
  std::size_t dot = safe.rfind('.');
  if (dot == 0) dot = std::string::npos;
  std::string stem = safe.substr(0, dot), ext = dot == std::string::npos ? "" : safe.substr(dot);
  std::string candidate = safe;
  for (int n = 2; taken_.count(base::AsciiLower(candidate)); ++n) {
    candidate = stem + " (" + std::to_string(n) + ")" + ext;
  }
  taken_.insert(base::AsciiLower(candidate));
  return candidate;
}

bool ZipStreamWriter::Emit(std::string_view bytes) {
  if (failed_) return false;
  if (!sink_(bytes)) {
    failed_ = true;
    error_ = "the reader stopped taking the archive";
    return false;
  }
  offset_ += bytes.size();
  return true;
}

bool ZipStreamWriter::Add(const std::string& name, std::string_view data, std::time_t mtime) {
  error_.clear();
  if (failed_ || finished_) {
    error_ = finished_ ? "the archive is finished" : "the reader stopped taking the archive";
    return false;
  }
  std::string safe = SafeEntryName(name);
  // The entry, its central record and the end record must all fit below 4 GiB.
  std::uint64_t need = offset_ + 30 + 2 * safe.size() + 20 + data.size() + central_.size() + 46 + 22;
  if (need > kMaxArchive || entries_ >= kMaxEntries) {
    error_ = "the archive would pass 4 GiB or 65535 entries";
    return false;
  }
  std::string unique = UniqueName(safe);
  std::uint32_t crc = Crc32(data);
  std::uint16_t time = 0, date = 0;
  DosTime(mtime, &time, &date);
  auto size = static_cast<std::uint32_t>(data.size());
  auto local_offset = static_cast<std::uint32_t>(offset_);

  std::string header;
  Put32(header, 0x04034b50);
  for (std::uint32_t v : {kVersion, kUtf8Flag, std::uint16_t{0}, time, date}) Put16(header, v);
  for (std::uint32_t v : {crc, size, size}) Put32(header, v);
  Put16(header, static_cast<std::uint32_t>(unique.size()));
  Put16(header, 0);
  header += unique;

  Put32(central_, 0x02014b50);
  Put16(central_, (3u << 8) | kVersion);  // made on a Unix-like system
  for (std::uint32_t v : {kVersion, kUtf8Flag, std::uint16_t{0}, time, date}) Put16(central_, v);
  for (std::uint32_t v : {crc, size, size}) Put32(central_, v);
  Put16(central_, static_cast<std::uint32_t>(unique.size()));
  for (int i = 0; i < 4; ++i) Put16(central_, 0);  // extra, comment, disk, internal attributes
  Put32(central_, 0100644u << 16);                  // a regular file, rw-r--r--
  Put32(central_, local_offset);
  central_ += unique;
  ++entries_;

  if (!Emit(header) || !Emit(data)) return false;
  last_name_ = unique;
  return true;
}

bool ZipStreamWriter::Finish() {
  if (finished_) return !failed_;
  finished_ = true;
  std::string end;
  Put32(end, 0x06054b50);
  Put16(end, 0);
  Put16(end, 0);
  Put16(end, entries_);
  Put16(end, entries_);
  Put32(end, static_cast<std::uint32_t>(central_.size()));
  Put32(end, static_cast<std::uint32_t>(offset_));
  Put16(end, 0);
  return Emit(central_) && Emit(end);
}

}  // namespace gallery::http
