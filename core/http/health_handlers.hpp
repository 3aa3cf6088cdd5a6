#pragma once
// /healthz: the process answers (liveness). /readyz: the store is reachable (readiness).

#include <Poco/Net/HTTPRequestHandler.h>

#include <memory>

#include "http/service_status.hpp"

namespace dsrflow::http {

class HealthHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;
};

class ReadinessHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  explicit ReadinessHandler(std::shared_ptr<const StatusProvider> status)
      : status_(std::move(status)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  std::shared_ptr<const StatusProvider> status_;
};

}  // namespace dsrflow::http
