#pragma once
// Ed25519 signatures (EVP_PKEY_ED25519). A private key is its 32-byte seed; the public key is
// exported as PEM (SubjectPublicKeyInfo) and as raw 32 bytes for third parties that verify.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "crypto/bytes.hpp"
#include "model/result.hpp"

namespace dsrflow::crypto {

inline constexpr std::size_t kEd25519SeedSize = 32;
inline constexpr std::size_t kEd25519PublicKeySize = 32;
inline constexpr std::size_t kEd25519SignatureSize = 64;

//! The raw public key that belongs to a 32-byte private `seed`.
Result<Bytes> ed25519PublicKey(std::span<const std::uint8_t> seed);

//! Signs `message` with the private `seed`; returns the 64-byte signature. Thread-safe.
Result<Bytes> ed25519Sign(std::span<const std::uint8_t> seed, std::string_view message);

//! Ok when `signature` is a valid signature of `message` under the raw `publicKey`;
//! kPermissionDenied when it is not, kInvalidArgument for wrongly sized inputs. Thread-safe.
Status ed25519Verify(std::span<const std::uint8_t> publicKey, std::string_view message,
                     std::span<const std::uint8_t> signature);

//! PEM ("-----BEGIN PUBLIC KEY-----") of a raw public key.
Result<std::string> ed25519PublicKeyPem(std::span<const std::uint8_t> publicKey);

//! The raw public key in a PEM SubjectPublicKeyInfo; kInvalidArgument unless it is Ed25519.
Result<Bytes> ed25519PublicKeyFromPem(std::string_view pem);

}  // namespace dsrflow::crypto
