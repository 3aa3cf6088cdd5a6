#pragma once
// The self-describing text form of key ring outputs: "v1:<key id>:<base64 payload>".

#include <string>
#include <string_view>

#include "model/result.hpp"

namespace dsrflow::crypto {

//! Version tag of the token format; a new format would get "v2".
inline constexpr std::string_view kKeyTokenVersion = "v1";

//! A token taken apart; views into the parsed text.
struct KeyTokenParts {
  std::string_view keyId;
  std::string_view payload;  //!< still base64
};

//! "v1:<keyId>:<payload>"
std::string formatKeyToken(std::string_view keyId, std::string_view payload);

//! Splits a token; kInvalidArgument naming `what` ("ciphertext", "signature") when the shape
//! or version is wrong. The message never repeats the token.
Result<KeyTokenParts> parseKeyToken(std::string_view token, std::string_view what);

}  // namespace dsrflow::crypto
