// The one place where archive errors become HTTP statuses.
#pragma once

#include "http/http_types.h"
#include "media/status.h"

namespace gallery::http {

// NotFound 404, InvalidArgument 400, Unsupported 415, Corrupt 422,
// TooLarge 413, Conflict 409, Busy 503, NoSpace 507, IOError 500, OK 200.
int HttpStatusFor(media::Status::Code code);

// What a client is told of a failed `status`: its message, except for
// NoSpace and IOError, whose messages name server files; those are written to
// the server's log and the client gets a plain sentence.
std::string ClientMessage(const media::Status& status);

// The JSON error for a failed `status`: its code name and ClientMessage, with
// the status above (and Retry-After on 503).
HttpResponse ErrorFromStatus(const media::Status& status);

}  // namespace gallery::http
