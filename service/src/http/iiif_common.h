// What the IIIF image and presentation routes share: the absolute origin
// their ids start with, the limits of an image answer, and URI rights.
#pragma once

#include <string>

#include "http/http_types.h"
#include "media/status.h"
#include "http/iiif_request.h"

namespace gallery::http {

// The largest image answer: 8192 px a side and 16.8 megapixels (4096²).
inline constexpr IiifLimits kIiifLimits{8192, 8192, 16'777'216};

// The start of the absolute ids IIIF requires: `public_url` (--public-url)
// when set; else the scheme and host this request came to
// ("http://host:port"): X-Forwarded-Proto "https" or http, and the Host when
// it holds only host-name, address and port characters (else "localhost":
// nothing else a client sends is echoed).
std::string IiifOrigin(const HttpRequest& req, const std::string& public_url);

// `text` as the archive's public address (--public-url): http:// or https://,
// a host of host-name or address characters with an optional port, an
// optional path of plain characters; no query, fragment, user or spaces. Its
// trailing slashes are dropped. Errors: kInvalidArgument naming the problem.
media::Result<std::string> ParsePublicUrl(const std::string& text);

// True for usage terms that are a URI (IIIF `rights`).
bool IsHttpUri(const std::string& text);

}  // namespace gallery::http
