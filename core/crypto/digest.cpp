#include "crypto/digest.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

#include "crypto/openssl_util.hpp"

namespace dsrflow::crypto {

std::string hexEncode(std::span<const std::uint8_t> bytes) {
  static constexpr std::string_view kDigits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const std::uint8_t b : bytes) {
    out += kDigits[b >> 4U];
    out += kDigits[b & 0x0FU];
  }
  return out;
}

std::string sha256Hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> md{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), md.data(), &length, EVP_sha256(), nullptr) != 1) {
    throw std::runtime_error(detail::openSslFailure("SHA-256").message);
  }
  return hexEncode(std::span<const std::uint8_t>(md.data(), length));
}

}  // namespace dsrflow::crypto
