#pragma once
// An HTTP request that reached a task's callback URL (Call::callbackUrl), as the host hands it
// to on_callback: {"method": "POST", "path": "/callbacks/...", "headers": {"content-type":
// "application/json"}, "body": "..."}. Header names are compared case-insensitively; headers
// may also arrive as an array of [name, value] pairs.

#include "dsrflow/sdk/json_reader.hpp"
#include "dsrflow/sdk/json_value.hpp"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dsrflow::sdk {

//! One callback request. Plain data. The body is untrusted input from the network: verify the
//! vendor's signature (the secret via Call::secret) before believing it.
struct CallbackRequest {
  std::string method;
  std::string path;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  json::Value raw;  //!< the whole request, for properties newer than this SDK

  //! The first header named `name` (any case), or nullptr.
  [[nodiscard]] const std::string* header(std::string_view name) const noexcept {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (const auto& [key, value] : headers) {
      if (key.size() != name.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < key.size() && same; ++i) same = lower(key[i]) == lower(name[i]);
      if (same) return &value;
    }
    return nullptr;
  }

  //! Reads the host's JSON; throws json::TypeError for properties of the wrong type.
  static CallbackRequest fromJson(const json::Value& json) {
    CallbackRequest r;
    r.method = json.getString("method");
    r.path = json.getString("path");
    r.body = json.getString("body");
    const json::Value& headers = json["headers"];
    if (headers.isObject()) {
      for (const json::Member& m : headers.asObject()) {
        r.headers.emplace_back(m.first, m.second.asString());
      }
    } else if (headers.isArray()) {
      for (const json::Value& pair : headers.asArray()) {
        r.headers.emplace_back(pair[0].asString(), pair[1].asString());
      }
    }
    r.raw = json;
    return r;
  }
};

}  // namespace dsrflow::sdk
