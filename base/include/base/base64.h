// Standard base64 (RFC 4648, "+/" alphabet): what the resumable-upload
// headers carry (Upload-Metadata values, Upload-Checksum digests).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace base {

// `in` encoded, with "=" padding.
std::string Base64Encode(std::string_view in);

// `in` decoded; padding optional. nullopt when a character is outside the
// alphabet or the length cannot be base64.
std::optional<std::string> Base64Decode(std::string_view in);

}  // namespace base
