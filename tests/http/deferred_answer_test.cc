// Answers made on the image workers (uploads, renditions made on request):
// the HTTP thread goes on with other connections while a photo is decoded;
// a request pipelined behind such an answer never overtakes it; a job that
// waited in the queue too long for its connection is answered 503. Answers
// written at once by the HTTP thread keep their order too, also when one
// does not fit the socket.
#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "fixtures/api_fixture.h"
#include "raw_connection.h"

namespace http_test {
namespace {

using nlohmann::json;

class DeferredAnswerTest : public ApiTest {
 protected:
  // The bytes of a raw upload request of `image` named `name`.
  std::string UploadRequest(const std::string& image, const std::string& name) {
    return "POST /api/photos HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + editor_ +
           "\r\nContent-Type: image/jpeg\r\nX-Filename: " + name +
           "\r\nContent-Length: " + std::to_string(image.size()) + "\r\n\r\n" + image;
  }
};

// Reads one whole answer on `conn`: its head, and its body into `body`.
std::string ReadAnswer(RawConnection& conn, int timeout_ms, std::string* body) {
  std::string head = conn.ReadHead(timeout_ms);
  std::string length = HeaderOf(head, "Content-Length");
  *body = length.empty() ? "" : conn.ReadBody(std::stoul(length), timeout_ms);
  return head;
}

TEST_F(DeferredAnswerTest, UploadsBeingDecodedDoNotHoldUpOtherRequests) {
  // One HTTP thread and one image worker. The HTTP thread used to wait for
  // each upload's decode, and every other connection waited with it.
  StartServer({"--threads", "1", "--workers", "1"});
  std::vector<std::string> requests;
  for (int i = 0; i < 3; ++i) {
    requests.push_back(UploadRequest(Jpeg(40 + i, "", "", 6000, 4000), "big" + std::to_string(i) + ".jpg"));
  }
  std::vector<std::unique_ptr<RawConnection>> uploads;
  for (const std::string& request : requests) {
    uploads.push_back(std::make_unique<RawConnection>(port()));
    ASSERT_TRUE(uploads.back()->Write(request));
  }
  // Until an upload waits for the worker (so two are unanswered). While
  // the HTTP thread waited, this request was answered only after them all.
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  bool queued = false;
  while (!queued && std::chrono::steady_clock::now() < deadline) {
    Reply metrics = Get("/metrics", Admin());
    std::size_t at = metrics.body.find("\ngallery_worker_queue_depth ");
    queued = at != std::string::npos && std::atoi(metrics.body.c_str() + at + 28) > 0;
  }
  ASSERT_TRUE(queued) << "no upload was seen waiting for the worker";
  Reply health = Get("/api/health");
  ASSERT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(uploads.back()->ReadHead(5), "") << "the last upload was answered before the health check";
  for (std::size_t i = 0; i < uploads.size(); ++i) {
    std::string body;
    std::string head = ReadAnswer(*uploads[i], 60000, &body);
    EXPECT_EQ(StatusOf(head), 201) << "upload " << i << ": " << head << body;
  }
}

TEST_F(DeferredAnswerTest, APipelinedRequestNeverOvertakesAnUploadsAnswer) {
  StartServer();
  RawConnection conn(port());
  ASSERT_TRUE(conn.connected());
  // Both requests in one write: the second arrives while the first is
  // being decoded. It is dropped, the first is answered with
  // Connection: close, and the connection ends (the client sends it again).
  ASSERT_TRUE(conn.Write(UploadRequest(Jpeg(50, "", "", 2000, 1500), "first.jpg") +
                         "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  std::string body;
  std::string head = ReadAnswer(conn, 60000, &body);
  ASSERT_EQ(StatusOf(head), 201) << head << body;
  EXPECT_EQ(json::parse(body)["filename"], "first.jpg");
  EXPECT_EQ(HeaderOf(head, "Connection"), "close") << head;
  EXPECT_TRUE(conn.ClosedWithin(5000));
  // The server goes on as before.
  EXPECT_EQ(Get("/api/health").status, 200);
}

TEST_F(DeferredAnswerTest, ASecondRequestAfterTheAnswerIsServedOnTheSameConnection) {
  StartServer();
  RawConnection conn(port());
  ASSERT_TRUE(conn.Write(UploadRequest(Jpeg(51, "", "", 800, 600), "one.jpg")));
  std::string body;
  ASSERT_EQ(StatusOf(ReadAnswer(conn, 60000, &body)), 201) << body;
  ASSERT_TRUE(conn.Write(UploadRequest(Jpeg(52, "", "", 800, 600), "two.jpg")));
  std::string head = ReadAnswer(conn, 60000, &body);
  ASSERT_EQ(StatusOf(head), 201) << head << body;
  EXPECT_EQ(json::parse(body)["filename"], "two.jpg");
  EXPECT_NE(HeaderOf(head, "Connection"), "close") << head;
}

TEST_F(DeferredAnswerTest, AJobQueuedPastHalfTheHeaderTimeoutIsAnswered503) {
  // The library closes a connection whose request was read more than the
  // header timeout ago without an answer; a job still waiting at half of it
  // is answered 503 instead, so every upload gets a JSON answer.
  const int n = 10;
  std::vector<std::string> images;
  for (int i = 0; i <= n; ++i) images.push_back(Jpeg(60 + i, "", "", 6000, 4000));
  // The timeout is four uploads' time on this machine (this build): ten
  // queued uploads then wait past it, and one that starts at half of it
  // ends well before it.
  StartServer({"--workers", "1"});
  auto started = std::chrono::steady_clock::now();
  ASSERT_EQ(Upload(images[n], "calibration.jpg").status, 201);
  double one = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  double timeout = std::max(0.5, 4 * one);
  server_.reset();
  StartServer({"--workers", "1", "--threads", "4", "--queue", "16", "--header-timeout",
               std::to_string(timeout)});
  std::vector<Reply> replies(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] { replies[i] = Upload(images[i], "q" + std::to_string(i) + ".jpg"); });
  }
  for (auto& t : threads) t.join();
  int created = 0;
  for (int i = 0; i < n; ++i) {
    const Reply& r = replies[i];
    ASSERT_TRUE(r.status == 201 || r.status == 503)
        << "upload " << i << ": " << r.status << " " << r.body << " (header timeout " << timeout << " s)";
    if (r.status == 201) {
      ++created;
    } else {
      EXPECT_EQ(json::parse(r.body)["code"], "busy");
      EXPECT_FALSE(r.Header("retry-after").empty());
    }
  }
  EXPECT_GE(created, 1);
}

TEST_F(DeferredAnswerTest, PipelinedAnswersComeInOrderWhenOneDoesNotFitTheSocket) {
  StartServer();
  // A small photo carrying 6.5 MB of application segments (kept in every
  // copy): more than the socket takes at once.
  std::string jpeg = Jpeg(70, "Plenary", "© IOM 2016", 640, 480);
  std::string padding;
  for (int i = 0; i < 100; ++i) {
    padding += std::string("\xFF\xEF\xFF\xFF", 4) + std::string(65533, static_cast<char>('a' + i % 26));
  }
  jpeg.insert(2, padding);
  Reply up = Upload(jpeg, "large.jpg");
  ASSERT_EQ(up.status, 201) << up.body;
  const std::string id = std::to_string(json::parse(up.body)["id"].get<long long>());
  // A small receive buffer, and nothing read until all four are sent: the
  // original fills the socket, and its rest and the three answers after it
  // (one to HEAD, without its body) must follow it in order.
  RawConnection conn(port(), 4096);
  ASSERT_TRUE(conn.connected());
  const std::string get = " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  ASSERT_TRUE(conn.Write("GET /media/" + id + "/original" + get + "GET /api/health" + get +
                         "HEAD /api/health" + get + "GET /api/no-such-route" + get));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::string body;
  std::string head = ReadAnswer(conn, 10000, &body);
  ASSERT_EQ(StatusOf(head), 200) << head;
  ASSERT_GT(body.size(), padding.size()) << head;
  EXPECT_EQ(body.substr(0, 2), "\xFF\xD8");
  EXPECT_EQ(body.substr(body.size() - 2), "\xFF\xD9");
  head = ReadAnswer(conn, 10000, &body);
  ASSERT_EQ(StatusOf(head), 200) << head;
  EXPECT_EQ(json::parse(body)["status"], "ok");
  head = conn.ReadHead(10000);  // HEAD: no body follows
  ASSERT_EQ(StatusOf(head), 200) << head;
  EXPECT_EQ(HeaderOf(head, "content-length"), "15");
  head = ReadAnswer(conn, 10000, &body);
  ASSERT_EQ(StatusOf(head), 404) << head;
  EXPECT_EQ(json::parse(body)["code"], "no_route");
  // The connection is still in use.
  ASSERT_TRUE(conn.Write("GET /api/health" + get));
  EXPECT_EQ(StatusOf(ReadAnswer(conn, 10000, &body)), 200);
}

TEST_F(DeferredAnswerTest, ManyPipelinedRequestsAreAnsweredInOrder) {
  StartServer({"--threads", "1"});
  RawConnection conn(port());
  ASSERT_TRUE(conn.connected());
  const std::string get = " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  std::string requests;
  for (int i = 0; i < 50; ++i) {
    requests += (i % 2 == 0) ? "GET /api/health" + get : "GET /api/albums/missing-" + std::to_string(i) + get;
  }
  ASSERT_TRUE(conn.Write(requests));
  for (int i = 0; i < 50; ++i) {
    std::string body;
    std::string head = ReadAnswer(conn, 10000, &body);
    ASSERT_EQ(StatusOf(head), i % 2 == 0 ? 200 : 404) << "answer " << i << ": " << head << body;
    if (i % 2 == 1) {
      EXPECT_NE(body.find("missing-" + std::to_string(i)), std::string::npos) << body;
    }
  }
}

}  // namespace
}  // namespace http_test
