#pragma once
// The secret an erasure request's pseudonymisation keys are derived from (one key per system),
// sealed by the vault. It exists while the request is open and is deleted in the transaction
// that closes the request: from then on nobody can recompute or reverse the pseudonyms written
// for it, which is what lets an erasure certificate call them erased.

#include <optional>
#include <string>
#include <string_view>

#include "model/clock.hpp"
#include "model/result.hpp"

namespace dsrflow {

//! Obtained from a StoreTx; valid only inside its callback and on its thread.
class RequestSecretRepository {
 public:
  virtual ~RequestSecretRepository() = default;

  //! Stores the sealed secret of `requestId`. kConflict when the request has one.
  virtual Status put(std::string_view requestId, std::string_view sealed, TimePoint at) = 0;

  //! The sealed secret of `requestId`; nullopt when it has none (never had, or it was removed).
  virtual Result<std::optional<std::string>> get(std::string_view requestId) = 0;

  //! Deletes the secret of `requestId`; false when it had none.
  virtual Result<bool> remove(std::string_view requestId) = 0;
};

}  // namespace dsrflow
