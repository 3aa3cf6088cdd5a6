#include "crypto/secret_bytes.hpp"

#include <openssl/crypto.h>

#include <ostream>

namespace dsrflow::crypto {

void secureErase(std::span<std::uint8_t> bytes) noexcept {
  if (!bytes.empty()) OPENSSL_cleanse(bytes.data(), bytes.size());
}

void secureErase(std::string& text) noexcept {
  // Wipe the whole capacity-independent content; clear() alone would leave the bytes in place.
  if (!text.empty()) OPENSSL_cleanse(text.data(), text.size());
  text.clear();
}

std::ostream& operator<<(std::ostream& os, const SecretBytes& /*secret*/) {
  return os << "[redacted]";
}

}  // namespace dsrflow::crypto
