#pragma once
// Cryptographically secure random bytes from OpenSSL's DRBG.

#include <cstddef>

#include "crypto/bytes.hpp"

namespace dsrflow::crypto {

//! `n` random bytes from RAND_bytes. Thread-safe. Throws std::runtime_error when the random
//! generator fails: nothing sensible can go on without randomness.
Bytes randomBytes(std::size_t n);

}  // namespace dsrflow::crypto
