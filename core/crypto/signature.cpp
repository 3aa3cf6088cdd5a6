#include "crypto/signature.hpp"

#include "crypto/key_token.hpp"

namespace dsrflow::crypto {

std::string Signature::token() const { return formatKeyToken(keyId, value); }

Result<Signature> Signature::parse(std::string_view token) {
  auto parts = parseKeyToken(token, "signature");
  if (!parts) return parts.error();
  return Signature{std::string(parts->keyId), std::string(parts->payload)};
}

}  // namespace dsrflow::crypto
