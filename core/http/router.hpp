#pragma once
// Maps (method, path) to the handler for that route: one handler type per route. Unknown paths
// answer 404 and known paths with another method 405, both as JSON errors.

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>

namespace dsrflow::http {

//! Creates a fresh handler per request (Poco deletes it after the request).
using HandlerFactory = std::function<std::unique_ptr<Poco::Net::HTTPRequestHandler>()>;

//! Thread safety: routes are added before the server starts and only read afterwards.
class Router final : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  //! Registers the handler for an exact path.
  void add(const std::string& method, const std::string& path, HandlerFactory factory);

  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest& request) override;

 private:
  std::map<std::pair<std::string, std::string>, HandlerFactory> routes_;
};

//! Convenience for a handler type constructible from `args`.
template <typename Handler, typename... Args>
HandlerFactory makeFactory(Args... args) {
  return [=]() { return std::make_unique<Handler>(args...); };
}

}  // namespace dsrflow::http
