#include "crypto/openssl_util.hpp"

#include <openssl/err.h>

#include <array>

namespace dsrflow::crypto::detail {

std::string takeOpenSslErrors() {
  std::string text;
  while (const unsigned long code = ERR_get_error()) {
    std::array<char, 256> buffer{};
    ERR_error_string_n(code, buffer.data(), buffer.size());
    if (!text.empty()) text += "; ";
    text += buffer.data();
  }
  return text;
}

Error openSslFailure(std::string_view what) {
  std::string message(what);
  message += " failed";
  if (std::string detail = takeOpenSslErrors(); !detail.empty()) message += ": " + detail;
  return {ErrorCode::kInternal, std::move(message)};
}

}  // namespace dsrflow::crypto::detail
