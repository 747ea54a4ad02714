// EmbedDescription and XmpSidecar: the catalog's text written into a copy of
// an image, or into a standalone XMP packet.
#include <iterator>
#include <stdexcept>
#include <utility>

#include "metadata_internal.h"

namespace media {
namespace mi = metadata_internal;
namespace {

bool Writable(const std::string& format) {
  return format == "jpeg" || format == "png" || format == "tiff" || format == "webp";
}
bool CarriesIptc(const std::string& format) { return format == "jpeg" || format == "tiff"; }

// A JPEG carries its XMP in one APP1 segment: at most 65,535 bytes with the
// length field and the namespace header, and the writer refuses a larger
// packet. The packet is measured as serialized in its compact form, with
// room left for the wrapper and padding the writer adds.
constexpr std::size_t kJpegXmpBudget = 60000;

std::size_t PacketSize(const Exiv2::XmpData& xmp) {
  std::string packet;
  if (xmp.empty()) return 0;
  if (Exiv2::XmpParser::encode(packet, xmp, Exiv2::XmpParser::useCompactFormat) != 0) {
    throw std::runtime_error("the XMP packet cannot be serialized");
  }
  return packet.size();
}

// Drops the last language other than x-default and en from whichever of
// caption and alt text has more; false when neither has one to drop.
bool DropOneLanguage(PhotoMetadata* t) {
  LangText* fields[] = {&t->caption, &t->alt_text};
  if (t->alt_text.size() > t->caption.size()) std::swap(fields[0], fields[1]);
  for (LangText* field : fields) {
    for (auto it = field->rbegin(); it != field->rend(); ++it) {
      if (it->first != "x-default" && it->first != "en") {
        field->erase(std::next(it).base());
        return true;
      }
    }
  }
  return false;
}

// For a JPEG: `*xmp` (the copy's XMP with `text` set in it) brought within
// one APP1 segment. In order, until it fits: the other XMP properties the
// original carried are dropped; caption and alt text languages other than
// x-default and en, one at a time; keywords, halving their number; the alt
// text; the caption. Headline, credit, creator, copyright, event and usage
// terms always stay (within the catalog's limits they fill a few kB), so the
// credit is always in the file. Throws when even they do not fit.
void FitJpegXmp(const PhotoMetadata& text, Exiv2::XmpData* xmp) {
  if (PacketSize(*xmp) <= kJpegXmpBudget) return;
  PhotoMetadata t = text;
  auto fits = [&] {
    Exiv2::XmpData own;
    mi::SetDescriptionXmp(t, &own);
    if (PacketSize(own) > kJpegXmpBudget) return false;
    *xmp = own;
    return true;
  };
  if (fits()) return;
  while (DropOneLanguage(&t)) {
    if (fits()) return;
  }
  while (!t.keywords.empty()) {
    t.keywords.resize(t.keywords.size() / 2);
    if (fits()) return;
  }
  t.alt_text.clear();
  if (fits()) return;
  t.caption.clear();
  if (fits()) return;
  throw std::runtime_error("the credit and copyright do not fit the JPEG's XMP segment");
}

std::string Embed(const std::string& format, const std::string& original, const PhotoMetadata& text,
                  mi::Removal removal) {
  std::optional<std::string> reordered;
  if (format == "jpeg") reordered = mi::JpegWithApp0First(original);
  const std::string& bytes = reordered ? *reordered : original;
  Exiv2::Image::AutoPtr image =
      mi::OpenImage(format, reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  image->readMetadata();
  Exiv2::ExifData exif = image->exifData();
  Exiv2::XmpData xmp = image->xmpData();
  Exiv2::IptcData iptc = image->iptcData();
  if (removal == mi::Removal::kPrivate) {
    mi::StripPrivateExif(&exif);
    xmp.clear();
    iptc.clear();
  } else if (removal == mi::Removal::kLocation) {
    mi::StripLocation(&exif, &xmp);
  }
  mi::EraseExifDescription(&exif);
  mi::SetDescriptionXmp(text, &xmp);
  if (format == "jpeg") FitJpegXmp(text, &xmp);
  if (CarriesIptc(format)) {
    mi::SetDescriptionIptc(text, &iptc);
  } else {
    iptc.clear();  // not rewritten here, so no stale IIM text may stay behind
  }
  image->setExifData(exif);
  image->setXmpData(xmp);
  image->setIptcData(iptc);
  image->writeMetadata();

  Exiv2::BasicIo& io = image->io();
  if (io.open() != 0) throw Exiv2::Error(Exiv2::kerDataSourceOpenFailed, "memory");
  Exiv2::DataBuf buf = io.read(static_cast<long>(io.size()));
  io.close();
  std::string out(reinterpret_cast<const char*>(buf.pData_), static_cast<std::size_t>(buf.size_));

  // The writer skips blocks it cannot place without saying so; a copy whose
  // text does not read back is an error, never a download without its credit.
  Exiv2::Image::AutoPtr back =
      mi::OpenImage(format, reinterpret_cast<const std::uint8_t*>(out.data()), out.size());
  back->readMetadata();
  if (!mi::DescriptionXmpReadsBack(xmp, back->xmpData())) {
    throw std::runtime_error("the written text does not read back from the copy");
  }
  if (removal != mi::Removal::kNothing && mi::CarriesLocation(back->exifData(), back->xmpData())) {
    throw std::runtime_error("the location could not be removed from the copy");
  }
  return out;
}

const char kEmptyPacket[] =
    "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
    "  <rdf:Description rdf:about=\"\"/>\n"
    " </rdf:RDF>\n"
    "</x:xmpmeta>\n"
    "<?xpacket end=\"w\"?>";

}  // namespace

Result<std::string> mi::EmbedText(base::ImageFormat sniffed, const std::string& image_bytes,
                                  const PhotoMetadata& text, Removal removal) {
  InitMetadataLibrary();
  const std::string format = base::ImageFormatName(sniffed);
  if (!Writable(format)) return Status::Unsupported("cannot write metadata into a " + format + " file");
  mi::ClearMetadataWarnings();
  try {
    std::string out = Embed(format, image_bytes, text, removal);
    mi::ClearMetadataWarnings();
    return out;
  } catch (const std::exception& e) {
    std::vector<std::string> warnings = mi::TakeMetadataWarnings();
    std::string why = format + " metadata could not be written: " + mi::ToUtf8(e.what());
    if (!warnings.empty()) why += " (" + warnings.front() + ")";
    return Status::Corrupt(why);
  }
}

Result<std::string> EmbedDescription(base::ImageFormat format, const std::string& image_bytes,
                                     const PhotoMetadata& text, bool strip_private) {
  return mi::EmbedText(format, image_bytes, text, strip_private ? mi::Removal::kPrivate : mi::Removal::kNothing);
}

Result<std::string> EmbedDescription(const std::string& image_bytes, const PhotoMetadata& text,
                                     bool strip_private) {
  Result<base::ImageFormat> format =
      SniffImageFormat(reinterpret_cast<const std::uint8_t*>(image_bytes.data()), image_bytes.size());
  if (!format.ok()) return format.status();
  return EmbedDescription(*format, image_bytes, text, strip_private);
}

std::string XmpSidecar(const PhotoMetadata& text) {
  InitMetadataLibrary();
  try {
    Exiv2::XmpData xmp;
    mi::SetDescriptionXmp(text, &xmp);
    std::string packet;
    if (xmp.empty() || Exiv2::XmpParser::encode(packet, xmp, Exiv2::XmpParser::useCompactFormat) != 0 ||
        packet.empty()) {
      return kEmptyPacket;
    }
    return packet;
  } catch (const std::exception&) {
    return kEmptyPacket;
  }
}

}  // namespace media
