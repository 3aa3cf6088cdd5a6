#include "http/router.hpp"

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/URI.h>

#include "http/json_response.hpp"

namespace dsrflow::http {
namespace {

class ErrorHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  ErrorHandler(Poco::Net::HTTPResponse::HTTPStatus status, std::string message, std::string allow)
      : status_(status), message_(std::move(message)), allow_(std::move(allow)) {}
  void handleRequest(Poco::Net::HTTPServerRequest&,
                     Poco::Net::HTTPServerResponse& response) override {
    if (!allow_.empty()) response.set("Allow", allow_);
    sendError(response, status_, message_);
  }

 private:
  Poco::Net::HTTPResponse::HTTPStatus status_;
  std::string message_;
  std::string allow_;
};

}  // namespace

void Router::add(const std::string& method, const std::string& path, HandlerFactory factory) {
  routes_[{method, path}] = std::move(factory);
}

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(
    const Poco::Net::HTTPServerRequest& request) {
  const std::string path = Poco::URI(request.getURI()).getPath();
  std::string method = request.getMethod();
  // HEAD is answered by the GET handler; Poco omits the body for HEAD.
  if (method == "HEAD") method = "GET";
  if (auto it = routes_.find({method, path}); it != routes_.end()) return it->second().release();
  std::string allow;
  for (const auto& [key, factory] : routes_) {
    if (key.second == path) allow += (allow.empty() ? "" : ", ") + key.first;
  }
  if (!allow.empty()) {
    return new ErrorHandler(Poco::Net::HTTPResponse::HTTP_METHOD_NOT_ALLOWED,
                            "method " + request.getMethod() + " is not allowed here", allow);
  }
  return new ErrorHandler(Poco::Net::HTTPResponse::HTTP_NOT_FOUND, "no such resource", "");
}

}  // namespace dsrflow::http
