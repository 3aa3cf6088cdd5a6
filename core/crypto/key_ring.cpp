#include "crypto/key_ring.hpp"

#include <algorithm>
#include <iomanip>
#include <ostream>
#include <sstream>
#include <stdexcept>

#include "crypto/aes_gcm.hpp"
#include "crypto/base64.hpp"
#include "crypto/ed25519.hpp"
#include "crypto/hmac.hpp"
#include "crypto/key_ring_file.hpp"
#include "crypto/key_token.hpp"

namespace dsrflow::crypto {
namespace {

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// The token header is bound into the GCM associated data, so changing the key id or version
// in a token is detected even if another key happened to accept the rest.
std::string gcmAad(std::string_view keyId, std::string_view aad) {
  return formatKeyToken(keyId, aad);
}

}  // namespace

Result<KeyRing> KeyRing::load(const std::filesystem::path& dir) {
  auto records = readKeyRingFile(dir);
  if (!records) return records.error();
  return fromRecords(std::move(records).value());
}

Result<KeyRing> KeyRing::fromRecords(std::vector<KeyRecord> keys) {
  if (auto s = validateKeyRecords(keys); !s) return s.error();
  std::vector<Entry> entries;
  entries.reserve(keys.size());
  for (KeyRecord& record : keys) {
    Bytes publicKey;
    if (record.info.kind == KeyKind::kSigning) {
      auto derived = ed25519PublicKey(record.material.view());
      if (!derived) {
        return Error{derived.error().code,
                     "key " + quote(record.info.id) + ": " + derived.error().message};
      }
      publicKey = std::move(derived).value();
    }
    entries.push_back(Entry{std::move(record), std::move(publicKey)});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    const KeyInfo& x = a.record.info;
    const KeyInfo& y = b.record.info;
    return x.kind != y.kind ? x.kind < y.kind : x.version > y.version;
  });
  return KeyRing(std::move(entries));
}

Result<const KeyRing::Entry*> KeyRing::find(std::string_view id, KeyKind kind) const {
  for (const Entry& e : entries_) {
    if (e.record.info.id != id) continue;
    if (e.record.info.kind != kind) {
      return invalidArgument("key " + quote(id) + " is a " +
                             std::string(toString(e.record.info.kind)) + " key, not a " +
                             std::string(toString(kind)) + " key");
    }
    return &e;
  }
  return notFound("key " + quote(id) + " is not in the key ring");
}

const KeyRing::Entry& KeyRing::active(KeyKind kind) const {
  // Entries are sorted newest first per kind, and validation made the newest the active one.
  for (const Entry& e : entries_) {
    if (e.record.info.kind == kind) return e;
  }
  throw std::logic_error("key ring without a key of some kind");  // prevented by validation
}

const KeyInfo& KeyRing::activeKey(KeyKind kind) const { return active(kind).record.info; }

Result<std::string> KeyRing::encrypt(std::string_view plaintext, std::string_view aad) const {
  const Entry& key = active(KeyKind::kEncryption);
  const std::string& id = key.record.info.id;
  auto sealed = aesGcmSeal(key.record.material.view(), plaintext, gcmAad(id, aad));
  if (!sealed) return sealed.error();
  return formatKeyToken(id, base64Encode(*sealed));
}

Result<std::string> KeyRing::tokenKeyId(std::string_view token) {
  auto parts = parseKeyToken(token, "ciphertext");
  if (!parts) return parts.error();
  return std::string(parts->keyId);
}

Result<std::string> KeyRing::decrypt(std::string_view token, std::string_view aad) const {
  auto parts = parseKeyToken(token, "ciphertext");
  if (!parts) return parts.error();
  auto key = find(parts->keyId, KeyKind::kEncryption);
  if (!key) return key.error();
  auto sealed = base64Decode(parts->payload);
  if (!sealed) return invalidArgument("ciphertext token payload: " + sealed.error().message);
  return aesGcmOpen((*key)->record.material.view(), *sealed, gcmAad(parts->keyId, aad));
}

Result<KeyedHash> KeyRing::lookupHash(std::string_view normalizedValue) const {
  const Entry& key = active(KeyKind::kLookupHash);
  auto hex = hmacSha256Hex(key.record.material.view(), normalizedValue);
  if (!hex) return hex.error();
  return KeyedHash{key.record.info.id, std::move(hex).value()};
}

Result<std::vector<KeyedHash>> KeyRing::lookupHashes(std::string_view normalizedValue) const {
  std::vector<KeyedHash> out;
  for (const Entry& e : entries_) {
    if (e.record.info.kind != KeyKind::kLookupHash) continue;
    auto hex = hmacSha256Hex(e.record.material.view(), normalizedValue);
    if (!hex) return hex.error();
    out.push_back(KeyedHash{e.record.info.id, std::move(hex).value()});
  }
  return out;
}

Result<Signature> KeyRing::sign(std::string_view message) const {
  const Entry& key = active(KeyKind::kSigning);
  auto signature = ed25519Sign(key.record.material.view(), message);
  if (!signature) return signature.error();
  return Signature{key.record.info.id, base64Encode(*signature)};
}

Status KeyRing::verify(std::string_view message, const Signature& signature) const {
  auto key = find(signature.keyId, KeyKind::kSigning);
  if (!key) return key.error();
  auto raw = base64Decode(signature.value);
  if (!raw) return invalidArgument("signature value: " + raw.error().message);
  return ed25519Verify((*key)->publicKey, message, *raw);
}

Result<PublicKeyExport> KeyRing::exportPublic(const Entry& entry) const {
  auto pem = ed25519PublicKeyPem(entry.publicKey);
  if (!pem) return pem.error();
  return PublicKeyExport{entry.record.info.id, entry.record.info.status, std::move(pem).value(),
                         base64Encode(entry.publicKey)};
}

Result<PublicKeyExport> KeyRing::publicKey(std::string_view keyId) const {
  if (keyId.empty()) return exportPublic(active(KeyKind::kSigning));
  auto key = find(keyId, KeyKind::kSigning);
  if (!key) return key.error();
  return exportPublic(**key);
}

Result<std::vector<PublicKeyExport>> KeyRing::publicKeys() const {
  std::vector<PublicKeyExport> out;
  for (const Entry& e : entries_) {
    if (e.record.info.kind != KeyKind::kSigning) continue;
    auto exported = exportPublic(e);
    if (!exported) return exported.error();
    out.push_back(std::move(exported).value());
  }
  return out;
}

std::vector<KeyInfo> KeyRing::keys() const {
  std::vector<KeyInfo> out;
  out.reserve(entries_.size());
  for (const Entry& e : entries_) out.push_back(e.record.info);
  return out;
}

std::string KeyRing::summary() const {
  std::ostringstream out;
  out << std::left << std::setw(10) << "ID" << std::setw(13) << "KIND" << std::setw(9) << "STATUS"
      << "CREATED\n";
  for (const Entry& e : entries_) {
    const KeyInfo& k = e.record.info;
    out << std::setw(10) << k.id << std::setw(13) << toString(k.kind) << std::setw(9)
        << toString(k.status) << formatKeyTimestamp(k.createdAt) << '\n';
  }
  return out.str();
}

std::ostream& operator<<(std::ostream& os, const KeyRing& ring) { return os << ring.summary(); }

}  // namespace dsrflow::crypto
