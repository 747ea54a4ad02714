// The one place where archive errors become HTTP statuses.
#pragma once

#include "http/http_types.h"
#include "media/status.h"

namespace gallery::http {

// NotFound 404, InvalidArgument 400, Unsupported 415, Corrupt 422,
// TooLarge 413, Conflict 409, Busy 503, NoSpace 507, IOError 500, OK 200.
int HttpStatusFor(media::Status::Code code);

// The JSON error for a failed `status`: its code name and message, with the
// status above (and Retry-After on 503).
HttpResponse ErrorFromStatus(const media::Status& status);

}  // namespace gallery::http
