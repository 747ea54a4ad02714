// `gallery serve`: the HTTP server on a data folder, until SIGINT or SIGTERM.
#include <malloc.h>
#include <signal.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <mutex>
#include <thread>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/cli_util.h"
#include "cli/commands.h"
#include "media/upload_store.h"
#include "service/archive.h"
#include "service/first_run.h"
#include "service/worker_pool.h"
#include "thumbnails/pyramid_store.h"
#include "thumbnails/region_cache.h"
#include "http/api.h"
#include "http/metrics.h"
#include "http/metrics_listener.h"
#include "http/route_table.h"
#include "http/server.h"
#include "http/iiif_common.h"
#include "http/web_assets.h"

namespace gallery::cli {

namespace {

struct ServeArgs {
  std::string data;
  std::string bind = "127.0.0.1";
  int port = 8080;
  int threads = 2;
  std::size_t max_upload_bytes = 256u << 20;
  std::uint64_t iiif_cache_bytes = std::uint64_t{256} << 20;
  std::int64_t iiif_pyramid_min_pixels = 4'000'000;
  std::string public_url;
  double header_timeout = 30;   // seconds
  double body_timeout = 900;    // seconds
  int max_connections = 1000;
  int max_connections_per_address = 64;
  std::size_t response_cache_bytes = 64u << 20;
  int workers = 2;
  int queue = 8;
  bool print_routes = false;
  std::string web;  // the gallery pages' folder; "" = the source tree's web/
  std::vector<std::string> trusted_proxies;  // CIDRs whose X-Forwarded-For is believed
  std::string metrics_listen;  // "127.0.0.1:PORT": /metrics there, not on the main port
  std::vector<std::string> embed_origins;  // "ORIGIN[,ORIGIN...]" each; may frame /embed/...
  std::string upload_expiry = "24h";      // resumable uploads: how long one lives
  std::string upload_quota = "20,5G";     // unfinished uploads per account: COUNT,BYTES
  std::size_t max_chunk_bytes = 16u << 20;  // one resumable upload request's body
};

// "90", "90s", "30m", "24h", "7d" in seconds; nullopt when not one of those
// or not above 0.
std::optional<std::int64_t> ParseDuration(const std::string& text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  std::int64_t unit = 1;
  std::string digits = text;
  switch (text.back()) {
    case 's': unit = 1; digits.pop_back(); break;
    case 'm': unit = 60; digits.pop_back(); break;
    case 'h': unit = 3600; digits.pop_back(); break;
    case 'd': unit = 86400; digits.pop_back(); break;
    default: break;
  }
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  std::int64_t n = std::stoll(digits) * unit;
  if (n <= 0 || n > 366LL * 86400) return std::nullopt;
  return n;
}

// "COUNT,BYTES" (BYTES may end in K, M, G or T: powers of 1024) into the
// limits; false when malformed.
bool ParseQuota(const std::string& text, media::UploadLimits* limits) {
  std::size_t comma = text.find(',');
  if (comma == std::string::npos || comma == 0 || comma > 6) return false;
  std::string count = text.substr(0, comma), bytes = text.substr(comma + 1);
  if (count.find_first_not_of("0123456789") != std::string::npos) return false;
  std::uint64_t unit = 1;
  if (!bytes.empty()) {
    switch (bytes.back()) {
      case 'K': unit = 1ull << 10; bytes.pop_back(); break;
      case 'M': unit = 1ull << 20; bytes.pop_back(); break;
      case 'G': unit = 1ull << 30; bytes.pop_back(); break;
      case 'T': unit = 1ull << 40; bytes.pop_back(); break;
      default: break;
    }
  }
  if (bytes.empty() || bytes.size() > 12 || bytes.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  limits->max_open = std::stoi(count);
  limits->max_open_bytes = std::stoull(bytes) * unit;
  return limits->max_open > 0 && limits->max_open_bytes > 0;
}

// Removes expired resumable uploads at start and then every so often (a
// tenth of the expiry, between one second and ten minutes) until stopped.
class UploadSweeper {
 public:
  explicit UploadSweeper(media::UploadStore* store) : store_(store) {
    Sweep();
    const std::int64_t every = std::clamp<std::int64_t>(store->limits().expiry_seconds / 10, 1, 600);
    thread_ = std::thread([this, every] {
      std::unique_lock<std::mutex> lock(mu_);
      while (!stop_) {
        if (stopped_.wait_for(lock, std::chrono::seconds(every), [this] { return stop_; })) break;
        lock.unlock();
        Sweep();
        lock.lock();
      }
    });
  }
  ~UploadSweeper() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    stopped_.notify_all();
    thread_.join();
  }

 private:
  void Sweep() {
    int removed = store_->Sweep(static_cast<std::int64_t>(std::time(nullptr)));
    if (removed > 0) std::cerr << "gallery serve: removed " << removed << " expired uploads\n";
  }
  media::UploadStore* store_;
  std::mutex mu_;
  std::condition_variable stopped_;
  bool stop_ = false;
  std::thread thread_;
};

// One line per route of the table: "GET /api/photos/{id}".
void PrintRoutes() {
  for (const http::RouteSpec& route : http::RouteTable()) {
    std::cout << route.method << " " << route.pattern << "\n";
  }
}

// Blocks the stop signals in this thread (and every thread started after),
// so they can be awaited with sigwait.
sigset_t BlockStopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

int Serve(const ServeArgs& args, std::vector<std::string> embed_origins) {
  sigset_t stop = BlockStopSignals();
  auto archive = Archive::Open(DataDirOf(args.data));
  if (!archive.ok()) {
    std::cerr << "gallery serve: cannot open " << args.data << ": " << archive.status().ToString() << "\n";
    return 1;
  }
  WorkerPool workers(args.workers, static_cast<std::size_t>(args.queue));
  http::Metrics metrics([&workers] { return workers.queue_depth(); });
  auto cursor_key = http::SharedCursorKey((*archive)->catalog(), DataDir(args.data).cursor_key_path());
  if (!cursor_key.ok()) {
    std::cerr << "gallery serve: " << cursor_key.status().ToString() << "\n";
    return 1;
  }
  media::UploadLimits upload_limits;
  auto expiry = ParseDuration(args.upload_expiry);
  if (!expiry || !ParseQuota(args.upload_quota, &upload_limits)) {
    std::cerr << "gallery serve: --upload-expiry takes SECONDS or a number ending in s, m, h or d (at most "
                 "366 days); --upload-quota takes COUNT,BYTES (BYTES may end in K, M, G or T)\n";
    return 2;
  }
  upload_limits.expiry_seconds = *expiry;
  media::UploadStore uploads(DataDir(args.data).uploads_dir(), upload_limits);
  if (media::Status opened = uploads.Open(); !opened.ok()) {
    std::cerr << "gallery serve: " << opened.ToString() << "\n";
    return 1;
  }
  UploadSweeper sweeper(&uploads);
  auto first_run = FirstRun::ForCatalog((*archive)->catalog());
  if (!first_run.ok()) {
    std::cerr << "gallery serve: " << first_run.status().ToString() << "\n";
    return 1;
  }
  http::ApiContext context;
  context.first_run = first_run->get();
  context.archive = archive->get();
  context.uploads = &uploads;
  context.cursor_key = *cursor_key;
  context.metrics = &metrics;
  context.max_upload_bytes = args.max_upload_bytes;
  context.max_chunk_bytes = args.max_chunk_bytes;
  thumbnails::RegionCache iiif_cache((*archive)->dir().iiif_cache_dir(), args.iiif_cache_bytes);
  context.iiif_cache = &iiif_cache;
  thumbnails::PyramidStore pyramids((*archive)->dir().pyramids_dir());
  context.pyramids = args.iiif_pyramid_min_pixels >= 0 ? &pyramids : nullptr;
  context.pyramid_min_pixels = args.iiif_pyramid_min_pixels;
  context.public_url = args.public_url;
  context.web_dir = args.web;
  context.embed_origins = std::move(embed_origins);
  std::vector<http::IpNetwork> proxies;
  for (const std::string& cidr : args.trusted_proxies) {
    auto network = http::IpNetwork::Parse(cidr);
    if (!network.ok()) {
      std::cerr << "gallery serve: " << network.status().message() << "\n";
      return 2;
    }
    proxies.push_back(*network);
  }
  context.trusted_proxies = http::TrustedProxies(std::move(proxies));
  std::optional<http::ListenAddress> metrics_address;
  if (!args.metrics_listen.empty()) {
    auto parsed = http::ListenAddress::ParseLoopback(args.metrics_listen);
    if (!parsed.ok()) {
      std::cerr << "gallery serve: " << parsed.status().message() << "\n";
      return 2;
    }
    metrics_address = *parsed;
    context.metrics_elsewhere = true;
  }
  http::Api api(context);
  http::ServerOptions options;
  options.bind = args.bind;
  options.port = args.port;
  options.threads = args.threads;
  options.max_body_bytes = args.max_upload_bytes + (64u << 10);
  options.max_upload_bytes = args.max_upload_bytes;
  options.max_chunk_bytes = args.max_chunk_bytes;
  options.header_timeout = std::chrono::milliseconds(static_cast<long>(args.header_timeout * 1000));
  options.body_timeout = std::chrono::milliseconds(static_cast<long>(args.body_timeout * 1000));
  options.max_connections = args.max_connections;
  options.max_connections_per_address = args.max_connections_per_address;
  options.response_cache_bytes = args.response_cache_bytes;
  // Large answers, upload bodies and decoded photos (up to 16 MB) are built
  // in heap memory that stays mapped between requests: a fresh mapping for
  // each cost more in page faults than the work itself. Two arenas, not one
  // per thread, so what one thread frees the next request reuses.
  mallopt(M_ARENA_MAX, 2);
  mallopt(M_MMAP_THRESHOLD, 16 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  std::unique_ptr<http::MetricsListener> metrics_listener;
  if (metrics_address) {
    metrics_listener = std::make_unique<http::MetricsListener>(&metrics, *metrics_address);
    media::Status listening = metrics_listener->Start();
    if (!listening.ok()) {
      std::cerr << "gallery serve: " << listening.ToString() << "\n";
      return 1;
    }
    std::cerr << "metrics on http://" << metrics_address->host << ":" << metrics_listener->port()
              << "/metrics" << std::endl;
  }
  http::HttpServer server(&api, &metrics, &workers, options);
  media::Status started = server.Start();
  if (!started.ok()) {
    std::cerr << "gallery serve: " << started.ToString() << "\n";
    return 1;
  }
  // The first line on standard output says where the server listens (a
  // supervising process may read just that line, then close the pipe). On
  // an archive without an admin a second line, in the same write so that it
  // never lands on a closed pipe, gives the one-time setup address; the log
  // has it too.
  std::string ready = "listening on http://" + args.bind + ":" + std::to_string(server.port()) + "\n";
  const std::string setup_token = (*first_run)->token();
  if (!setup_token.empty()) {
    const std::string line = "first run: no admin yet; create one at http://" + args.bind + ":" +
                             std::to_string(server.port()) + "/setup?token=" + setup_token + "\n";
    std::cerr << line << std::flush;
    ready += line;
  }
  std::cout << ready << std::flush;
  int sig = 0;
  sigwait(&stop, &sig);
  std::cerr << "gallery serve: stopping (signal " << sig << ")\n";
  server.Shutdown();
  if (metrics_listener) metrics_listener->Shutdown();
  return 0;
}

}  // namespace

void AddServeCommand(CLI::App& app) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the archive over HTTP");
  cmd->add_option("--data", args->data, "The data folder (required to serve)");
  AddStoreOption(cmd);
  cmd->add_flag("--print-routes", args->print_routes, "List every route and exit");
  cmd->add_option("--web", args->web, "Folder of the gallery pages (default: the source tree's web/)");
  cmd->add_option("--bind", args->bind, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", args->port, "Port (0: any free port)")
      ->check(CLI::Range(0, 65535))->capture_default_str();
  cmd->add_option("--threads", args->threads, "HTTP threads")
      ->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--workers", args->workers, "Image decoding threads")
      ->check(CLI::Range(1, 64))->capture_default_str();
  cmd->add_option("--queue", args->queue, "Image jobs that may wait; more are refused with 503")
      ->check(CLI::Range(1, 10000))->capture_default_str();
  cmd->add_option("--max-upload-bytes", args->max_upload_bytes,
                  "Largest accepted upload body (POST /api/photos); a larger one is refused "
                  "(413) from its head, before it is read. Every other route takes JSON "
                  "bodies of at most 1 MiB, nested at most 32 levels deep")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1} << 34))->capture_default_str();
  cmd->add_option("--public-url", args->public_url,
                  "URL: the archive's public address (https://host[:port][/path]), the start of the "
                  "image service's ids, manifests and their homepages; without it, the address each "
                  "request came to (its Host)");
  cmd->add_option("--iiif-pyramid-min-pixels", args->iiif_pyramid_min_pixels,
                  "Photos of at least this many pixels get a tiled pyramid (DIR/renditions/pyramids), made "
                  "on their first image-service region, so a tile reads only the tiles it needs; "
                  "-1 makes none")
      ->check(CLI::Range(std::int64_t{-1}, std::int64_t{1} << 40))->capture_default_str();
  cmd->add_option("--iiif-cache-bytes", args->iiif_cache_bytes,
                  "Bytes of rendered image-service regions (IIIF tiles and sizes) kept on disk under "
                  "DIR/renditions/iiif; the least recently used go first. 0 keeps none")
      ->check(CLI::Range(std::uint64_t{0}, std::uint64_t{1} << 44))->capture_default_str();
  cmd->add_option("--header-timeout", args->header_timeout,
                  "Seconds a request's head may take, counted from the connection's opening or "
                  "the previous request's end; a late head gets 408 and the connection is "
                  "closed (an idle kept-alive connection is closed then)")
      ->check(CLI::Range(0.1, 3600.0))->capture_default_str();
  cmd->add_option("--body-timeout", args->body_timeout,
                  "Seconds a whole request, body included, may take, counted the same way; "
                  "then 408 and close. The default lets a 256 MiB upload through at 2.4 Mbit/s")
      ->check(CLI::Range(0.1, 86400.0))->capture_default_str();
  cmd->add_option("--max-connections", args->max_connections,
                  "Open connections served at once; one more gets 503 (JSON, Retry-After) and "
                  "is closed. 0: no cap")
      ->check(CLI::Range(0, 1000000))->capture_default_str();
  cmd->add_option("--trusted-proxy", args->trusted_proxies,
                  "A proxy (CIDR: 10.0.0.0/8, ::1/128; repeatable) whose X-Forwarded-For names the "
                  "client: login throttling and its log then use the right-most address there that "
                  "is not itself a trusted proxy. Without it the socket's peer is the client");
  cmd->add_option("--metrics-listen", args->metrics_listen,
                  "Serve GET /metrics without credentials on this loopback HOST:PORT (127.0.0.1:9100) "
                  "instead of on the main port, where it otherwise needs an admin token");
  cmd->add_option("--max-connections-per-address", args->max_connections_per_address,
                  "Open connections served at once from one client address (the socket's); "
                  "one more gets the same 503 and is closed. 0: no cap")
      ->check(CLI::Range(0, 1000000))->capture_default_str();
  cmd->add_option("--response-cache-bytes", args->response_cache_bytes,
                  "Memory for answers of read-only routes kept until the catalog changes "
                  "(an answer larger than a quarter of it is not kept). 0: none, every request "
                  "is answered from the catalog")
      ->check(CLI::Range(std::size_t{0}, std::size_t{1} << 40))->capture_default_str();
  cmd->add_option("--embed-origins", args->embed_origins,
                  "ORIGIN[,ORIGIN...]: sites (scheme://host[:port], e.g. https://www.example.org) whose "
                  "pages may frame the embed pages /embed/meetings/{slug} and /embed/albums/{slug} "
                  "(Content-Security-Policy frame-ancestors); repeatable. No other page may be framed, "
                  "and without it the embed pages are framed only by this server's own pages");
  cmd->add_option("--upload-expiry", args->upload_expiry,
                  "How long a resumable upload (/api/uploads) lives after its creation: seconds, or a "
                  "number ending in s, m, h or d. Expired ones are removed at start and every tenth of it")
      ->capture_default_str();
  cmd->add_option("--max-chunk-bytes", args->max_chunk_bytes,
                  "Largest body of one resumable upload request (/api/uploads), held in memory until "
                  "written; OPTIONS advertises it as Upload-Max-Chunk-Size, a larger one is refused (413) "
                  "from its head")
      ->check(CLI::Range(std::size_t{64} << 10, std::size_t{1} << 30))
      ->capture_default_str();
  cmd->add_option("--upload-quota", args->upload_quota,
                  "COUNT,BYTES: unfinished resumable uploads each account may have, and their declared "
                  "lengths summed (BYTES may end in K, M, G or T); beyond, 429 and 413")
      ->capture_default_str();
  cmd->callback([args] {
    if (args->print_routes) return PrintRoutes();
    if (args->data.empty()) {
      std::cerr << "gallery serve: --data DIR is required\n";
      throw CLI::RuntimeError(2);
    }
    if (!args->public_url.empty()) {
      auto url = http::ParsePublicUrl(args->public_url);
      if (!url.ok()) {
        std::cerr << "gallery serve: " << url.status().message() << "\n";
        throw CLI::RuntimeError(2);
      }
      args->public_url = *url;
    }
    std::vector<std::string> embed_origins;
    for (const std::string& text : args->embed_origins) {
      auto origins = http::ParseEmbedOrigins(text);
      if (!origins.ok()) {
        std::cerr << "gallery serve: " << origins.status().message() << "\n";
        throw CLI::RuntimeError(2);
      }
      for (std::string& origin : *origins) {
        if (std::find(embed_origins.begin(), embed_origins.end(), origin) == embed_origins.end()) {
          embed_origins.push_back(std::move(origin));
        }
      }
    }
    int code = Serve(*args, std::move(embed_origins));
    if (code != 0) throw CLI::RuntimeError(code);
  });
}

}  // namespace gallery::cli
