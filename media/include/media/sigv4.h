// Request signing for S3-compatible object storage: Signature Version 4
// (header form), checked against the published signature test vectors. Pure
// functions: no clock, no network. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace media {

struct SigV4Key {
  std::string access_key;
  std::string secret_key;
};

struct SigV4Request {
  std::string method;  // "GET", "PUT", ...
  // The path as the object store names it, not yet percent-encoded
  // ("/bucket/ab/cd/<key>"); CanonicalUri encodes it once.
  std::string path;
  // Query parameters, decoded, in any order; a valueless one has "".
  std::vector<std::pair<std::string, std::string>> query;
  // Every header to sign, "host" among them (names in any case).
  std::vector<std::pair<std::string, std::string>> headers;
  // Hex SHA-256 of the body, or "UNSIGNED-PAYLOAD".
  std::string payload_sha256;
};

struct SigV4Scope {
  std::string amz_date;  // "YYYYMMDDTHHMMSSZ", UTC
  std::string region;    // "us-east-1"
  std::string service;   // "s3"
};

struct SigV4Signature {
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;      // 64 lower-case hex digits
  std::string authorization;  // the Authorization header's value
};

// RFC 3986 percent-encoding as the signature wants it: every byte but
// A-Z a-z 0-9 - . _ ~ as %XY (upper-case hex); '/' kept when `keep_slash`.
std::string SigV4Encode(std::string_view in, bool keep_slash);

// The path encoded once, slashes kept ("/" for an empty path).
std::string SigV4CanonicalUri(const std::string& path);

// The query as the signature and the request line both carry it: each key
// and value encoded, sorted by encoded key then value, "k=v" joined by '&'.
std::string SigV4CanonicalQuery(const std::vector<std::pair<std::string, std::string>>& query);

// Signs `request` with `key` for `scope`.
SigV4Signature SignV4(const SigV4Request& request, const SigV4Key& key, const SigV4Scope& scope);

// The hex SHA-256 of the empty body.
extern const char kSigV4EmptySha256[];

}  // namespace media
