#pragma once
// Unkeyed digests and hex encoding. For lookups of personal data use KeyRing::lookupHash
// (keyed); a plain SHA-256 of an e-mail address is trivially reversible by guessing.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace dsrflow::crypto {

//! Lower-case hex of `bytes`.
std::string hexEncode(std::span<const std::uint8_t> bytes);

//! Lower-case hex SHA-256 of `data` (64 characters). Thread-safe. Throws std::runtime_error
//! only if OpenSSL itself fails.
std::string sha256Hex(std::string_view data);

}  // namespace dsrflow::crypto
