#pragma once
// AES-256-GCM with a random 96-bit nonce per message. Prefer KeyRing::encrypt, which adds key
// ids and rotation; these are the primitives underneath.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "crypto/bytes.hpp"
#include "model/result.hpp"

namespace dsrflow::crypto {

inline constexpr std::size_t kAesGcmKeySize = 32;
inline constexpr std::size_t kAesGcmNonceSize = 12;
inline constexpr std::size_t kAesGcmTagSize = 16;

//! Encrypts `plaintext` under a 32-byte `key`, authenticating `aad` too. Returns
//! nonce || ciphertext || tag. Thread-safe (one EVP context per call).
Result<Bytes> aesGcmSeal(std::span<const std::uint8_t> key, std::string_view plaintext,
                         std::string_view aad);

//! Reverses aesGcmSeal. kInvalidArgument when `sealed` is too short; kPermissionDenied when
//! authentication fails (wrong key or aad, or any bit of nonce, ciphertext or tag changed).
Result<std::string> aesGcmOpen(std::span<const std::uint8_t> key,
                               std::span<const std::uint8_t> sealed, std::string_view aad);

}  // namespace dsrflow::crypto
