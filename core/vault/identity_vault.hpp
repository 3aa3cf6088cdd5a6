#pragma once
// The one place where clear personal data meets the key ring on its way to or from the store:
// identities are sealed (AES-256-GCM, bound to their request, type and format) with a keyed
// lookup hash beside them, and result payloads are sealed bound to their task and position.
// Whatever the store holds is ciphertext; rotation keeps it readable because every token names
// its key.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/key_ring.hpp"
#include "model/identity.hpp"
#include "model/result.hpp"
#include "store/identity_repository.hpp"
#include "store/task_result_repository.hpp"

namespace dsrflow {

//! Thread-safe: holds an immutable key ring.
class IdentityVault {
 public:
  explicit IdentityVault(std::shared_ptr<const crypto::KeyRing> keys);

  //! Encrypts `identity` for request `requestId` under the active keys. `id` becomes the row id.
  [[nodiscard]] Result<StoredIdentity> seal(std::string id, std::string_view requestId,
                                            const Identity& identity) const;

  //! Decrypts a stored identity (any key still in the ring). kPermissionDenied when the
  //! ciphertext was altered or moved to another request, type or format.
  [[nodiscard]] Result<Identity> open(const StoredIdentity& stored) const;

  //! The identity's lookup hash under every lookup key in the ring (active first), to find the
  //! requests of a person whatever key was active when they were stored.
  [[nodiscard]] Result<std::vector<LookupHash>> lookupHashes(const Identity& identity) const;

  //! Encrypts a result payload (a record or an outcome as JSON) bound to its task and seq.
  [[nodiscard]] Result<TaskResult> sealResult(TaskResult result,
                                              std::string_view clearPayload) const;
  //! Decrypts a result payload sealed by sealResult().
  [[nodiscard]] Result<std::string> openResult(const TaskResult& result) const;

  //! Encrypts a document (e.g. an assembled answer) bound to `name`, for storage at rest.
  [[nodiscard]] Result<std::string> sealDocument(std::string_view name,
                                                 std::string_view clear) const;
  //! Decrypts a document sealed under the same name.
  [[nodiscard]] Result<std::string> openDocument(std::string_view name,
                                                 std::string_view token) const;

 private:
  std::shared_ptr<const crypto::KeyRing> keys_;
};

//! Splits a qualified type ("email", "custom:loyalty_id") into type and subtype.
Result<std::pair<IdentityType, std::string>> parseQualifiedType(std::string_view qualified);

}  // namespace dsrflow
