// What the IIIF image and presentation routes share: the absolute origin
// their ids start with, the limits of an image answer, and URI rights.
#pragma once

#include <string>

#include "http/http_types.h"
#include "http/iiif_request.h"

namespace gallery::http {

// The largest image answer: 8192 px a side and 16.8 megapixels (4096²).
inline constexpr IiifLimits kIiifLimits{8192, 8192, 16'777'216};

// The scheme and host this request came to ("http://host:port"), for the
// absolute ids IIIF requires: X-Forwarded-Proto "https" or http, and the
// Host when it holds only host-name, address and port characters (else
// "localhost": nothing else a client sends is echoed).
std::string IiifOrigin(const HttpRequest& req);

// True for usage terms that are a URI (IIIF `rights`).
bool IsHttpUri(const std::string& text);

}  // namespace gallery::http
