#pragma once
// Small helpers every handler uses to answer with JSON or an error in one shape:
//   {"error": {"code": 404, "message": "..."}}

#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <string>

namespace dsrflow::http {

void sendJson(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
              const Poco::JSON::Object& body);

void sendError(Poco::Net::HTTPServerResponse& response, Poco::Net::HTTPResponse::HTTPStatus status,
               const std::string& message);

}  // namespace dsrflow::http
