// `gallery token create|list|revoke`: API tokens for scripts. `create`
// prints the token once, on its last line; the catalog keeps only its
// SHA-256. `list` shows id, name, role, created, last used and expiry, never
// the secret or its hash. `revoke ID` removes a token: requests bearing it
// are refused (401) from the next one on.

#include <iomanip>
#include <iostream>
#include <regex>
#include <string>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "media/sha256.h"
#include "media/utc_time.h"
#include "service/secrets.h"

namespace gallery::cli {

namespace {

struct TokenArgs {
  std::string data = "data";
  std::string role;
  std::string name;
  std::string expires;
  std::int64_t id = 0;
};

constexpr long kMaxDays = 3650;

// "90d" (days) or "12h" (hours) from now, or a UTC date or time
// ("2027-01-31", "2027-01-31T12:00:00Z"); "" = never. InvalidArgument
// naming --expires otherwise.
media::Result<std::string> ExpiryFrom(const std::string& text) {
  if (text.empty()) return std::string();
  static const std::regex kSpan(R"((\d{1,7})([dh]))");
  static const std::regex kDate(R"(\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?)");
  std::smatch m;
  if (std::regex_match(text, m, kSpan)) {
    long n = std::stol(m[1].str());
    long seconds = m[2].str() == "d" ? n * 86400 : n * 3600;
    if (n < 1 || seconds > kMaxDays * 86400) {
      return media::Status::InvalidArgument("--expires: from 1h to " + std::to_string(kMaxDays) + "d");
    }
    return media::UtcAfter(seconds);
  }
  if (std::regex_match(text, kDate)) {
    std::string when = text.size() == 10 ? text + "T00:00:00Z" : text;
    if (when <= media::NowUtc()) return media::Status::InvalidArgument("--expires: must be in the future");
    return when;
  }
  return media::Status::InvalidArgument("--expires: give a span (90d, 12h) or a UTC date (2027-01-31)");
}

void CreateToken(const TokenArgs& args) {
  auto role = media::ParseRole(args.role);
  if (!role) Fail("token create", media::Status::InvalidArgument("--role must be viewer, editor or admin"));
  if (args.name.size() > 200) Fail("token create", media::Status::InvalidArgument("--name: at most 200 bytes"));
  auto expires = ExpiryFrom(args.expires);
  if (!expires.ok()) Fail("token create", expires.status());
  auto archive = OpenArchiveOrExit(args.data);
  auto made = NewSecret();
  if (!made.ok()) Fail("token create", made.status());
  const std::string secret = *made;
  media::Credential cred;
  cred.secret_sha256 = media::Sha256Hex(secret.data(), secret.size());
  cred.role = *role;
  cred.user = args.name.empty() ? "token" : args.name;
  cred.expires_at = *expires;
  cred.kind = media::CredentialKind::kToken;
  auto id = archive->catalog().AddCredential(cred);
  if (!id.ok()) Fail("token create", id.status(), kExitSomeFailed);
  std::cout << "created " << media::RoleName(*role) << " token " << *id << " named '" << cred.user << "'"
            << (cred.expires_at.empty() ? "" : ", expiring " + cred.expires_at)
            << "; keep it, it is not shown again:\n"
            << secret << std::endl;
}

void ListTokens(const TokenArgs& args) {
  auto archive = OpenArchiveOrExit(args.data);
  auto tokens = archive->catalog().ListTokens();
  if (!tokens.ok()) Fail("token list", tokens.status(), kExitSomeFailed);
  const std::string now = media::NowUtc();
  auto or_dash = [](const std::string& s) { return s.empty() ? std::string("-") : s; };
  std::cout << std::left << std::setw(6) << "ID" << std::setw(24) << "NAME" << std::setw(8) << "ROLE"
            << std::setw(22) << "CREATED" << std::setw(22) << "LAST USED" << "EXPIRES\n";
  for (const media::Credential& c : *tokens) {
    std::string expiry = c.expires_at.empty() ? "never" : c.expires_at;
    if (!c.expires_at.empty() && c.expires_at <= now) expiry += " (expired)";
    std::cout << std::setw(6) << c.id << std::setw(24) << c.user << std::setw(8) << media::RoleName(c.role)
              << std::setw(22) << or_dash(c.created_at) << std::setw(22) << or_dash(c.last_used_at) << expiry
              << "\n";
  }
  std::cout << std::flush;
}

void RevokeToken(const TokenArgs& args) {
  auto archive = OpenArchiveOrExit(args.data);
  media::Status s = archive->catalog().RevokeToken(args.id);
  if (!s.ok()) Fail("token revoke " + std::to_string(args.id), s);
  std::cout << "revoked token " << args.id << std::endl;
}

}  // namespace

void AddTokenCommand(CLI::App& app) {
  CLI::App* token = AddCommandGroup(app, "token", "API tokens for scripts");
  auto args = std::make_shared<TokenArgs>();

  CLI::App* create = AddDataCommand(token, "create", "Create a token and print it (once)", args, CreateToken);
  create->add_option("--role", args->role, "viewer, editor or admin")->required();
  create->add_option("--name,--label", args->name, "What the token is for (shown in lists and edit history)");
  create->add_option("--expires", args->expires, "When it stops working: 90d, 12h or a UTC date (default: never)");

  AddDataCommand(token, "list", "List tokens: id, name, role, created, last used, expiry", args, ListTokens);

  CLI::App* revoke = AddDataCommand(token, "revoke", "Revoke a token by its id (from `token list`)", args, RevokeToken);
  revoke->add_option("id", args->id, "The token's id")->required()->check(CLI::PositiveNumber);
}

}  // namespace gallery::cli
