#include "service/first_run.h"

#include <openssl/crypto.h>

#include <memory>

#include "service/secrets.h"

namespace gallery {

media::Result<bool> HasAdmin(media::Catalog& catalog) {
  auto users = catalog.ListUsers();
  if (!users.ok()) return users.status();
  for (const media::User& user : *users) {
    if (user.role == media::Role::kAdmin) return true;
  }
  return false;
}

media::Result<std::unique_ptr<FirstRun>> FirstRun::ForCatalog(media::Catalog& catalog) {
  auto has_admin = HasAdmin(catalog);
  if (!has_admin.ok()) return has_admin.status();
  if (*has_admin) return std::make_unique<FirstRun>();
  auto secret = NewSecret();
  if (!secret.ok()) return secret.status();
  return std::unique_ptr<FirstRun>(new FirstRun(*secret));
}

FirstRun::Gate FirstRun::CheckLocked(const std::string& given) const {
  if (token_.empty()) return Gate::kClosed;
  if (given.size() != token_.size()) return Gate::kWrongToken;
  return CRYPTO_memcmp(given.data(), token_.data(), token_.size()) == 0 ? Gate::kOpen : Gate::kWrongToken;
}

FirstRun::Gate FirstRun::Check(const std::string& given) const {
  std::lock_guard<std::mutex> lock(mu_);
  return CheckLocked(given);
}

media::Status FirstRun::Consume(const std::string& given, const std::function<media::Status()>& create,
                                Gate* gate) {
  std::lock_guard<std::mutex> lock(mu_);
  *gate = CheckLocked(given);
  if (*gate != Gate::kOpen) return media::Status::OK();
  media::Status made = create();
  if (made.ok()) token_.clear();
  return made;
}

void FirstRun::Close() {
  std::lock_guard<std::mutex> lock(mu_);
  token_.clear();
}

std::string FirstRun::token() const {
  std::lock_guard<std::mutex> lock(mu_);
  return token_;
}

}  // namespace gallery
