// The catalog: meetings, albums, photos, album membership, credits, keywords
// and the edit history, in one SQLite file (WAL, foreign keys on, busy
// timeout, versioned migrations, FTS5 for search).
//
// Thread-safety: a Catalog may be used from several threads at once; each
// call is atomic (one transaction). Writers queue behind one writer
// connection; readers use their own connections and see the last committed
// state without waiting for a writer (WAL). Every commit is synced to disk
// (synchronous=FULL): an acknowledged photo survives a power loss.
//
// Errors: every function returns a Status; SQLite failures map to Busy (locked
// longer than the 5 s busy timeout), NoSpace, Corrupt or IOError. Slugs are
// [a-z0-9][a-z0-9-]{0,99}, language tags BCP 47-like ("en", "fr-CA",
// "x-default", stored in conventional case); anything else is
// InvalidArgument naming the field. Times are ISO 8601 UTC
// ("2026-11-22T21:10:00Z").
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "media/login_attempts.h"
#include "media/metadata.h"
#include "media/photo_edit.h"
#include "media/status.h"

namespace media {

struct Meeting {
  std::int64_t id = 0;
  std::string slug;            // [a-z0-9-], 1..100, unique
  LangText title;              // "en", "fr", ...
  LangText description;
  std::string place;
  std::string start_date;      // YYYY-MM-DD or empty
  std::string end_date;        // YYYY-MM-DD or empty
  // Where it took place, as a time zone name ("Africa/Casablanca") or empty
  // when unknown: the pages group its photos by their day there.
  std::string time_zone;
  std::string default_credit;  // fills a missing credit on import
  // Where its photos were taken (GPS) is shown to everyone who sees them;
  // otherwise to editors and admins only (see Photo::location_shown).
  bool show_location = false;
  // The cover an editor chose (one of the meeting's photos). As read for an
  // audience that may not list that photo, it reads as none.
  std::optional<std::int64_t> cover_photo_id;
  // Read-only: the cover the asking audience sees: the chosen one when it
  // may list it, else the meeting's best photo it may list (see
  // kCoverMinShortSide).
  std::optional<std::int64_t> shown_cover_id;
  // Read-only: the meeting's photos the asking audience may list (see
  // Audience).
  std::int64_t photo_count = 0;
};

// A cover the editor did not choose is the best photo the audience may see:
// one not under embargo when there is one (only editors see those), then
// one at least this many pixels on its short side when there is one, the
// largest (width × height) of those, the earliest in order among equals.
// (A 1×1 pixel or a thin strip is never chosen over a real photo.)
inline constexpr int kCoverMinShortSide = 200;

enum class Visibility { kPublic, kUnlisted, kPrivate };
const char* VisibilityName(Visibility v);  // "public", "unlisted", "private"
std::optional<Visibility> ParseVisibility(const std::string& s);

struct Album {
  std::int64_t id = 0;
  std::string slug;            // [a-z0-9-], 1..100, unique
  LangText title;
  LangText description;
  std::string meeting_slug;    // empty: no meeting
  Visibility visibility = Visibility::kPublic;
  std::string default_credit;  // fills a missing credit on import
  // Where its photos were taken is shown to everyone who may open the album.
  bool show_location = false;
  // The cover an editor chose. As read for an audience that may not see
  // that photo (under embargo), it reads as none.
  std::optional<std::int64_t> cover_photo_id;
  // Read-only: the cover the asking audience sees: the chosen one when it
  // may see it, else the album's best photo it may see (see
  // kCoverMinShortSide; album order among equals).
  std::optional<std::int64_t> shown_cover_id;
  // Read-only: the album's photos the asking audience may see.
  std::int64_t photo_count = 0;
};

// A photo as the catalog knows it. `meta` holds the technical fields read at
// ingest and the current (possibly edited) descriptive fields.
struct Photo {
  std::int64_t id = 0;
  std::string sha256;
  std::string original_filename;   // as the user gave it: text, never a path
  std::int64_t file_size = 0;
  PhotoMetadata meta;
  std::string meeting_slug;        // empty: no meeting
  std::vector<std::string> album_slugs;  // the albums holding it that the asker lists
  std::string embargo_until;       // "YYYY-MM-DDTHH:MM:SSZ" or empty
  std::string uploaded_at;         // ISO 8601 UTC
  std::string uploaded_by;
  std::int64_t version = 1;        // bumped on every edit (rendition URLs)
  // Read-only: 16 hex digits that change whenever who may see the photo
  // may change (its embargo, the albums holding it and their visibility),
  // so that media URLs change with them.
  std::string access_stamp;
  // Read-only: whether the asking audience may know where the photo was
  // taken: editors and admins always; others when the photo's meeting, or an
  // album holding it that they may open, sets show_location. When false,
  // meta.gps reads as absent, and a download of the original must have its
  // location removed (media::OriginalForDownload).
  bool location_shown = true;
};

// What a new photo brings. `meta` comes from ReadMetadata; the catalog fills
// a missing credit from `fallback_credit`, else from the album's default
// credit, else from the meeting's.
struct NewPhoto {
  std::string sha256;
  std::string original_filename;
  std::int64_t file_size = 0;
  PhotoMetadata meta;
  std::string meeting_slug;     // optional
  std::string album_slug;       // optional: appended at the end of the album
  std::string fallback_credit;  // optional: --credit
  std::string uploaded_by;
};

// Who is asking: the audience rule, applied inside every query (listings,
// lookups, search, facets, counts, cursors) before any LIMIT.
//   - Editors and admins see everything.
//   - Viewers see every album; every photo but those under embargo.
//   - The public sees public albums and, by their address only, unlisted
//     ones; a share link adds its album (private or unlisted), which it then
//     lists too. Photos under embargo never. A photo is *listed* (in photo
//     listings, search, facets and counts) when it is in no album or in an
//     album the audience lists; it is *reachable* (its page, its media) when
//     it is in no album or in an album the audience may open.
// A photo's albums name only the albums the audience lists.
struct Audience {
  enum class Kind { kPublic, kViewer, kEditor };
  Kind kind = Kind::kEditor;
  std::string share_album;  // kPublic: the album whose share link is held

