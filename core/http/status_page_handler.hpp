#pragma once
// GET / and /status: a plain HTML page for operators (version, store, systems, request counts).
// With "Accept: application/json" the same facts come back as JSON.

#include <Poco/Net/HTTPRequestHandler.h>

#include <memory>
#include <string>

#include "http/service_status.hpp"

namespace dsrflow::http {

class StatusPageHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit StatusPageHandler(std::shared_ptr<const StatusProvider> status)
      : status_(std::move(status)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  std::shared_ptr<const StatusProvider> status_;
};

//! Escapes &, <, >, " and ' for HTML text and attribute values.
std::string htmlEscape(const std::string& text);

}  // namespace dsrflow::http
