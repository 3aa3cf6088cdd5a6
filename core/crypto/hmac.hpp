#pragma once
// HMAC-SHA256, the keyed hash behind KeyRing::lookupHash.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "model/result.hpp"

namespace dsrflow::crypto {

//! Lower-case hex HMAC-SHA256 of `data` under `key`. Thread-safe (one MAC context per call).
Result<std::string> hmacSha256Hex(std::span<const std::uint8_t> key, std::string_view data);

}  // namespace dsrflow::crypto