  static Audience Everything() { return Audience{}; }
  static Audience Public(std::string share_album = "") {
    return Audience{Kind::kPublic, std::move(share_album)};
  }
  static Audience Viewer() { return Audience{Kind::kViewer, ""}; }
  bool everything() const { return kind == Kind::kEditor; }
};

struct PhotoFilter {
  std::string meeting_slug;
  std::string album_slug;       // when set, results are in album order
  std::string credit;           // exact credit line
  std::string tag;              // exact keyword
  // Free text: split into words at white space and punctuation, each word
  // matched as plain text (no query syntax: quotes, '*', OR, NEAR, '-' are
  // just characters), words ANDed, the last one as a prefix; accents and
  // case are ignored ("reunion" finds "Réunion"). Searches captions,
  // headlines and alt texts in every language, keywords, the credit line
  // and the original filename. Text with no word filters nothing.
  std::string text;
  // "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]", compared with the local time the
  // photo was taken (its offset, if any, is not applied). Both inclusive; a
  // bare date as taken_to includes that whole day. Photos without taken_at
  // are left out when either bound is set.
  std::string taken_from;
  std::string taken_to;
  Audience audience;            // only what it may see (see Audience)
  std::string cursor;           // opaque, from a previous page; empty = first page
  int limit = 50;               // 1..500
};

// A photo found by the SHA-256 of its original.
struct KnownPhoto {
  std::string sha256;
  std::int64_t id = 0;
};

struct PhotoPage {
  std::vector<Photo> photos;
  std::string next_cursor;      // empty: no more
};


// A page of albums, in creation order.
struct AlbumFilter {
  std::string meeting_slug;     // "" = every meeting's and none's
  std::string credit;           // only albums holding a photo with this credit line
  Audience audience;            // only the albums it lists, counted for it
  std::string cursor;           // opaque, from a previous page; empty = first page
  int limit = 50;               // 1..500
};

struct AlbumPage {
  std::vector<Album> albums;
  std::string next_cursor;      // empty: no more
};

struct CreditCount {
  std::string credit;
  std::int64_t photo_count = 0;
};

struct TagCount {
  std::string tag;
  std::int64_t photo_count = 0;
};

enum class Role { kViewer, kEditor, kAdmin };
const char* RoleName(Role r);  // "viewer", "editor", "admin"
std::optional<Role> ParseRole(const std::string& s);

// An API token or a web session: only the SHA-256 of the secret is stored.
// (Fields added later have default initializers, so that the older
// aggregate initialisations stay complete.)
// A token stands on its own (its role is its own); a session belongs to the
// user it names and has that user's current role.
enum class CredentialKind { kToken, kSession };

struct Credential {
  std::int64_t id = 0;
  std::string secret_sha256;
  Role role = Role::kViewer;
  std::string user;           // user name, or the token's name (its label)
  std::string expires_at;     // ISO 8601 UTC, empty = never
  CredentialKind kind = CredentialKind::kToken;
  std::string created_by{};   // who made a token ("" from the command line)
  std::string created_at{};   // read-only, filled by the catalog
  std::string last_used_at{};   // read-only: tokens only, to the minute; "" = never
};

struct User {
  std::int64_t id = 0;
  std::string name;
  std::string password_hash;  // encoded argon2id hash, never the password
  Role role = Role::kViewer;
  bool disabled = false;      // a disabled user cannot log in; no session of theirs works
  std::string created_at{};   // read-only; "" for users made before schema version 3
};

// A change to a user; unset fields stay as they are.
struct UserChange {
  std::optional<Role> role;
  std::optional<bool> disabled;
  std::optional<std::string> password_hash;
  // Disabling the user or giving a new password ends every session of the
  // user but this one (the SHA-256 of its secret; "" = all of them).
  std::string keep_session_sha256;
};

// A link that opens one private album (and its photos' media) until expiry.
struct ShareLink {
  std::int64_t id = 0;
  std::string album_slug;
  std::string secret_sha256;
  std::string expires_at;     // ISO 8601 UTC, empty = never
  std::string created_by;
  std::string created_at{};   // read-only, filled by the catalog
};

// One changed field. Exactly one of photo_id, album_id, meeting_id is set.
// History outlives its subject: deleting a photo, album or meeting keeps it.
// A photo in the trash: deleted, and restorable until `gallery gc`.
struct DeletedPhoto {
  std::int64_t id = 0;
  std::string sha256;
  std::string original_filename;
  std::string deleted_at;  // ISO 8601 UTC
  std::string deleted_by;
};

struct HistoryEntry {
  std::int64_t id = 0;
  std::int64_t photo_id = 0;     // 0 unless a photo edit
  std::int64_t album_id = 0;     // 0 unless an album edit
  std::int64_t meeting_id = 0;   // 0 unless a meeting edit
  std::string field;
  std::string old_value;
  std::string new_value;
  std::string who;
  std::string at;                // ISO 8601 UTC
};

// One interface per area is being split out of this class (first: failed
// logins, media/login_attempts.h); a handler that needs one area takes that.
class Catalog : public LoginAttempts {
 public:
  // Opens (creating if needed) the catalog file at `path` and applies any
  // pending migration, each in one transaction. IOError when the file cannot
  // be opened or migrated, Corrupt when it is not a database, Unsupported when
  // it was written by a newer program (the file is then left untouched).
  static Result<std::unique_ptr<Catalog>> Open(const std::string& path);
  virtual ~Catalog() = default;

