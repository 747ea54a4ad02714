#include "http/accounts_openapi.h"

#include <nlohmann/json.hpp>

namespace gallery::http {

namespace {

using nlohmann::json;

const json kError = {{"$ref", "#/components/responses/Error"}};

json PathParam(const char* name, const char* type, const char* description) {
  return {{"name", name}, {"in", "path"}, {"required", true}, {"description", description},
          {"schema", {{"type", type}}}};
}

// An operation for `role` ("admin", "editor") with the usual refusals.
json Operation(const std::string& summary, const std::string& role, json responses) {
  responses["401"] = kError;
  responses["403"] = kError;
  return {{"summary", summary + " (" + role + ")"},
          {"security", json::array({{{"bearer", json::array()}}, {{"session", json::array()}}})},
          {"responses", responses}};
}

json JsonBody(json properties, json required = json::array()) {
  json schema = {{"type", "object"}, {"properties", std::move(properties)}};
  if (!required.empty()) schema["required"] = std::move(required);
  return {{"required", true}, {"content", {{"application/json", {{"schema", schema}}}}}};
}

const json kRole = {{"enum", {"viewer", "editor", "admin"}}};
const char kUserShape[] = "{name, role, disabled, created_at}";
const char kTokenShape[] =
    "{id, name, role, created_by, created_at, last_used_at (recorded at most once a minute), expires_at, "
    "expired}";

json Users() {
  json list = Operation("Every user: {items: [" + std::string(kUserShape) + "]}", "admin",
                        {{"200", {{"description", "The users, by name"}}}});
  json create = Operation("Add a user who logs in with a password of at least 8 characters", "admin",
                          {{"201", {{"description", kUserShape}}}, {"400", kError}, {"409", kError}});
  create["requestBody"] =
      JsonBody({{"name", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}},
                {"role", kRole},
                {"password", {{"type", "string"}, {"minLength", 8}}},
                {"disabled", {{"type", "boolean"}}}},
               {"name", "role", "password"});
  return {{"get", list}, {"post", create}};
}

json User() {
  json patch = Operation(
      "Change a user's role, disable or enable them, or give a new password. Disabling and a new password "
      "end the user's sessions (a new password given by the user for themselves keeps the session asking); "
      "a role change applies to their sessions at once. An admin cannot disable or demote their own "
      "account here (409 own_account)",
      "admin", {{"200", {{"description", kUserShape}}}, {"400", kError}, {"404", kError}, {"409", kError}});
  patch["parameters"] = json::array({PathParam("name", "string", "the user's login name")});
  patch["requestBody"] = JsonBody({{"role", kRole},
                                   {"disabled", {{"type", "boolean"}}},
                                   {"password", {{"type", "string"}, {"minLength", 8}}}});
  return {{"patch", patch}};
}

json Tokens() {
  json list = Operation("Every API token (never its secret or hash): {items: [" + std::string(kTokenShape) + "]}",
                        "admin", {{"200", {{"description", "The tokens, oldest first"}}}});
  json create = Operation("Create an API token; its secret is in this answer only, as `token`", "admin",
                          {{"201", {{"description", std::string(kTokenShape) + " and token"}}}, {"400", kError}});
  create["requestBody"] =
      JsonBody({{"role", kRole},
                {"name", {{"type", "string"}, {"minLength", 1}, {"maxLength", 200}}},
                {"expires_at", {{"type", "string"}, {"description", "UTC, YYYY-MM-DDTHH:MM:SSZ, in the future"}}},
                {"expires_in_days", {{"type", "integer"}, {"minimum", 1}, {"maximum", 3650}}}},
               {"role"});
  return {{"get", list}, {"post", create}};
}

json Token() {
  json revoke = Operation("Revoke a token: requests bearing it get 401 from the next one on", "admin",
                          {{"204", {{"description", "Revoked"}}}, {"404", kError}});
  revoke["parameters"] = json::array({PathParam("id", "integer", "the token's id")});
  return {{"delete", revoke}};
}

json LinksList() {
  json list = Operation(
      "The album's share links, expired ones included, never their secrets: {items: [{id, album, created_by, "
      "created_at, expires_at, expired}]}",
      "editor", {{"200", {{"description", "The links, oldest first"}}}, {"404", kError}});
  list["parameters"] = json::array({PathParam("slug", "string", "the album's slug")});
  return list;
}

json Link() {
  json revoke = Operation("Revoke a share link: every route answers its secret 401 from the next request on",
                          "editor", {{"204", {{"description", "Revoked"}}}, {"404", kError}});
  revoke["parameters"] = json::array({PathParam("slug", "string", "the album's slug"),
                                      PathParam("id", "integer", "the link's id")});
  return {{"delete", revoke}};
}

}  // namespace

std::string WithAccountPaths(const std::string& document) {
  json doc = json::parse(document, nullptr, false);
  if (!doc.is_object()) return document;
  json& paths = doc["paths"];
  paths["/api/users"] = Users();
  paths["/api/users/{name}"] = User();
  paths["/api/tokens"] = Tokens();
  paths["/api/tokens/{id}"] = Token();
  paths["/api/albums/{slug}/links"]["get"] = LinksList();
  paths["/api/albums/{slug}/links/{id}"] = Link();
  return doc.dump(2);
}

}  // namespace gallery::http
