#include "http/json_response.hpp"

#include <Poco/JSON/Stringifier.h>

#include <sstream>

namespace dsrflow::http {

void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object& body) {
  std::ostringstream text;
  body.stringify(text);
  const std::string payload = text.str();
  response.setStatus(status);
  response.setContentType("application/json; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.setContentLength(static_cast<std::streamsize>(payload.size()));
  response.send() << payload;
}

void sendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& message) {
  Poco::JSON::Object error;
  error.set("code", static_cast<int>(status));
  error.set("message", message);
  Poco::JSON::Object body;
  body.set("error", error);
  sendJson(response, status, body);
}

}  // namespace dsrflow::http