  // --- meetings and albums
  virtual Status CreateMeeting(const Meeting& m) = 0;          // Conflict if slug taken
  // Counts are the audience's.
  virtual Result<Meeting> GetMeeting(const std::string& slug, const Audience& audience = {}) = 0;
  // Newest start_date first, undated last.
  virtual Result<std::vector<Meeting>> ListMeetings(const Audience& audience = {}) = 0;
  virtual Status CreateAlbum(const Album& a) = 0;              // Conflict, NotFound(meeting)
  // NotFound, in the same words, for an album that does not exist and for
  // one the audience may not open; count and cover are the audience's.
  virtual Result<Album> GetAlbum(const std::string& slug, const Audience& audience = {}) = 0;
  // In creation order, the albums the audience lists; "" = all, else the
  // meeting's (NotFound if unknown).
  virtual Result<std::vector<Album>> ListAlbums(const std::string& meeting_slug,
                                                const Audience& audience = {}) = 0;
  // One page of ListAlbums, optionally only albums holding a photo with a
  // credit line that the audience may see. InvalidArgument for a limit
  // outside 1..500 or a cursor not made by the same listing.
  virtual Result<AlbumPage> ListAlbumPage(const AlbumFilter& filter) = 0;

  // --- photos
  // Inserts a photo and returns its id (ids are never reused). Conflict when
  // its sha256 is already catalogued (the existing id is then in
  // `*existing_id` when given); of concurrent adds of the same bytes exactly
  // one succeeds. The meeting is meeting_slug's, else the album's; the photo
  // is appended at the end of album_slug. NotFound for an unknown album or
  // meeting, InvalidArgument for a bad sha256, slug or language tag.
  // Keywords are trimmed, empty ones and repeats dropped.
  virtual Result<std::int64_t> AddPhoto(const NewPhoto& p, std::int64_t* existing_id = nullptr) = 0;
  // AddPhoto for each of `photos` in one transaction: all are added (their
  // ids in order) or none, with the first refusal's status naming the
  // photo's index ("photos[3]: ...").
  virtual Result<std::vector<std::int64_t>> AddPhotos(const std::vector<NewPhoto>& photos) = 0;
  // NotFound, in the same words, for a photo that does not exist and for
  // one the audience may not reach; album_slugs holds the albums it lists.
  virtual Result<Photo> GetPhoto(std::int64_t id, const Audience& audience = {}) = 0;
  // The id of the photo with these bytes, or nullopt; InvalidArgument when
  // `sha256` is not 64 hex digits.
  virtual Result<std::optional<std::int64_t>> FindPhotoBySha256(const std::string& sha256) = 0;
  // One page of photos matching every set filter, texts, keywords and
  // album_slugs (the albums the audience lists) filled. Order: taken_at then id, photos without taken_at last;
  // album order when album_slug is set. Paging is by keyset: a cursor
  // resumes after the last photo of its page, unaffected by photos added
  // meanwhile. InvalidArgument for a limit outside 1..500, a bad date or a
  // cursor not made by the same kind of listing; NotFound for an unknown
  // meeting or album.
  virtual Result<PhotoPage> ListPhotos(const PhotoFilter& filter) = 0;
  // Of `sha256s` (each 64 hex digits, either case), those of catalogued
  // photos the audience may reach, lower case, with their ids, in the order
  // asked (each once). One query, whatever the number; InvalidArgument
  // naming the first bad hash (nothing is looked up).
  virtual Result<std::vector<KnownPhoto>> FindPhotosBySha256(const std::vector<std::string>& sha256s,
                                                             const Audience& audience = {}) = 0;
  // Every catalogued sha256 (for `gallery check`).
  virtual Result<std::vector<std::string>> AllSha256() = 0;
  // Appends the photos that are not members yet, in the order given; each
  // one that joins gets a history row (field "album", "" → the album's slug)
  // by `who`. NotFound (and nothing added) for an unknown album or photo.
  virtual Status AddToAlbum(const std::string& album_slug, const std::vector<std::int64_t>& ids,
                            const std::string& who = {}) = 0;

