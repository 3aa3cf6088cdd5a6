#include "sql/erasure/pseudonymiser.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <algorithm>
#include <stdexcept>

namespace dsrflow::sql {
namespace {

constexpr std::size_t kHexDigits = 32;  // 128 of HMAC-SHA256's 256 bits

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

bool Pseudonymiser::isKey(std::string_view hexKey) {
  return hexKey.size() == 64 &&
         std::all_of(hexKey.begin(), hexKey.end(), [](char c) { return hexDigit(c) >= 0; });
}

Pseudonymiser::Pseudonymiser(std::string_view hexKey) {
  if (!hexKey.empty()) {
    if (!isKey(hexKey)) {
      throw std::invalid_argument("the pseudonym key is not 64 lower-case hex digits");
    }
    for (std::size_t i = 0; i < key_.size(); ++i) {
      key_[i] =
          static_cast<std::uint8_t>(hexDigit(hexKey[2 * i]) * 16 + hexDigit(hexKey[2 * i + 1]));
    }
    return;
  }
  if (RAND_bytes(key_.data(), static_cast<int>(key_.size())) != 1) {
    throw std::runtime_error("cannot draw a pseudonymisation key: no randomness available");
  }
}

Pseudonymiser::~Pseudonymiser() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::string Pseudonymiser::pseudonym(std::string_view value) const {
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  std::size_t length = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key_.data(), key_.size(),
                reinterpret_cast<const unsigned char*>(value.data()),  // NOLINT: bytes of text
                value.size(), mac.data(), mac.size(), &length) == nullptr ||
      length * 2 < kHexDigits) {
    throw std::runtime_error("HMAC-SHA256 failed");
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(kPrefix);
  for (std::size_t i = 0; i < kHexDigits / 2; ++i) {
    out += kHex[mac[i] >> 4U];
    out += kHex[mac[i] & 0x0fU];
  }
  OPENSSL_cleanse(mac.data(), mac.size());
  return out;
}

bool Pseudonymiser::isPseudonym(std::string_view value) {
  if (value.size() != kPrefix.size() + kHexDigits || value.substr(0, kPrefix.size()) != kPrefix) {
    return false;
  }
  for (char c : value.substr(kPrefix.size())) {
    if (hexDigit(c) < 0) return false;
  }
  return true;
}

}  // namespace dsrflow::sql
