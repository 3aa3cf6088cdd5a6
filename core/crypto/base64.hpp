#pragma once
// Base64 (RFC 4648): the standard alphabet with padding for stored material and tokens, the
// URL-safe alphabet without padding for values that travel in URLs.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "crypto/bytes.hpp"
#include "model/result.hpp"

namespace dsrflow::crypto {

//! Standard base64 with '=' padding.
std::string base64Encode(std::span<const std::uint8_t> bytes);
inline std::string base64Encode(std::string_view text) { return base64Encode(asBytes(text)); }

//! Strict decoding of standard base64: length a multiple of 4, padding only at the end, no
//! whitespace. Errors (kInvalidArgument) describe the problem, never the input.
Result<Bytes> base64Decode(std::string_view text);

//! URL-safe base64 ('-' and '_'), no padding.
std::string base64UrlEncode(std::span<const std::uint8_t> bytes);
inline std::string base64UrlEncode(std::string_view text) { return base64UrlEncode(asBytes(text)); }

//! Strict decoding of URL-safe base64 without padding.
Result<Bytes> base64UrlDecode(std::string_view text);

}  // namespace dsrflow::crypto
