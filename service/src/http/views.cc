#include "http/views.h"

#include "service/photo_json.h"
#include "thumbnails/rendition_spec.h"

namespace gallery::http {

namespace {

nlohmann::json NullIfEmpty(const std::string& s) {
  return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s);
}

}  // namespace

std::string MediaVersion(const media::Photo& photo) {
  return std::to_string(photo.version) + "-" + photo.access_stamp;
}

std::string RenditionUrl(const media::Photo& photo, const std::string& name, const char* ext) {
  return "/media/" + std::to_string(photo.id) + "/" + name + "." + ext + "?v=" + MediaVersion(photo);
}

nlohmann::json PhotoJson(const media::Photo& photo, bool for_editor) {
  nlohmann::json j = MetadataToJson(photo.meta);
  j["id"] = photo.id;
  j["sha256"] = photo.sha256;
  j["filename"] = photo.original_filename;
  j["file_size"] = photo.file_size;
  j["meeting"] = NullIfEmpty(photo.meeting_slug);
  j["albums"] = photo.album_slugs;
  j["version"] = photo.version;
  j["uploaded_at"] = photo.uploaded_at;
  if (for_editor) j["uploaded_by"] = NullIfEmpty(photo.uploaded_by);
  j["embargo_until"] = NullIfEmpty(photo.embargo_until);
  nlohmann::json renditions = nlohmann::json::object();
  for (const auto& spec : thumbnails::RenditionTable()) {
    renditions[spec.name] = {{"webp", RenditionUrl(photo, spec.name, "webp")},
                             {"jpg", RenditionUrl(photo, spec.name, "jpg")}};
  }
  j["renditions"] = renditions;
  std::string base = "/media/" + std::to_string(photo.id);
  j["original_url"] = base + "/original?v=" + MediaVersion(photo);
  j["sidecar_url"] = base + "/sidecar.xmp?v=" + MediaVersion(photo);
  return j;
}

nlohmann::json AlbumJson(const media::Album& album) {
  return {{"slug", album.slug},
          {"title", album.title},
          {"description", album.description},
          {"meeting", NullIfEmpty(album.meeting_slug)},
          {"visibility", media::VisibilityName(album.visibility)},
          {"default_credit", NullIfEmpty(album.default_credit)},
          {"cover_photo_id", album.cover_photo_id ? nlohmann::json(*album.cover_photo_id) : nullptr},
          {"shown_cover_id", album.shown_cover_id ? nlohmann::json(*album.shown_cover_id) : nullptr},
          {"show_location", album.show_location},
          {"photo_count", album.photo_count}};
}

nlohmann::json MeetingJson(const media::Meeting& m) {
  return {{"slug", m.slug},
          {"title", m.title},
          {"description", m.description},
          {"place", NullIfEmpty(m.place)},
          {"start_date", NullIfEmpty(m.start_date)},
          {"end_date", NullIfEmpty(m.end_date)},
          {"time_zone", NullIfEmpty(m.time_zone)},
          {"default_credit", NullIfEmpty(m.default_credit)},
          {"show_location", m.show_location},
          {"cover_photo_id", m.cover_photo_id ? nlohmann::json(*m.cover_photo_id) : nullptr},
          {"shown_cover_id", m.shown_cover_id ? nlohmann::json(*m.shown_cover_id) : nullptr},
          {"photo_count", m.photo_count}};
}

}  // namespace gallery::http
