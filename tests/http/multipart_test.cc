// The multipart/form-data parser on its own.
#include <gtest/gtest.h>

#include "http/multipart.h"

namespace gallery::http {
namespace {

TEST(MultipartTest, BoundaryFromContentType) {
  EXPECT_EQ(FormDataBoundary("multipart/form-data; boundary=abc"), "abc");
  EXPECT_EQ(FormDataBoundary("Multipart/Form-Data; charset=utf-8; boundary=\"a b:c\""), "a b:c");
  EXPECT_FALSE(FormDataBoundary("multipart/mixed; boundary=abc"));
  EXPECT_FALSE(FormDataBoundary("multipart/form-data"));
  EXPECT_FALSE(FormDataBoundary("multipart/form-data; boundary="));
  EXPECT_FALSE(FormDataBoundary("multipart/form-data; boundary=" + std::string(71, 'x')));
}

TEST(MultipartTest, FieldsAndFilesWithQuotedNames) {
  std::string body =
      "preamble\r\n--B\r\nContent-Disposition: form-data; name=\"album\"\r\n\r\nopening\r\n"
      "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\"; c.jpg\"\r\n"
      "Content-Type: image/jpeg\r\n\r\n\xFF\xD8\r\n--C-data\r\n-B\xFF\xD9\r\n--B--\r\nepilogue";
  auto parts = ParseFormData(body, "B");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].name, "album");
  EXPECT_FALSE((*parts)[0].filename);
  EXPECT_EQ((*parts)[0].data, "opening");
  EXPECT_EQ((*parts)[1].filename, "a \"b\"; c.jpg");
  EXPECT_EQ((*parts)[1].content_type, "image/jpeg");
  EXPECT_EQ((*parts)[1].data, "\xFF\xD8\r\n--C-data\r\n-B\xFF\xD9");
}

TEST(MultipartTest, EmptyPartIsKept) {
  auto parts = ParseFormData("--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n\r\n--B--", "B");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_EQ((*parts)[0].data, "");
}

void ExpectRefused(const std::string& body, const std::string& reason,
                   media::Status::Code code = media::Status::Code::kInvalidArgument) {
  MultipartLimits limits;
  limits.max_parts = 2;
  limits.max_part_bytes = 10;
  auto parts = ParseFormData(body, "B", limits);
  ASSERT_FALSE(parts.ok()) << body;
  EXPECT_EQ(parts.status().code(), code) << parts.status().ToString();
  EXPECT_NE(parts.status().message().find(reason), std::string::npos) << parts.status().ToString();
}

TEST(MultipartTest, RefusesMalformedBodies) {
  const std::string ok_head = "--B\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n";
  ExpectRefused("no boundary here", "no opening boundary");
  ExpectRefused(ok_head + "data", "missing closing boundary");
  ExpectRefused(ok_head + "data\r\n--B", "malformed boundary line");
  ExpectRefused("--B\r\nContent-Type: text/plain\r\n\r\nx\r\n--B--", "no Content-Disposition");
  ExpectRefused("--B\r\nContent-Disposition: attachment; name=\"f\"\r\n\r\nx\r\n--B--", "not form-data");
  ExpectRefused("--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--", "no name");
  ExpectRefused("--B\r\nContent-Disposition: form-data; name=\"f\r\n\r\nx\r\n--B--", "malformed");
  ExpectRefused("--B\r\nno colon\r\n\r\nx\r\n--B--", "malformed part header");
  ExpectRefused("--B\r\nContent-Disposition: form-data; name=\"f\"", "headers do not end");
  ExpectRefused(ok_head + "x\r\n--B\r\n" + ok_head.substr(5) + "y\r\n--B\r\n" + ok_head.substr(5) +
                    "z\r\n--B--",
                "more than 2 parts");
  ExpectRefused(ok_head + "01234567890\r\n--B--", "over 10 bytes", media::Status::Code::kTooLarge);
}

}  // namespace
}  // namespace gallery::http
