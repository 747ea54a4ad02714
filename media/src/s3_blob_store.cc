// The blob store on S3-compatible object storage, over libcurl. One easy
// handle per request, so any number of threads may call at once.
#include "media/s3_blob_store.h"

#include <curl/curl.h>
#include <openssl/evp.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <cctype>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "base/base64.h"
#include "media/sha256.h"

namespace media {
namespace {

constexpr std::size_t kMaxErrorBody = 64 * 1024;

std::string AmzDateNow() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char out[32];
  std::strftime(out, sizeof out, "%Y%m%dT%H%M%SZ", &tm);
  return out;
}

std::string Md5Base64(std::string_view bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &size, EVP_md5(), nullptr);
  return base::Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), size));
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string XmlUnescape(std::string s) {
  static const std::pair<const char*, const char*> kEntities[] = {
      {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : kEntities) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) {
      s.replace(at, std::strlen(from), to);
    }
  }
  return s;
}

// The text of every <tag>...</tag> in `xml`, in order (the gateway's answers
// are flat enough for this: no element we read nests in one of the same name).
std::vector<std::string> XmlAll(const std::string& xml, const std::string& tag) {
  std::vector<std::string> out;
  const std::string open = "<" + tag + ">", close = "</" + tag + ">";
  for (std::size_t at = xml.find(open); at != std::string::npos; at = xml.find(open, at)) {
    at += open.size();
    std::size_t end = xml.find(close, at);
    if (end == std::string::npos) break;
    out.push_back(XmlUnescape(xml.substr(at, end - at)));
    at = end + close.size();
  }
  return out;
}

std::string XmlFirst(const std::string& xml, const std::string& tag) {
  auto all = XmlAll(xml, tag);
  return all.empty() ? std::string() : all.front();
}

void InitCurlOnce() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct Response {
  long status = 0;
  std::string body;                            // whole, or the error's (bounded)
  std::map<std::string, std::string> headers;  // lower-case names
};

struct Transfer {
  CURL* curl = nullptr;
  const ByteSink* sink = nullptr;  // 2xx bodies go here when set
  Response* response = nullptr;
  bool sink_stopped = false;
  std::uint64_t sunk = 0;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  long status = 0;
  curl_easy_getinfo(t->curl, CURLINFO_RESPONSE_CODE, &status);
  if (t->sink && status >= 200 && status < 300) {
    if (!(*t->sink)(std::string_view(data, n))) {
      t->sink_stopped = true;
      return 0;  // aborts the transfer
    }
    t->sunk += n;
    return n;
  }
  std::string& body = t->response->body;
  if (t->sink && body.size() + n > kMaxErrorBody) return n;  // an error's body, kept short
  body.append(data, n);
  return n;
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* t = static_cast<Transfer*>(user);
  const size_t n = size * count;
  std::string line(data, n);
  if (line.compare(0, 5, "HTTP/") == 0) t->response->headers.clear();  // a new answer (after 100)
  std::size_t colon = line.find(':');
  if (colon != std::string::npos) {
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(" \t"));
    while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
    t->response->headers[Lower(line.substr(0, colon))] = value;
  }
  return n;
}

struct Request {
  std::string method;
  std::string key;  // full key in the bucket ("" for the bucket itself)
  std::vector<std::pair<std::string, std::string>> query;
  std::vector<std::pair<std::string, std::string>> headers;  // signed too
  std::string_view body;
  bool has_body = false;
  const ByteSink* sink = nullptr;
};

class S3BlobStore : public BlobStore {
 public:
  S3BlobStore(S3Location location, std::string key_prefix)
      : loc_(std::move(location)), key_prefix_(loc_.prefix + key_prefix) {
    std::string rest = loc_.endpoint.substr(loc_.endpoint.find("://") + 3);
    host_ = rest.substr(0, rest.find('/'));
  }

  Status Put(const std::string& key, std::string_view bytes) override;
  Result<std::string> Get(const std::string& key) const override;
  Status GetRange(const std::string& key, std::uint64_t offset, std::uint64_t length,
                  const ByteSink& sink) const override;
  Result<std::uint64_t> Size(const std::string& key) const override;
  Status Remove(const std::string& key) override;
  Result<std::vector<std::string>> List(const std::string& prefix) const override;
  Result<std::vector<std::string>> ListLeftovers(const std::string& prefix) const override;
  Status RemoveLeftovers(const std::string& prefix) override;
  std::string Describe(const std::string& key) const override {
    return "s3://" + loc_.bucket + "/" + key_prefix_ + key;
  }
  bool SharedAcrossMachines() const override { return true; }

