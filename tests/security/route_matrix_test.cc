// The access matrix, generated from the server's route table: every route,
// for every audience (anonymous, the share link of a private album, the
// share link of an unlisted album, a viewer, an editor, an admin) and every
// state a photo, an album or a meeting of the fixture can be in (public,
// unlisted only, private only, under embargo in a public album, in the
// trash, in an unlisted and a private album, in a public and a private
// album, in no album; albums public, unlisted and private; names that do
// not exist), against one table of expected answers written below from the
// audience rule as service/README.md ("Who may see what") states it, never
// from what the server answers.
//
// Reads are asked of every route, audience and target; listings are walked
// cursor by cursor to the end at one and at two items a page and the ids
// compared with what the audience may see; cursors are tried by other
// audiences and with other filters; media answers 200 or 404 and says who
// may keep it. Changes are asked too, in a form that changes nothing: an
// asker without the role must be refused (401, 403), one with it gets a
// malformed body refused (400) or a missing target (404). A route in the
// table that this file neither covers nor excludes (with its reason) fails
// the test, so a new route cannot escape the matrix.
#include <algorithm>
#include <cstdint>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "fixtures/api_fixture.h"
#include "fixtures/image_fixtures.h"
#include "http/route_table.h"
#include "media/utc_time.h"

namespace route_matrix_test {
namespace {

using gallery::http::Access;
using gallery::http::PatternParams;
using gallery::http::RouteSpec;
using gallery::http::RouteTable;
using http_test::Headers;
using http_test::Reply;
using nlohmann::json;

// ---------------------------------------------------------------------------
// The fixture's world, as the test knows it.

enum class Vis { kPublic, kUnlisted, kPrivate };

struct AlbumState {
  const char* slug;
  Vis vis;
  bool in_meeting;
};

constexpr char kMeeting[] = "geneva-2019";
const AlbumState kAlbums[] = {
    {"pub", Vis::kPublic, true},
    {"unl", Vis::kUnlisted, true},
    {"priv", Vis::kPrivate, true},  // its share link is one of the audiences
    {"vault", Vis::kPrivate, false},
};

struct PhotoState {
  const char* name;
  std::vector<std::string> albums;
  bool embargoed;
  bool trashed;
};

// Every photo is in the meeting; each has the caption word "matrixword" and
// "w" + its name, the credit "Credit " + its name and the keywords "common"
// and "tag-" + its name, and is uploaded as "state-" + its name + ".jpg".
const PhotoState kPhotos[] = {
    {"public", {"pub"}, false, false},
    {"unlisted", {"unl"}, false, false},
    {"private", {"priv"}, false, false},
    {"embargoed", {"pub"}, true, false},
    {"trashed", {"pub"}, false, true},
    {"unlisted-private", {"unl", "vault"}, false, false},
    {"public-private", {"pub", "vault"}, false, false},
    {"loose", {}, false, false},
};

std::string SearchWord(const PhotoState& p) {
  std::string word = "w";
  for (const char* c = p.name; *c; ++c) {
    if (*c != '-') word += *c;
  }
  return word;
}
std::string FileName(const PhotoState& p) { return std::string("state-") + p.name + ".jpg"; }
std::string Credit(const PhotoState& p) { return std::string("Credit ") + p.name; }

// ---------------------------------------------------------------------------
// Who asks, and what the written rule lets each of them see.

enum class Kind { kPublic, kViewer, kEditor };

struct Audience {
  const char* name;
  Kind kind;
  const char* share;  // kPublic: the album whose share link is held ("" none)
  bool admin;
};

const Audience kAudiences[] = {
    {"anonymous", Kind::kPublic, "", false},
    {"share link of priv", Kind::kPublic, "priv", false},
    {"share link of unl", Kind::kPublic, "unl", false},
    {"viewer", Kind::kViewer, "", false},
    {"editor", Kind::kEditor, "", false},
    {"admin", Kind::kEditor, "", true},
};
const Audience& Anonymous() { return kAudiences[0]; }

// "Public albums are listed; unlisted ones open by their address only;
// private ones need a viewer, an editor, an admin or that album's share
// link" — and the album of the link held counts as listed.
bool AlbumListed(const Audience& a, const AlbumState& album) {
  return a.kind != Kind::kPublic || album.vis == Vis::kPublic || album.slug == std::string(a.share);
}
bool AlbumOpens(const Audience& a, const AlbumState& album) {
  return a.kind != Kind::kPublic || album.vis != Vis::kPrivate || album.slug == std::string(a.share);
}
const AlbumState& AlbumNamed(const std::string& slug) {
  for (const AlbumState& album : kAlbums) {
    if (slug == album.slug) return album;
  }
  ADD_FAILURE() << "no album " << slug << " in the fixture";
  return kAlbums[0];
}

// A photo in the trash is nobody's (only the trash routes name it); one
// under embargo is only for editors and admins; a photo in no album is
// public; else it is listed when one of its albums is, and opens when one
// of its albums does.
bool PhotoSeen(const Audience& a, const PhotoState& p, bool (*album_rule)(const Audience&, const AlbumState&)) {
  if (p.trashed) return false;
  if (p.embargoed && a.kind != Kind::kEditor) return false;
  if (a.kind != Kind::kPublic || p.albums.empty()) return true;
  return std::any_of(p.albums.begin(), p.albums.end(),
                     [&](const std::string& slug) { return album_rule(a, AlbumNamed(slug)); });
}
bool PhotoListed(const Audience& a, const PhotoState& p) { return PhotoSeen(a, p, AlbumListed); }
bool PhotoOpens(const Audience& a, const PhotoState& p) { return PhotoSeen(a, p, AlbumOpens); }

// Within an album it may open, the audience sees every photo of it that is
// not under embargo (editors: every photo); none in the trash.
bool InAlbumSeen(const Audience& a, const PhotoState& p, const AlbumState& album) {
  if (p.trashed || (p.embargoed && a.kind != Kind::kEditor)) return false;
  return std::find(p.albums.begin(), p.albums.end(), album.slug) != p.albums.end();
}

// What a cursor is bound to: editors and admins are one audience, each
// share link is its own.
std::string CursorAudience(const Audience& a) {
  if (a.kind == Kind::kEditor) return "editor";
  if (a.kind == Kind::kViewer) return "viewer";
  return std::string("public:") + a.share;
}

// ---------------------------------------------------------------------------
// The table of expected answers, per route. `need` is the role a route
// needs, as the design says ("changing anything needs an editor"; accounts,
// tokens, the trash, deleting and /metrics are the admin's); the test checks
// that the route table agrees.

enum class Need { kAnyone, kEditor, kAdmin };

enum class Check {
  kAlways,     // 200 for every asker and target: service routes, page shells (no data in them)
  kStatic,     // 200 when the file exists, else 404
  kMeetings,   // every meeting, counted for the asker
  kMeeting,    // 200 when it exists: its listed albums and count
  kAlbums,     // the albums the asker lists
  kAlbum,      // 200 when the asker may open it: its count and cover
  kAlbumPhotos,  // 200 when the asker may open it: its photos the asker sees
  kDownload,   // 200 when the asker may open it: a zip of those photos
  kPhotos,     // the photos the asker lists
  kPhoto,      // 200 when the asker may open it: the albums it lists
  kMedia,      // 200 when the asker may open the photo, and who may keep it
  kIiif,       // the image service: 200 (303 at its base URI) when the asker may open the photo, else
               // 404; anyone's page may read it (CORS) only when the public may open it
  kCredits,    // credit lines counted over the listed photos
  kTags,       // keywords counted over the listed photos
  kTrash,      // the photos in the trash
  kRoleRead,   // a GET for a role: 200 when the target exists, else 404
  kHistory,    // a photo's history, for editors: 200 for any photo ever made, in the trash too
               // (the catalog keeps a deleted photo's history for its restore), else 404
  kLogout,     // 200 for anyone (nothing to end without a session)
  kChange,     // a change: see CheckChange
};

struct Rule {
  const char* method;
  const char* pattern;
  Need need;
  Check check;
  // kChange: a body the route refuses without changing anything, and the
  // status it refuses it with; nullptr when the route takes no body.
  const char* probe = nullptr;
  int probe_status = 400;
  const char* probe_type = "application/json";
};

const Rule kRules[] = {
    {"GET", "/api/health", Need::kAnyone, Check::kAlways},
    {"GET", "/api/openapi.json", Need::kAnyone, Check::kAlways},
    {"GET", "/metrics", Need::kAdmin, Check::kRoleRead},
    {"GET", "/api/meetings", Need::kAnyone, Check::kMeetings},
    {"GET", "/api/meetings/{slug}", Need::kAnyone, Check::kMeeting},
    {"GET", "/api/albums", Need::kAnyone, Check::kAlbums},
    {"GET", "/api/albums/{slug}", Need::kAnyone, Check::kAlbum},
    {"GET", "/api/albums/{slug}/photos", Need::kAnyone, Check::kAlbumPhotos},
    {"GET", "/api/photos", Need::kAnyone, Check::kPhotos},
    {"GET", "/api/photos/{id}", Need::kAnyone, Check::kPhoto},
    {"POST", "/api/photos", Need::kEditor, Check::kChange, "{", 415, "application/json"},
    {"PATCH", "/api/photos", Need::kEditor, Check::kChange, "{"},
    // A read for editors, asked like a change: a bad body is refused first.
    {"POST", "/api/photos/lookup", Need::kEditor, Check::kChange, "{"},
    {"PATCH", "/api/photos/{id}", Need::kEditor, Check::kChange, "{"},
    {"DELETE", "/api/photos/{id}", Need::kAdmin, Check::kChange},
    {"GET", "/api/trash", Need::kAdmin, Check::kTrash},
    {"POST", "/api/trash/{id}/restore", Need::kAdmin, Check::kChange},
    {"DELETE", "/api/trash", Need::kAdmin, Check::kChange},
    {"GET", "/api/photos/{id}/history", Need::kEditor, Check::kHistory},
    {"POST", "/api/photos/{id}/history/{entry}/revert", Need::kEditor, Check::kChange},
    {"POST", "/api/albums", Need::kEditor, Check::kChange, "{"},
    {"PATCH", "/api/albums/{slug}", Need::kEditor, Check::kChange, "{"},
    {"DELETE", "/api/albums/{slug}", Need::kEditor, Check::kChange},
    {"POST", "/api/albums/{slug}/photos", Need::kEditor, Check::kChange, "{"},
    {"DELETE", "/api/albums/{slug}/photos", Need::kEditor, Check::kChange, "{"},
    {"PUT", "/api/albums/{slug}/order", Need::kEditor, Check::kChange, "{"},
    {"GET", "/api/albums/{slug}/history", Need::kEditor, Check::kRoleRead},
    {"POST", "/api/albums/{slug}/links", Need::kEditor, Check::kChange, "{"},
    {"GET", "/api/albums/{slug}/links", Need::kEditor, Check::kRoleRead},
    {"DELETE", "/api/albums/{slug}/links/{id}", Need::kEditor, Check::kChange},
    {"GET", "/api/albums/{slug}/download", Need::kAnyone, Check::kDownload},
    {"POST", "/api/meetings", Need::kEditor, Check::kChange, "{"},
    {"PATCH", "/api/meetings/{slug}", Need::kEditor, Check::kChange, "{"},
    {"DELETE", "/api/meetings/{slug}", Need::kEditor, Check::kChange},
    {"GET", "/api/meetings/{slug}/history", Need::kEditor, Check::kRoleRead},
    {"GET", "/api/credits", Need::kAnyone, Check::kCredits},
    {"GET", "/api/tags", Need::kAnyone, Check::kTags},
    {"GET", "/media/{id}/original", Need::kAnyone, Check::kMedia},
    {"GET", "/media/{id}/sidecar.xmp", Need::kAnyone, Check::kMedia},
    {"GET", "/media/{id}/{file}", Need::kAnyone, Check::kMedia},
    {"GET", "/iiif/3/{id}", Need::kAnyone, Check::kIiif},
    {"GET", "/iiif/3/{id}/info.json", Need::kAnyone, Check::kIiif},
    {"GET", "/iiif/3/{id}/{region}/{size}/{rotation}/{quality_format}", Need::kAnyone, Check::kIiif},
    {"GET", "/iiif/3/manifests/albums/{slug}", Need::kAnyone, Check::kIiif},
    {"GET", "/iiif/3/collections/meetings/{slug}", Need::kAnyone, Check::kIiif},
    {"GET", "/api/session", Need::kAnyone, Check::kAlways},
    {"GET", "/api/setup", Need::kAnyone, Check::kAlways},
    {"POST", "/api/setup", Need::kAnyone, Check::kChange, "{"},
    {"POST", "/api/session", Need::kAnyone, Check::kChange, "{"},
    {"DELETE", "/api/session", Need::kAnyone, Check::kLogout},
    {"GET", "/api/users", Need::kAdmin, Check::kRoleRead},
    {"POST", "/api/users", Need::kAdmin, Check::kChange, "{"},
    {"PATCH", "/api/users/{name}", Need::kAdmin, Check::kChange, "{"},
    {"GET", "/api/tokens", Need::kAdmin, Check::kRoleRead},
    {"POST", "/api/tokens", Need::kAdmin, Check::kChange, "{"},
    {"DELETE", "/api/tokens/{id}", Need::kAdmin, Check::kChange},
    {"GET", "/", Need::kAnyone, Check::kAlways},
    {"GET", "/meetings/{slug}", Need::kAnyone, Check::kAlways},
    {"GET", "/albums/{slug}", Need::kAnyone, Check::kAlways},
    {"GET", "/photos/{id}", Need::kAnyone, Check::kAlways},
    {"GET", "/upload", Need::kAnyone, Check::kAlways},
    {"GET", "/login", Need::kAnyone, Check::kAlways},
    {"GET", "/people", Need::kAnyone, Check::kAlways},
    {"GET", "/setup", Need::kAnyone, Check::kAlways},
    {"GET", "/embed/meetings/{slug}", Need::kAnyone, Check::kAlways},
    {"GET", "/embed/albums/{slug}", Need::kAnyone, Check::kAlways},
    {"GET", "/static/{file}", Need::kAnyone, Check::kStatic},
    {"GET", "/static/{dir}/{file}", Need::kAnyone, Check::kStatic},
    {"GET", "/static/js/page_routes.js", Need::kAnyone, Check::kAlways},
};

// What the matrix does not ask, and why. `whole`: the route is not asked
// at all; else only askers allowed to use it, on targets that exist, are
// left out (every refusal and every missing target is still asked).
struct Excluded {
  const char* method;
  const char* pattern;
  bool whole;
  const char* because;
};

constexpr char kOnlyEffect[] =
    "takes no body, so an allowed asker on an existing target can only make the change itself; "
    "that success is asked on throwaway objects by AccessMatrixTest.EveryDocumentedRouteAnswersEachAsker"
    "AsTheTableSays";
constexpr char kTusElsewhere[] =
    "a resumable upload: each asker's answer is asked by AccessMatrixTest.EveryDocumentedRouteAnswersEachAsker"
    "AsTheTableSays, another account's upload (404) by tests/http/tus_api_test.cc";
const Excluded kExcluded[] = {
    {"DELETE", "/api/photos/{id}", false, kOnlyEffect},
    {"POST", "/api/trash/{id}/restore", false, kOnlyEffect},
    {"DELETE", "/api/trash", false, kOnlyEffect},
    {"POST", "/api/photos/{id}/history/{entry}/revert", false, kOnlyEffect},
    {"DELETE", "/api/albums/{slug}", false, kOnlyEffect},
    {"DELETE", "/api/albums/{slug}/links/{id}", false, kOnlyEffect},
    {"DELETE", "/api/meetings/{slug}", false, kOnlyEffect},
    {"DELETE", "/api/tokens/{id}", false, kOnlyEffect},
    // Resumable uploads touch no photo, album or meeting until their last
    // byte, so the audience matrix has nothing to ask of them; who may use
    // them (each role, share links) is asked by AccessMatrixTest, and
    // another account's upload answering 404 by tests/http/tus_api_test.cc.
    {"OPTIONS", "/api/uploads", true, "protocol discovery: the same headers for every asker (tus_api_test.cc)"},
    {"POST", "/api/uploads", true, kTusElsewhere},
    {"GET", "/api/uploads/{id}", true, kTusElsewhere},
    {"PATCH", "/api/uploads/{id}", true, kTusElsewhere},
    {"DELETE", "/api/uploads/{id}", true, kTusElsewhere},
};

const Rule* RuleFor(const std::string& method, const std::string& pattern) {
  for (const Rule& rule : kRules) {
    if (method == rule.method && pattern == rule.pattern) return &rule;
  }
  return nullptr;
}
const Excluded* ExclusionFor(const std::string& method, const std::string& pattern) {
  for (const Excluded& e : kExcluded) {
    if (method == e.method && pattern == e.pattern) return &e;
  }
  return nullptr;
}

// The status an asker without the route's role gets, 0 when it has it. A
// share link is no credential for anything but reading its album.
int Refusal(Need need, const Audience& a) {
  if (need == Need::kAnyone) return 0;
  if (a.kind == Kind::kPublic) return 401;
  if (a.kind == Kind::kViewer) return 403;
  if (need == Need::kAdmin && !a.admin) return 403;
  return 0;
}

// ---------------------------------------------------------------------------
// Targets: what a route's path parameters are filled with.

// The fixture's ids, known once it is built.
struct World {
  std::map<std::string, std::int64_t> photo_id;  // by state name
  std::map<std::string, std::string> media_v;    // the current ?v= of each photo
  std::map<std::string, std::int64_t> entry;     // a history entry of each photo
  std::map<std::string, std::int64_t> link_id;   // a share link of each album
  std::int64_t spare_token = 0;                  // a token nobody uses
  std::string user = "matrix-user";
};

constexpr char kMissingId[] = "999999";

struct Target {
  std::string label;
  std::map<std::string, std::string> params;
  std::string query;               // added to the path (media: ?v=)
  const PhotoState* photo = nullptr;
  const AlbumState* album = nullptr;
  bool exists = true;              // for an editor: the name is in use
};

Target Named(const std::string& label) {
  Target t;
  t.label = label;
  return t;
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// The targets of `pattern`, or an empty list and *why when a parameter is
// one this file does not know how to fill.
std::vector<Target> TargetsFor(const std::string& pattern, const World& w, std::string* why) {
  const std::vector<std::string> params = PatternParams(pattern);
  if (params.empty()) return {Named("-")};
  std::vector<Target> out;
  auto only = [&](std::initializer_list<const char*> known) {
    for (const std::string& p : params) {
      if (std::none_of(known.begin(), known.end(), [&](const char* k) { return p == k; })) {
        *why = "parameter {" + p + "} of " + pattern;
        return false;
      }
    }
    return true;
  };
  const bool photo_route = StartsWith(pattern, "/api/photos/{id}") || StartsWith(pattern, "/media/{id}") ||
                           StartsWith(pattern, "/photos/{id}") || StartsWith(pattern, "/api/trash/{id}") ||
                           StartsWith(pattern, "/iiif/3/{id}");
  const bool album_route = StartsWith(pattern, "/api/albums/{slug}") || StartsWith(pattern, "/albums/{slug}") ||
                           StartsWith(pattern, "/embed/albums/{slug}") ||
                           StartsWith(pattern, "/iiif/3/manifests/albums/{slug}");
  const bool meeting_route = StartsWith(pattern, "/api/meetings/{slug}") || StartsWith(pattern, "/meetings/{slug}") ||
                             StartsWith(pattern, "/embed/meetings/{slug}") ||
                             StartsWith(pattern, "/iiif/3/collections/meetings/{slug}");
  if (photo_route) {
    if (!only({"id", "entry", "file", "region", "size", "rotation", "quality_format"})) return {};
    const std::map<std::string, std::string> image_request = {
        {"region", "full"}, {"size", "32,"}, {"rotation", "0"}, {"quality_format", "default.jpg"}};
    const bool restore = StartsWith(pattern, "/api/trash/");
    const std::vector<std::string> files =
        pattern.find("{file}") != std::string::npos ? std::vector<std::string>{"tile.webp", "small.jpg"}
                                                    : std::vector<std::string>{""};
    for (const std::string& file : files) {
      for (const PhotoState& p : kPhotos) {
        Target t = Named(std::string("photo ") + p.name);
        t.photo = &p;
        t.params["id"] = std::to_string(w.photo_id.at(p.name));
        t.params["entry"] = std::to_string(w.entry.at(p.name));
        t.params.insert(image_request.begin(), image_request.end());
        t.exists = restore ? p.trashed : !p.trashed;
        if (StartsWith(pattern, "/media/")) t.query = "?v=" + w.media_v.at(p.name);
        if (!file.empty()) {
          t.params["file"] = file;
          t.label += " " + file;
        }
        out.push_back(t);
      }
      Target missing = Named("photo never made" + (file.empty() ? "" : " " + file));
      missing.params = {{"id", kMissingId}, {"entry", kMissingId}, {"file", file.empty() ? "tile.webp" : file}};
      missing.params.insert(image_request.begin(), image_request.end());
      missing.exists = false;
      out.push_back(missing);
    }
    return out;
  }
  if (album_route) {
    if (!only({"slug", "id"})) return {};
    for (const AlbumState& album : kAlbums) {
      Target t = Named(std::string("album ") + album.slug);
      t.album = &album;
      t.params = {{"slug", album.slug}, {"id", std::to_string(w.link_id.at(album.slug))}};
      out.push_back(t);
    }
    Target missing = Named("album never made");
    missing.params = {{"slug", "no-such-album"}, {"id", kMissingId}};
    missing.exists = false;
    out.push_back(missing);
    return out;
  }
  if (meeting_route) {
    if (!only({"slug"})) return {};
    Target t = Named("meeting");
    t.params = {{"slug", kMeeting}};
    Target missing = Named("meeting never made");
    missing.params = {{"slug", "no-such-meeting"}};
    missing.exists = false;
    return {t, missing};
  }
  if (pattern == "/api/users/{name}") {
    Target t = Named("user");
    t.params = {{"name", w.user}};
    Target missing = Named("user never made");
    missing.params = {{"name", "no-such-user"}};
    missing.exists = false;
    return {t, missing};
  }
  if (pattern == "/api/tokens/{id}") {
    Target t = Named("token");
    t.params = {{"id", std::to_string(w.spare_token)}};
    Target missing = Named("token never made");
    missing.params = {{"id", kMissingId}};
    missing.exists = false;
    return {t, missing};
  }
  if (StartsWith(pattern, "/static/")) {
    if (!only({"dir", "file"})) return {};
    const bool dir = pattern.find("{dir}") != std::string::npos;
    Target t = Named("static file");
    t.params = dir ? std::map<std::string, std::string>{{"dir", "js"}, {"file", "main.js"}}
                   : std::map<std::string, std::string>{{"file", "app.css"}};
    Target missing = Named("static file never made");
    missing.params = dir ? std::map<std::string, std::string>{{"dir", "js"}, {"file", "no-such.js"}}
                         : std::map<std::string, std::string>{{"file", "no-such.css"}};
    missing.exists = false;
    return {t, missing};
  }
  *why = "parameters of " + pattern;
  return {};
}

std::string Fill(const std::string& pattern, const Target& t) {
  std::string out;
  std::size_t at = 0;
  while (at < pattern.size()) {
    std::size_t open = pattern.find('{', at);
    if (open == std::string::npos) {
      out += pattern.substr(at);
      break;
    }
    std::size_t close = pattern.find('}', open);
    out += pattern.substr(at, open - at);
    out += t.params.at(pattern.substr(open + 1, close - open - 1));
    at = close + 1;
  }
  return out + t.query;
}

// ---------------------------------------------------------------------------
// The expected sets.

std::set<std::string> ListedPhotoIds(const Audience& a, const World& w) {
  std::set<std::string> out;
  for (const PhotoState& p : kPhotos) {
    if (PhotoListed(a, p)) out.insert(std::to_string(w.photo_id.at(p.name)));
  }
  return out;
}

std::set<std::string> AlbumPhotoIds(const Audience& a, const AlbumState& album, const World& w) {
  std::set<std::string> out;
  for (const PhotoState& p : kPhotos) {
    if (InAlbumSeen(a, p, album)) out.insert(std::to_string(w.photo_id.at(p.name)));
  }
  return out;
}

std::set<std::string> ListedAlbums(const Audience& a, bool meeting_only) {
  std::set<std::string> out;
  for (const AlbumState& album : kAlbums) {
    if (AlbumListed(a, album) && (album.in_meeting || !meeting_only)) out.insert(album.slug);
  }
  return out;
}

// The listed photos' credit lines, or keywords, with their counts.
std::map<std::string, std::int64_t> ExpectedCounts(const Audience& a, bool tags) {
  std::map<std::string, std::int64_t> out;
  for (const PhotoState& p : kPhotos) {
    if (!PhotoListed(a, p)) continue;
    if (tags) {
      ++out["common"];
      ++out[std::string("tag-") + p.name];
    } else {
      ++out[Credit(p)];
    }
  }
  return out;
}

std::string Describe(const std::set<std::string>& s) {
  std::string out = "{";
  for (const std::string& x : s) out += (out.size() > 1 ? "," : "") + x;
  return out + "}";
}

std::string WithParam(const std::string& path, const std::string& param) {
  return path + (path.find('?') == std::string::npos ? "?" : "&") + param;
}

// ---------------------------------------------------------------------------

class RouteMatrixTest : public http_test::ApiTest {
 protected:
  void SetUp() override {
    Gallery({"meeting", "add", kMeeting, "--title-en", "Matrix meeting", "--start", "2019-05-06", "--end",
             "2019-05-07"});
    for (const AlbumState& album : kAlbums) {
      const char* vis = album.vis == Vis::kPublic ? "public" : album.vis == Vis::kUnlisted ? "unlisted" : "private";
      std::vector<std::string> args = {"album", "add", album.slug, "--visibility", vis};
      if (album.in_meeting) args.insert(args.end(), {"--meeting", kMeeting});
      Gallery(args);
    }
    StartServer();
    Reply user = AdminJson("POST", "/api/users",
                           {{"name", world_.user}, {"role", "viewer"}, {"password", "matrix-user-password"}});
    ASSERT_EQ(user.status, 201) << user.body;
    Reply viewer = AdminJson("POST", "/api/tokens", {{"role", "viewer"}, {"name", "matrix-viewer"}});
    ASSERT_EQ(viewer.status, 201) << viewer.body;
    viewer_ = json::parse(viewer.body).at("token").get<std::string>();
    Reply spare = AdminJson("POST", "/api/tokens", {{"role", "viewer"}, {"name", "spare"}});
    ASSERT_EQ(spare.status, 201) << spare.body;
    world_.spare_token = json::parse(spare.body).at("id").get<std::int64_t>();

    int seed = 1;
    for (const PhotoState& p : kPhotos) {
      std::string query = std::string("?meeting=") + kMeeting;
      if (!p.albums.empty()) query += "&album=" + p.albums[0];
      json made = UploadPhoto(http_test::Jpeg(seed++, "matrixword " + SearchWord(p), Credit(p), 64, 48,
                                              {"common", std::string("tag-") + p.name}),
                              FileName(p), query);
      ASSERT_TRUE(made.contains("id")) << made;
      const std::int64_t id = made["id"].get<std::int64_t>();
      world_.photo_id[p.name] = id;
      for (std::size_t i = 1; i < p.albums.size(); ++i) {
        Reply r = EditorJson("POST", "/api/albums/" + p.albums[i] + "/photos", {{"ids", {id}}});
        ASSERT_EQ(r.status, 200) << r.body;
      }
      json changes = {{"usage_terms", "matrix"}};
      if (p.embargoed) changes["embargo_until"] = media::UtcAfter(365L * 86400);
      Reply r = EditorJson("PATCH", "/api/photos/" + std::to_string(id), changes);
      ASSERT_EQ(r.status, 200) << r.body;
      Reply history = Get("/api/photos/" + std::to_string(id) + "/history", Editor());
      ASSERT_EQ(history.status, 200) << history.body;
      const json entries = json::parse(history.body)["items"];
      ASSERT_FALSE(entries.empty());
      world_.entry[p.name] = entries.back()["id"].get<std::int64_t>();
    }
    for (const PhotoState& p : kPhotos) {
      const std::string id = std::to_string(world_.photo_id[p.name]);
      Reply photo = Get("/api/photos/" + id, Editor());
      ASSERT_EQ(photo.status, 200) << photo.body;
      const std::string url = json::parse(photo.body)["original_url"].get<std::string>();
      world_.media_v[p.name] = url.substr(url.find("?v=") + 3);
      if (p.trashed) {
        Reply gone = http_test::Send(port(), "DELETE", "/api/photos/" + id, Admin());
        ASSERT_EQ(gone.status, 200) << gone.body;
      }
    }
    for (const AlbumState& album : kAlbums) {
      Reply link = EditorJson("POST", std::string("/api/albums/") + album.slug + "/links", json::object());
      ASSERT_EQ(link.status, 201) << link.body;
      const json made = json::parse(link.body);
      world_.link_id[album.slug] = made["id"].get<std::int64_t>();
      share_[album.slug] = made["secret"].get<std::string>();
    }
  }

  Reply EditorJson(const std::string& method, const std::string& path, const json& body) {
    Headers h = Editor();
    h.emplace_back("Content-Type", "application/json");
    return http_test::Send(port(), method, path, h, body.dump());
  }
  Reply AdminJson(const std::string& method, const std::string& path, const json& body) {
    Headers h = Admin();
    h.emplace_back("Content-Type", "application/json");
    return http_test::Send(port(), method, path, h, body.dump());
  }

  // `method path` as `a` asks it: a bearer token, or the share link as
  // ?share= (the anonymous and share link holders send no Authorization).
  Reply As(const Audience& a, const std::string& method, const std::string& path, const std::string& body = "",
           Headers headers = {}) {
    ++requests_;
    std::string target = path;
    if (a.kind == Kind::kEditor) {
      headers.emplace_back("Authorization", "Bearer " + (a.admin ? admin_ : editor_));
    } else if (a.kind == Kind::kViewer) {
      headers.emplace_back("Authorization", "Bearer " + viewer_);
    } else if (*a.share) {
      target = WithParam(path, "share=" + share_.at(a.share));
    }
    return http_test::Send(port(), method, target, headers, body);
  }

  // The ids (or slugs) of one answer's items.
  static std::set<std::string> Items(const json& page, const char* key) {
    std::set<std::string> out;
    if (!page.is_object() || !page.contains("items")) return out;
    for (const auto& item : page["items"]) {
      const json& v = item.at(key);
      out.insert(v.is_string() ? v.get<std::string>() : v.dump());
    }
    return out;
  }

  // Walks `path` as `a` at `limit` items a page to the end; every page but
  // the last is full and no item comes twice. *status: the first page's.
  std::set<std::string> Walk(const Audience& a, const std::string& path, const char* key, int limit, int* status,
                             std::vector<std::string>* cursors = nullptr) {
    std::set<std::string> seen;
    std::string cursor;
    *status = 0;
    for (int page_no = 0; page_no < 60; ++page_no) {
      std::string asked = WithParam(path, "limit=" + std::to_string(limit));
      if (!cursor.empty()) asked = WithParam(asked, "cursor=" + cursor);
      Reply r = As(a, "GET", asked);
      if (page_no == 0) *status = r.status;
      if (r.status != 200) {
        EXPECT_EQ(page_no, 0) << asked << " as " << a.name << " failed part-way: " << r.status << " " << r.body;
        return seen;
      }
      const json page = json::parse(r.body);
      for (const auto& item : page["items"]) {
        const json& v = item.at(key);
        std::string id = v.is_string() ? v.get<std::string>() : v.dump();
        EXPECT_TRUE(seen.insert(id).second) << asked << " as " << a.name << ": " << id << " came twice";
      }
      if (page["next_cursor"].is_null()) return seen;
      EXPECT_EQ(page["items"].size(), static_cast<std::size_t>(limit))
          << asked << " as " << a.name << ": a page that is not the last is not full";
      cursor = page["next_cursor"].get<std::string>();
      if (cursors) cursors->push_back(cursor);
      ++checks_;
    }
    ADD_FAILURE() << path << " as " << a.name << ": more than 60 pages";
    return seen;
  }

  // Reads: the status, then what the answer names.
  void CheckRead(const Rule& rule, const Audience& a, const Target& t);
  void ExpectListedAlbumsOfItems(const json& body, const Audience& a, const std::string& where);
  // Changes asked so that nothing changes.
  void CheckChange(const Rule& rule, const Audience& a, const Target& t);

  // The pages that are walked: a path, the key of its items, and what each
  // audience gets (status 404: the album it names does not open).
  struct Listing {
    std::string path;
    const char* key;
    const AlbumState* album;  // album photos or ?album=: nullptr for none
    bool albums;              // a listing of albums
    bool meeting_only;
  };
  std::vector<Listing> Listings() const {
    std::vector<Listing> out = {
        {"/api/photos", "id", nullptr, false, false},
        {"/api/photos?q=matrixword", "id", nullptr, false, false},
        {std::string("/api/photos?meeting=") + kMeeting, "id", nullptr, false, false},
        {"/api/photos?tag=common", "id", nullptr, false, false},
        {"/api/albums", "slug", nullptr, true, false},
        {std::string("/api/albums?meeting=") + kMeeting, "slug", nullptr, true, true},
    };
    for (const AlbumState& album : kAlbums) {
      out.push_back({std::string("/api/albums/") + album.slug + "/photos", "id", &album, false, false});
      out.push_back({std::string("/api/photos?album=") + album.slug, "id", &album, false, false});
    }
    return out;
  }
  std::set<std::string> Expected(const Listing& l, const Audience& a) const {
    if (l.albums) return ListedAlbums(a, l.meeting_only);
    if (l.album) return AlbumPhotoIds(a, *l.album, world_);
    return ListedPhotoIds(a, world_);
  }
  int ExpectedStatus(const Listing& l, const Audience& a) const {
    return l.album && !AlbumOpens(a, *l.album) ? 404 : 200;
  }

  // Asks every route of the table with `pick` true of it, for every audience
  // and target; the number of requests asked.
  template <typename Pick>
  int AskRoutes(Pick pick) {
    int asked = 0;
    for (const RouteSpec& route : RouteTable()) {
      const Rule* rule = RuleFor(route.method, route.pattern);
      if (rule == nullptr || !pick(*rule)) continue;
      const Excluded* excluded = ExclusionFor(route.method, route.pattern);
      if (excluded && excluded->whole) continue;
      std::string why;
      const std::vector<Target> targets = TargetsFor(route.pattern, world_, &why);
      EXPECT_FALSE(targets.empty()) << "no targets: " << why;
      for (const Target& t : targets) {
        for (const Audience& a : kAudiences) {
          const int before = requests_;
          if (rule->check == Check::kChange) CheckChange(*rule, a, t);
          else CheckRead(*rule, a, t);
          asked += requests_ - before;
        }
      }
    }
    return asked;
  }

  World world_;
  std::string viewer_;
  std::map<std::string, std::string> share_;  // album slug → share link secret
  int requests_ = 0, checks_ = 0, excluded_asks_ = 0;
};

int ExpectedReadStatus(const Rule& rule, const Audience& a, const Target& t) {
  if (int refused = Refusal(rule.need, a)) return refused;
  switch (rule.check) {
    case Check::kAlways:
    case Check::kLogout:
    case Check::kMeetings:
    case Check::kAlbums:
    case Check::kPhotos:
    case Check::kCredits:
    case Check::kTags:
    case Check::kTrash:
      return 200;
    case Check::kStatic:
    case Check::kMeeting:
    case Check::kRoleRead:
      return t.exists ? 200 : 404;
    case Check::kHistory:
      return t.photo ? 200 : 404;
    case Check::kAlbum:
    case Check::kAlbumPhotos:
    case Check::kDownload:
      return t.album && AlbumOpens(a, *t.album) ? 200 : 404;
    case Check::kPhoto:
    case Check::kMedia:
      return t.photo && PhotoOpens(a, *t.photo) ? 200 : 404;
    case Check::kIiif:
      if (StartsWith(rule.pattern, "/iiif/3/manifests/")) return t.album && AlbumOpens(a, *t.album) ? 200 : 404;
      if (StartsWith(rule.pattern, "/iiif/3/collections/")) return t.exists ? 200 : 404;
      if (!t.photo || !PhotoOpens(a, *t.photo)) return 404;
      return rule.pattern == std::string("/iiif/3/{id}") ? 303 : 200;
    case Check::kChange:
      break;
  }
  ADD_FAILURE() << "a change is not a read";
  return 0;
}

// The albums holding `p` that `a` lists, sorted by slug.
std::vector<std::string> ListedAlbumsOf(const Audience& a, const PhotoState& p) {
  std::vector<std::string> want;
  for (const std::string& slug : p.albums) {
    if (AlbumListed(a, AlbumNamed(slug))) want.push_back(slug);
  }
  std::sort(want.begin(), want.end());
  return want;
}

// Each listed photo names the albums holding it that the asker lists, as
// the photo's own page does.
void RouteMatrixTest::ExpectListedAlbumsOfItems(const json& body, const Audience& a, const std::string& where) {
  for (const json& item : body["items"]) {
    for (const PhotoState& p : kPhotos) {
      if (world_.photo_id.at(p.name) != item["id"].get<std::int64_t>()) continue;
      ++checks_;
      EXPECT_EQ(item["albums"], json(ListedAlbumsOf(a, p))) << where << ": photo " << p.name;
    }
  }
}

void RouteMatrixTest::CheckRead(const Rule& rule, const Audience& a, const Target& t) {
  std::string path = Fill(rule.pattern, t);
  const bool paged = rule.check == Check::kPhotos || rule.check == Check::kAlbums || rule.check == Check::kAlbumPhotos;
  if (paged) path = WithParam(path, "limit=500");
  Reply r = As(a, rule.method, path);
  const std::string where = std::string(rule.method) + " " + rule.pattern + " [" + t.label + "] as " + a.name;
  const int want = ExpectedReadStatus(rule, a, t);
  ++checks_;
  EXPECT_EQ(r.status, want) << where << ": got " << r.status << ", expected " << want << ": "
                            << r.body.substr(0, 300);
  if (r.status != want) return;
  const std::string content_type = r.Header("content-type");
  if (rule.check == Check::kIiif && r.status == 200 && StartsWith(rule.pattern, "/iiif/3/manifests/")) {
    // One canvas per photo of the album the asker may see.
    const json manifest = json::parse(r.body, nullptr, false);
    ++checks_;
    EXPECT_EQ(manifest.value("type", ""), "Manifest") << where;
    std::set<std::string> ids;
    if (manifest.contains("items")) {
      for (const auto& canvas : manifest["items"]) {
        const std::string id = canvas.value("id", "");
        ids.insert(id.substr(id.rfind('/') + 1));
      }
    }
    EXPECT_EQ(ids, AlbumPhotoIds(a, *t.album, world_)) << where << ": got " << Describe(ids);
    return;
  }
  if (rule.check == Check::kIiif && r.status == 200 && StartsWith(rule.pattern, "/iiif/3/collections/")) {
    const json collection = json::parse(r.body, nullptr, false);
    std::set<std::string> albums;
    if (collection.contains("items")) {
      for (const auto& m : collection["items"]) {
        const std::string id = m.value("id", "");
        albums.insert(id.substr(id.rfind('/') + 1));
      }
    }
    ++checks_;
    EXPECT_EQ(albums, ListedAlbums(a, true)) << where << ": got " << Describe(albums);
    return;
  }
  if (rule.check == Check::kIiif && (r.status == 200 || r.status == 303)) {
    ++checks_;
    EXPECT_EQ(r.Header("access-control-allow-origin"), PhotoOpens(Anonymous(), *t.photo) ? "*" : "")
        << where << ": CORS";
    if (r.status == 200 && content_type.find("json") != std::string::npos) {
      const json info = json::parse(r.body, nullptr, false);
      ++checks_;
      EXPECT_EQ(info.value("type", ""), "ImageService3") << where;
    }
    return;
  }
  if (r.status != 200 || content_type.find("json") == std::string::npos) {
    if (r.status >= 400) {
      const json error = json::parse(r.body, nullptr, false);
      EXPECT_TRUE(error.is_object() && error.contains("code")) << where << ": " << r.body.substr(0, 200);
    }
    if (rule.check == Check::kMedia && r.status == 200) {
      // The current URL of a photo the public may open is for anyone to
      // keep; of any other photo only for the asking browser. An original
      // carries its location for editors and admins only (no album or
      // meeting here shows locations): theirs is for their browser alone.
      const bool located = rule.pattern == std::string("/media/{id}/original") && a.kind == Kind::kEditor;
      const bool anyone = PhotoOpens(Anonymous(), *t.photo) && !located;
      ++checks_;
      EXPECT_EQ(r.Header("cache-control"),
                anyone ? "public, max-age=31536000, immutable" : "private, max-age=31536000, immutable")
          << where;
    }
    if (rule.check == Check::kDownload && r.status == 200) {
      for (const PhotoState& p : kPhotos) {
        ++checks_;
        EXPECT_EQ(r.body.find(FileName(p)) != std::string::npos, InAlbumSeen(a, p, *t.album))
            << where << ": " << FileName(p) << " in the zip";
      }
    }
    return;
  }
  const json body = json::parse(r.body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << where << ": " << r.body.substr(0, 200);
  ++checks_;
  switch (rule.check) {
    case Check::kMeetings: {
      EXPECT_EQ(Items(body, "slug"), std::set<std::string>{kMeeting}) << where;
      for (const auto& m : body["items"]) {
        EXPECT_EQ(m["photo_count"], ListedPhotoIds(a, world_).size()) << where;
      }
      break;
    }
    case Check::kMeeting: {
      EXPECT_EQ(body["photo_count"], ListedPhotoIds(a, world_).size()) << where;
      std::set<std::string> albums;
      for (const auto& album : body["albums"]) albums.insert(album["slug"].get<std::string>());
      EXPECT_EQ(albums, ListedAlbums(a, true)) << where << ": got " << Describe(albums);
      break;
    }
    case Check::kAlbums:
      EXPECT_EQ(Items(body, "slug"), ListedAlbums(a, false)) << where << ": got " << Describe(Items(body, "slug"));
      break;
    case Check::kAlbum: {
      const std::set<std::string> seen = AlbumPhotoIds(a, *t.album, world_);
      EXPECT_EQ(body["photo_count"], seen.size()) << where;
      for (const char* cover : {"cover_photo_id", "shown_cover_id"}) {
        if (!body[cover].is_null()) {
          EXPECT_TRUE(seen.count(body[cover].dump())) << where << ": " << cover << " " << body[cover];
        }
      }
      break;
    }
    case Check::kAlbumPhotos:
      EXPECT_EQ(Items(body, "id"), AlbumPhotoIds(a, *t.album, world_))
          << where << ": got " << Describe(Items(body, "id"));
      ExpectListedAlbumsOfItems(body, a, where);
      break;
    case Check::kPhotos:
      EXPECT_EQ(Items(body, "id"), ListedPhotoIds(a, world_)) << where << ": got " << Describe(Items(body, "id"));
      ExpectListedAlbumsOfItems(body, a, where);
      break;
    case Check::kPhoto: {
      // A photo's albums are the ones the asker lists.
      EXPECT_EQ(body["albums"], json(ListedAlbumsOf(a, *t.photo))) << where;
      EXPECT_EQ(body["id"], world_.photo_id.at(t.photo->name)) << where;
      break;
    }
    case Check::kCredits:
    case Check::kTags: {
      const bool tags = rule.check == Check::kTags;
      std::map<std::string, std::int64_t> got;
      for (const auto& item : body["items"]) got[item[tags ? "tag" : "credit"]] = item["photo_count"];
      EXPECT_EQ(got, ExpectedCounts(a, tags)) << where << ": " << r.body.substr(0, 400);
      break;
    }
    case Check::kTrash: {
      std::set<std::string> want;
      for (const PhotoState& p : kPhotos) {
        if (p.trashed) want.insert(std::to_string(world_.photo_id.at(p.name)));
      }
      EXPECT_EQ(Items(body, "id"), want) << where;
      break;
    }
    default:
      break;
  }
}

void RouteMatrixTest::CheckChange(const Rule& rule, const Audience& a, const Target& t) {
  const std::string where = std::string(rule.method) + " " + rule.pattern + " [" + t.label + "] as " + a.name;
  const int refused = Refusal(rule.need, a);
  if (refused == 0 && rule.probe == nullptr && t.exists) {
    // Only the change itself could be asked: it must be listed as excluded.
    const Excluded* e = ExclusionFor(rule.method, rule.pattern);
    EXPECT_NE(e, nullptr) << where << ": a change without a body on an existing target; exclude it with a reason";
    ++excluded_asks_;
    return;
  }
  Headers headers;
  std::string body = rule.probe ? rule.probe : "";
  if (!body.empty()) headers.emplace_back("Content-Type", rule.probe_type);
  Reply r = As(a, rule.method, Fill(rule.pattern, t), body, headers);
  ++checks_;
  if (refused) {
    EXPECT_EQ(r.status, refused) << where << ": got " << r.status << ", expected " << refused << ": "
                                 << r.body.substr(0, 300);
  } else if (rule.probe == nullptr) {
    EXPECT_EQ(r.status, 404) << where << ": got " << r.status << ", expected 404: " << r.body.substr(0, 300);
  } else if (t.exists) {
    EXPECT_EQ(r.status, rule.probe_status) << where << ": got " << r.status << ", expected " << rule.probe_status
                                           << ": " << r.body.substr(0, 300);
  } else {
    // A malformed body for a missing target: either refusal changes nothing.
    EXPECT_TRUE(r.status == rule.probe_status || r.status == 404)
        << where << ": got " << r.status << ", expected " << rule.probe_status << " or 404: " << r.body.substr(0, 300);
  }
  const json error = json::parse(r.body, nullptr, false);
  EXPECT_TRUE(error.is_object() && error.contains("code")) << where << ": " << r.body.substr(0, 200);
}

// ---------------------------------------------------------------------------

// Every route of the table is in the matrix or excluded with a reason, with
// the role the design gives it, and every path parameter has targets.
TEST(RouteMatrixCoverageTest, EveryRouteIsAskedOrExcludedWithAReason) {
  World w;
  for (const PhotoState& p : kPhotos) {
    w.photo_id[p.name] = 1;
    w.media_v[p.name] = "1-x";
    w.entry[p.name] = 1;
  }
  for (const AlbumState& album : kAlbums) w.link_id[album.slug] = 1;
  std::set<std::pair<std::string, std::string>> routes;
  for (const RouteSpec& route : RouteTable()) {
    routes.insert({route.method, route.pattern});
    const Rule* rule = RuleFor(route.method, route.pattern);
    const Excluded* excluded = ExclusionFor(route.method, route.pattern);
    if (rule == nullptr) {
      EXPECT_TRUE(excluded && excluded->whole)
          << route.method << " " << route.pattern
          << " is in the route table but neither in the matrix (kRules) nor excluded (kExcluded)";
      continue;
    }
    const Access want = rule->need == Need::kAnyone  ? Access::kPublic
                        : rule->need == Need::kEditor ? Access::kEditor
                                                      : Access::kAdmin;
    EXPECT_EQ(route.access, want) << route.method << " " << route.pattern << ": the route table gives another role";
    EXPECT_EQ(rule->check == Check::kChange || rule->check == Check::kLogout, std::string(route.method) != "GET")
        << route.method << " " << route.pattern;
    std::string why;
    EXPECT_FALSE(TargetsFor(route.pattern, w, &why).empty()) << "no targets: " << why;
  }
  for (const Rule& rule : kRules) {
    EXPECT_TRUE(routes.count({rule.method, rule.pattern})) << rule.method << " " << rule.pattern
                                                           << " is in the matrix but not in the route table";
  }
  for (const Excluded& e : kExcluded) {
    EXPECT_TRUE(routes.count({e.method, e.pattern})) << e.method << " " << e.pattern
                                                     << " is excluded but not in the route table";
    EXPECT_GT(std::string(e.because).size(), 10u);
  }
}

TEST_F(RouteMatrixTest, EveryReadAnswersEachAudienceAndStateAsTheTableSays) {
  const int asked = AskRoutes([](const Rule& rule) { return rule.check != Check::kChange; });
  EXPECT_GT(asked, 500);
  std::cout << "[ matrix   ] reads: " << asked << " requests, " << checks_ << " expectations\n";
}

// Changes asked in a form that changes nothing: the editor's view of the
// archive is the same before and after.
TEST_F(RouteMatrixTest, EveryChangeIsRefusedOrChangesNothing) {
  auto snapshot = [this] {
    std::string out;
    for (const char* path : {"/api/photos?limit=500", "/api/albums?limit=500", "/api/meetings", "/api/trash",
                             "/api/users"}) {
      Reply r = Get(path, Admin());
      EXPECT_EQ(r.status, 200) << path;
      json j = json::parse(r.body, nullptr, false);
      if (std::string(path) == "/api/users") {
        for (auto& u : j["items"]) u.erase("last_login_at");
      }
      out += j.dump() + "\n";
    }
    for (const AlbumState& album : kAlbums) {
      out += Get(std::string("/api/albums/") + album.slug + "/links", Admin()).body + "\n";
    }
    Reply tokens = Get("/api/tokens", Admin());
    const json token_list = json::parse(tokens.body);
    for (const auto& t : token_list["items"]) out += t["id"].dump() + " ";
    return out;
  };
  const std::string before = snapshot();
  const int asked = AskRoutes([](const Rule& rule) { return rule.check == Check::kChange || rule.check == Check::kLogout; });
  EXPECT_GT(asked, 300);
  EXPECT_EQ(snapshot(), before);
  std::cout << "[ matrix   ] changes: " << asked << " requests, " << checks_ << " expectations, " << excluded_asks_
            << " left out (kExcluded)\n";
}

// Every paged listing, walked to its end one and two at a time, gives each
// audience exactly what it may see.
TEST_F(RouteMatrixTest, EveryCursorWalksToWhatTheAudienceMaySee) {
  int walks = 0;
  for (const Listing& l : Listings()) {
    for (const Audience& a : kAudiences) {
      for (int limit : {1, 2}) {
        int status = 0;
        const std::set<std::string> got = Walk(a, l.path, l.key, limit, &status);
        ++walks;
        ++checks_;
        EXPECT_EQ(status, ExpectedStatus(l, a)) << l.path << " as " << a.name;
        if (status == 200) {
          EXPECT_EQ(got, Expected(l, a)) << l.path << " as " << a.name << " at " << limit
                                         << " a page: got " << Describe(got) << ", expected "
                                         << Describe(Expected(l, a));
        }
      }
    }
  }
  std::cout << "[ matrix   ] walks: " << walks << ", " << requests_ << " requests, " << checks_ << " expectations\n";
}

// A cursor opens only for the audience it was made for (editors and admins
// are one), on its route with its filters.
TEST_F(RouteMatrixTest, CursorsAreRefusedByOtherAudiencesAndFilters) {
  const std::vector<Listing> listings = Listings();
  int tried = 0;
  for (std::size_t i = 0; i < listings.size(); ++i) {
    const Listing& l = listings[i];
    for (const Audience& a : kAudiences) {
      if (ExpectedStatus(l, a) != 200 || Expected(l, a).size() < 2) continue;
      int status = 0;
      std::vector<std::string> cursors;
      Walk(a, l.path, l.key, 1, &status, &cursors);
      ASSERT_FALSE(cursors.empty()) << l.path << " as " << a.name;
      const std::string with_cursor = WithParam(l.path, "limit=1&cursor=" + cursors.front());
      for (const Audience& b : kAudiences) {
        const bool same = CursorAudience(a) == CursorAudience(b);
        Reply r = As(b, "GET", with_cursor);
        ++tried;
        EXPECT_EQ(r.status, same ? 200 : 400) << l.path << ": a cursor of " << a.name << " asked by " << b.name
                                              << ": " << r.body.substr(0, 200);
      }
      // The same audience, another listing or other filters.
      for (std::size_t j = 0; j < listings.size(); ++j) {
        if (j == i || ExpectedStatus(listings[j], a) != 200) continue;
        Reply r = As(a, "GET", WithParam(listings[j].path, "limit=1&cursor=" + cursors.front()));
        ++tried;
        EXPECT_EQ(r.status, 400) << "a cursor of " << l.path << " on " << listings[j].path << " as " << a.name;
      }
    }
  }
  EXPECT_GT(tried, 200);
  std::cout << "[ matrix   ] cursors tried elsewhere: " << tried << "\n";
}

}  // namespace
}  // namespace route_matrix_test
