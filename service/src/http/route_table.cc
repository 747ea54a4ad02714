#include "http/route_table.h"

#include "http/api.h"

namespace gallery::http {

const std::vector<RouteSpec>& RouteTable() {
  static const std::vector<RouteSpec> table = {
      {"GET", "/api/health", &Api::Health, Access::kPublic},
      {"GET", "/api/openapi.json", &Api::OpenApi, Access::kPublic},
      {"GET", "/metrics", &Api::MetricsText, Access::kAdmin},
      {"GET", "/api/meetings", &Api::ListMeetings, Access::kPublic, true},
      {"GET", "/api/meetings/{slug}", &Api::GetMeeting, Access::kPublic, true},
      {"GET", "/api/albums", &Api::ListAlbums, Access::kPublic, true},
      {"GET", "/api/albums/{slug}", &Api::GetAlbum, Access::kPublic, true},
      {"GET", "/api/albums/{slug}/photos", &Api::ListAlbumPhotos, Access::kPublic, true},
      {"GET", "/api/photos", &Api::ListPhotos, Access::kPublic, true},
      {"GET", "/api/photos/{id}", &Api::GetPhoto, Access::kPublic, true},
      {"POST", "/api/photos", &Api::UploadPhotos, Access::kEditor, false, /*upload=*/true},
      {"PATCH", "/api/photos", &Api::EditPhotos, Access::kEditor},
      {"PATCH", "/api/photos/{id}", &Api::EditPhoto, Access::kEditor},
      {"DELETE", "/api/photos/{id}", &Api::DeletePhoto, Access::kAdmin},
      {"GET", "/api/trash", &Api::ListTrash, Access::kAdmin},
      {"POST", "/api/trash/{id}/restore", &Api::RestorePhoto, Access::kAdmin},
      {"GET", "/api/photos/{id}/history", &Api::PhotoHistory, Access::kEditor},
      {"POST", "/api/photos/{id}/history/{entry}/revert", &Api::RevertEdit, Access::kEditor},
      {"POST", "/api/albums", &Api::CreateAlbum, Access::kEditor},
      {"PATCH", "/api/albums/{slug}", &Api::UpdateAlbum, Access::kEditor},
      {"DELETE", "/api/albums/{slug}", &Api::DeleteAlbum, Access::kEditor},
      {"POST", "/api/albums/{slug}/photos", &Api::AddAlbumPhotos, Access::kEditor},
      {"DELETE", "/api/albums/{slug}/photos", &Api::RemoveAlbumPhotos, Access::kEditor},
      {"PUT", "/api/albums/{slug}/order", &Api::ReorderAlbum, Access::kEditor},
      {"GET", "/api/albums/{slug}/history", &Api::AlbumHistory, Access::kEditor},
      {"POST", "/api/albums/{slug}/links", &Api::CreateShareLink, Access::kEditor},
      {"GET", "/api/albums/{slug}/links", &Api::ListShareLinks, Access::kEditor},
      {"DELETE", "/api/albums/{slug}/links/{id}", &Api::RevokeShareLink, Access::kEditor},
      {"GET", "/api/albums/{slug}/download", &Api::DownloadAlbum, Access::kPublic},
      {"POST", "/api/meetings", &Api::CreateMeeting, Access::kEditor},
      {"PATCH", "/api/meetings/{slug}", &Api::UpdateMeeting, Access::kEditor},
      {"DELETE", "/api/meetings/{slug}", &Api::DeleteMeeting, Access::kEditor},
      {"GET", "/api/meetings/{slug}/history", &Api::MeetingHistory, Access::kEditor},
      {"GET", "/api/credits", &Api::ListCredits, Access::kPublic, true},
      {"GET", "/api/tags", &Api::ListTags, Access::kPublic, true},
      {"GET", "/media/{id}/original", &Api::GetOriginal, Access::kPublic},
      {"GET", "/media/{id}/sidecar.xmp", &Api::GetSidecar, Access::kPublic},
      {"GET", "/media/{id}/{file}", &Api::GetRendition, Access::kPublic, true},
      {"GET", "/api/session", &Api::GetSession, Access::kPublic},
      {"POST", "/api/session", &Api::Login, Access::kPublic},
      {"DELETE", "/api/session", &Api::Logout, Access::kPublic},
      {"GET", "/api/users", &Api::ListUsers, Access::kAdmin},
      {"POST", "/api/users", &Api::CreateUser, Access::kAdmin},
      {"PATCH", "/api/users/{name}", &Api::UpdateUser, Access::kAdmin},
      {"GET", "/api/tokens", &Api::ListTokens, Access::kAdmin},
      {"POST", "/api/tokens", &Api::CreateToken, Access::kAdmin},
      {"DELETE", "/api/tokens/{id}", &Api::RevokeToken, Access::kAdmin},
      {"GET", "/", &Api::WebPage, Access::kPublic},
      {"GET", "/meetings/{slug}", &Api::WebPage, Access::kPublic},
      {"GET", "/albums/{slug}", &Api::WebPage, Access::kPublic},
      {"GET", "/photos/{id}", &Api::WebPage, Access::kPublic},
      {"GET", "/upload", &Api::WebPage, Access::kPublic},
      {"GET", "/login", &Api::WebPage, Access::kPublic},
      {"GET", "/static/{file}", &Api::WebStatic, Access::kPublic},
      {"GET", "/static/{dir}/{file}", &Api::WebStatic, Access::kPublic},
  };
  return table;
}

namespace {

std::vector<std::string> Segments(const std::string& path) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    if (j > i) out.push_back(path.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool IsParam(const std::string& seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

}  // namespace

bool MatchPattern(const std::string& pattern, const std::string& path,
                  std::map<std::string, std::string>* params) {
  std::vector<std::string> want = Segments(pattern), have = Segments(path);
  if (want.size() != have.size()) return false;
  std::map<std::string, std::string> found;
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (IsParam(want[i])) {
      found[want[i].substr(1, want[i].size() - 2)] = have[i];
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  if (params) *params = std::move(found);
  return true;
}

std::string RouterPattern(const std::string& pattern) {
  std::string out;
  for (const std::string& seg : Segments(pattern)) {
    out += '/';
    out += IsParam(seg) ? ":" + seg.substr(1, seg.size() - 2) : seg;
  }
  return out.empty() ? "/" : out;
}

std::vector<std::string> PatternParams(const std::string& pattern) {
  std::vector<std::string> out;
  for (const std::string& seg : Segments(pattern)) {
    if (IsParam(seg)) out.push_back(seg.substr(1, seg.size() - 2));
  }
  return out;
}

}  // namespace gallery::http
