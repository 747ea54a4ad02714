// Hostile file names: `../`, absolute paths, NUL, control characters, a
// right-to-left override, 1 kB long; sent in X-Filename, Content-Disposition
// and multipart/form-data. Each upload is stored (or refused with a JSON
// 400), no file appears outside the data folder's store, the name comes back
// only as JSON text, the download headers carry no raw name, and the album's
// ZIP has sanitized, unique entry names (read from its central directory).
#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <set>

#include "security/security_fixture.h"

namespace security_test {
namespace {

// A name to send, and the ways it can travel.
struct HostileName {
  std::string label;
  std::string name;
  bool in_content_disposition;  // printable without quotes or controls
  bool in_multipart;            // no CR or LF (they would end the part header)
};

std::string Marker() { return "sec-name-" + std::to_string(getpid()); }

std::vector<HostileName> HostileNames() {
  std::string m = Marker();
  std::string long_name;
  for (int i = 0; i < 510; ++i) long_name += "\xC3\xA9";  // é, 1020 bytes
  long_name += ".jpg";
  return {
      {"parent dirs", "../../../../../../../../tmp/" + m + "-up.jpg", true, true},
      {"absolute", "/tmp/" + m + "-abs.jpg", true, true},
      {"backslashes", "..\\..\\..\\tmp\\" + m + "-back.jpg", true, true},
      {"dot dot", "..", true, true},
      {"NUL", m + std::string("-nul\0.jpg/../../x", 17), false, true},
      {"controls", "ctl\x01\x07\x1b[31mred\x7f\xc2\x85.jpg", false, true},
      {"CRLF", "crlf\r\nX-Injected: yes\r\n.jpg", false, false},
      {"right-to-left override", "invoice\xE2\x80\xAEgpj.exe", true, true},
      {"isolates and marks", "\xE2\x81\xA6" "abc\xE2\x80\x8F" "def\xE2\x81\xA9.jpg", true, true},
      {"1 kB", long_name, true, true},
      {"only controls", "\x01\x02\x03", false, true},
      {"invalid UTF-8", "bad\xFF\xFE\xC0\xAF.jpg", false, true},
      {"same name 1", "same.jpg", true, true},
      {"same name 2", "SAME.jpg", true, true},
      {"encoded dots", "..%2F..%2Fescaped.jpg", true, true},
  };
}

std::string PercentEncode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Every regular file under `root` (relative paths).
std::set<std::string> FilesUnder(const std::string& root) {
  std::set<std::string> out;
  std::error_code ec;
  for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
       it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) break;
    if (it->is_regular_file(ec) || it->is_symlink(ec)) {
      out.insert(std::filesystem::relative(it->path(), root).string());
    }
  }
  return out;
}

std::uint32_t Le(const std::string& s, std::size_t at, int bytes) {
  std::uint32_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(s.at(at + i));
  return v;
}

// The entry names of a ZIP archive from its central directory; each must
// match its local header's name. Fails the test on a malformed archive.
std::vector<std::string> ZipEntryNames(const std::string& zip) {
  std::vector<std::string> names;
  EXPECT_GE(zip.size(), 22u);
  if (zip.size() < 22) return names;
  std::size_t end = zip.size() - 22;
  EXPECT_EQ(Le(zip, end, 4), 0x06054b50u) << "no end record (or an archive comment)";
  std::uint32_t count = Le(zip, end + 10, 2), offset = Le(zip, end + 16, 4);
  std::size_t at = offset;
  for (std::uint32_t i = 0; i < count; ++i) {
    EXPECT_EQ(Le(zip, at, 4), 0x02014b50u) << "central record " << i;
    std::uint32_t name_len = Le(zip, at + 28, 2), extra = Le(zip, at + 30, 2), comment = Le(zip, at + 32, 2);
    std::uint32_t local = Le(zip, at + 42, 4);
    std::string name = zip.substr(at + 46, name_len);
    EXPECT_EQ(Le(zip, local, 4), 0x04034b50u) << "local header of " << name;
    EXPECT_EQ(zip.substr(local + 30, Le(zip, local + 26, 2)), name) << "local and central names differ";
    EXPECT_TRUE(Le(zip, at + 8, 2) & 0x0800) << "names are UTF-8 (flag bit 11)";
    names.push_back(name);
    at += 46 + name_len + extra + comment;
  }
  EXPECT_EQ(at + 22, zip.size());
  return names;
}

