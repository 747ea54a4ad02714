// The first run of an archive that has no admin: `gallery serve` opens a
// one-time setup with a random token, which creates the first admin from the
// browser. The gate closes for good when that admin is made (or when one
// exists already): the token is then forgotten.
#pragma once

#include <functional>
#include <mutex>
#include <string>

#include "media/catalog.h"
#include "media/status.h"

namespace gallery {

// True when the catalog holds a user with the admin role (disabled or not).
media::Result<bool> HasAdmin(media::Catalog& catalog);

class FirstRun {
 public:
  // A closed gate: every token is refused as kClosed.
  FirstRun() = default;

  // Opens the gate with a fresh token when `catalog` has no admin; a closed
  // gate when it has one. IOError when the catalog or the random generator
  // fails.
  static media::Result<std::unique_ptr<FirstRun>> ForCatalog(media::Catalog& catalog);

  enum class Gate { kOpen, kWrongToken, kClosed };

  // Whether the gate is open (and to whom): kClosed once closed; else
  // kOpen when `given` is the token (compared in constant time), else
  // kWrongToken. Thread-safe.
  Gate Check(const std::string& given) const;

  // Runs `create` while holding the gate, only when Check(given) is kOpen,
  // and closes the gate when it succeeds; *gate says what Check said.
  // Two requests with the token never both run `create`. Thread-safe.
  media::Status Consume(const std::string& given, const std::function<media::Status()>& create, Gate* gate);

  // Closes the gate and forgets the token. Thread-safe.
  void Close();

  // The token while the gate is open, for the setup address printed at
  // start; "" once closed.
  std::string token() const;

 private:
  explicit FirstRun(std::string token) : token_(std::move(token)) {}
  Gate CheckLocked(const std::string& given) const;

  mutable std::mutex mu_;
  std::string token_;  // "" = closed
};

}  // namespace gallery
