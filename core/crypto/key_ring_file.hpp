#pragma once
// The on-disk key ring: one file <dir>/keyring.json (mode 0600) in a directory of mode 0700.
//
//   {
//     "format": "dsrflow-keyring",
//     "version": 1,
//     "keys": [
//       {"id": "enc-1", "kind": "encryption", "status": "active",
//        "created_at": "2024-05-01T10:00:00.000Z", "material": "<base64 of 32 bytes>"},
//       ...
//     ]
//   }
//
// material is the AES-256 key, the HMAC-SHA256 key or the Ed25519 seed. Unknown fields are
// errors, so a typo cannot silently drop a key.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/key_record.hpp"
#include "model/result.hpp"

namespace dsrflow::crypto {

inline constexpr std::string_view kKeyRingFileName = "keyring.json";
inline constexpr std::string_view kKeyRingFormat = "dsrflow-keyring";
inline constexpr int kKeyRingFormatVersion = 1;

//! Checks keys as a ring: each id is formatKeyId(kind, version), ids are unique, material is
//! 32 bytes, every kind has keys, and exactly one key per kind is active: its newest. Errors
//! (kInvalidArgument) name the key and the problem, never the material.
Status validateKeyRecords(const std::vector<KeyRecord>& keys);

//! Parses and validates keyring.json text; `source` names the file in error messages.
Result<std::vector<KeyRecord>> parseKeyRingJson(std::string_view json, std::string_view source);

//! The keyring.json text for `keys`. It holds key material: the caller secureErases it.
std::string serializeKeyRingJson(const std::vector<KeyRecord>& keys);

//! <dir>/keyring.json
std::filesystem::path keyRingFilePath(const std::filesystem::path& dir);

//! Reads <dir>/keyring.json after checking that neither the directory nor the file is
//! accessible to group or others (kPermissionDenied naming path and mode), then parses it.
//! kNotFound when the directory or file does not exist.
Result<std::vector<KeyRecord>> readKeyRingFile(const std::filesystem::path& dir);

//! Validates `keys` and writes <dir>/keyring.json atomically with mode 0600. `dir` must be a
//! private directory. Callers hold a DirectoryLock on `dir`.
Status writeKeyRingFile(const std::filesystem::path& dir, const std::vector<KeyRecord>& keys);

}  // namespace dsrflow::crypto
