// The shared parts of the OpenAPI document, each defined once: the security
// schemes, the photo upload body, the Error answer, and the schemas the
// route table names for its bodies and answers (route_table.cc). Keep the
// JSON valid: the tests fetch GET /api/openapi.json, validate the whole
// document and resolve every reference in it.
#include "http/openapi_schemas.h"

namespace gallery::http {

namespace {

const char kComponents[] = R"json({
  "requestBodies": {
    "PhotoUpload": {
      "required": true,
      "content": {
        "image/*": {"schema": {"type": "string", "format": "binary"}},
        "multipart/form-data": {"schema": {"type": "object"}}
      }
    },
    "TusChunk": {
      "description": "Bytes of a resumable upload from its Upload-Offset on (tus 1.0.0)",
      "required": false,
      "content": {
        "application/offset+octet-stream": {"schema": {"type": "string", "format": "binary"}}
      }
    }
  },
  "responses": {
    "Error": {
      "description": "An error",
      "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    }
  },
  "schemas": {
    "Album": {
      "type": "object",
      "properties": {
        "cover_photo_id": {
          "type": ["integer", "null"],
          "description": "the cover an editor chose; null to whoever may not see that photo"
        },
        "default_credit": {"type": ["string", "null"]},
        "show_location": {"$ref": "#/components/schemas/ShowLocation"},
        "description": {"type": "object"},
        "meeting": {"type": ["string", "null"]},
        "photo_count": {"type": "integer", "description": "the album's photos the asker may see"},
        "shown_cover_id": {
          "type": ["integer", "null"],
          "description": "the cover the asker sees: the chosen one, else the album's best photo the asker may see (at least 200 px on its short side when one is, the largest of those)"
        },
        "slug": {"type": "string"},
        "title": {"type": "object"},
        "visibility": {"enum": ["public", "unlisted", "private"]}
      }
    },
    "Error": {
      "type": "object",
      "required": ["code", "message"],
      "properties": {
        "code": {
          "type": "string",
          "description": "stable, e.g. not_found, invalid_argument, corrupt"
        },
        "message": {"type": "string"}
      }
    },
    "Meeting": {
      "type": "object",
      "properties": {
        "albums": {"type": "array", "items": {"$ref": "#/components/schemas/Album"}},
        "cover_photo_id": {
          "type": ["integer", "null"],
          "description": "the cover an editor chose; null to whoever may not list that photo"
        },
        "default_credit": {"type": ["string", "null"]},
        "show_location": {"$ref": "#/components/schemas/ShowLocation"},
        "description": {"type": "object"},
        "end_date": {"type": ["string", "null"]},
        "photo_count": {"type": "integer"},
        "place": {"type": ["string", "null"]},
        "shown_cover_id": {
          "type": ["integer", "null"],
          "description": "the cover the asker sees: the chosen one, else the meeting's best photo the asker may list (at least 200 px on its short side when one is, the largest of those)"
        },
        "slug": {"type": "string"},
        "start_date": {"type": ["string", "null"]},
        "time_zone": {"type": ["string", "null"], "description": "a time zone name, e.g. Africa/Casablanca"},
        "title": {"type": "object"}
      }
    },
    "Photo": {
      "type": "object",
      "description": "The fields of `gallery inspect` plus id, sha256, filename, file_size, meeting, albums, version, uploaded_at, uploaded_by (the uploader's login name: only for editors and admins), embargo_until, renditions {name: {webp, jpg}}, original_url, sidecar_url; on upload also duplicate. gps {lat, lon, alt} is null for whoever may not know where the photo was taken: only editors and admins may, unless the photo's meeting or an album holding it that the asker may open sets show_location (the original then downloads without its location)."
    },
    "Texts": {
      "type": "object",
      "description": "{lang: text}; null removes a language",
      "additionalProperties": {"type": ["string", "null"]}
    },
    "AlbumPage": {
      "type": "object",
      "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Album"}},
        "next_cursor": {"type": ["string", "null"]}
      }
    },
    "PhotoPage": {
      "type": "object",
      "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Photo"}},
        "next_cursor": {"type": ["string", "null"]}
      }
    },
    "ZipArchive": {"type": "string", "contentMediaType": "application/zip"},
    "AlbumCreate": {
      "allOf": [{"$ref": "#/components/schemas/AlbumPatch"}, {"required": ["slug"]}]
    },
    "AlbumPatch": {
      "type": "object",
      "properties": {
        "cover_photo_id": {
          "type": ["integer", "null"],
          "description": "a photo of the album, or null (not on creation)"
        },
        "default_credit": {"type": ["string", "null"]},
        "show_location": {"$ref": "#/components/schemas/ShowLocation"},
        "description": {"$ref": "#/components/schemas/Texts"},
        "meeting": {"type": ["string", "null"]},
        "slug": {"type": "string"},
        "title": {"$ref": "#/components/schemas/Texts"},
        "visibility": {"type": "string", "enum": ["public", "unlisted", "private"]}
      }
    },
    "MeetingCreate": {
      "allOf": [{"$ref": "#/components/schemas/MeetingPatch"}, {"required": ["slug"]}]
    },
    "ShowLocation": {"type": "boolean", "description": "Where its photos were taken (GPS) is shown to everyone who sees them; otherwise only to editors and admins (a photo's gps reads null and its downloaded original carries no location)."},
    "MeetingPatch": {
      "type": "object",
      "properties": {
        "cover_photo_id": {
          "type": ["integer", "null"],
          "description": "a photo of the meeting, or null (not on creation)"
        },
        "default_credit": {"type": ["string", "null"]},
        "show_location": {"$ref": "#/components/schemas/ShowLocation"},
        "description": {"$ref": "#/components/schemas/Texts"},
        "end_date": {"type": ["string", "null"]},
        "place": {"type": ["string", "null"]},
        "slug": {"type": "string"},
        "start_date": {"type": ["string", "null"]},
        "time_zone": {
          "type": ["string", "null"],
          "description": "where it took place, as a time zone name (e.g. Africa/Casablanca); the pages group its photos by their day there"
        },
        "title": {"$ref": "#/components/schemas/Texts"}
      }
    },
    "Sha256List": {
      "type": "object",
      "required": ["sha256"],
      "properties": {
        "sha256": {
          "type": "array",
          "minItems": 1,
          "maxItems": 1000,
          "items": {"type": "string", "pattern": "^[0-9a-fA-F]{64}$"}
        }
      }
    },
    "PhotoIds": {
      "type": "object",
      "required": ["ids"],
      "properties": {"ids": {"type": "array", "items": {"type": "integer"}}}
    },
    "PhotoEdit": {
      "type": "object",
      "description": "Any of: caption, headline, alt_text ({lang: text or null}); credit, creator, copyright, event, usage_terms, embargo_until, meeting (text or null); keywords ([text])."
    },
    "PhotoBulkEdit": {
      "type": "object",
      "properties": {
        "ids": {"type": "array", "items": {"type": "integer"}},
        "set": {
          "type": "object",
          "description": "Any of: caption, headline, alt_text ({lang: text or null}); credit, creator, copyright, event, usage_terms, embargo_until, meeting (text or null); keywords ([text])."
        }
      }
    },
    "ShareLinkCreate": {
      "type": "object",
      "properties": {
        "expires_at": {"type": "string", "description": "UTC, YYYY-MM-DDTHH:MM:SSZ, in the future"},
        "expires_in_days": {"type": "integer", "maximum": 3650, "minimum": 1}
      }
    },
    "Login": {
      "type": "object",
      "required": ["name", "password"],
      "properties": {"name": {"type": "string"}, "password": {"type": "string"}}
    },
    "Setup": {
      "type": "object",
      "required": ["token", "name", "password"],
      "properties": {
        "name": {"type": "string", "maxLength": 200, "minLength": 1},
        "password": {"type": "string", "minLength": 8},
        "token": {"type": "string", "description": "from the setup address `gallery serve` printed"}
      }
    },
    "UserCreate": {
      "type": "object",
      "required": ["name", "role", "password"],
      "properties": {
        "disabled": {"type": "boolean"},
        "name": {"type": "string", "maxLength": 200, "minLength": 1},
        "password": {"type": "string", "minLength": 8},
        "role": {"enum": ["viewer", "editor", "admin"]}
      }
    },
    "UserPatch": {
      "type": "object",
      "properties": {
        "disabled": {"type": "boolean"},
        "password": {"type": "string", "minLength": 8},
        "role": {"enum": ["viewer", "editor", "admin"]}
      }
    },
    "TokenCreate": {
      "type": "object",
      "required": ["role"],
      "properties": {
        "expires_at": {"type": "string", "description": "UTC, YYYY-MM-DDTHH:MM:SSZ, in the future"},
        "expires_in_days": {"type": "integer", "maximum": 3650, "minimum": 1},
        "name": {"type": "string", "maxLength": 200, "minLength": 1},
        "role": {"enum": ["viewer", "editor", "admin"]}
      }
    }
  },
  "securitySchemes": {
    "bearer": {"type": "http", "scheme": "bearer"},
    "session": {
      "type": "apiKey",
      "description": "Writes with the cookie also need the X-CSRF-Token header from GET /api/session",
      "in": "cookie",
      "name": "gallery_session"
    }
  }
})json";

}  // namespace

const nlohmann::json& OpenApiComponents() {
  static const nlohmann::json components = nlohmann::json::parse(kComponents);
  return components;
}

}  // namespace gallery::http
