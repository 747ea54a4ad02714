// `gallery upload PATH... --server URL`: files and folders (walked as
// `gallery import` walks them) sent to a running archive through its
// resumable uploads (tus 1.0.0 at /api/uploads), for a laptop sending to the
// central archive over a network that drops. The server is asked which
// files it already has (POST /api/photos/lookup, by SHA-256, the hashes made
// on a thread of their own ahead of the sending); those are counted as
// duplicates and not sent. Credentials refused (a token revoked in the
// middle of a file) stop the run: the file fails with the reason, the rest
// are not tried, and its begun upload stays for the account's next token. Each upload's address is kept in a
// small state file (XDG_CONFIG_HOME or ~/.config, gallery/uploads.json), so
// a run cut short (Ctrl-C, a lost network, a crash) goes on from the
// server's offset the next time. The token comes from --token-file or
// GALLERY_TOKEN, never from the command line. The summary and the exit codes
// are those of `gallery import`.
#include <curl/curl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <string_view>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/base64.h"
#include "base/durable_file.h"
#include "cli/cli_util.h"
#include "cli/commands.h"
#include "cli/file_walk.h"
#include "media/file_system.h"
#include "media/sha256.h"

namespace gallery::cli {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::uintmax_t kMaxFileBytes = 1ull << 30;
constexpr int kMaxAttempts = 6;          // tries of one chunk before the file fails
constexpr std::size_t kLookupBatch = 1000;  // the lookup route's limit

struct UploadArgs {
  std::vector<std::string> paths;
  std::string server, token_file, album, meeting, credit, state_file;
  std::size_t chunk_bytes = 0;  // 0: the most the server takes in one request
};

// The chunk size when neither --chunk-bytes nor the server names one.
constexpr std::size_t kDefaultChunkBytes = 8u << 20;

// One HTTP answer.
struct Answer {
  long status = 0;  // 0: no answer (the network failed, or interrupted)
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string error;  // why there is no answer
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  // The credentials refused (a token revoked or expired, an account
  // disabled, a role taken away): no other file would be taken either.
  bool Refused() const { return status == 401 || status == 403; }
  // Why, for the file's line: the status, the JSON error's code and message.
  std::string RefusalReason() const {
    json j = json::parse(body, nullptr, false);
    std::string code = j.is_object() && j.contains("code") && j["code"].is_string() ? j["code"].get<std::string>() : "";
    return "the server refused the credentials (HTTP " + std::to_string(status) + (code.empty() ? "" : " " + code) +
           ": " + Message() + "); nothing more was sent, and the upload goes on from there with a valid token";
  }
  // The JSON error's message, or the status.
  std::string Message() const {
    json j = json::parse(body, nullptr, false);
    if (j.is_object() && j.contains("message") && j["message"].is_string()) return j["message"];
    return status ? "HTTP " + std::to_string(status) : error;
  }
};

// The server's answers through libcurl, one easy handle kept for its
// connection. Not thread-safe.
class Client {
 public:
  Client(std::string server, std::string token, Progress* progress)
      : server_(std::move(server)), token_(std::move(token)), progress_(progress), curl_(curl_easy_init()) {
    while (!server_.empty() && server_.back() == '/') server_.pop_back();
  }
  ~Client() { curl_easy_cleanup(curl_); }
  bool ok() const { return curl_ != nullptr; }