  Status EnsureBucket();

 private:
  Result<Response> Call(const Request& req) const;
  Status PutMultipart(const std::string& full_key, std::string_view bytes);
  // A status for an answer that is not the one hoped for.
  Status Refusal(const std::string& what, const Response& r) const;

  S3Location loc_;
  std::string key_prefix_;
  std::string host_;
};

Result<Response> S3BlobStore::Call(const Request& req) const {
  InitCurlOnce();
  const std::string payload_sha256 =
      req.has_body ? Sha256Hex(req.body.data(), req.body.size()) : std::string(kSigV4EmptySha256);
  SigV4Request sr;
  sr.method = req.method;
  sr.path = "/" + loc_.bucket + (req.key.empty() ? "" : "/" + req.key);
  sr.query = req.query;
  sr.headers = req.headers;
  const std::string amz_date = AmzDateNow();
  sr.headers.emplace_back("host", host_);
  sr.headers.emplace_back("x-amz-date", amz_date);
  sr.headers.emplace_back("x-amz-content-sha256", payload_sha256);
  sr.payload_sha256 = payload_sha256;
  const SigV4Signature sig = SignV4(sr, loc_.key, {amz_date, loc_.region, "s3"});

  std::string url = loc_.endpoint + SigV4CanonicalUri(sr.path);
  const std::string query = SigV4CanonicalQuery(req.query);
  if (!query.empty()) url += "?" + query;

  CURL* curl = curl_easy_init();
  if (!curl) return Status::IOError("cannot start a request to the object store");
  Response response;
  Transfer t;
  t.curl = curl;
  t.sink = req.sink;
  t.response = &response;
  curl_slist* headers = nullptr;
  for (const auto& [name, value] : sr.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
  headers = curl_slist_append(headers, ("Authorization: " + sig.authorization).c_str());
  headers = curl_slist_append(headers, "Expect:");
  if (req.has_body) headers = curl_slist_append(headers, "Content-Type: application/octet-stream");
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, loc_.connect_timeout_ms);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT, loc_.request_timeout_s);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, loc_.stall_timeout_s);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &t);
  if (req.method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (req.method != "GET") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  }
  if (req.has_body || req.method == "PUT" || req.method == "POST") {
    // Even an empty body is sent as one, with its length.
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req.body.empty() ? "" : req.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(req.body.size()));
  }
  char error[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  if (t.sink_stopped) return Status::IOError("the reader of " + Describe(req.key) + " stopped");
  if (rc != CURLE_OK) {
    return Status::Busy("the object store at " + loc_.endpoint + " cannot be reached (" +
                        (error[0] ? std::string(error) : std::string(curl_easy_strerror(rc))) + ")");
  }
  return response;
}

Status S3BlobStore::Refusal(const std::string& what, const Response& r) const {
  const std::string code = XmlFirst(r.body, "Code");
  const std::string detail = what + ": the object store answered " + std::to_string(r.status) +
                             (code.empty() ? "" : " " + code);
  if (r.status == 404) return Status::NotFound(detail);
  if (r.status == 503 || r.status == 500 || r.status == 502 || r.status == 504 || code == "SlowDown") {
    return Status::Busy(detail);
  }
  if (r.status == 507 || code == "QuotaExceeded") return Status::NoSpace(detail);
  return Status::IOError(detail);
}

Status S3BlobStore::EnsureBucket() {
  auto head = Call({"HEAD", "", {}, {}, {}, false, nullptr});
  if (!head.ok()) return head.status();
  if (head->status == 200) return Status::OK();
  if (head->status != 404) return Refusal("bucket " + loc_.bucket, *head);
  auto made = Call({"PUT", "", {}, {}, {}, false, nullptr});
  if (!made.ok()) return made.status();
  if (made->status != 200 && XmlFirst(made->body, "Code") != "BucketAlreadyOwnedByYou") {
    return Refusal("cannot create bucket " + loc_.bucket, *made);
  }
  return Status::OK();
}

Status S3BlobStore::Put(const std::string& key, std::string_view bytes) {
  const std::string full = key_prefix_ + key;
  if (bytes.size() > loc_.multipart_threshold) return PutMultipart(full, bytes);
  Request req{"PUT", full, {}, {{"content-md5", Md5Base64(bytes)}}, bytes, true, nullptr};
  auto r = Call(req);
  if (!r.ok()) return r.status();
  if (r->status != 200) return Refusal("cannot store " + Describe(key), *r);
  return Status::OK();
}

