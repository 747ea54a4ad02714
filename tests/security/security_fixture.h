// A served archive with something to protect: a meeting; a public album
// ("open"), a private album reachable by a share link ("closed"), another
// private album ("secret"); photos in each, one embargoed for a year; a
// viewer, an editor and an admin token, and an editor login with a password.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "fixtures/api_fixture.h"
#include "media/utc_time.h"

namespace security_test {

using http_test::Headers;
using http_test::Reply;
using nlohmann::json;

// Who asks, in the order the access table lists them.
enum Who { kAnonymous, kViewer, kEditor, kAdmin, kShare, kWhoCount };
const char* WhoName(Who who);

class SecurityTest : public http_test::ApiTest {
 protected:
  // Builds the archive described above and starts the server.
  void BuildArchive();

  // `path` as `who` asks for it: a bearer token, or the share link of
  // "closed" added as ?share= (the anonymous and share holders send no
  // Authorization).
  Reply As(Who who, const std::string& method, const std::string& path, const std::string& body = "",
           Headers headers = {});
  // A JSON request with the editor's token.
  Reply EditorJson(const std::string& method, const std::string& path, const json& body);
  // Logs `name` in with `password`; the session cookie's secret and the
  // CSRF token, or empty strings when refused.
  struct Session {
    std::string cookie_secret, csrf;
  };
  Session Login(const std::string& name, const std::string& password);

  std::string viewer_, share_;
  std::int64_t open_photo_ = 0, closed_photo_ = 0, secret_photo_ = 0, embargoed_photo_ = 0,
               loose_photo_ = 0;
  const std::string editor_name_ = "amina";
  const std::string editor_password_ = "Casablanca-July-2016-pass";
};


}  // namespace security_test
