#pragma once
// Creating and rotating the key ring on disk; what `dsrflow keys init|rotate` call.

#include <array>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "crypto/key_info.hpp"
#include "model/clock.hpp"
#include "model/result.hpp"

namespace dsrflow::crypto {

//! True when <dir>/keyring.json exists (whatever its permissions or content).
bool keyRingExists(const std::filesystem::path& dir);

//! Creates <dir> (mode 0700) if needed and writes a new ring with one active key of each kind
//! (enc-1, hash-1, sig-1), created at clock.now(). Returns the new ids. kConflict when a ring
//! already exists there (keys are never overwritten); kPermissionDenied when an existing
//! <dir> is accessible to group or others. Serialised against other admin calls on <dir> by
//! an exclusive lock.
Result<std::vector<std::string>> initKeyRing(const std::filesystem::path& dir, const Clock& clock);

//! Adds a new active key for each kind in `kinds` (all kinds when empty; duplicates ignored),
//! retiring the previous active key of that kind. Retired keys stay in the ring so old data
//! still decrypts and verifies. Returns the new ids. The ring must load cleanly first (same
//! errors as KeyRing::load). Processes that already loaded the ring keep using the old active
//! keys until they load it again. Serialised by the same lock as initKeyRing.
Result<std::vector<std::string>> rotateKeyRing(const std::filesystem::path& dir, const Clock& clock,
                                               std::span<const KeyKind> kinds = kAllKeyKinds);

}  // namespace dsrflow::crypto
