#include "crypto/key_ring_admin.hpp"

#include <algorithm>
#include <limits>
#include <system_error>

#include "crypto/directory_lock.hpp"
#include "crypto/key_record.hpp"
#include "crypto/key_ring_file.hpp"
#include "crypto/private_files.hpp"
#include "crypto/random.hpp"

namespace dsrflow::crypto {
namespace {

KeyRecord newKey(KeyKind kind, std::uint32_t version, TimePoint now) {
  KeyRecord record;
  record.info = KeyInfo{formatKeyId(kind, version), kind, version, KeyStatus::kActive, now};
  // All three kinds use 32 uniformly random bytes: an AES-256 key, an HMAC key of the hash's
  // output size, and an Ed25519 seed (RFC 8032 private keys are exactly that).
  record.material = SecretBytes(randomBytes(kKeyMaterialSize));
  return record;
}

}  // namespace

bool keyRingExists(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::symlink_status(keyRingFilePath(dir), ec));
}

Result<std::vector<std::string>> initKeyRing(const std::filesystem::path& dir, const Clock& clock) {
  if (auto s = ensurePrivateDirectory(dir); !s) return s.error();
  auto lock = DirectoryLock::acquire(dir);
  if (!lock) return lock.error();
  // Checked under the lock, so two concurrent inits cannot both pass.
  if (keyRingExists(dir)) {
    return conflict("a key ring already exists at '" + keyRingFilePath(dir).string() +
                    "'; refusing to overwrite it (use rotate to add keys)");
  }
  const TimePoint now = clock.now();
  std::vector<KeyRecord> keys;
  std::vector<std::string> ids;
  for (const KeyKind kind : kAllKeyKinds) {
    keys.push_back(newKey(kind, 1, now));
    ids.push_back(keys.back().info.id);
  }
  if (auto s = writeKeyRingFile(dir, keys); !s) return s.error();
  return ids;
}

Result<std::vector<std::string>> rotateKeyRing(const std::filesystem::path& dir, const Clock& clock,
                                               std::span<const KeyKind> kinds) {
  if (auto s = checkPrivateDirectory(dir); !s) return s.error();
  auto lock = DirectoryLock::acquire(dir);
  if (!lock) return lock.error();
  auto loaded = readKeyRingFile(dir);
  if (!loaded) return loaded.error();
  std::vector<KeyRecord> keys = std::move(loaded).value();

  const TimePoint now = clock.now();
  std::vector<std::string> ids;
  for (const KeyKind kind : kAllKeyKinds) {
    const bool wanted = kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
    if (!wanted) continue;
    std::uint32_t newest = 0;
    for (KeyRecord& k : keys) {
      if (k.info.kind != kind) continue;
      newest = std::max(newest, k.info.version);
      k.info.status = KeyStatus::kRetired;
    }
    if (newest == std::numeric_limits<std::uint32_t>::max()) {
      return conflict("no versions left for " + std::string(toString(kind)) + " keys");
    }
    keys.push_back(newKey(kind, newest + 1, now));
    ids.push_back(keys.back().info.id);
  }
  if (auto s = writeKeyRingFile(dir, keys); !s) return s.error();
  return ids;
}

}  // namespace dsrflow::crypto
