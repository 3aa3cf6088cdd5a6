#pragma once
// One key as stored: its metadata and its secret material.

#include "crypto/key_info.hpp"
#include "crypto/secret_bytes.hpp"

namespace dsrflow::crypto {

//! Key material sizes: AES-256 key, HMAC-SHA256 key, Ed25519 seed.
inline constexpr std::size_t kKeyMaterialSize = 32;

//! A key with its material. Move-only; the material is wiped when the record dies.
struct KeyRecord {
  KeyInfo info;
  SecretBytes material;
};

}  // namespace dsrflow::crypto
