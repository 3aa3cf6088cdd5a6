#include "crypto/token.hpp"

#include "crypto/base64.hpp"
#include "crypto/random.hpp"
#include "crypto/secret_bytes.hpp"

namespace dsrflow::crypto {

std::string generateToken(std::size_t bytes) {
  Bytes raw = randomBytes(bytes);
  std::string token = base64UrlEncode(raw);
  secureErase(std::span<std::uint8_t>(raw));
  return token;
}

}  // namespace dsrflow::crypto
