#pragma once
// Byte buffers shared by the crypto helpers.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace dsrflow::crypto {

//! A plain byte buffer (not secret; see SecretBytes for key material).
using Bytes = std::vector<std::uint8_t>;

//! Views the characters of a string as bytes, without copying.
inline std::span<const std::uint8_t> asBytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

//! Views bytes as characters, without copying.
inline std::string_view asChars(std::span<const std::uint8_t> b) {
  return {reinterpret_cast<const char*>(b.data()), b.size()};
}

}  // namespace dsrflow::crypto
