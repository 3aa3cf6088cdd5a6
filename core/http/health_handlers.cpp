#include "http/health_handlers.hpp"

#include <Poco/JSON/Object.h>

#include "http/json_response.hpp"

namespace dsrflow::http {

void HealthHandler::handleRequest(Poco::Net::HTTPServerRequest&,
                                  Poco::Net::HTTPServerResponse& response) {
  Poco::JSON::Object body;
  body.set("status", "ok");
  sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, body);
}

void ReadinessHandler::handleRequest(Poco::Net::HTTPServerRequest&,
                                     Poco::Net::HTTPServerResponse& response) {
  const ServiceStatus s = status_->status();
  Poco::JSON::Object body;
  body.set("status", s.storeReachable ? "ready" : "not_ready");
  body.set("store", s.storeBackend);
  body.set("schema_version", s.schemaVersion);
  if (!s.storeReachable) body.set("reason", s.storeError);
  sendJson(response,
           s.storeReachable ? Poco::Net::HTTPResponse::HTTP_OK
                            : Poco::Net::HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
           body);
}

}  // namespace dsrflow::http