Status S3BlobStore::PutMultipart(const std::string& full_key, std::string_view bytes) {
  const std::string what = "s3://" + loc_.bucket + "/" + full_key;
  auto begun = Call({"POST", full_key, {{"uploads", ""}}, {}, {}, false, nullptr});
  if (!begun.ok()) return begun.status();
  if (begun->status != 200) return Refusal("cannot begin storing " + what, *begun);
  const std::string upload_id = XmlFirst(begun->body, "UploadId");
  if (upload_id.empty()) return Status::IOError("cannot begin storing " + what + ": no upload id");
  auto abort = [&](Status why) {
    Call({"DELETE", full_key, {{"uploadId", upload_id}}, {}, {}, false, nullptr});
    return why;
  };
  std::string complete = "<CompleteMultipartUpload>";
  int number = 0;
  for (std::uint64_t at = 0; at < bytes.size(); at += loc_.part_size) {
    ++number;
    std::string_view part = bytes.substr(at, loc_.part_size);
    Request req{"PUT", full_key, {{"partNumber", std::to_string(number)}, {"uploadId", upload_id}},
                {{"content-md5", Md5Base64(part)}}, part, true, nullptr};
    auto r = Call(req);
    if (!r.ok()) return abort(r.status());
    if (r->status != 200) return abort(Refusal("cannot store part " + std::to_string(number) + " of " + what, *r));
    complete += "<Part><PartNumber>" + std::to_string(number) + "</PartNumber><ETag>" + r->headers["etag"] +
                "</ETag></Part>";
  }
  complete += "</CompleteMultipartUpload>";
  Request done{"POST", full_key, {{"uploadId", upload_id}}, {{"content-md5", Md5Base64(complete)}}, complete,
               true, nullptr};
  auto r = Call(done);
  if (!r.ok()) return abort(r.status());
  // An error may come with 200 once the answer has begun: look at the body.
  if (r->status != 200 || r->body.find("<Error>") != std::string::npos) {
    return abort(Refusal("cannot complete storing " + what, *r));
  }
  // The completion's answer may carry no ETag (some gateways): the size is
  // checked instead.
  auto head = Call({"HEAD", full_key, {}, {}, {}, false, nullptr});
  if (!head.ok()) return head.status();
  if (head->status != 200) return Refusal("cannot check " + what, *head);
  if (head->headers["content-length"] != std::to_string(bytes.size())) {
    return Status::IOError(what + " holds " + head->headers["content-length"] + " bytes, not " +
                           std::to_string(bytes.size()));
  }
  return Status::OK();
}

Result<std::string> S3BlobStore::Get(const std::string& key) const {
  auto r = Call({"GET", key_prefix_ + key, {}, {}, {}, false, nullptr});
  if (!r.ok()) return r.status();
  if (r->status != 200) return Refusal("cannot read " + Describe(key), *r);
  return std::move(r->body);
}

Status S3BlobStore::GetRange(const std::string& key, std::uint64_t offset, std::uint64_t length,
                             const ByteSink& sink) const {
  if (length == 0) {
    auto size = Size(key);
    if (!size.ok()) return size.status();
    if (offset > *size) return Status::InvalidArgument("byte " + std::to_string(offset) + " is not inside " + Describe(key));
    return Status::OK();
  }
  const std::string range = "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + length - 1);
  Request req{"GET", key_prefix_ + key, {}, {{"range", range}}, {}, false, &sink};
  std::uint64_t sent = 0;
  ByteSink counting = [&](std::string_view piece) {
    if (piece.size() > length - sent) return false;  // more than asked: refused
    sent += piece.size();
    return sink(piece);
  };
  req.sink = &counting;
  auto r = Call(req);
  if (!r.ok()) return r.status();
  if (r->status == 416) {
    return Status::InvalidArgument("bytes " + std::to_string(offset) + "+" + std::to_string(length) +
                                   " are not inside " + Describe(key));
  }
  if (r->status != 206) return Refusal("cannot read " + Describe(key), *r);
  if (sent != length) {
    return Status::InvalidArgument("bytes " + std::to_string(offset) + "+" + std::to_string(length) +
                                   " are not inside " + Describe(key) + " (" + std::to_string(sent) + " came)");
  }
  return Status::OK();
}

