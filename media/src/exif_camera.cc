// Camera facts from EXIF: date, camera, lens, exposure, GPS, orientation.
#include <cmath>
#include <cstdio>

#include "metadata_internal.h"

namespace media::metadata_internal {
namespace {

const Exiv2::Exifdatum* FindExif(const Exiv2::ExifData& exif, const char* key) {
  auto it = exif.findKey(Exiv2::ExifKey(key));
  if (it == exif.end() || it->count() == 0) return nullptr;
  return &*it;
}

std::string ExifText(const Exiv2::ExifData& exif, const char* key) {
  const Exiv2::Exifdatum* d = FindExif(exif, key);
  return d ? Trim(ToUtf8(d->toString())) : std::string();
}

std::optional<double> ExifRational(const Exiv2::ExifData& exif, const char* key, long n = 0) {
  const Exiv2::Exifdatum* d = FindExif(exif, key);
  if (!d || d->count() <= n) return std::nullopt;
  Exiv2::Rational r = d->toRational(n);
  if (r.second == 0) return std::nullopt;
  double v = static_cast<double>(r.first) / r.second;
  if (!std::isfinite(v)) return std::nullopt;
  return v;
}

bool Digits(const std::string& s, std::size_t at, std::size_t n, int* value) {
  *value = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    *value = *value * 10 + (s[i] - '0');
  }
  return true;
}

// "YYYY:MM:DD HH:MM:SS" (the separators of the date may also be '-') to
// "YYYY-MM-DDTHH:MM:SS"; nullopt for blank, placeholder or impossible dates.
std::optional<std::string> ExifDateToIso(const std::string& raw) {
  std::string s = Trim(raw);
  int y, mo, d, h, mi, se;
  if (s.size() < 19 || !Digits(s, 0, 4, &y) || !Digits(s, 5, 2, &mo) || !Digits(s, 8, 2, &d) ||
      !Digits(s, 11, 2, &h) || !Digits(s, 14, 2, &mi) || !Digits(s, 17, 2, &se)) {
    return std::nullopt;
  }
  if (y < 1800 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || se > 60) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", y, mo, d, h, mi, se);
  return std::string(buf);
}

// "+01:00" / "-05:00" / "Z"-less offsets as EXIF writes them; "" when invalid.
std::string ExifOffset(const std::string& raw) {
  std::string s = Trim(raw);
  int h, m;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':' || !Digits(s, 1, 2, &h) ||
      !Digits(s, 4, 2, &m) || h > 14 || m > 59) {
    return "";
  }
  return s;
}

std::optional<double> GpsCoordinate(const Exiv2::ExifData& exif, const char* key, const char* ref_key,
                                    char positive, char negative, double limit) {
  std::string ref = ExifText(exif, ref_key);
  if (ref.empty() || (ref[0] != positive && ref[0] != negative)) return std::nullopt;
  const Exiv2::Exifdatum* d = FindExif(exif, key);
  if (!d || d->count() < 3) return std::nullopt;
  double value = 0, scale = 1;
  for (long i = 0; i < 3; ++i, scale *= 60) {
    Exiv2::Rational r = d->toRational(i);
    if (r.second == 0) {
      if (r.first == 0 && i > 0) continue;  // 0/0 minutes or seconds: absent
      return std::nullopt;
    }
    value += static_cast<double>(r.first) / r.second / scale;
  }
  if (!std::isfinite(value) || value < 0 || value > limit) return std::nullopt;
  return ref[0] == negative ? -value : value;
}

std::optional<GpsPosition> ReadGps(const Exiv2::ExifData& exif) {
  std::optional<double> lat = GpsCoordinate(exif, "Exif.GPSInfo.GPSLatitude", "Exif.GPSInfo.GPSLatitudeRef", 'N', 'S', 90);
  std::optional<double> lon = GpsCoordinate(exif, "Exif.GPSInfo.GPSLongitude", "Exif.GPSInfo.GPSLongitudeRef", 'E', 'W', 180);
  if (!lat || !lon) return std::nullopt;
  GpsPosition gps{*lat, *lon, std::nullopt};
  if (std::optional<double> alt = ExifRational(exif, "Exif.GPSInfo.GPSAltitude")) {
    const Exiv2::Exifdatum* ref = FindExif(exif, "Exif.GPSInfo.GPSAltitudeRef");
    bool below = ref && ref->toLong(0) == 1;
    gps.alt = below ? -*alt : *alt;
  }
  return gps;
}

}  // namespace

void ReadCameraFields(const Exiv2::ExifData& exif, const Exiv2::XmpData& xmp, PhotoMetadata* out) {
  if (const Exiv2::Exifdatum* o = FindExif(exif, "Exif.Image.Orientation")) {
    long v = o->toLong(0);
    out->orientation = (v >= 1 && v <= 8) ? static_cast<int>(v) : 1;
  }
  if (const Exiv2::Exifdatum* d = FindExif(exif, "Exif.Photo.DateTimeOriginal")) {
    if (std::optional<std::string> iso = ExifDateToIso(d->toString())) {
      out->taken_at = *iso + ExifOffset(ExifText(exif, "Exif.Photo.OffsetTimeOriginal"));
    }
  }
  out->make = ExifText(exif, "Exif.Image.Make");
  out->model = ExifText(exif, "Exif.Image.Model");
  out->lens = ExifText(exif, "Exif.Photo.LensModel");
  if (out->lens.empty()) {
    auto it = xmp.findKey(Exiv2::XmpKey("Xmp.aux.Lens"));
    if (it != xmp.end()) out->lens = Trim(it->toString());
  }
  out->exposure_time = ExifRational(exif, "Exif.Photo.ExposureTime");
  out->f_number = ExifRational(exif, "Exif.Photo.FNumber");
  out->focal_length = ExifRational(exif, "Exif.Photo.FocalLength");
  if (const Exiv2::Exifdatum* iso = FindExif(exif, "Exif.Photo.ISOSpeedRatings")) {
    long v = iso->toLong(0);
    if (v > 0 && v < 10000000) out->iso = static_cast<int>(v);
  }
  out->gps = ReadGps(exif);
}

}  // namespace media::metadata_internal
