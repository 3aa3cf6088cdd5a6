#include "crypto/hmac.hpp"

#include <openssl/evp.h>

#include <array>

#include "crypto/bytes.hpp"
#include "crypto/digest.hpp"
#include "crypto/openssl_util.hpp"

namespace dsrflow::crypto {

Result<std::string> hmacSha256Hex(std::span<const std::uint8_t> key, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  std::size_t length = 0;
  // EVP_Q_mac fetches the algorithm and runs a fresh context for this call only.
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.data(), key.size(),
                asBytes(data).data(), data.size(), mac.data(), mac.size(), &length) == nullptr) {
    return detail::openSslFailure("HMAC-SHA256");
  }
  return hexEncode(std::span<const std::uint8_t>(mac.data(), length));
}

}  // namespace dsrflow::crypto