  // --- credits and keywords
  // Distinct non-empty credit lines with their photo counts, most used first;
  // for one meeting when `meeting_slug` is set (NotFound if unknown).
  // Counting only what `audience` may see.
  virtual Result<std::vector<CreditCount>> ListCredits(const std::string& meeting_slug,
                                                       const Audience& audience = {}) = 0;
  // The credit lines of the photos `scope` lists (its meeting, album, text,
  // credit, tag and dates; its cursor and limit are ignored), counted for
  // scope.audience, most used first. NotFound for an unknown meeting, or an
  // album the audience may not open.
  virtual Result<std::vector<CreditCount>> ListCreditsIn(const PhotoFilter& scope) = 0;

  // --- editing, each with one history row per changed field
  // Applies the set members of `edit` (see PhotoEdit), recording one history
  // row per changed field in the order of the field names ("alt_text.en",
  // "caption.en", "caption.fr", "copyright", "creator", "credit",
  // "embargo_until", "event", "headline.x-default", "keywords", "meeting",
  // "usage_terms"). InvalidArgument for a bad value (naming the field: bad
  // language tag, text over its limit, bad time, bad slug, unknown meeting,
  // too many keywords, two language tags that are one); NotFound for a bad
  // id. A change that leaves the value as it was writes nothing; otherwise
  // the photo's version is bumped once and its search row rewritten.
  virtual Status EditPhoto(std::int64_t id, const PhotoEdit& edit, const std::string& who) = 0;
  // All photos or none: one transaction.
  virtual Status EditPhotos(const std::vector<std::int64_t>& ids, const PhotoEdit& edit,
                            const std::string& who) = 0;
  // Oldest first. A deleted photo's history is still returned; NotFound for
  // an id that has neither a photo nor history.
  virtual Result<std::vector<HistoryEntry>> PhotoHistory(std::int64_t id) = 0;
  // Sets the field back to the entry's old value (itself recorded as an edit,
  // nothing when the value is already that). An "album" entry is undone by
  // leaving the album the photo joined, or joining (at its end) the album it
  // left; NotFound when that album is gone. NotFound when the entry is not
  // one of this photo's.
  virtual Status RevertEdit(std::int64_t photo_id, std::int64_t entry_id, const std::string& who) = 0;

