// Fuzzes Catalog::ListPhotos with a free-text query and a page cursor on a
// small catalog in a temporary folder. Whatever the input, the answer is OK or
// InvalidArgument, a page never exceeds its limit, and a page's next cursor
// is accepted by the same listing.
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "catalog_fuzz_fixture.h"

namespace {

std::unique_ptr<media::Catalog> g_catalog;
std::string g_dir;

void RemoveCatalog() {
  g_catalog.reset();
  std::error_code ignored;
  std::filesystem::remove_all(g_dir, ignored);
}

[[noreturn]] void Fail(const char* what, const media::Status& s) {
  std::fprintf(stderr, "ListPhotos: %s: %s\n", what, s.ToString().c_str());
  std::abort();
}

void CheckAnswer(const media::Result<media::PhotoPage>& page, int limit) {
  if (!page.ok()) {
    if (page.status().code() != media::Status::Code::kInvalidArgument)
      Fail("neither OK nor InvalidArgument", page.status());
    return;
  }
  if (static_cast<int>(page->photos.size()) > limit) Fail("page over its limit", media::Status::OK());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  const char* tmp = std::getenv("TMPDIR");
  std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/gallery-query-fuzz-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("mkdtemp");
    std::abort();
  }
  g_dir = pattern;
  g_catalog = fuzz::MakeQueryCatalog(g_dir + "/catalog.db");
  std::atexit(RemoveCatalog);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::QueryInput in = fuzz::DecodeQueryInput(data, size);
  media::PhotoFilter filter = fuzz::QueryFilter(in);
  media::Result<media::PhotoPage> page = g_catalog->ListPhotos(filter);
  CheckAnswer(page, filter.limit);
  if (page.ok() && !page->next_cursor.empty()) {
    filter.cursor = page->next_cursor;
    media::Result<media::PhotoPage> next = g_catalog->ListPhotos(filter);
    if (!next.ok()) Fail("its own next cursor refused", next.status());
    CheckAnswer(next, filter.limit);
  }
  return 0;
}
