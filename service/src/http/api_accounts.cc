// Accounts, for admins: users (GET/POST /api/users, PATCH /api/users/{name}
// for role, disabled and password) and API tokens (GET/POST /api/tokens,
// DELETE /api/tokens/{id}). A token's secret is in the creation's answer
// only; lists never hold a secret or its hash. Disabling a user, a new
// password and revoking a token take effect on the next request: every
// request looks its credential up in the catalog (access.cc), and disabling
// or a new password also ends the user's sessions (but the asker's own).

#include "http/api.h"
#include "http/json_body.h"
#include "http/session.h"
#include "service/password.h"
#include "http/status_map.h"
#include "media/sha256.h"
#include "media/utc_time.h"
#include "service/secrets.h"

namespace gallery::http {

namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameBytes = 200;

json UserJson(const media::User& u) {
  return {{"name", u.name},
          {"role", media::RoleName(u.role)},
          {"disabled", u.disabled},
          {"created_at", u.created_at.empty() ? json() : json(u.created_at)}};
}

json TokenJson(const media::Credential& c) {
  auto or_null = [](const std::string& s) { return s.empty() ? json() : json(s); };
  return {{"id", c.id},
          {"name", c.user},
          {"role", media::RoleName(c.role)},
          {"created_by", or_null(c.created_by)},
          {"created_at", c.created_at},
          {"last_used_at", or_null(c.last_used_at)},
          {"expires_at", or_null(c.expires_at)},
          {"expired", !c.expires_at.empty() && c.expires_at <= media::NowUtc()}};
}

HttpResponse NoStore(HttpResponse r) {
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

// A user's or token's name: 1 to 200 bytes of text without control
// characters; else the 400 answer naming `field`.
std::optional<HttpResponse> ReadName(const json& body, const char* field, bool required, std::string* out) {
  if (!body.contains(field)) {
    if (required) return BadField(field, "is required");
    return std::nullopt;
  }
  const json& v = body[field];
  if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > kMaxNameBytes) {
    return BadField(field, "must be text of 1 to " + std::to_string(kMaxNameBytes) + " bytes");
  }
  for (unsigned char c : v.get<std::string>()) {
    if (c < 0x20 || c == 0x7f) return BadField(field, "must not hold control characters");
  }
  *out = v.get<std::string>();
  return std::nullopt;
}

std::optional<HttpResponse> ReadRole(const json& body, bool required, std::optional<media::Role>* out) {
  if (!body.contains("role")) {
    if (required) return BadField("role", "is required: viewer, editor or admin");
    return std::nullopt;
  }
  const json& v = body["role"];
  auto role = v.is_string() ? media::ParseRole(v.get<std::string>()) : std::nullopt;
  if (!role) return BadField("role", "must be viewer, editor or admin");
  *out = role;
  return std::nullopt;
}

// A password of at least kMinPasswordLength characters, hashed into *hash.
std::optional<HttpResponse> ReadPassword(const json& body, std::string* hash) {
  const json& v = body["password"];
  if (!v.is_string() || v.get<std::string>().size() < kMinPasswordLength) {
    return BadField("password", "must be text of at least " + std::to_string(kMinPasswordLength) + " characters");
  }
  auto hashed = HashPassword(v.get<std::string>());
  if (!hashed.ok()) return ErrorFromStatus(hashed.status());
  *hash = *hashed;
  return std::nullopt;
}

}  // namespace

HttpResponse Api::ListUsers(const HttpRequest&) {
  auto users = catalog().ListUsers();
  if (!users.ok()) return ErrorFromStatus(users.status());
  json items = json::array();
  for (const media::User& u : *users) items.push_back(UserJson(u));
  return NoStore(JsonResponse({{"items", items}}));
}

HttpResponse Api::CreateUser(const HttpRequest& req) {
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  if (auto bad = RejectUnknownFields(body, {"name", "role", "password", "disabled"})) return *bad;
  media::User user;
  std::optional<media::Role> role;
  if (auto bad = ReadName(body, "name", true, &user.name)) return *bad;
  if (auto bad = ReadRole(body, true, &role)) return *bad;
  user.role = *role;
  if (body.contains("disabled")) {
    if (!body["disabled"].is_boolean()) return BadField("disabled", "must be true or false");
    user.disabled = body["disabled"].get<bool>();
  }
  if (!body.contains("password")) return BadField("password", "is required");
  if (auto bad = ReadPassword(body, &user.password_hash)) return *bad;
  media::Status added = catalog().AddUser(user);
  if (!added.ok()) return ErrorFromStatus(added);
  auto stored = catalog().GetUser(user.name);
  if (!stored.ok()) return ErrorFromStatus(stored.status());
  return NoStore(JsonResponse(UserJson(*stored), 201));
}

HttpResponse Api::UpdateUser(const HttpRequest& req) {
  const std::string name = req.Param("name");
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  if (auto bad = RejectUnknownFields(body, {"role", "disabled", "password"})) return *bad;
  if (body.empty()) return BadField("body", "give at least one of role, disabled, password");
  media::UserChange change;
  if (auto bad = ReadRole(body, false, &change.role)) return *bad;
  if (body.contains("disabled")) {
    if (!body["disabled"].is_boolean()) return BadField("disabled", "must be true or false");
    change.disabled = body["disabled"].get<bool>();
  }
  // No admin locks themselves out over the API (the command line still can).
  const bool self = name == req.principal.name;
  if (self && ((change.disabled && *change.disabled) ||
               (change.role && *change.role != media::Role::kAdmin))) {
    return ErrorResponse(ApiError::kOwnAccount, "an admin cannot disable or demote their own account here; "
                                             "use `gallery user` on the server");
  }
  auto user = catalog().GetUser(name);
  if (!user.ok()) return ErrorFromStatus(user.status());
  if (body.contains("password")) {
    std::string hash;
    if (auto bad = ReadPassword(body, &hash)) return *bad;
    change.password_hash = hash;
    // The asker's own session survives their own new password.
    std::string secret = SessionCookie(req);
    if (self && !secret.empty()) change.keep_session_sha256 = media::Sha256Hex(secret.data(), secret.size());
  }
  media::Status s = catalog().UpdateUser(name, change);
  if (!s.ok()) return ErrorFromStatus(s);
  auto updated = catalog().GetUser(name);
  if (!updated.ok()) return ErrorFromStatus(updated.status());
  return NoStore(JsonResponse(UserJson(*updated)));
}