Result<std::uint64_t> S3BlobStore::Size(const std::string& key) const {
  auto r = Call({"HEAD", key_prefix_ + key, {}, {}, {}, false, nullptr});
  if (!r.ok()) return r.status();
  if (r->status != 200) return Refusal("no " + Describe(key), *r);
  const std::string& length = r->headers["content-length"];
  if (length.empty() || length.find_first_not_of("0123456789") != std::string::npos) {
    return Status::IOError("the object store gave no size for " + Describe(key));
  }
  return static_cast<std::uint64_t>(std::stoull(length));
}

Status S3BlobStore::Remove(const std::string& key) {
  auto r = Call({"DELETE", key_prefix_ + key, {}, {}, {}, false, nullptr});
  if (!r.ok()) return r.status();
  if (r->status != 204 && r->status != 200 && r->status != 404) {
    return Refusal("cannot remove " + Describe(key), *r);
  }
  return Status::OK();
}

Result<std::vector<std::string>> S3BlobStore::List(const std::string& prefix) const {
  std::vector<std::string> keys;
  std::string token;
  for (int page = 0; page < 1000000; ++page) {
    Request req{"GET", "", {{"list-type", "2"}, {"prefix", key_prefix_ + prefix}}, {}, {}, false, nullptr};
    if (!token.empty()) req.query.emplace_back("continuation-token", token);
    auto r = Call(req);
    if (!r.ok()) return r.status();
    if (r->status != 200) return Refusal("cannot list s3://" + loc_.bucket + "/" + key_prefix_ + prefix, *r);
    for (std::string& k : XmlAll(r->body, "Key")) keys.push_back(k.substr(key_prefix_.size()));
    token = XmlFirst(r->body, "NextContinuationToken");
    if (XmlFirst(r->body, "IsTruncated") != "true" || token.empty()) break;
  }
  return keys;
}

Result<std::vector<std::string>> S3BlobStore::ListLeftovers(const std::string& prefix) const {
  Request req{"GET", "", {{"uploads", ""}, {"prefix", key_prefix_ + prefix}}, {}, {}, false, nullptr};
  auto r = Call(req);
  if (!r.ok()) return r.status();
  if (r->status != 200) return Refusal("cannot list the unfinished uploads of s3://" + loc_.bucket, *r);
  std::vector<std::string> out;
  for (const std::string& upload : XmlAll(r->body, "Upload")) {
    out.push_back("s3://" + loc_.bucket + "/" + XmlFirst(upload, "Key") + " (upload " +
                  XmlFirst(upload, "UploadId") + ")");
  }
  return out;
}

Status S3BlobStore::RemoveLeftovers(const std::string& prefix) {
  Request req{"GET", "", {{"uploads", ""}, {"prefix", key_prefix_ + prefix}}, {}, {}, false, nullptr};
  auto r = Call(req);
  if (!r.ok()) return r.status();
  if (r->status != 200) return Refusal("cannot list the unfinished uploads of s3://" + loc_.bucket, *r);
  for (const std::string& upload : XmlAll(r->body, "Upload")) {
    auto gone = Call({"DELETE", XmlFirst(upload, "Key"), {{"uploadId", XmlFirst(upload, "UploadId")}}, {}, {},
                      false, nullptr});
    if (!gone.ok()) return gone.status();
    if (gone->status != 204 && gone->status != 200 && gone->status != 404) {
      return Refusal("cannot abort an unfinished upload", *gone);
    }
  }
  return Status::OK();
}

// "a%2Fb" -> "a/b"; nullopt for a broken escape.
std::optional<std::string> PercentDecode(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size() || !std::isxdigit(static_cast<unsigned char>(s[i + 1])) ||
        !std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      return std::nullopt;
    }
    out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
    i += 2;
  }
  return out;
}

bool ValidBucket(const std::string& b) {
  if (b.size() < 3 || b.size() > 63) return false;
  for (unsigned char c : b) {
    if (!(std::islower(c) || std::isdigit(c) || c == '.' || c == '-')) return false;
  }
  return std::isalnum(static_cast<unsigned char>(b.front())) && std::isalnum(static_cast<unsigned char>(b.back()));
}

}  // namespace

