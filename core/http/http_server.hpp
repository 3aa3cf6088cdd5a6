#pragma once
// The HTTP front door: a Poco HTTPServer that tags each request with a request id (X-Request-Id,
// also on every log line it causes), logs one access line per request (path only: query strings
// may carry personal data) and turns handler exceptions into 500 answers.

#include <Poco/Net/HTTPServer.h>

#include <cstdint>
#include <memory>
#include <string>

#include "http/router.hpp"

namespace dsrflow::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 0;  //!< 0 picks a free port (see HttpServer::port())
  // Poco holds one thread per keep-alive connection, so size the pool for the clients expected.
  int maxThreads = 32;
  int maxQueued = 256;
};

class HttpServer {
 public:
  HttpServer(const ServerOptions& options, std::shared_ptr<Router> router);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  void start();
  //! Stops accepting and waits for requests in flight (≈250 ms in Poco).
  void stop();
  //! The port actually bound.
  [[nodiscard]] std::uint16_t port() const;

 private:
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  bool running_ = false;
};

}  // namespace dsrflow::http
