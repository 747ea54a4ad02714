// Secrets handed to people: API tokens, session cookies, share links. Only
// their SHA-256 is ever stored.
#pragma once

#include <string>

#include "media/status.h"

namespace gallery {

// 32 bytes from the system's cryptographic generator, base64url without
// padding (43 characters). IOError when the generator fails. Thread-safe.
media::Result<std::string> NewSecret();

// `bytes` in base64url without padding.
std::string Base64Url(const std::string& bytes);

}  // namespace gallery
