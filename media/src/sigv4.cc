#include "media/sigv4.h"

#include <openssl/hmac.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "media/sha256.h"

namespace media {

const char kSigV4EmptySha256[] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

namespace {

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &size);
  return std::string(reinterpret_cast<const char*>(out), size);
}

std::string Hex(std::string_view bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kDigits[c >> 4];
    out += kDigits[c & 15];
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// A header value as signed: leading and trailing blanks removed, each run of
// blanks inside made one space.
std::string TrimValue(const std::string& v) {
  std::string out;
  bool blank = false;
  for (char c : v) {
    if (c == ' ' || c == '\t') {
      blank = !out.empty();
      continue;
    }
    if (blank) out += ' ';
    blank = false;
    out += c;
  }
  return out;
}

}  // namespace

std::string SigV4Encode(std::string_view in, bool keep_slash) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(in.size());
  for (unsigned char c : in) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || (keep_slash && c == '/')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 15];
    }
  }
  return out;
}

std::string SigV4CanonicalUri(const std::string& path) {
  if (path.empty()) return "/";
  return SigV4Encode(path, /*keep_slash=*/true);
}

std::string SigV4CanonicalQuery(const std::vector<std::pair<std::string, std::string>>& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [k, v] : query) encoded.emplace_back(SigV4Encode(k, false), SigV4Encode(v, false));
  std::sort(encoded.begin(), encoded.end());
  std::string out;
  for (const auto& [k, v] : encoded) {
    if (!out.empty()) out += '&';
    out += k + "=" + v;
  }
  return out;
}

SigV4Signature SignV4(const SigV4Request& request, const SigV4Key& key, const SigV4Scope& scope) {
  // Headers by lower-case name, sorted; repeated names joined by ','.
  std::map<std::string, std::string> headers;
  for (const auto& [name, value] : request.headers) {
    std::string& joined = headers[Lower(name)];
    if (!joined.empty()) joined += ',';
    joined += TrimValue(value);
  }
  std::string canonical_headers, signed_headers;
  for (const auto& [name, value] : headers) {
    canonical_headers += name + ":" + value + "\n";
    if (!signed_headers.empty()) signed_headers += ';';
    signed_headers += name;
  }
  SigV4Signature s;
  s.canonical_request = request.method + "\n" + SigV4CanonicalUri(request.path) + "\n" +
                        SigV4CanonicalQuery(request.query) + "\n" + canonical_headers + "\n" +
                        signed_headers + "\n" + request.payload_sha256;
  const std::string day = scope.amz_date.substr(0, 8);
  const std::string credential_scope = day + "/" + scope.region + "/" + scope.service + "/aws4_request";
  s.string_to_sign = "AWS4-HMAC-SHA256\n" + scope.amz_date + "\n" + credential_scope + "\n" +
                     Sha256Hex(s.canonical_request.data(), s.canonical_request.size());
  std::string k = HmacSha256("AWS4" + key.secret_key, day);
  k = HmacSha256(k, scope.region);
  k = HmacSha256(k, scope.service);
  k = HmacSha256(k, "aws4_request");
  s.signature = Hex(HmacSha256(k, s.string_to_sign));
  s.authorization = "AWS4-HMAC-SHA256 Credential=" + key.access_key + "/" + credential_scope +
                    ", SignedHeaders=" + signed_headers + ", Signature=" + s.signature;
  return s;
}

}  // namespace media