  // `method` `path` (or an absolute URL) with `headers` and `body`. While
  // `sending` is set, progress is reported for it.
  Answer Call(const std::string& method, const std::string& path, std::vector<std::string> headers,
              std::string_view body = {}, const std::string& sending = "", std::uint64_t base = 0,
              std::uint64_t total = 0) {
    Answer a;
    curl_easy_reset(curl_);
    const std::string url = path.rfind("http", 0) == 0 ? path : server_ + path;
    curl_easy_setopt(curl_, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl_, CURLOPT_CUSTOMREQUEST, method.c_str());
    if (method == "HEAD") curl_easy_setopt(curl_, CURLOPT_NOBODY, 1L);
    if (method == "POST" || method == "PATCH") {
      // Sent from the caller's bytes as they are (not copied); never a null
      // pointer, which would make the library read the body from stdin.
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDS, body.empty() ? "" : body.data());
      curl_easy_setopt(curl_, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    }
    headers.push_back("Authorization: Bearer " + token_);
    headers.push_back("Expect:");  // no 100-continue round trip
    curl_slist* list = nullptr;
    for (const std::string& h : headers) list = curl_slist_append(list, h.c_str());
    curl_easy_setopt(curl_, CURLOPT_HTTPHEADER, list);
    curl_easy_setopt(curl_, CURLOPT_CONNECTTIMEOUT, 20L);
    // A stalled transfer (under 1 byte/s for 60 s) is given up and retried.
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(curl_, CURLOPT_LOW_SPEED_TIME, 60L);
    curl_easy_setopt(curl_, CURLOPT_WRITEFUNCTION, &Client::OnBody);
    curl_easy_setopt(curl_, CURLOPT_WRITEDATA, &a.body);
    curl_easy_setopt(curl_, CURLOPT_HEADERFUNCTION, &Client::OnHeader);
    curl_easy_setopt(curl_, CURLOPT_HEADERDATA, &a.headers);
    Sending state{this, sending, base, total};
    curl_easy_setopt(curl_, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(curl_, CURLOPT_XFERINFOFUNCTION, &Client::OnProgress);
    curl_easy_setopt(curl_, CURLOPT_XFERINFODATA, &state);
    CURLcode rc = curl_easy_perform(curl_);
    curl_slist_free_all(list);
    if (rc != CURLE_OK) {
      a.error = Interrupted() ? "interrupted" : curl_easy_strerror(rc);
      return a;
    }
    curl_easy_getinfo(curl_, CURLINFO_RESPONSE_CODE, &a.status);
    return a;
  }

 private:
  struct Sending {
    Client* client;
    std::string path;
    std::uint64_t base, total;
  };
  static size_t OnBody(char* data, size_t size, size_t n, void* out) {
    static_cast<std::string*>(out)->append(data, size * n);
    return size * n;
  }
  static size_t OnHeader(char* data, size_t size, size_t n, void* out) {
    std::string line(data, size * n);
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string value = line.substr(colon + 1);
      while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
      (*static_cast<std::map<std::string, std::string>*>(out))[name] = value;
    }
    return size * n;
  }
  // Stops the transfer once interrupted; shows how far the file is sent.
  static int OnProgress(void* p, curl_off_t, curl_off_t, curl_off_t, curl_off_t sent) {
    auto* s = static_cast<Sending*>(p);
    if (Interrupted()) return 1;
    if (!s->path.empty()) s->client->progress_->Sending(s->path, s->base + static_cast<std::uint64_t>(sent), s->total);
    return 0;
  }

  std::string server_, token_;
  Progress* progress_;
  CURL* curl_;
};

// A SHA-256 given in hex as Upload-Checksum's value: the base64 of its 32 bytes.
std::string ChecksumOfHex(const std::string& hex) {
  std::string raw;
  for (std::size_t i = 0; i < hex.size(); i += 2) raw += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
  return "sha256 " + base::Base64Encode(raw);
}

// The Upload-Checksum of `bytes`.
std::string ChecksumOf(std::string_view bytes) { return ChecksumOfHex(media::Sha256Hex(bytes.data(), bytes.size())); }

// The whole file at `path` into `*out`, read straight into it. `*out` keeps
// its memory from one file to the next: a photo's bytes are copied once, by
// the read, and a fresh block is not faulted in page by page for each file.
media::Status ReadInto(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return media::Status::IOError("cannot open " + path);
  const std::streamoff size = in.tellg();
  if (size < 0) return media::Status::IOError("cannot read " + path);
  out->resize(static_cast<std::size_t>(size));
  in.seekg(0);
  if (size > 0 && !in.read(out->data(), size)) return media::Status::IOError("cannot read " + path);
  return media::Status::OK();
}

// Where the uploads in progress are remembered.
std::string DefaultStateFile() {
  const char* xdg = std::getenv("XDG_CONFIG_HOME");
  if (xdg && *xdg) return std::string(xdg) + "/gallery/uploads.json";
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + "/.config/gallery/uploads.json";
}

// The uploads begun and not finished: {"<server> <sha256> <album> <meeting>
// <credit>": "<upload URL>"}, written whole (temporary, rename) at each change.
class StateFile {
 public:
  explicit StateFile(std::string path) : path_(std::move(path)) {
    std::ifstream in(path_);
    if (in) state_ = json::parse(in, nullptr, false);
    if (!state_.is_object()) state_ = json::object();
  }
  std::string Find(const std::string& key) const {
    auto it = state_.find(key);
    return it != state_.end() && it->is_string() ? it->get<std::string>() : "";
  }
  void Set(const std::string& key, const std::string& url) {
    if (url.empty()) state_.erase(key);
    else state_[key] = url;
    Save();
  }

