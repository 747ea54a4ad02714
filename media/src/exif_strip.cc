// Removing private EXIF: where, who, which camera body, and the maker's notes.
#include "metadata_internal.h"

namespace media::metadata_internal {

void StripPrivateExif(Exiv2::ExifData* exif) {
  static const char* const kPrivateKeys[] = {
      "Exif.Photo.MakerNote", "Exif.Photo.BodySerialNumber", "Exif.Photo.LensSerialNumber",
      "Exif.Image.CameraSerialNumber", "Exif.Photo.CameraOwnerName", "Exif.Photo.ImageUniqueID",
      "Exif.Photo.UserComment", "Exif.Image.GPSTag", "Exif.MakerNote.Offset", "Exif.MakerNote.ByteOrder",
  };
  for (auto it = exif->begin(); it != exif->end();) {
    const std::string key = it->key();
    const std::string group = it->groupName();
    bool drop = group == "GPSInfo" || group == "Thumbnail" || Exiv2::ExifTags::isMakerGroup(group);
    for (const char* k : kPrivateKeys) drop = drop || key == k;
    it = drop ? exif->erase(it) : std::next(it);
  }
}

namespace {

bool IsLocationExif(const Exiv2::Exifdatum& d) {
  return d.groupName() == "GPSInfo" || d.key() == "Exif.Image.GPSTag";
}
bool IsLocationXmp(const Exiv2::Xmpdatum& d) { return d.key().rfind("Xmp.exif.GPS", 0) == 0; }

}  // namespace

void StripLocation(Exiv2::ExifData* exif, Exiv2::XmpData* xmp) {
  for (auto it = exif->begin(); it != exif->end();) it = IsLocationExif(*it) ? exif->erase(it) : std::next(it);
  for (auto it = xmp->begin(); it != xmp->end();) it = IsLocationXmp(*it) ? xmp->erase(it) : std::next(it);
}

bool CarriesLocation(const Exiv2::ExifData& exif, const Exiv2::XmpData& xmp) {
  for (const auto& d : exif) {
    if (IsLocationExif(d)) return true;
  }
  for (const auto& d : xmp) {
    if (IsLocationXmp(d)) return true;
  }
  return false;
}

void EraseExifDescription(Exiv2::ExifData* exif) {
  for (const char* key : {"Exif.Image.ImageDescription", "Exif.Image.Artist", "Exif.Image.Copyright",
                          "Exif.Image.XPTitle", "Exif.Image.XPComment", "Exif.Image.XPAuthor",
                          "Exif.Image.XPKeywords", "Exif.Image.XPSubject"}) {
    auto it = exif->findKey(Exiv2::ExifKey(key));
    if (it != exif->end()) exif->erase(it);
  }
}

}  // namespace media::metadata_internal
