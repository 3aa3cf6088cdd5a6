#pragma once
// What the key ring knows about a key besides its material: kind, id, version, status, age.
// Nothing here is secret, so these may be printed, logged and shown by `dsrflow keys list`.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/clock.hpp"
#include "model/enum_names.hpp"

namespace dsrflow::crypto {

//! What a key is for; a key is used for nothing else.
enum class KeyKind {
  kEncryption,  //!< AES-256-GCM, ids "enc-N"
  kLookupHash,  //!< HMAC-SHA256 for lookups, ids "hash-N"
  kSigning,     //!< Ed25519, ids "sig-N"
};

//! Only the newest key of a kind is active (used for new outputs); retired keys still decrypt,
//! verify and take part in lookupHashes.
enum class KeyStatus { kActive, kRetired };

inline constexpr EnumNameTable<KeyKind, 3> kKeyKindNames{{
    {KeyKind::kEncryption, "encryption"},
    {KeyKind::kLookupHash, "lookup_hash"},
    {KeyKind::kSigning, "signing"},
}};
inline constexpr EnumNameTable<KeyKind, 3> kKeyIdPrefixes{{
    {KeyKind::kEncryption, "enc"},
    {KeyKind::kLookupHash, "hash"},
    {KeyKind::kSigning, "sig"},
}};
inline constexpr EnumNameTable<KeyStatus, 2> kKeyStatusNames{{
    {KeyStatus::kActive, "active"},
    {KeyStatus::kRetired, "retired"},
}};
inline constexpr std::array<KeyKind, 3> kAllKeyKinds{KeyKind::kEncryption, KeyKind::kLookupHash,
                                                     KeyKind::kSigning};

constexpr std::string_view toString(KeyKind v) { return enumName(kKeyKindNames, v); }
constexpr std::optional<KeyKind> parseKeyKind(std::string_view s) {
  return enumParse(kKeyKindNames, s);
}
constexpr std::string_view toString(KeyStatus v) { return enumName(kKeyStatusNames, v); }
constexpr std::optional<KeyStatus> parseKeyStatus(std::string_view s) {
  return enumParse(kKeyStatusNames, s);
}

//! "enc-3" for (kEncryption, 3).
std::string formatKeyId(KeyKind kind, std::uint32_t version);

//! A key id taken apart.
struct KeyIdParts {
  KeyKind kind;
  std::uint32_t version;
};

//! Parses "<prefix>-<version>" with version a decimal >= 1 without leading zeros.
std::optional<KeyIdParts> parseKeyId(std::string_view id);

//! Metadata of one key. Copyable and printable: holds no key material.
struct KeyInfo {
  std::string id;  //!< e.g. "enc-3"; always formatKeyId(kind, version)
  KeyKind kind = KeyKind::kEncryption;
  std::uint32_t version = 0;
  KeyStatus status = KeyStatus::kActive;
  TimePoint createdAt;

  friend bool operator==(const KeyInfo&, const KeyInfo&) = default;
};

//! RFC 3339 UTC with milliseconds, e.g. "2024-05-01T10:00:00.000Z" (as stored in keyring.json).
std::string formatKeyTimestamp(TimePoint t);
//! Parses formatKeyTimestamp's output (fractional seconds optional).
std::optional<TimePoint> parseKeyTimestamp(std::string_view text);

}  // namespace dsrflow::crypto
