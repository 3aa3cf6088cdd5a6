#pragma once
// A minimal blocking HTTP client for tests against servers on 127.0.0.1.

#include <cstdint>
#include <map>
#include <string>

namespace dsrflow::testing {

struct HttpReply {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;
};

//! Sends one request and returns the whole reply.
HttpReply httpRequest(std::uint16_t port, const std::string& method, const std::string& path,
                      const std::map<std::string, std::string>& headers = {},
                      const std::string& body = "");

}  // namespace dsrflow::testing
