#pragma once
// The versioned key ring: encryption (AES-256-GCM), lookup hashes (HMAC-SHA256) and signing
// (Ed25519) keys, each kind with one active key and any number of retired ones. Every output
// names the key that produced it, so data written before a rotation stays readable after it.
//
// Stored as <dir>/keyring.json (see key_ring_file.hpp); created and rotated by
// key_ring_admin.hpp. Key material is never printed: the only text forms are summary() and
// operator<<, which list ids, kinds, statuses and dates.

#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/bytes.hpp"
#include "crypto/key_info.hpp"
#include "crypto/key_record.hpp"
#include "crypto/signature.hpp"
#include "model/result.hpp"

namespace dsrflow::crypto {

//! A keyed hash with the id of the key that produced it.
struct KeyedHash {
  std::string keyId;  //!< e.g. "hash-2"
  std::string hex;    //!< 64 lower-case hex characters of HMAC-SHA256

  friend bool operator==(const KeyedHash&, const KeyedHash&) = default;
};

//! The public half of a signing key, for third parties that verify dsrflow's signatures.
struct PublicKeyExport {
  std::string keyId;  //!< e.g. "sig-1"
  KeyStatus status = KeyStatus::kActive;
  std::string pem;        //!< SubjectPublicKeyInfo, "-----BEGIN PUBLIC KEY-----"
  std::string rawBase64;  //!< the 32 raw Ed25519 public key bytes, standard base64
};

//! A loaded key ring. Immutable after construction: every const method may be called from any
//! number of threads at once (each call uses its own OpenSSL contexts; nothing is cached or
//! mutated). To pick up a rotation, load a new KeyRing and swap it in (e.g. behind a
//! shared_ptr<const KeyRing>). Move-only; the key material is wiped when the ring dies.
class KeyRing {
 public:
  //! Reads and validates <dir>/keyring.json. kPermissionDenied when the directory or file is
  //! accessible to group or others, kNotFound when missing, kInvalidArgument for a malformed
  //! file (the message names the key and the problem, never material).
  static Result<KeyRing> load(const std::filesystem::path& dir);

  //! A ring from records already in memory (validated as load does). For the admin
  //! operations and tests.
  static Result<KeyRing> fromRecords(std::vector<KeyRecord> keys);

  KeyRing(KeyRing&&) noexcept = default;
  KeyRing& operator=(KeyRing&&) noexcept = default;
  KeyRing(const KeyRing&) = delete;
  KeyRing& operator=(const KeyRing&) = delete;
  ~KeyRing() = default;

  //! Encrypts with the active encryption key; returns "v1:enc-N:<base64 nonce||ct||tag>".
  //! `aad` (e.g. "identity:<request id>") is authenticated but not stored: decrypt needs the
  //! same value, so a token moved to another row fails to decrypt. The token header is
  //! authenticated too.
  Result<std::string> encrypt(std::string_view plaintext, std::string_view aad) const;

  //! Decrypts a token from encrypt with the key it names, active or retired. Errors:
  //! kInvalidArgument (malformed token, not an encryption key id), kNotFound (key not in the
  //! ring), kPermissionDenied (wrong aad, or token altered). Messages hold no plaintext.
  Result<std::string> decrypt(std::string_view token, std::string_view aad) const;

  //! The key id named by an encryption token ("enc-2"), e.g. to find data to re-encrypt after
  //! a rotation. kInvalidArgument when malformed.
  static Result<std::string> tokenKeyId(std::string_view token);

  //! HMAC-SHA256 of `normalizedValue` under the active lookup-hash key. The caller normalises
  //! (and should prefix the identity type, e.g. "email:alice@example.com") so that equal
  //! identities hash equally.
  Result<KeyedHash> lookupHash(std::string_view normalizedValue) const;

  //! One hash per lookup-hash key, active first then retired newest to oldest, so a lookup can
  //! match rows hashed before a rotation.
  Result<std::vector<KeyedHash>> lookupHashes(std::string_view normalizedValue) const;

  //! Signs `message` with the active signing key.
  Result<Signature> sign(std::string_view message) const;

  //! Ok when `signature` is valid for `message` under the key it names (active or retired).
  //! kNotFound (unknown key), kInvalidArgument (not a signing key, malformed value),
  //! kPermissionDenied (signature does not match).
  Status verify(std::string_view message, const Signature& signature) const;

  //! The public key of signing key `keyId`, or of the active one when `keyId` is empty.
  Result<PublicKeyExport> publicKey(std::string_view keyId = {}) const;

  //! Public keys of all signing keys, active first.
  Result<std::vector<PublicKeyExport>> publicKeys() const;

  //! Metadata of every key: by kind (encryption, lookup_hash, signing), newest first.
  [[nodiscard]] std::vector<KeyInfo> keys() const;

  //! Metadata of the active key of `kind` (every valid ring has one).
  [[nodiscard]] const KeyInfo& activeKey(KeyKind kind) const;

  //! A table for `dsrflow keys list`: one line per key with id, kind, status and creation
  //! time, after a header line. Never contains material.
  [[nodiscard]] std::string summary() const;

 private:
  struct Entry {
    KeyRecord record;
    Bytes publicKey;  // signing keys only; derived from the seed at load
  };
  explicit KeyRing(std::vector<Entry> entries) : entries_(std::move(entries)) {}

  // Finds key `id`; errors name the id and what `use` needed.
  Result<const Entry*> find(std::string_view id, KeyKind kind) const;
  const Entry& active(KeyKind kind) const;
  Result<PublicKeyExport> exportPublic(const Entry& entry) const;

  std::vector<Entry> entries_;  // by kind, newest first
};

//! Prints summary(); safe in logs and test output.
std::ostream& operator<<(std::ostream& os, const KeyRing& ring);

}  // namespace dsrflow::crypto