 private:
  void Save() {
    auto* fs = media::DefaultFileSystem();
    fs->CreateDirs(base::ParentDir(path_));
    base::Status s = base::WriteFileDurably(fs, path_ + ".tmp", path_, state_.dump(1), {base::ParentDir(path_)});
    if (!s.ok()) std::fprintf(stderr, "gallery upload: cannot save %s: %s\n", path_.c_str(), s.message().c_str());
  }
  std::string path_;
  json state_;
};

// Each file's SHA-256, made on a thread of its own in the files' order,
// ahead of the sending: the hash of the next files is made while the
// current one is sent (and while the server takes it), not all of them
// before the first byte leaves.
class Hasher {
 public:
  struct Hash {
    bool done = false;
    std::string sha256;   // hex, when it could be made
    std::string failure;  // why not ("interrupted": the run stopped first)
  };
  explicit Hasher(const std::vector<std::string>& files)
      : files_(files), hashes_(files.size()), thread_([this] { Run(); }) {}
  ~Hasher() {
    stop_ = true;
    thread_.join();
  }
  // File `i`'s hash, once it is made.
  Hash Get(std::size_t i) {
    std::unique_lock<std::mutex> l(mu_);
    done_.wait(l, [&] { return hashes_[i].done; });
    return hashes_[i];
  }
  // How many files (from the first) are hashed by now.
  std::size_t Ready() {
    std::lock_guard<std::mutex> l(mu_);
    return ready_;
  }
  // Stops hashing: the files not hashed yet are "interrupted".
  void Stop() { stop_ = true; }

 private:
  void Run() {
    std::size_t i = 0;
    for (; i < files_.size() && !stop_ && !Interrupted(); ++i) {
      Hash h = Of(files_[i]);
      std::lock_guard<std::mutex> l(mu_);
      hashes_[i] = std::move(h);
      hashes_[i].done = true;
      ready_ = i + 1;
      done_.notify_all();
    }
    std::lock_guard<std::mutex> l(mu_);
    for (; i < files_.size(); ++i) hashes_[i] = {true, "", "interrupted"};
    ready_ = files_.size();
    done_.notify_all();
  }
  static Hash Of(const std::string& path) {
    std::error_code ec;
    auto size = fs::file_size(path, ec);
    if (ec) return {false, "", "cannot read: " + ec.message()};
    if (size > kMaxFileBytes) return {false, "", "too large to be a photo (" + std::to_string(size) + " bytes)"};
    media::Result<std::string> sha = media::Sha256OfFile(path);
    if (!sha.ok()) return {false, "", sha.status().message()};
    return {false, sha.value(), ""};
  }

  const std::vector<std::string>& files_;
  std::mutex mu_;
  std::condition_variable done_;
  std::vector<Hash> hashes_;
  std::size_t ready_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

struct Sent {
  std::int64_t photo_id = 0;
  bool duplicate = false;
  std::string failure;  // "" when it worked
  bool credentials_refused = false;  // 401/403: the run stops
};

class Uploader {
 public:
  Uploader(const UploadArgs& args, Client* client, StateFile* state, Progress* progress)
      : args_(args), client_(client), state_(state), progress_(progress) {}

  // The photos among `hashes` the archive already has, by SHA-256; a
  // failure leaves the rest to be sent (the server recognises them again).
  std::map<std::string, std::int64_t> Lookup(const std::vector<std::string>& hashes) {
    std::map<std::string, std::int64_t> known;
    lookup_error_.clear();
    for (std::size_t at = 0; at < hashes.size() && !Interrupted(); at += kLookupBatch) {
      json body = {{"sha256", json::array()}};
      for (std::size_t i = at; i < std::min(hashes.size(), at + kLookupBatch); ++i) body["sha256"].push_back(hashes[i]);
      Answer a = client_->Call("POST", "/api/photos/lookup", {"Content-Type: application/json"}, body.dump());
      if (a.status != 200) {
        lookup_error_ = a.status == 0 ? a.error : a.Message();
        if (a.status == 401 || a.status == 403) return known;
        continue;
      }
      json j = json::parse(a.body, nullptr, false);
      if (!j.is_object() || !j["known"].is_array()) continue;
      for (const json& k : j["known"]) known[k.value("sha256", "")] = k.value("id", std::int64_t{0});
    }
    return known;
  }
  const std::string& lookup_error() const { return lookup_error_; }

