#include "http/cursor_seal.h"


#include <cstring>
#include <memory>

#include <openssl/evp.h>
#include <openssl/rand.h>

#include "media/catalog.h"
#include "media/file_system.h"
#include "service/secrets.h"

namespace gallery::http {

namespace {

constexpr std::size_t kNonce = 12, kTag = 16;
constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::optional<std::string> FromBase64Url(const std::string& in) {
  std::string out;
  unsigned value = 0;
  int bits = 0;
  for (char c : in) {
    const char* at = std::strchr(kBase64Url, c);
    if (c == '\0' || at == nullptr) return std::nullopt;
    value = (value << 6) | static_cast<unsigned>(at - kBase64Url);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xff);
    }
  }
  return out;
}

using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, decltype(&EVP_CIPHER_CTX_free)>;

const unsigned char* Bytes(const std::string& s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

CursorSeal::CursorSeal(std::string key) : key_(std::move(key)) {
  if (key_.size() != 32) {
    // No key given: one for this process (its cursors then end with it).
    key_.assign(32, '\0');
    RAND_bytes(reinterpret_cast<unsigned char*>(key_.data()), 32);
  }
}

std::string CursorSeal::Seal(const std::string& cursor, const std::string& context) const {
  if (cursor.empty()) return "";
  std::string nonce(kNonce, '\0'), out(cursor.size(), '\0'), tag(kTag, '\0');
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int n = 0;
  bool ok = ctx && RAND_bytes(reinterpret_cast<unsigned char*>(nonce.data()), kNonce) == 1 &&
            EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key_), Bytes(nonce)) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &n, Bytes(context), static_cast<int>(context.size())) == 1 &&
            EVP_EncryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, Bytes(cursor),
                              static_cast<int>(cursor.size())) == 1 &&
            EVP_EncryptFinal_ex(ctx.get(), nullptr, &n) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTag, tag.data()) == 1;
  // Without a cursor the listing ends early; never an unsealed cursor.
  if (!ok) return "";
  return Base64Url(nonce + out + tag);
}

std::optional<std::string> CursorSeal::Open(const std::string& sealed, const std::string& context) const {
  if (sealed.size() > 1024) return std::nullopt;
  auto raw = FromBase64Url(sealed);
  if (!raw || raw->size() <= kNonce + kTag) return std::nullopt;
  std::string nonce = raw->substr(0, kNonce), tag = raw->substr(raw->size() - kTag);
  std::string body = raw->substr(kNonce, raw->size() - kNonce - kTag), out(body.size(), '\0');
  CipherContext ctx(EVP_CIPHER_CTX_new(), EVP_CIPHER_CTX_free);
  int n = 0;
  bool ok = ctx && EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, Bytes(key_), Bytes(nonce)) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &n, Bytes(context), static_cast<int>(context.size())) == 1 &&
            EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &n, Bytes(body),
                              static_cast<int>(body.size())) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTag, tag.data()) == 1 &&
            EVP_DecryptFinal_ex(ctx.get(), nullptr, &n) == 1;
  if (!ok) return std::nullopt;
  return out;
}

namespace {

bool IsHexKey(const std::string& text) {
  if (text.size() != 64) return false;
  for (char c : text) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

std::string HexToBytes(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) out += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return out;
}

}  // namespace

media::Result<std::string> SharedCursorKey(media::Catalog& catalog, const std::string& path) {
  media::FileSystem* fs = media::DefaultFileSystem();
  std::string proposed;
  if (fs->FileExists(path)) {
    auto text = fs->ReadFile(path);
    if (!text.ok()) return text.status();
    proposed = *text;
    while (!proposed.empty() && (proposed.back() == '\n' || proposed.back() == '\r')) proposed.pop_back();
    if (!IsHexKey(proposed)) return media::Status::Corrupt(path + ": not a key of 64 hex digits");
  } else {
    unsigned char raw[32];
    if (RAND_bytes(raw, sizeof raw) != 1) return media::Status::IOError("the random number generator failed");
    static const char kHex[] = "0123456789abcdef";
    for (unsigned char b : raw) {
      proposed += kHex[b >> 4];
      proposed += kHex[b & 15];
    }
  }
  auto kept = catalog.SharedKey("cursor", proposed);
  if (!kept.ok()) return kept.status();
  if (!IsHexKey(*kept)) return media::Status::Corrupt("the catalog's cursor key is not 64 hex digits");
  return HexToBytes(*kept);
}

}  // namespace gallery::http
