#include "service/password.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <vector>

namespace gallery {

namespace {

// The cost: 19 MiB, two passes, one lane.
constexpr std::uint32_t kTimeCost = 2;
constexpr std::uint32_t kMemoryKiB = 19456;
constexpr std::uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

}  // namespace

media::Result<std::string> HashPassword(const std::string& password) {
  unsigned char salt[kSaltBytes];
  if (RAND_bytes(salt, sizeof salt) != 1) {
    return media::Status::IOError("the random number generator failed");
  }
  std::size_t length = argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::vector<char> encoded(length);
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt,
                                 sizeof salt, kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return media::Status::IOError(std::string("password hashing failed: ") + argon2_error_message(rc));
  }
  return std::string(encoded.data());
}

bool VerifyPassword(const std::string& encoded, const std::string& password) {
  if (encoded.compare(0, 10, "$argon2id$") != 0) return false;
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace gallery
