#pragma once
// Erasures a legal hold held back (Art. 17(3)(e)): one row per erasure request and hold in force
// when its erasure ran. When every hold on it has ended, the erasure is queued again as a new
// request (engine/legal_holds.hpp) and the rows are resolved. Ids only; no personal data.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/clock.hpp"
#include "model/result.hpp"

namespace dsrflow {

struct HeldErasure {
  std::string requestId;  //!< the erasure request that ended retained
  std::string holdId;     //!< a legal-hold entry in force when its erasure ran
  TimePoint heldAt{};
  std::optional<TimePoint> resolvedAt;  //!< set once the holds ended and it was dealt with
  //! How: "requeued" (then requeuedAs names the new request), "withdrawn" (the request was
  //! cancelled meanwhile) or "identities_purged" (nobody left to erase for).
  std::string resolution;
  std::string requeuedAs;

  friend bool operator==(const HeldErasure&, const HeldErasure&) = default;
};

//! Obtained from a StoreTx; valid only inside its callback and on its thread.
class HeldErasureRepository {
 public:
  virtual ~HeldErasureRepository() = default;

  //! Records a held erasure. kConflict when (requestId, holdId) exists.
  virtual Status add(const HeldErasure& held) = 0;

  //! The rows of one request, by hold id.
  virtual Result<std::vector<HeldErasure>> listForRequest(std::string_view requestId) = 0;

  //! Up to `limit` (1..kMaxPageSize) unresolved rows whose hold has ended, oldest first.
  virtual Result<std::vector<HeldErasure>> listReleased(std::size_t limit) = 0;

  //! Resolves the request's unresolved rows; false when there were none (someone else resolved
  //! them first: on PostgreSQL the update waits for their transaction, then finds nothing).
  virtual Result<bool> resolve(std::string_view requestId, std::string_view resolution,
                               std::string_view requeuedAs, TimePoint at) = 0;

  //! The row whose erasure was queued again as `requestId`, if any.
  virtual Result<std::optional<HeldErasure>> findRequeuedAs(std::string_view requestId) = 0;
};

}  // namespace dsrflow
