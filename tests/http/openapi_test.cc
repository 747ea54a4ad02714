// The OpenAPI document names every route the server has, and only those.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>
#include <sstream>

#include "fixtures/test_util.h"
#include "fixtures/http_client.h"
#include "fixtures/server_process.h"

namespace {

using nlohmann::json;

std::set<std::string> RoutesOfServer() {
  auto r = testing_util::RunGallery({"serve", "--print-routes"}, 30);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::set<std::string> routes;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) routes.insert(line);
  }
  return routes;
}

std::set<std::string> RoutesOfDocument(const json& doc) {
  std::set<std::string> routes;
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, op] : item.items()) {
      std::string upper;
      for (char c : method) upper += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      routes.insert(upper + " " + path);
    }
  }
  return routes;
}

TEST(OpenApiTest, DocumentsEveryRouteAndNoOther) {
  testing_util::TempDir dir;
  http_test::ServerProcess server(dir / "data");
  auto r = http_test::Send(server.port(), "GET", "/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.Header("content-type"), "application/json");
  json doc = json::parse(r.body);
  EXPECT_EQ(doc.at("openapi"), "3.1.0");
  std::set<std::string> served = RoutesOfServer(), documented = RoutesOfDocument(doc);
  ASSERT_GT(served.size(), 2u);
  for (const auto& route : served) EXPECT_TRUE(documented.count(route)) << "undocumented: " << route;
  for (const auto& route : documented) EXPECT_TRUE(served.count(route)) << "not served: " << route;
}

TEST(OpenApiTest, EveryOperationHasResponsesAndPathParameters) {
  testing_util::TempDir dir;
  http_test::ServerProcess server(dir / "data");
  json doc = json::parse(http_test::Send(server.port(), "GET", "/api/openapi.json").body);
  for (const auto& [path, item] : doc.at("paths").items()) {
    for (const auto& [method, op] : item.items()) {
      EXPECT_TRUE(op.contains("responses")) << method << " " << path;
      std::set<std::string> declared;
      for (const auto& p : op.value("parameters", json::array())) {
        if (p.at("in") == "path") declared.insert(p.at("name").get<std::string>());
      }
      for (std::size_t i = path.find('{'); i != std::string::npos; i = path.find('{', i + 1)) {
        std::string name = path.substr(i + 1, path.find('}', i) - i - 1);
        EXPECT_TRUE(declared.count(name)) << method << " " << path << " lacks parameter " << name;
      }
    }
  }
}

}  // namespace