  // Updates every field of the meeting but id and photo_count (renames when
  // m.slug differs and is free: Conflict otherwise; an empty m.slug keeps
  // it); one history row per
  // changed field ("slug", "title.<lang>", "description.<lang>", "place",
  // "start_date", "end_date", "time_zone", "default_credit",
  // "show_location", "cover_photo_id"). NotFound for an unknown cover photo, InvalidArgument
  // for a cover that is not one of the meeting's photos.
  virtual Status UpdateMeeting(const std::string& slug, const Meeting& m, const std::string& who) = 0;
  virtual Result<std::vector<HistoryEntry>> MeetingHistory(const std::string& slug) = 0;
  // Conflict while the meeting still has photos (those in the trash do not
  // count: they come back without it). Its albums lose the meeting; none is
  // deleted.
  virtual Status DeleteMeeting(const std::string& slug) = 0;
  // Updates every field of the album but id, slug (renames when m.slug
  // differs and is free; an empty m.slug keeps it) and photo_count; one
  // history row per changed field ("slug", "title.<lang>",
  // "description.<lang>", "meeting", "visibility", "default_credit",
  // "cover_photo_id"). NotFound for an unknown album, meeting or cover photo.
  virtual Status UpdateAlbum(const std::string& slug, const Album& a, const std::string& who) = 0;
  // Never deletes photos.
  virtual Status DeleteAlbum(const std::string& slug) = 0;
  // Ids that are not members are ignored; a removed cover photo clears the
  // album's cover. Each photo that leaves gets a history row (field "album",
  // the album's slug → "") by `who`.
  virtual Status RemoveFromAlbum(const std::string& album_slug, const std::vector<std::int64_t>& ids,
                                 const std::string& who = {}) = 0;
  // `ids` is the album's complete new order; InvalidArgument when it is not a
  // permutation of the current members.
  virtual Status ReorderAlbum(const std::string& album_slug, const std::vector<std::int64_t>& ids) = 0;
  virtual Result<std::vector<HistoryEntry>> AlbumHistory(const std::string& album_slug) = 0;
  // Like ListCredits, for keywords.
  virtual Result<std::vector<TagCount>> ListTags(const std::string& meeting_slug,
                                                 const Audience& audience = {}) = 0;
  // Like ListCreditsIn, for keywords.
  virtual Result<std::vector<TagCount>> ListTagsIn(const PhotoFilter& scope) = 0;

