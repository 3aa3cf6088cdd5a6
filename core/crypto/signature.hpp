#pragma once
// An Ed25519 signature together with the id of the key that made it.

#include <string>
#include <string_view>

#include "model/result.hpp"

namespace dsrflow::crypto {

//! A signature made by KeyRing::sign; verify with KeyRing::verify or, outside dsrflow, with the
//! public key of `keyId` (KeyRing::publicKey). Not secret.
struct Signature {
  std::string keyId;  //!< e.g. "sig-2"
  std::string value;  //!< standard base64 of the 64-byte Ed25519 signature

  //! "v1:<key id>:<base64 signature>", e.g. for an HTTP header or a certificate field.
  [[nodiscard]] std::string token() const;
  //! Parses token() output. kInvalidArgument when malformed (the signature itself is checked
  //! only by verify).
  static Result<Signature> parse(std::string_view token);

  friend bool operator==(const Signature&, const Signature&) = default;
};

}  // namespace dsrflow::crypto