// Why `name` is not a safe ZIP entry name, or "" when it is.
std::string UnsafeEntryReason(const std::string& name) {
  if (name.empty()) return "empty";
  if (name.size() > 255) return "longer than 255 bytes";
  if (name.find('/') != std::string::npos || name.find('\\') != std::string::npos) return "a path separator";
  if (name == "." || name == ".." || name.front() == '.') return "a leading dot";
  if (name.find(':') != std::string::npos) return "a drive or stream colon";
  for (std::size_t i = 0; i < name.size();) {
    unsigned char c = name[i];
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > name.size()) return "invalid UTF-8";
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(name[i + k]) >> 6) != 2) return "invalid UTF-8";
      cp = (cp << 6) | (name[i + k] & 0x3F);
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return "a control character";
    if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
        cp == 0x061C) {
      return "a text direction mark";
    }
    i += len;
  }
  return "";
}

class NamesTest : public SecurityTest {
 protected:
  void SetUp() override { BuildArchive(); }

  // Uploads `bytes` named `name` into "open" by `how`; expects 201, or a
  // JSON 400 naming the problem. The photo id, or 0 when refused.
  std::int64_t UploadNamed(const std::string& how, const std::string& name, const std::string& bytes) {
    Headers h = Editor();
    std::string body = bytes;
    if (how == "X-Filename") {
      h.emplace_back("Content-Type", "image/jpeg");
      h.emplace_back("X-Filename", PercentEncode(name));
    } else if (how == "Content-Disposition") {
      h.emplace_back("Content-Type", "image/jpeg");
      h.emplace_back("Content-Disposition", "attachment; filename=\"" + name + "\"");
    } else {
      std::string boundary = "sec-boundary-7d1", quoted;
      for (char c : name) {
        if (c == '\\' || c == '"') quoted += '\\';
        quoted += c;
      }
      h.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
      body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + quoted +
             "\"\r\nContent-Type: image/jpeg\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    }
    Reply r = http_test::Send(port(), "POST", "/api/photos?album=open", h, body);
    json j = json::parse(r.body, nullptr, false);
    EXPECT_TRUE(j.is_object()) << how << ": not JSON: " << r.body.substr(0, 200);
    if (r.status == 400) {
      EXPECT_TRUE(j.is_object() && j.contains("message")) << r.body;
      return 0;
    }
    EXPECT_EQ(r.status, 201) << how << ": " << r.body.substr(0, 300);
    if (r.status != 201 || !j.is_object()) return 0;
    // The name is kept as text: what was sent comes back (the JSON carries
    // it escaped; invalid UTF-8 may come back replaced).
    if (name.find('\xFF') == std::string::npos) {
      // A header value that does not decode (%00) is kept as it came.
      std::string got = j.value("filename", "");
      EXPECT_TRUE(got == name || (how == "X-Filename" && got == PercentEncode(name))) << how << ": " << got;
    }
    EXPECT_EQ(r.body.find('\0'), std::string::npos);
    for (unsigned char c : r.body) EXPECT_GE(c, 0x20) << how << ": a raw control character in the JSON";
    return j["id"].get<std::int64_t>();
  }
};

TEST_F(NamesTest, HostileNamesAreTextOnlyAndTheZipEntriesAreSafe) {
  std::string tmp_root = std::filesystem::path(tmp_.path()).string();
  std::set<std::string> before_tmp = FilesUnder("/tmp"), before_here = FilesUnder(tmp_root);
  int seed = 200, stored = 0;
  std::vector<std::int64_t> ids;
  for (const std::string how : {"X-Filename", "Content-Disposition", "multipart"}) {
    for (const HostileName& n : HostileNames()) {
      if (how == "Content-Disposition" && !n.in_content_disposition) continue;
      if (how == "multipart" && !n.in_multipart) continue;
      SCOPED_TRACE(how + ", " + n.label);
      std::int64_t id = UploadNamed(how, n.name, http_test::Jpeg(seed++, "Names"));
      if (id == 0) continue;
      ++stored;
      ids.push_back(id);
      std::string media = "/media/" + std::to_string(id);
      for (const std::string& path : {media + "/original", media + "/sidecar.xmp"}) {
        Reply r = Get(path);
        ASSERT_EQ(r.status, 200) << path;
        std::string cd = r.Header("content-disposition");
        const std::string prefix = "attachment; filename=\"";
        ASSERT_EQ(cd.rfind(prefix, 0), 0u) << cd;
        std::string suggested = cd.substr(prefix.size(), cd.size() - prefix.size() - 1);
        EXPECT_EQ(cd.back(), '"') << cd;
        EXPECT_EQ(suggested.find_first_of("/\\\"\0", 0, 4), std::string::npos) << cd;
        EXPECT_NE(suggested.front(), '.') << cd;
        EXPECT_EQ(r.headers.count("x-injected"), 0u);
        for (unsigned char c : cd) EXPECT_TRUE(c >= 0x20 && c < 0x7F) << cd;
      }
    }
  }
  EXPECT_GE(stored, 30) << "most hostile names are still usable as text";

  // Nothing was written outside the data folder, and inside it only the store.
  std::set<std::string> after_tmp = FilesUnder("/tmp");
  for (const std::string& f : after_tmp) {
    EXPECT_EQ(f.find(Marker()), std::string::npos) << "/tmp/" << f;
  }
  for (const std::string& f : FilesUnder(tmp_root)) {
    if (before_here.count(f)) continue;
    EXPECT_EQ(f.rfind("data/", 0), 0u) << "a new file outside the data folder: " << f;
    EXPECT_EQ(f.find(Marker()), std::string::npos) << f;
    EXPECT_EQ(f.find("escaped"), std::string::npos) << f;
    EXPECT_EQ(f.find("invoice"), std::string::npos) << f;
  }
  EXPECT_FALSE(std::filesystem::exists("/etc/" + Marker() + "-absolute.jpg"));

  // The album's ZIP: one entry per photo, every name safe and unique.
  Reply zip = Get("/api/albums/open/download");
  ASSERT_EQ(zip.status, 200);
  Reply listing = Get("/api/albums/open/photos?limit=200");
  ASSERT_EQ(listing.status, 200);
  std::size_t visible = json::parse(listing.body)["items"].size();
  std::vector<std::string> names = ZipEntryNames(zip.body);
  EXPECT_EQ(names.size(), visible);
  std::set<std::string> lower;
  for (const std::string& name : names) {
    EXPECT_EQ(UnsafeEntryReason(name), "") << "entry '" << name << "'";
    std::string l = name;
    for (char& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_TRUE(lower.insert(l).second) << "entry '" << name << "' is there twice (ignoring case)";
  }
}

TEST_F(NamesTest, UnusableNamesGetAJsonError) {
  // No name at all, and a name that is not valid percent-encoding.
  for (const Headers& extra : std::vector<Headers>{{}, {{"X-Filename", ""}}, {{"Content-Disposition", "attachment"}}}) {
    Headers h = Editor();
    h.emplace_back("Content-Type", "image/jpeg");
    for (const auto& e : extra) h.push_back(e);
    Reply r = http_test::Send(port(), "POST", "/api/photos", h, http_test::Jpeg(300));
    EXPECT_EQ(r.status, 400) << r.body;
    json j = json::parse(r.body, nullptr, false);
    EXPECT_TRUE(j.is_object() && j.value("code", "") == "invalid_argument") << r.body;
  }
  Headers h = Editor();
  h.emplace_back("Content-Type", "image/jpeg");
  h.emplace_back("X-Filename", "broken%zz%.jpg");
  Reply r = http_test::Send(port(), "POST", "/api/photos", h, http_test::Jpeg(301));
  EXPECT_TRUE(r.status == 201 || r.status == 400) << r.status;
  EXPECT_TRUE(json::parse(r.body, nullptr, false).is_object()) << r.body;
}

}  // namespace
}  // namespace security_test