  // Moves a photo out of the catalog (albums, covers, search) into the trash,
  // with everything RestorePhoto needs to bring it back; its original file
  // stays on disk until PurgeDeletedPhotos and `gallery gc`; its history rows
  // are kept. Returns the photo's sha256; NotFound for an unknown id.
  virtual Result<std::string> DeletePhoto(std::int64_t id, const std::string& who = "") = 0;
  // The trash, most recently deleted first.
  virtual Result<std::vector<DeletedPhoto>> ListDeletedPhotos() = 0;
  // Brings a deleted photo back as it was: its id, fields, texts, keywords,
  // and its places in the albums that still exist (and their covers, where
  // no other cover was chosen since). NotFound when `id` is not in the
  // trash; Conflict when the same bytes were catalogued again since (the
  // message names that photo).
  virtual Status RestorePhoto(std::int64_t id) = 0;
  // Empties the trash for good; returns the hashes of the photos it held.
  virtual Result<std::vector<std::string>> PurgeDeletedPhotos() = 0;
  // The hashes of `stored` (originals on disk) no catalogued photo and no
  // photo in the trash refers to, in the order given (for `gallery gc`).
  virtual Result<std::vector<std::string>> UnreferencedSha256(const std::vector<std::string>& stored) = 0;

  // --- people and access
  virtual Status AddUser(const User& u) = 0;                   // Conflict if name taken
  virtual Result<User> GetUser(const std::string& name) = 0;
  // Every user, by name.
  virtual Result<std::vector<User>> ListUsers() = 0;
  // Applies `change` in one transaction (see UserChange: disabling or a new
  // password also ends the user's sessions). NotFound for an unknown user;
  // InvalidArgument for an empty password hash.
  virtual Status UpdateUser(const std::string& name, const UserChange& change) = 0;
  // A token or session. InvalidArgument when secret_sha256 is not 64 hex
  // digits or expires_at is not "YYYY-MM-DDTHH:MM:SSZ" (or a bare date);
  // Conflict when the secret is already stored.
  virtual Result<std::int64_t> AddCredential(const Credential& c) = 0;
  // NotFound for an unknown or expired secret, and for a session whose user
  // is disabled or gone. A session's role is its user's current role.
  virtual Result<Credential> FindCredential(const std::string& secret_sha256) = 0;
  virtual Status RemoveCredential(const std::string& secret_sha256) = 0;  // NotFound
  // The API tokens (not sessions), expired ones included, oldest first.
  virtual Result<std::vector<Credential>> ListTokens() = 0;
  // Removes the token `id`; NotFound when no token has that id.
  virtual Status RevokeToken(std::int64_t id) = 0;
  // Records that credential `id` was used at `at` (ISO 8601 UTC), unless a
  // use at or after `not_before` is already recorded (so that callers can
  // write at most once a minute). Nothing for an unknown id.
  virtual Status TouchCredential(std::int64_t id, const std::string& at,
                                 const std::string& not_before) = 0;
  // As AddCredential; NotFound for an unknown album. Links die with their album.
  virtual Result<std::int64_t> AddShareLink(const ShareLink& l) = 0;
  // NotFound for an unknown or expired link.
  virtual Result<ShareLink> FindShareLink(const std::string& secret_sha256) = 0;
  // The album's links, expired ones included, oldest first (secret_sha256
  // left empty). NotFound for an unknown album.
  virtual Result<std::vector<ShareLink>> ListShareLinks(const std::string& album_slug) = 0;
  // Removes link `id` of the album; NotFound when the album has no such link.
  virtual Status RemoveShareLink(const std::string& album_slug, std::int64_t id) = 0;

  // --- keys every process serving the archive shares
  // The key stored under `name`; when there is none yet, `proposed` is
  // stored and answered (the first process to ask sets it for all). Keys
  // are text (hex): at most 64 bytes of name, 1,024 of key, else
  // InvalidArgument.
  virtual Result<std::string> SharedKey(const std::string& name, const std::string& proposed) = 0;

  // --- change detection
  // A number that differs from the previous call's whenever any connection
  // (of this process or another) committed a change in between; equal
  // numbers mean nothing was committed. Cheap (no transaction): meant to
  // validate caches on every request. Thread-safe.
  virtual Result<std::int64_t> DataVersion() = 0;
  // The earliest embargo date still in the future ("YYYY-MM-DDTHH:MM:SSZ"),
  // or "" when no photo is under embargo: until then, and while nothing is
  // committed, what the public may see does not change.
  virtual Result<std::string> NextEmbargoEnd() = 0;

  // --- health
  // PRAGMA integrity_check and foreign_key_check, and that photos and search
  // rows match one to one; Corrupt with the details.
  virtual Status CheckIntegrity() = 0;
};

}  // namespace media
