// The blob store on S3-compatible object storage: path-style addressing
// (ENDPOINT/BUCKET/KEY), any region, requests signed with the project's
// Signature V4 signer, over HTTP(S) with bounded timeouts.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "media/blob_store.h"
#include "media/sigv4.h"
#include "media/status.h"

namespace media {

struct S3Location {
  std::string endpoint;           // "http://127.0.0.1:7480" (no path)
  std::string bucket;             // 3 to 63 of a-z 0-9 . -
  std::string region = "us-east-1";
  std::string prefix;             // every key below it ("" or ending in '/')
  SigV4Key key;
  std::uint64_t multipart_threshold = 64ull << 20;  // larger values go up in parts
  std::uint64_t part_size = 16ull << 20;
  long connect_timeout_ms = 3000;
  long stall_timeout_s = 20;      // a transfer moving no byte for this long fails
  long request_timeout_s = 600;   // no request lasts longer
};

// Reads the location from a store URL
//   s3://BUCKET?endpoint=http://HOST:PORT&region=REGION[&prefix=P/][&credentials=FILE]
// The credentials come from FILE (lines KEY=VALUE) when named, else from the
// environment: GALLERY_S3_ACCESS_KEY and GALLERY_S3_SECRET_KEY, or
// AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (the same names in the file).
// Never from the URL itself: a URL carrying a key is refused.
// `getenv` reads the environment (a test passes its own).
Result<S3Location> ParseS3StoreUrl(const std::string& url,
                                   const std::function<const char*(const char*)>& getenv);

// Opens the store at `location` with every key below `location.prefix` +
// `key_prefix`, creating the bucket when it does not exist. Busy when the
// endpoint cannot be reached, IOError when it refuses.
Result<std::unique_ptr<BlobStore>> OpenS3BlobStore(S3Location location, const std::string& key_prefix);

}  // namespace media
