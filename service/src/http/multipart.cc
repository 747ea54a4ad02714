#include "http/multipart.h"

#include <algorithm>
#include <cctype>

#include "base/strings.h"

namespace gallery::http {

namespace {

using base::AsciiLower;

std::string_view Trim(std::string_view s) { return base::Trim(s, " \t"); }

// Parameters of a header value after its first token: `; k=v; k2="q\"v"`.
// nullopt on a malformed list (unterminated quote, missing '=').
std::optional<std::vector<std::pair<std::string, std::string>>> Params(std::string_view s) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t i = s.find(';');
  while (i != std::string_view::npos && i < s.size()) {
    ++i;
    std::size_t eq = s.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    std::string key = AsciiLower(Trim(s.substr(i, eq - i)));
    std::size_t j = eq + 1;
    while (j < s.size() && s[j] == ' ') ++j;
    std::string value;
    if (j < s.size() && s[j] == '"') {
      for (++j;; ++j) {
        if (j >= s.size()) return std::nullopt;
        if (s[j] == '\\' && j + 1 < s.size()) {
          value += s[++j];
        } else if (s[j] == '"') {
          ++j;
          break;
        } else {
          value += s[j];
        }
      }
      while (j < s.size() && s[j] == ' ') ++j;
      if (j < s.size() && s[j] != ';') return std::nullopt;
    } else {
      std::size_t end = s.find(';', j);
      value = std::string(Trim(s.substr(j, end == std::string_view::npos ? s.npos : end - j)));
      j = end;
    }
    if (key.empty()) return std::nullopt;
    out.emplace_back(key, value);
    i = j < s.size() ? j : std::string_view::npos;
  }
  return out;
}

media::Status Bad(const std::string& why) {
  return media::Status::InvalidArgument("multipart body: " + why);
}

// Fills `part` from one header block (lines separated by CRLF).
media::Status ParseHeaders(std::string_view block, FormPart* part) {
  bool disposition = false;
  while (!block.empty()) {
    std::size_t eol = block.find("\r\n");
    std::string_view line = block.substr(0, eol);
    block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return Bad("malformed part header");
    std::string name = AsciiLower(Trim(line.substr(0, colon)));
    std::string_view value = Trim(line.substr(colon + 1));
    if (name == "content-type") {
      part->content_type = std::string(value);
    } else if (name == "content-disposition") {
      if (AsciiLower(Trim(value.substr(0, value.find(';')))) != "form-data") {
        return Bad("a part's Content-Disposition is not form-data");
      }
      auto params = Params(value);
      if (!params) return Bad("malformed Content-Disposition parameters");
      for (auto& [k, v] : *params) {
        if (k == "name") part->name = v;
        if (k == "filename") part->filename = v;
      }
      disposition = true;
    }
  }
  if (!disposition) return Bad("a part has no Content-Disposition");
  if (part->name.empty()) return Bad("a part has no name");
  return media::Status::OK();
}

}  // namespace

std::optional<std::string> FormDataBoundary(const std::string& content_type) {
  std::string_view ct(content_type);
  if (AsciiLower(Trim(ct.substr(0, ct.find(';')))) != "multipart/form-data") return std::nullopt;
  auto params = Params(ct);
  if (!params) return std::nullopt;
  for (auto& [k, v] : *params) {
    if (k == "boundary" && !v.empty() && v.size() <= 70) return v;
  }
  return std::nullopt;
}

media::Result<std::vector<FormPart>> ParseFormData(std::string_view body, const std::string& boundary,
                                                   const MultipartLimits& limits) {
  const std::string dash = "--" + boundary, delimiter = "\r\n" + dash;
  std::size_t pos;
  if (body.substr(0, dash.size()) == dash) {
    pos = dash.size();
  } else {
    std::size_t found = body.find(delimiter);
    if (found == std::string_view::npos) return Bad("no opening boundary");
    pos = found + delimiter.size();
  }
  std::vector<FormPart> parts;
  for (;;) {
    if (body.substr(pos, 2) == "--") return parts;
    if (body.substr(pos, 2) != "\r\n") return Bad("malformed boundary line");
    pos += 2;
    std::size_t head_end = body.find("\r\n\r\n", pos);
    std::size_t empty_head = body.substr(pos, 2) == "\r\n" ? pos : std::string_view::npos;
    std::size_t block_end = empty_head != std::string_view::npos ? pos : head_end;
    if (block_end == std::string_view::npos) return Bad("a part's headers do not end");
    if (block_end - pos > limits.max_header_bytes) return Bad("a part's headers are too long");
    FormPart part;
    media::Status s = ParseHeaders(body.substr(pos, block_end - pos), &part);
    if (!s.ok()) return s;
    std::size_t data_start = block_end + (empty_head != std::string_view::npos ? 2 : 4);
    std::size_t data_end = body.find(delimiter, data_start);
    if (data_end == std::string_view::npos) return Bad("missing closing boundary");
    if (data_end - data_start > limits.max_part_bytes) {
      return media::Status::TooLarge("multipart body: part '" + part.name + "' is over " +
                                     std::to_string(limits.max_part_bytes) + " bytes");
    }
    part.data = body.substr(data_start, data_end - data_start);
    if (parts.size() == limits.max_parts) return Bad("more than " + std::to_string(limits.max_parts) + " parts");
    parts.push_back(std::move(part));
    pos = data_end + delimiter.size();
  }
}

}  // namespace gallery::http
