// The OpenAPI paths of the account routes (users, tokens) and of listing
// and revoking share links, kept beside their handlers (api_accounts.cc,
// api_links.cc) and merged into the API document.
#pragma once

#include <string>

namespace gallery::http {

// `document` (an OpenAPI JSON text) with those paths added, re-serialised.
// Returns `document` unchanged when it is not a JSON object.
std::string WithAccountPaths(const std::string& document);

}  // namespace gallery::http
