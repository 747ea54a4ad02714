// The one place media/ includes the metadata library's headers. They use a
// deprecated standard smart pointer, so its warnings are silenced here only.
#pragma once

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#include <exiv2/exiv2.hpp>
#include <exiv2/webpimage.hpp>  // not in the umbrella header
#pragma GCC diagnostic pop
