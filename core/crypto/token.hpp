#pragma once
// Random bearer tokens (API tokens, magic links).

#include <cstddef>
#include <string>

namespace dsrflow::crypto {

//! URL-safe base64 (no padding) of `bytes` random bytes; 32 bytes give 43 characters and 256
//! bits of entropy. Thread-safe. Store only sha256Hex(token), compare with constantTimeEquals.
std::string generateToken(std::size_t bytes = 32);

}  // namespace dsrflow::crypto
