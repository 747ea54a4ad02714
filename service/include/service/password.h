// Passwords of the people who edit: argon2id hashes in the PHC string
// encoding, never the password itself.
#pragma once

#include <string>

#include "media/status.h"

namespace gallery {

// The shortest password `gallery user add` accepts.
constexpr std::size_t kMinPasswordLength = 8;

// An encoded argon2id hash of `password` with a fresh random salt
// ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"). IOError when the random
// generator or the hash fails. Thread-safe; takes tens of milliseconds and
// about 19 MiB of memory by design.
media::Result<std::string> HashPassword(const std::string& password);

// True when `password` matches `encoded` (as HashPassword makes it). False
// for a mismatch and for a malformed `encoded`. Thread-safe.
bool VerifyPassword(const std::string& encoded, const std::string& password);

}  // namespace gallery
