// The OpenAPI 3.1 document served at GET /api/openapi.json. It lists every
// route of route_table.cc, no more and no fewer (a test checks both ways).
#include "http/openapi_document.h"
#include "http/accounts_openapi.h"
#include "http/web_openapi.h"

namespace gallery::http {

namespace {

const char kDocument[] = R"openapi({
  "openapi": "3.1.0",
  "info": {
    "title": "Photo archive",
    "version": "1.0.0",
    "description": "Meetings, albums and photos with their credits and captions; uploads, editing and media. Errors are JSON {code, message}. Every GET route also answers HEAD (the same headers, no body); OPTIONS answers 204 with the path's methods in Allow; a method the server does not know is refused 501 unsupported. Before any route, the server may answer a request from its head and then close the connection: 400, 417, 431 or 501 for malformed or unsupported framing, 413 too_large for a declared (or chunked, once past it) body over its route's limit (--max-upload-bytes for POST /api/photos, 1 MiB of JSON for every other route), 401 or 403 for a body sent to a route needing an editor or admin without such credentials (decided from the head, before the body is read), 503 busy with Retry-After when its connection cap or its client address's cap (--max-connections-per-address) is reached, and 408 (no body) when a request's head or whole request comes later than its time limits. A request with `Expect: 100-continue` gets the 100 only when its head is acceptable, its credentials included. JSON bodies are refused with 400 when arrays and objects nest deeper than 32 levels or the bytes are not UTF-8. Texts are limited in characters (Unicode code points), a longer one refused with 400 naming the field and the limit: caption 2000 per language, headline 256, alt_text 250, keyword 64 and at most 100 keywords, credit, creator, copyright, usage_terms and default_credit 512, event and place 256, titles 200, descriptions 5000, at most 10 languages per field; a bulk edit or album change names at most 1000 photos."
  },
  "components": {
    "securitySchemes": {
      "bearer": {
        "type": "http",
        "scheme": "bearer"
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "required": [
          "code",
          "message"
        ],
        "properties": {
          "code": {
            "type": "string",
            "description": "stable, e.g. not_found, invalid_argument, corrupt"
          },
          "message": {
            "type": "string"
          }
        }
      },
      "Photo": {
        "type": "object",
        "description": "The fields of `gallery inspect` plus id, sha256, filename, file_size, meeting, albums, version, uploaded_at, uploaded_by (the uploader's login name: only for editors and admins), embargo_until, renditions {name: {webp, jpg}}, original_url, sidecar_url; on upload also duplicate. gps {lat, lon, alt} is null for whoever may not know where the photo was taken: only editors and admins may, unless the photo's meeting or an album holding it that the asker may open sets show_location (the original then downloads without its location)."
      },
      "Album": {
        "type": "object",
        "properties": {
          "slug": {
            "type": "string"
          },
          "title": {
            "type": "object"
          },
          "description": {
            "type": "object"
          },
          "meeting": {
            "type": [
              "string",
              "null"
            ]
          },
          "visibility": {
            "enum": [
              "public",
              "unlisted",
              "private"
            ]
          },
          "default_credit": {
            "type": [
              "string",
              "null"
            ]
          },
          "show_location": {
            "type": "boolean",
            "description": "Where its photos were taken (GPS) is shown to everyone who sees them; otherwise only to editors and admins (a photo's gps reads null and its downloaded original carries no location)."
          },
          "cover_photo_id": {
            "type": [
              "integer",
              "null"
            ],
            "description": "the cover an editor chose; null to whoever may not see that photo"
          },
          "shown_cover_id": {
            "type": [
              "integer",
              "null"
            ],
            "description": "the cover the asker sees: the chosen one, else the album's first photo the asker may see"
          },
          "photo_count": {
            "type": "integer",
            "description": "the album's photos the asker may see"
          }
        }
      },
      "Meeting": {
        "type": "object",
        "properties": {
          "slug": {
            "type": "string"
          },
          "title": {
            "type": "object"
          },
          "description": {
            "type": "object"
          },
          "place": {
            "type": [
              "string",
              "null"
            ]
          },
          "start_date": {
            "type": [
              "string",
              "null"
            ]
          },
          "end_date": {
            "type": [
              "string",
              "null"
            ]
          },
          "default_credit": {
            "type": [
              "string",
              "null"
            ]
          },
          "show_location": {
            "type": "boolean",
            "description": "Where its photos were taken (GPS) is shown to everyone who sees them; otherwise only to editors and admins (a photo's gps reads null and its downloaded original carries no location)."
          },
          "photo_count": {
            "type": "integer"
          },
          "albums": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Album"
            }
          }
        }
      }
    },
    "responses": {
      "Error": {
        "description": "An error",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    }
  },
  "paths": {
    "/api/albums/{slug}/order": {
      "put": {
        "summary": "Set the album's order: ids is every photo of the album exactly once (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the album's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "ids": {
                    "type": "array",
                    "items": {
                      "type": "integer"
                    }
                  }
                },
                "required": [
                  "ids"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "{slug, ids}"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/albums/{slug}/history": {
      "get": {
        "summary": "The album's edit history (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the album's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "{items: [{id, field, old_value, new_value, who, at}]}, oldest first"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/albums/{slug}/links": {
      "post": {
        "summary": "Create a share link opening this one album, its photos and their media until it expires (editor). Give expires_at or expires_in_days (default 30 days). Only the secret's SHA-256 is stored; an unknown or expired secret answers 401.",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the album's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "expires_at": {
                    "type": "string",
                    "description": "UTC, YYYY-MM-DDTHH:MM:SSZ, in the future"
                  },
                  "expires_in_days": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": 3650
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "{id, album, secret, url: /albums/{slug}?share=SECRET, api_url, expires_at}"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/albums/{slug}/download": {
      "get": {
        "summary": "A ZIP of the album's originals (stored, with the catalog's text written in where the format allows), streamed as it is built; entry names safe and unique",
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the album's slug",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "share",
            "in": "query",
            "required": false,
            "description": "a share link's secret: opens one private album and its media",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The archive",
            "content": {
              "application/zip": {
                "schema": {
                  "type": "string",
                  "contentMediaType": "application/zip"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/meetings/{slug}/history": {
      "get": {
        "summary": "The meeting's edit history (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the meeting's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "{items: [{id, field, old_value, new_value, who, at}]}, oldest first"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/health": {
      "get": {
        "summary": "Liveness",
        "responses": {
          "200": {
            "description": "{\"status\": \"ok\"}"
          }
        }
      }
    },
    "/api/openapi.json": {
      "get": {
        "summary": "This document",
        "responses": {
          "200": {
            "description": "The OpenAPI document"
          }
        }
      }
    },
    "/metrics": {
      "get": {
        "summary": "Prometheus metrics: requests by route and status, ingests, queue depth (admin). With `gallery serve --metrics-listen 127.0.0.1:PORT` they are served there without credentials instead, and this route answers 404",
        "security": [
          {
            "bearer": []
          }
        ],
        "responses": {
          "200": {
            "description": "text/plain; version=0.0.4"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/meetings": {
      "post": {
        "summary": "Create a meeting (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "slug": {
                    "type": "string"
                  },
                  "title": {
                    "type": "object",
                    "additionalProperties": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "description": "{lang: text}; null removes a language"
                  },
                  "description": {
                    "type": "object",
                    "additionalProperties": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "description": "{lang: text}; null removes a language"
                  },
                  "place": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "start_date": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "end_date": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "default_credit": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "show_location": {
                    "type": "boolean",
                    "description": "Where its photos were taken (GPS) is shown to everyone who sees them; otherwise only to editors and admins (a photo's gps reads null and its downloaded original carries no location)."
                  }
                },
                "required": [
                  "slug"
                ]
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new meeting",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Meeting"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "get": {
        "summary": "Every meeting",
        "responses": {
          "200": {
            "description": "{items: [Meeting]}"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/meetings/{slug}": {
      "patch": {
        "summary": "Update a meeting (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the meeting's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "slug": {
                    "type": "string"
                  },
                  "title": {
                    "type": "object",
                    "additionalProperties": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "description": "{lang: text}; null removes a language"
                  },
                  "description": {
                    "type": "object",
                    "additionalProperties": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "description": "{lang: text}; null removes a language"
                  },
                  "place": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "start_date": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "end_date": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "default_credit": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "show_location": {
                    "type": "boolean",
                    "description": "Where its photos were taken (GPS) is shown to everyone who sees them; otherwise only to editors and admins (a photo's gps reads null and its downloaded original carries no location)."
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The meeting",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Meeting"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "delete": {
        "summary": "Delete a meeting; its albums and photos stay, without a meeting (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the meeting's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Deleted"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "get": {
        "summary": "One meeting with its albums (those the caller may see) and photo counts",
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "lower-case letters, digits and dashes",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The meeting",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Meeting"
                }
              }
            }
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/albums": {
      "post": {
        "summary": "Create an album (editor). The default credit fills the credit of uploads that have none.",
        "security": [
          {
            "bearer": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "slug": {
                    "type": "string"
                  },
                  "title": {
                    "type": "object",
                    "additionalProperties": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "description": "{lang: text}; null removes a language"
                  },
                  "description": {
                    "type": "object",
                    "additionalProperties": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "description": "{lang: text}; null removes a language"
                  },
                  "meeting": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "visibility": {
                    "type": "string",
                    "enum": [
                      "public",
                      "unlisted",
                      "private"
                    ]
                  },
                  "default_credit": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "show_location": {
                    "type": "boolean",
                    "description": "Where its photos were taken (GPS) is shown to everyone who sees them; otherwise only to editors and admins (a photo's gps reads null and its downloaded original carries no location)."
                  }
                },
                "required": [
                  "slug"
                ]
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The new album",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Album"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "get": {
        "summary": "Albums, filtered by meeting and by credit (albums holding a photo with that credit line)",
        "parameters": [
          {
            "name": "meeting",
            "in": "query",
            "required": false,
            "description": "a meeting's slug",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "credit",
            "in": "query",
            "required": false,
            "description": "an exact credit line",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "from next_cursor of the previous page: opaque, and only for the same asker, route and filters (400 otherwise)",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "1..500, default 50",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Album"
                      }
                    },
                    "next_cursor": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/albums/{slug}": {
      "patch": {
        "summary": "Update an album's title, description, meeting, visibility, default credit, cover photo or slug (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the album's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "slug": {
                    "type": "string"
                  },
                  "title": {
                    "type": "object",
                    "additionalProperties": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "description": "{lang: text}; null removes a language"
                  },
                  "description": {
                    "type": "object",
                    "additionalProperties": {
                      "type": [
                        "string",
                        "null"
                      ]
                    },
                    "description": "{lang: text}; null removes a language"
                  },
                  "meeting": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "visibility": {
                    "type": "string",
                    "enum": [
                      "public",
                      "unlisted",
                      "private"
                    ]
                  },
                  "default_credit": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "show_location": {
                    "type": "boolean",
                    "description": "Where its photos were taken (GPS) is shown to everyone who sees them; otherwise only to editors and admins (a photo's gps reads null and its downloaded original carries no location)."
                  },
                  "cover_photo_id": {
                    "type": [
                      "integer",
                      "null"
                    ],
                    "description": "a photo of the album, or null"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The album",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Album"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "delete": {
        "summary": "Delete an album; its photos stay in the archive (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the album's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "204": {
            "description": "Deleted"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "get": {
        "summary": "One album (private ones: 404 unless editor or share link)",
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "lower-case letters, digits and dashes",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "share",
            "in": "query",
            "required": false,
            "description": "a share link's secret: opens one private album and its media",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The album",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Album"
                }
              }
            }
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/albums/{slug}/photos": {
      "post": {
        "summary": "Append photos to the album, in the order given (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the album's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "ids": {
                    "type": "array",
                    "items": {
                      "type": "integer"
                    }
                  }
                },
                "required": [
                  "ids"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The album",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Album"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "delete": {
        "summary": "Remove photos from the album (never from the archive); removing the cover clears it (editor)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "the album's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "ids": {
                    "type": "array",
                    "items": {
                      "type": "integer"
                    }
                  }
                },
                "required": [
                  "ids"
                ]
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The album",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Album"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "get": {
        "summary": "The album's photos in album order",
        "parameters": [
          {
            "name": "slug",
            "in": "path",
            "required": true,
            "description": "lower-case letters, digits and dashes",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "share",
            "in": "query",
            "required": false,
            "description": "a share link's secret: opens one private album and its media",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "from next_cursor of the previous page: opaque, and only for the same asker, route and filters (400 otherwise)",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "1..500, default 50",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Photo"
                      }
                    },
                    "next_cursor": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/photos": {
      "get": {
        "summary": "Photos, filtered; q is full text over captions (every language), headline, keywords, credit and filename",
        "parameters": [
          {
            "name": "meeting",
            "in": "query",
            "required": false,
            "description": "a meeting's slug",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "album",
            "in": "query",
            "required": false,
            "description": "an album's slug (album order)",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "credit",
            "in": "query",
            "required": false,
            "description": "an exact credit line",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "tag",
            "in": "query",
            "required": false,
            "description": "an exact keyword",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "q",
            "in": "query",
            "required": false,
            "description": "words, all required",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "from",
            "in": "query",
            "required": false,
            "description": "date or date-time taken, inclusive",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "to",
            "in": "query",
            "required": false,
            "description": "date or date-time taken, inclusive",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "cursor",
            "in": "query",
            "required": false,
            "description": "from next_cursor of the previous page: opaque, and only for the same asker, route and filters (400 otherwise)",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "limit",
            "in": "query",
            "required": false,
            "description": "1..500, default 50",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "A page",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "items": {
                      "type": "array",
                      "items": {
                        "$ref": "#/components/schemas/Photo"
                      }
                    },
                    "next_cursor": {
                      "type": [
                        "string",
                        "null"
                      ]
                    }
                  }
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "post": {
        "summary": "Upload: the raw image (Content-Type image/*, name in X-Filename or Content-Disposition) or multipart/form-data with one or many files and optional album, meeting, credit fields",
        "description": "The photos are decoded and stored on the image workers, which answer. 503 busy with Retry-After when their queue is full, or when the upload waited in it past half the server's header timeout.",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "album",
            "in": "query",
            "required": false,
            "description": "add to this album",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "meeting",
            "in": "query",
            "required": false,
            "description": "belongs to this meeting",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "credit",
            "in": "query",
            "required": false,
            "description": "credit line when the file has none",
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "image/*": {
              "schema": {
                "type": "string",
                "format": "binary"
              }
            },
            "multipart/form-data": {
              "schema": {
                "type": "object"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Created: the photo",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Photo"
                }
              }
            }
          },
          "200": {
            "description": "The same bytes were already there (duplicate: true), or a multipart upload of several files: {items: [{filename, status, photo | error}]}"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "413": {
            "$ref": "#/components/responses/Error"
          },
          "415": {
            "$ref": "#/components/responses/Error"
          },
          "422": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          },
          "507": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "patch": {
        "summary": "Edit many photos in one transaction: {ids: [...], set: {...}}",
        "security": [
          {
            "bearer": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "properties": {
                  "ids": {
                    "type": "array",
                    "items": {
                      "type": "integer"
                    }
                  },
                  "set": {
                    "type": "object",
                    "description": "Any of: caption, headline, alt_text ({lang: text or null}); credit, creator, copyright, event, usage_terms, embargo_until, meeting (text or null); keywords ([text])."
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "{updated: n}"
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/photos/{id}": {
      "get": {
        "summary": "One photo",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "the photo's id",
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "share",
            "in": "query",
            "required": false,
            "description": "a share link's secret: opens one private album and its media",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The photo",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Photo"
                }
              }
            }
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "patch": {
        "summary": "Edit one photo's text fields (each change kept in the history)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "the photo's id",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "description": "Any of: caption, headline, alt_text ({lang: text or null}); credit, creator, copyright, event, usage_terms, embargo_until, meeting (text or null); keywords ([text])."
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "The photo",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Photo"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/Error"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      },
      "delete": {
        "summary": "Move the photo to the trash (admin): out of every album, list and search; POST /api/trash/{id}/restore brings it back until `gallery gc` empties the trash and removes its files",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "the photo's id",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "{deleted: id, sha256}"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/trash": {
      "get": {
        "summary": "The deleted photos that can still be restored (admin), most recent first",
        "security": [
          {
            "bearer": []
          }
        ],
        "responses": {
          "200": {
            "description": "{items: [{id, sha256, filename, deleted_at, deleted_by}]}"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/trash/{id}/restore": {
      "post": {
        "summary": "Bring a deleted photo back as it was (admin): its id, fields, texts, keywords and places in the albums that still exist",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "the deleted photo's id",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The restored photo",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Photo"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "409": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/credits": {
      "get": {
        "summary": "Each credit line with its photo count",
        "parameters": [
          {
            "name": "meeting",
            "in": "query",
            "required": false,
            "description": "a meeting's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "{items: [{credit, photo_count}]}"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/tags": {
      "get": {
        "summary": "Each keyword with its photo count",
        "parameters": [
          {
            "name": "meeting",
            "in": "query",
            "required": false,
            "description": "a meeting's slug",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "{items: [{tag, photo_count}]}"
          },
          "default": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/media/{id}/{file}": {
      "get": {
        "summary": "A rendition: {name}.{webp|jpg}, name one of tile, small, medium, large (rendered on first request, then cached). ETag; immutable when ?v= is the photo's version; 304 on If-None-Match",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "the photo's id",
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "file",
            "in": "path",
            "required": true,
            "description": "e.g. tile.webp, large.jpg",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "v",
            "in": "query",
            "required": false,
            "description": "the photo's version",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "share",
            "in": "query",
            "required": false,
            "description": "a share link's secret: opens one private album and its media",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "image/webp or image/jpeg"
          },
          "304": {
            "description": "Not modified"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "503": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/media/{id}/original": {
      "get": {
        "summary": "The original with the catalog's current caption, credit, creator, copyright, keywords and alt text written in (XMP and IPTC). Range requests work.",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "the photo's id",
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "v",
            "in": "query",
            "required": false,
            "description": "the photo's version",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "share",
            "in": "query",
            "required": false,
            "description": "a share link's secret: opens one private album and its media",
            "schema": {
              "type": "string"
            }
          },
          {
            "name": "Range",
            "in": "header",
            "required": false,
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The file"
          },
          "206": {
            "description": "Partial content"
          },
          "304": {
            "description": "Not modified"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          },
          "416": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/media/{id}/sidecar.xmp": {
      "get": {
        "summary": "An XMP sidecar with the photo's descriptive fields",
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "the photo's id",
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "share",
            "in": "query",
            "required": false,
            "description": "a share link's secret: opens one private album and its media",
            "schema": {
              "type": "string"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "application/rdf+xml"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/photos/{id}/history": {
      "get": {
        "summary": "The photo's edit history",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "the photo's id",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "{items: [{id, field, old_value, new_value, who, at}]}"
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    },
    "/api/photos/{id}/history/{entry}/revert": {
      "post": {
        "summary": "Set the entry's field back to its old value (recorded as a new edit)",
        "security": [
          {
            "bearer": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "description": "the photo's id",
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "entry",
            "in": "path",
            "required": true,
            "description": "a history entry's id",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The photo",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Photo"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Error"
          },
          "403": {
            "$ref": "#/components/responses/Error"
          },
          "404": {
            "$ref": "#/components/responses/Error"
          }
        }
      }
    }
  }
}
)openapi";

}  // namespace

const std::string& OpenApiDocument() {
  static const std::string document = WithWebPaths(WithAccountPaths(kDocument));
  return document;
}

}  // namespace gallery::http
