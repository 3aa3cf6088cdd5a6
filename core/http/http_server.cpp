#include "http/http_server.hpp"

#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/URI.h>
#include <Poco/UUIDGenerator.h>

#include <chrono>
#include <regex>

#include "http/json_response.hpp"
#include "log/logger.hpp"

namespace dsrflow::http {
namespace {

// Accept a caller's request id only when it is short and harmless, so it can go into logs.
std::string requestIdFor(const Poco::Net::HTTPServerRequest& request) {
  static const std::regex kSafe("[A-Za-z0-9._-]{1,64}");
  const std::string given = request.get("X-Request-Id", "");
  if (std::regex_match(given, kSafe)) return given;
  return Poco::UUIDGenerator::defaultGenerator().createRandom().toString();
}

class AccessLogHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit AccessLogHandler(Poco::Net::HTTPRequestHandler* inner) : inner_(inner) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    ScopedRequestId scope(requestIdFor(request));
    response.set("X-Request-Id", ScopedRequestId::current());
    response.set("X-Content-Type-Options", "nosniff");
    const auto start = std::chrono::steady_clock::now();
    try {
      inner_->handleRequest(request, response);
    } catch (const std::exception& e) {
      logError("request handler failed", {{"error", e.what()}});
      if (!response.sent()) {
        sendError(
            response, Poco::Net::HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
            "internal error; see the server log for request id " + ScopedRequestId::current());
      }
    }
    const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                            std::chrono::steady_clock::now() - start)
                            .count();
    logInfo("http", {{"method", request.getMethod()},
                     {"path", Poco::URI(request.getURI()).getPath()},
                     {"status", std::to_string(static_cast<int>(response.getStatus()))},
                     {"duration_us", std::to_string(micros)}});
  }

 private:
  std::unique_ptr<Poco::Net::HTTPRequestHandler> inner_;
};

class AccessLogFactory final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit AccessLogFactory(std::shared_ptr<Router> router) : router_(std::move(router)) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override {
    return new AccessLogHandler(router_->createRequestHandler(request));
  }

 private:
  std::shared_ptr<Router> router_;
};

}  // namespace

HttpServer::HttpServer(const ServerOptions& options, std::shared_ptr<Router> router) {
  auto* params = new Poco::Net::HTTPServerParams;  // owned by the server (reference counted)
  params->setMaxThreads(options.maxThreads);
  params->setMaxQueued(options.maxQueued);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(100);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setServerName("dsrflow");
  pool_ = std::make_unique<Poco::ThreadPool>(2, options.maxThreads);
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress(options.host, options.port));
  server_ = std::make_unique<Poco::Net::HTTPServer>(new AccessLogFactory(std::move(router)), *pool_,
                                                    socket, params);
}

HttpServer::~HttpServer() { stop(); }

void HttpServer::start() {
  server_->start();
  running_ = true;
}

void HttpServer::stop() {
  if (!running_) return;
  server_->stopAll(true);
  running_ = false;
}

std::uint16_t HttpServer::port() const { return server_->port(); }

}  // namespace dsrflow::http
