// Where archive errors become the server's errors (ApiError).
#pragma once

#include "http/http_types.h"
#include "media/status.h"

namespace gallery::http {

// The error a failed archive status is answered with: NotFound, InvalidArgument,
// Unsupported (415), Corrupt, TooLarge, LimitExceeded, Conflict, Busy,
// NoSpace, IOError; their statuses and codes are ApiError's table.
ApiError ErrorOf(media::Status::Code code);

// What a client is told of a failed `status`: its message, except for
// NoSpace and IOError, whose messages name server files; those are written to
// the server's log and the client gets a plain sentence.
std::string ClientMessage(const media::Status& status);

// The JSON error for a failed `status`: its code name and ClientMessage, with
// the status above (and Retry-After on 503).
HttpResponse ErrorFromStatus(const media::Status& status);

}  // namespace gallery::http
