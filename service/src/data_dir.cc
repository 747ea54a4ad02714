#include "service/data_dir.h"

#include <utility>

namespace gallery {

DataDir::DataDir(std::string r, std::string s, std::string c)
    : root(std::move(r)), store(std::move(s)), catalog(std::move(c)) {
  while (root.size() > 1 && root.back() == '/') root.pop_back();
}
std::string DataDir::catalog_path() const { return catalog.empty() ? root + "/catalog.db" : catalog; }
std::string DataDir::originals_dir() const { return root + "/originals"; }
std::string DataDir::renditions_dir() const { return root + "/renditions"; }
std::string DataDir::iiif_cache_dir() const { return renditions_dir() + "/iiif"; }
std::string DataDir::pyramids_dir() const { return renditions_dir() + "/pyramids"; }
std::string DataDir::users_lock_path() const { return root + "/users.lock"; }
std::string DataDir::cursor_key_path() const { return root + "/cursor.key"; }
std::string DataDir::uploads_dir() const { return root + "/uploads"; }

}  // namespace gallery
