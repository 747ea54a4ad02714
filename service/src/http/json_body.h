// Reading JSON request bodies for the write routes: every refusal is a 400
// naming the field at fault.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/http_types.h"
#include "media/catalog.h"

namespace gallery::http {

// 400 {"code": "invalid_argument", "message": "<field>: <why>"}.
HttpResponse BadField(const std::string& field, const std::string& why);

// The body as a JSON object into *out; else the 400 answer.
std::optional<HttpResponse> ParseJsonObject(const HttpRequest& req, nlohmann::json* out);

// The 400 answer when `body` has a key not in `known`.
std::optional<HttpResponse> RejectUnknownFields(const nlohmann::json& body,
                                                const std::vector<std::string>& known);

// Merges {"en": "...", "fr": null, ...} into *text (null or "" removes a
// language); the 400 answer when `value` is not such an object.
std::optional<HttpResponse> MergeLangText(const std::string& field, const nlohmann::json& value,
                                          media::LangText* text);

// A string or null (null = "") into *out; else the 400 answer.
std::optional<HttpResponse> ReadText(const std::string& field, const nlohmann::json& value,
                                     std::string* out);

// body["ids"]: a non-empty array of positive whole numbers, no repeats.
std::optional<HttpResponse> ReadIds(const nlohmann::json& body, std::vector<std::int64_t>* ids);

// One history row as the API shows it.
nlohmann::json HistoryEntryJson(const media::HistoryEntry& e);

}  // namespace gallery::http
