// A typed edit of a photo's descriptive fields: what Catalog::EditPhoto and
// EditPhotos take. A member left unset (an empty language map) is not
// touched; a member set to "" clears the field.
//
// The catalog checks the values (language tags, text limits, times, slugs,
// the meeting's existence) and answers InvalidArgument naming the field as
// the API names it ("caption.fr", "credit", "keywords[3]", ...). History
// rows name fields the same way and hold the values as text: a per-language
// or plain field its text, "keywords" a compact JSON array of strings.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "media/metadata.h"

namespace media {

struct PhotoEdit {
  // Language tag -> new text; "" removes that language. Tags are put in
  // their conventional case ("FR" -> "fr"); two tags that then coincide are
  // InvalidArgument.
  LangText caption;
  LangText headline;
  LangText alt_text;
  std::optional<std::string> credit;
  std::optional<std::string> creator;
  std::optional<std::string> copyright;
  std::optional<std::string> event;
  std::optional<std::string> usage_terms;
  // "YYYY-MM-DDTHH:MM:SSZ" or a bare date (midnight UTC); "" lifts it.
  std::optional<std::string> embargo_until;
  // A meeting's slug; "" leaves the photo without one.
  std::optional<std::string> meeting;
  // The photo's new keywords, replacing all of them: trimmed, empty ones and
  // repeats dropped.
  std::optional<std::vector<std::string>> keywords;
  // Keywords each photo gains (those it lacks, after its own) and loses
  // (exact matches, after trimming): the photo's own list otherwise stays.
  // Not with `keywords`; a keyword in both is InvalidArgument.
  std::vector<std::string> keywords_add;
  std::vector<std::string> keywords_remove;
  // An album's slug the photos join (at its end, in the order of the ids;
  // those already in it stay where they are) or leave; "" for none.
  // NotFound for an unknown album. Each photo that joins or leaves gets a
  // history row (field "album": "" → slug, or slug → "").
  std::string add_to_album;
  std::string remove_from_album;

  // True when the edit changes nothing at all.
  bool empty() const {
    return caption.empty() && headline.empty() && alt_text.empty() && !credit && !creator &&
           !copyright && !event && !usage_terms && !embargo_until && !meeting && !keywords &&
           keywords_add.empty() && keywords_remove.empty() && add_to_album.empty() && remove_from_album.empty();
  }
};

}  // namespace media
