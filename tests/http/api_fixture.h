// A fresh archive served by the real `gallery serve`, with an editor and an
// admin token, and helpers to upload test images.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "fixtures/test_util.h"
#include "http/http_client.h"
#include "http/server_process.h"

namespace http_test {

// The token printed on the last line of `gallery token create`.
std::string CreateToken(const std::string& data_dir, const std::string& role);

class ApiTest : public ::testing::Test {
 protected:
  // Runs `gallery` with `args` + --data and expects success.
  void Gallery(std::vector<std::string> args);
  // Starts the server (after any Gallery() set-up) with `extra` arguments.
  void StartServer(const std::vector<std::string>& extra = {});

  Reply Get(const std::string& path, const Headers& headers = {});
  // A raw upload with the editor token.
  Reply Upload(const std::string& bytes, const std::string& filename, const std::string& query = "",
               const std::string& content_type = "image/jpeg");
  // Uploads and returns the new photo's JSON (expects 201).
  nlohmann::json UploadPhoto(const std::string& bytes, const std::string& filename,
                             const std::string& query = "");
  Headers Editor() const { return {{"Authorization", "Bearer " + editor_}}; }
  Headers Admin() const { return {{"Authorization", "Bearer " + admin_}}; }
  int port() const { return server_->port(); }

  testing_util::TempDir tmp_;
  std::string data_ = tmp_ / "data";
  std::string editor_, admin_;
  std::unique_ptr<ServerProcess> server_;
};

// A JPEG of `width`×`height` with the given caption and credit (empty:
// none), distinct per `seed`.
std::string Jpeg(int seed, const std::string& caption = "", const std::string& credit = "",
                 int width = 64, int height = 48, const std::vector<std::string>& keywords = {});

}  // namespace http_test