  // A file the server has already: an upload begun for it in an earlier run
  // is ended on the server (its bytes no longer count against the quota)
  // and forgotten.
  void Forget(const std::string& sha256) {
    const std::string key = Key(sha256);
    const std::string url = state_->Find(key);
    if (url.empty()) return;
    Answer ended = client_->Call("DELETE", url, {"Tus-Resumable: 1.0.0"});
    if (ended.status == 204 || ended.status == 404) state_->Set(key, "");
  }

  Sent Send(const std::string& path, const std::string& bytes, const std::string& sha256) {
    const std::string key = Key(sha256);
    std::string url = state_->Find(key);
    std::uint64_t offset = 0;
    if (!url.empty()) {
      Answer head = client_->Call("HEAD", url, {"Tus-Resumable: 1.0.0"});
      if (head.status == 200 && !head.Header("upload-photo").empty()) {
        state_->Set(key, "");
        return {std::stoll(head.Header("upload-photo")), false, ""};
      }
      if (head.status == 200) {
        offset = std::stoull(head.Header("upload-offset").empty() ? "0" : head.Header("upload-offset"));
      } else if (head.status == 0) {
        return {0, false, head.error};
      } else if (head.Refused()) {
        return {0, false, head.RefusalReason(), true};
      } else {
        url.clear();  // gone (expired, removed): begin again
      }
    }
    std::string meta;
    if (url.empty()) {
      meta = "filename " + base::Base64Encode(fs::path(path).filename().string());
      if (!args_.album.empty()) meta += ",album " + base::Base64Encode(args_.album);
      if (!args_.meeting.empty()) meta += ",meeting " + base::Base64Encode(args_.meeting);
      if (!args_.credit.empty()) meta += ",credit " + base::Base64Encode(args_.credit);
    }
    for (int attempt = 0; attempt < kMaxAttempts;) {
      if (Interrupted()) return {0, false, "interrupted"};
      const std::size_t n = std::min<std::size_t>(args_.chunk_bytes, bytes.size() - offset);
      const std::string_view chunk(bytes.data() + offset, n);
      // A chunk that is the whole file has the file's own hash, known already.
      const std::string checksum =
          offset == 0 && n == bytes.size() ? ChecksumOfHex(sha256) : ChecksumOf(chunk);
      std::vector<std::string> headers = {"Tus-Resumable: 1.0.0", "Content-Type: application/offset+octet-stream",
                                          "Upload-Checksum: " + checksum};
      Answer a;
      const bool creating = url.empty();
      if (creating) {
        // The first chunk goes with the creation (creation-with-upload): one
        // request less per file, and a file that fits in one chunk is sent
        // and ingested in one request, as POST /api/photos would.
        headers.push_back("Upload-Length: " + std::to_string(bytes.size()));
        headers.push_back("Upload-Metadata: " + meta);
        a = client_->Call("POST", "/api/uploads", headers, chunk, path, 0, bytes.size());
        if (!a.Header("location").empty()) {
          url = a.Header("location");
          state_->Set(key, url);
        } else if (a.status == 201) {
          return {0, false, "the server named no upload address"};
        }
      } else {
        headers.push_back("Upload-Offset: " + std::to_string(offset));
        a = client_->Call("PATCH", url, headers, chunk, path, offset, bytes.size());
      }
      const std::string at = a.Header("upload-offset");
      // Taken, the file not whole yet: a PATCH's 204, or a creation's 201
      // whose offset is short of the length.
      if (a.status == 204 || (creating && a.status == 201 && !at.empty() && std::stoull(at) < bytes.size())) {
        offset = std::stoull(at.empty() ? "0" : at);
        attempt = 0;
        continue;
      }
      if (a.status == 200 || a.status == 201) {
        state_->Set(key, "");
        json photo = json::parse(a.body, nullptr, false);
        return {photo.is_object() ? photo.value("id", std::int64_t{0}) : 0, a.status == 200, ""};
      }
      if (Interrupted()) return {0, false, "interrupted"};
      // Refused for the credentials (revoked in the middle of the file): the
      // begun upload is kept in the state file, the account's to finish.
      if (a.Refused()) return {0, false, a.RefusalReason(), true};
      const bool retry = a.status == 0 || a.status == 409 || a.status == 460 || a.status == 503 || a.status >= 500;
      if (!retry) {
        if (a.status == 404 || creating) state_->Set(key, "");
        return {0, false, a.Message()};
      }
      // Lost, refused for its offset or its checksum, or the server was
      // busy: wait (1, 2, 4, ... s) and go on from the server's offset (or
      // create again, when no upload was made).
      ++attempt;
      for (int i = 0; i < (1 << std::min(attempt - 1, 4)) * 10 && !Interrupted(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      if (url.empty()) continue;
      Answer head = client_->Call("HEAD", url, {"Tus-Resumable: 1.0.0"});
      if (head.status == 200 && !head.Header("upload-photo").empty()) {
        state_->Set(key, "");
        return {std::stoll(head.Header("upload-photo")), false, ""};
      }
      if (head.status == 200) offset = std::stoull(head.Header("upload-offset"));
      else if (head.Refused()) return {0, false, head.RefusalReason(), true};
      else if (head.status != 0) return {0, false, head.Message()};
    }
    return {0, false, "gave up after " + std::to_string(kMaxAttempts) + " tries (the upload goes on next time)"};
  }

 private:
  const UploadArgs& args_;
  Client* client_;
  // A file's entry in the state file: the same file sent to the same place.
  std::string Key(const std::string& sha256) const {
    return args_.server + " " + sha256 + " " + args_.album + " " + args_.meeting + " " + args_.credit;
  }

  StateFile* state_;
  Progress* progress_;
  std::string lookup_error_;
};

std::string ReadToken(const UploadArgs& a) {
  std::string token;
  if (!a.token_file.empty()) {
    auto read = media::DefaultFileSystem()->ReadFile(a.token_file);
    if (!read.ok()) Fail("--token-file", read.status());
    token = *read;
  } else if (const char* env = std::getenv("GALLERY_TOKEN")) {
    token = env;
  }
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
  if (token.empty()) {
    Fail("gallery upload", media::Status::InvalidArgument(
                               "no token: put it in a file named by --token-file, or in GALLERY_TOKEN"));
  }
  return token;
}

void RunUpload(const UploadArgs& a) {
  if (a.server.rfind("http://", 0) != 0 && a.server.rfind("https://", 0) != 0) {
    Fail("--server", media::Status::InvalidArgument("must be the archive's address, http://HOST[:PORT]"));
  }
  const std::string token = ReadToken(a);
  std::vector<Failure> setup_failures;
  std::vector<std::string> files = CollectFiles(a.paths, &setup_failures);

  CatchInterrupts();

  curl_global_init(CURL_GLOBAL_DEFAULT);
  Progress progress(files.size(), isatty(STDOUT_FILENO));
  Client client(a.server, token, &progress);
  if (!client.ok()) Fail("gallery upload", media::Status::IOError("the HTTP client cannot start"));
  StateFile state(a.state_file.empty() ? DefaultStateFile() : a.state_file);
  // No chunk larger than the server takes in one request (its OPTIONS answer's
  // Upload-Max-Chunk-Size): a larger one would be refused whole.
  // Without --chunk-bytes, chunks are that large: the fewer requests, the
  // fewer round trips and fsyncs per file (a cut still resends at most one).
  UploadArgs args = a;
  Answer options = client.Call("OPTIONS", "/api/uploads", {"Tus-Resumable: 1.0.0"});
  const std::string bound = options.Header("upload-max-chunk-size");
  std::size_t server_bound = 0;
  if (options.status == 204 && !bound.empty() && bound.size() < 19 &&
      bound.find_first_not_of("0123456789") == std::string::npos) {
    server_bound = std::stoull(bound);
  }
  if (args.chunk_bytes == 0) args.chunk_bytes = server_bound > 0 ? server_bound : kDefaultChunkBytes;
  if (server_bound > 0) args.chunk_bytes = std::min<std::size_t>(args.chunk_bytes, server_bound);
  Uploader uploader(args, &client, &state, &progress);

  // The hashes are made ahead on their own thread; before a file is sent,
  // the server is asked about every file hashed by then that it was not
  // asked about yet (one request for many files: the hashing runs ahead of
  // the sending). A file is read once more to be sent, from the page cache.
  Hasher hasher(files);
  std::map<std::string, std::int64_t> known;
  std::size_t asked = 0;  // files [0, asked) asked about
  bool told_lookup = false;
  std::size_t not_attempted = 0;
  bool refused = false;  // the credentials were refused: nothing more is sent
  std::string bytes;  // each file in turn, in one buffer
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (Interrupted() || refused) {
      hasher.Stop();
      ++not_attempted;
      continue;
    }
    const Hasher::Hash hash = hasher.Get(i);
    if (hash.failure == "interrupted") {
      ++not_attempted;
      continue;
    }
    if (!hash.failure.empty()) {
      progress.Failed(files[i], hash.failure);
      continue;
    }
    if (i >= asked) {
      const std::size_t ready = std::max(hasher.Ready(), i + 1);
      std::vector<std::string> to_ask;
      for (std::size_t j = i; j < ready; ++j) {
        const Hasher::Hash h = hasher.Get(j);
        if (h.failure.empty()) to_ask.push_back(h.sha256);
      }
      auto found = uploader.Lookup(to_ask);
      known.insert(found.begin(), found.end());
      asked = ready;
      if (!uploader.lookup_error().empty() && found.empty() && !told_lookup) {
        told_lookup = true;
        std::fprintf(stderr, "gallery upload: the lookup failed (%s); sending the files it was to ask about\n",
                     uploader.lookup_error().c_str());
      }
    }
    auto it = known.find(hash.sha256);
    if (it != known.end()) {
      uploader.Forget(hash.sha256);
      progress.Imported(files[i], it->second, true);
      continue;
    }
    media::Status read = ReadInto(files[i], &bytes);
    if (!read.ok()) {
      progress.Failed(files[i], read.message());
      continue;
    }
    Sent sent = uploader.Send(files[i], bytes, hash.sha256);
    if (sent.failure == "interrupted") {
      ++not_attempted;
    } else if (!sent.failure.empty()) {
      progress.Failed(files[i], sent.failure);
      if (sent.credentials_refused) {
        refused = true;
        std::fprintf(stderr, "gallery upload: %s: %s\n", files[i].c_str(), sent.failure.c_str());
      }
    } else {
      progress.Imported(files[i], sent.photo_id, sent.duplicate);
    }
  }
  std::size_t failed = progress.Summary(setup_failures, not_attempted);
  curl_global_cleanup();
  if (Interrupted()) throw CLI::RuntimeError(130);
  if (failed > 0) throw CLI::RuntimeError(kExitSomeFailed);
}

}  // namespace

void AddUploadCommand(CLI::App& app) {
  auto args = std::make_shared<UploadArgs>();
  CLI::App* cmd = app.add_subcommand(
      "upload", "Send photos from files and folders (recursively) to a running archive, resumably");
  cmd->add_option("paths", args->paths, "Files and folders to send")->required();
  cmd->add_option("--server", args->server, "The archive's address (http://HOST[:PORT])")->required();
  cmd->add_option("--token-file", args->token_file,
                  "A file holding an editor's API token (else the GALLERY_TOKEN environment variable)");
  cmd->add_option("--album", args->album, "Album to add the photos to (slug)");
  cmd->add_option("--meeting", args->meeting, "Meeting the photos belong to (slug)");
  cmd->add_option("--credit", args->credit, "Credit line for photos that carry none");
  cmd->add_option("--chunk-bytes", args->chunk_bytes,
                  "Bytes sent per request; a cut resends at most one (default: the most the server takes in one "
                  "request, as its OPTIONS answer says, else 8 MiB)")
      ->check(CLI::Range(std::size_t{1} << 10, std::size_t{1} << 30));
  cmd->add_option("--state-file", args->state_file,
                  "Where uploads in progress are remembered (default: $XDG_CONFIG_HOME/gallery/uploads.json, "
                  "else ~/.config/gallery/uploads.json)");
  cmd->callback([args] { RunUpload(*args); });
}

}  // namespace gallery::cli