Result<S3Location> ParseS3StoreUrl(const std::string& url,
                                   const std::function<const char*(const char*)>& getenv) {
  const std::string usage = " (expected s3://BUCKET?endpoint=http://HOST:PORT&region=REGION)";
  if (url.compare(0, 5, "s3://") != 0) return Status::InvalidArgument("store URL " + url + " is not s3://..." + usage);
  S3Location loc;
  const std::size_t q = url.find('?');
  loc.bucket = url.substr(5, q == std::string::npos ? std::string::npos : q - 5);
  if (!ValidBucket(loc.bucket)) {
    return Status::InvalidArgument("bucket name '" + loc.bucket +
                                   "' must be 3 to 63 of a-z 0-9 . - starting and ending with a letter or digit");
  }
  std::string credentials_file;
  std::string params = q == std::string::npos ? "" : url.substr(q + 1);
  std::stringstream in(params);
  std::string pair;
  while (std::getline(in, pair, '&')) {
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    const std::string name = pair.substr(0, eq);
    auto value = PercentDecode(eq == std::string::npos ? "" : pair.substr(eq + 1));
    if (!value) return Status::InvalidArgument("store URL parameter " + name + " has a broken %-escape");
    if (name == "endpoint") {
      loc.endpoint = *value;
    } else if (name == "region") {
      loc.region = *value;
    } else if (name == "prefix") {
      loc.prefix = *value;
    } else if (name == "credentials") {
      credentials_file = *value;
    } else if (name == "access_key" || name == "secret_key" || name.find("key") != std::string::npos) {
      return Status::InvalidArgument("credentials are never given on the command line: use the environment "
                                     "(GALLERY_S3_ACCESS_KEY, GALLERY_S3_SECRET_KEY) or credentials=FILE");
    } else {
      return Status::InvalidArgument("unknown store URL parameter '" + name + "'" + usage);
    }
  }
  if (loc.endpoint.compare(0, 7, "http://") != 0 && loc.endpoint.compare(0, 8, "https://") != 0) {
    return Status::InvalidArgument("the store URL needs endpoint=http(s)://HOST:PORT" + usage);
  }
  while (!loc.endpoint.empty() && loc.endpoint.back() == '/') loc.endpoint.pop_back();
  if (loc.endpoint.find('/', loc.endpoint.find("://") + 3) != std::string::npos) {
    return Status::InvalidArgument("the endpoint " + loc.endpoint + " must have no path (addressing is path-style)");
  }
  if (loc.region.empty()) return Status::InvalidArgument("the store URL's region is empty" + usage);
  if (!loc.prefix.empty() && loc.prefix.back() != '/') loc.prefix += '/';

  std::map<std::string, std::string> found;
  if (!credentials_file.empty()) {
    std::ifstream file(credentials_file);
    if (!file) return Status::InvalidArgument("cannot read the credentials file " + credentials_file);
    std::string line;
    while (std::getline(file, line)) {
      const std::size_t eq = line.find('=');
      if (eq == std::string::npos || line[0] == '#') continue;
      std::string value = line.substr(eq + 1);
      while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
      found[line.substr(0, eq)] = value;
    }
  } else {
    for (const char* name : {"GALLERY_S3_ACCESS_KEY", "GALLERY_S3_SECRET_KEY", "AWS_ACCESS_KEY_ID",
                             "AWS_SECRET_ACCESS_KEY"}) {
      const char* v = getenv(name);
      if (v && *v) found[name] = v;
    }
  }
  const std::string where = credentials_file.empty() ? "the environment" : credentials_file;
  if (found.count("GALLERY_S3_ACCESS_KEY") || found.count("GALLERY_S3_SECRET_KEY")) {
    loc.key = {found["GALLERY_S3_ACCESS_KEY"], found["GALLERY_S3_SECRET_KEY"]};
  } else {
    loc.key = {found["AWS_ACCESS_KEY_ID"], found["AWS_SECRET_ACCESS_KEY"]};
  }
  if (loc.key.access_key.empty() || loc.key.secret_key.empty()) {
    return Status::InvalidArgument("no object store credentials in " + where +
                                   ": set GALLERY_S3_ACCESS_KEY and GALLERY_S3_SECRET_KEY "
                                   "(or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
  }
  return loc;
}

Result<std::unique_ptr<BlobStore>> OpenS3BlobStore(S3Location location, const std::string& key_prefix) {
  if (location.part_size < (5ull << 20) || location.multipart_threshold < location.part_size) {
    return Status::InvalidArgument("multipart parts must be at least 5 MiB and no larger than the threshold");
  }
  auto store = std::make_unique<S3BlobStore>(std::move(location), key_prefix);
  Status s = store->EnsureBucket();
  if (!s.ok()) return s;
  return std::unique_ptr<BlobStore>(std::move(store));
}

}  // namespace media