HttpResponse Api::ListTokens(const HttpRequest&) {
  auto tokens = catalog().ListTokens();
  if (!tokens.ok()) return ErrorFromStatus(tokens.status());
  json items = json::array();
  for (const media::Credential& c : *tokens) items.push_back(TokenJson(c));
  return NoStore(JsonResponse({{"items", items}}));
}

HttpResponse Api::CreateToken(const HttpRequest& req) {
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  if (auto bad = RejectUnknownFields(body, {"role", "name", "expires_at", "expires_in_days"})) return *bad;
  media::Credential cred;
  std::optional<media::Role> role;
  if (auto bad = ReadRole(body, true, &role)) return *bad;
  cred.role = *role;
  cred.user = "token";
  if (auto bad = ReadName(body, "name", false, &cred.user)) return *bad;
  if (auto bad = ReadExpiry(body, /*default_days=*/0, &cred.expires_at)) return *bad;
  auto secret = NewSecret();
  if (!secret.ok()) return ErrorFromStatus(secret.status());
  cred.secret_sha256 = media::Sha256Hex(secret->data(), secret->size());
  cred.kind = media::CredentialKind::kToken;
  cred.created_by = req.principal.name;
  auto id = catalog().AddCredential(cred);
  if (!id.ok()) return ErrorFromStatus(id.status());
  cred.id = *id;
  cred.created_at = media::NowUtc();
  json j = TokenJson(cred);
  j["token"] = *secret;
  return NoStore(JsonResponse(j, 201));
}

HttpResponse Api::RevokeToken(const HttpRequest& req) {
  const std::string id = req.Param("id");
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) {
    return ErrorResponse(ApiError::kNotFound, "a token id is a whole number");
  }
  media::Status s = catalog().RevokeToken(std::stoll(id));
  if (!s.ok()) return ErrorFromStatus(s);
  return NoContent();
}

}  // namespace gallery::http

namespace gallery::http {

namespace {

HttpResponse SetupClosed() {
  return ErrorResponse(ApiError::kGone,
                       "the first-run setup is over: an admin exists, so this address no longer works; log in");
}

// Whether setup may go on: nullopt when the gate is open and no admin
// exists; else the 410 answer (closing the gate when an admin was added
// another way, e.g. with `gallery user add`), or a catalog error.
std::optional<HttpResponse> SetupStillOpen(FirstRun* gate, media::Catalog& catalog) {
  if (!gate || gate->Check("") == FirstRun::Gate::kClosed) return SetupClosed();
  auto has_admin = HasAdmin(catalog);
  if (!has_admin.ok()) return ErrorFromStatus(has_admin.status());
  if (*has_admin) {
    gate->Close();
    return SetupClosed();
  }
  return std::nullopt;
}

}  // namespace

HttpResponse Api::GetSetup(const HttpRequest&) {
  bool open = !SetupStillOpen(ctx_.first_run, catalog()).has_value();
  return NoStore(JsonResponse({{"open", open}}));
}

HttpResponse Api::Setup(const HttpRequest& req) {
  json body;
  if (auto bad = ParseJsonObject(req, &body)) return *bad;
  if (auto bad = RejectUnknownFields(body, {"token", "name", "password"})) return *bad;
  if (auto closed = SetupStillOpen(ctx_.first_run, catalog())) return NoStore(*closed);
  if (!body.contains("token") || !body["token"].is_string() || body["token"].get<std::string>().empty()) {
    return BadField("token", "is required: the one from the setup address `gallery serve` printed");
  }
  media::User user;
  user.role = media::Role::kAdmin;
  if (auto bad = ReadName(body, "name", true, &user.name)) return *bad;
  if (!body.contains("password")) return BadField("password", "is required");
  if (auto bad = ReadPassword(body, &user.password_hash)) return *bad;
  FirstRun::Gate gate = FirstRun::Gate::kClosed;
  media::Status made = ctx_.first_run->Consume(
      body["token"].get<std::string>(),
      [&]() -> media::Status {
        auto has_admin = HasAdmin(catalog());
        if (!has_admin.ok()) return has_admin.status();
        if (*has_admin) return media::Status::Conflict("an admin exists already");
        return catalog().AddUser(user);
      },
      &gate);
  if (gate == FirstRun::Gate::kClosed) return NoStore(SetupClosed());
  if (gate == FirstRun::Gate::kWrongToken) {
    return NoStore(ErrorResponse(ApiError::kForbidden,
                                 "the setup token is wrong: use the whole address `gallery serve` printed"));
  }
  if (!made.ok()) return NoStore(ErrorFromStatus(made));
  auto stored = catalog().GetUser(user.name);
  if (!stored.ok()) return ErrorFromStatus(stored.status());
  return NoStore(JsonResponse(UserJson(*stored), 201));
}

}  // namespace gallery::http
