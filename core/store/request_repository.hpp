#pragma once
// Persistence of requests. Identities live apart (IdentityRepository) so the minimal request
// record can outlive them.

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/clock.hpp"
#include "model/request.hpp"
#include "model/result.hpp"

namespace dsrflow {

//! Position of a request in list order (createdAt, then id); a keyset cursor.
struct RequestKey {
  TimePoint createdAt{};
  std::string id;
};

//! Filters for RequestRepository::list. Unset filters match everything; all set ones must match.
struct RequestQuery {
  std::optional<RequestStatus> status;
  std::optional<RequestType> type;
  //! Only requests whose effective deadline (extended or not) is strictly before this time.
  std::optional<TimePoint> dueBefore;
  //! Only requests in a non-terminal status (see isTerminal()).
  bool openOnly = false;
  //! Keyset pagination: only requests after this one in list order; pass the last of a page.
  std::optional<RequestKey> after;
  //! Page size, 1..kMaxPageSize.
  std::size_t limit = 100;
};

//! The largest page any list call returns.
inline constexpr std::size_t kMaxPageSize = 10000;

//! Requests by id. Obtained from a StoreTx; valid only inside that transaction's callback and on
//! its thread. Every method reports database failures as errors (kUnavailable, kConflict,
//! kInternal) and never throws for them.
class RequestRepository {
 public:
  virtual ~RequestRepository() = default;

  //! Stores a new request as given (version included). kConflict when the id exists.
  virtual Status insert(const Request& request) = 0;

  //! The request with this id, or kNotFound.
  virtual Result<Request> get(std::string_view id) = 0;

  //! Replaces the stored request when its stored version equals request.version, then bumps
  //! request.version by one. kConflict when someone else updated it first, kNotFound when absent.
  virtual Status update(Request& request) = 0;

  //! One page of requests in (createdAt, id) order; see RequestQuery.
  virtual Result<std::vector<Request>> list(const RequestQuery& query) = 0;

  //! Requests carrying this external reference (e.g. an OpenDSR subject_request_id), oldest
  //! first; empty when none. An empty reference matches nothing.
  virtual Result<std::vector<Request>> findByExternalReference(std::string_view reference) = 0;

  //! What a closed request may still hold that dsrflow keeps only for a while.
  //! kRecord: the request record itself (with its tasks), once nothing else is left.
  enum class Leftover { kResults, kIdentities, kRecord };

  //! Up to `limit` closed (terminal) requests, last changed at or before `closedBefore`, that
  //! still hold task results (or identities): the ones a purge has yet to reach. Requests with
  //! a task still to run (an erasure scheduled for a retention's end) are left out: that task
  //! needs them. Identities of an erasure a legal hold still holds back are left out too: it is
  //! queued again with them when the hold ends. Oldest first.
  virtual Result<std::vector<Request>> listClosedWithLeftovers(Leftover leftover,
                                                               TimePoint closedBefore,
                                                               std::size_t limit) = 0;

  //! Up to `limit` requests the engine can move on without waiting for anyone: received ones,
  //! and ones the engine is working on (in progress, waiting, assembling) none of whose tasks
  //! is unfinished: their last task ended, or a step was cut short, and the worker may have
  //! died before moving them on. Oldest change first.
  virtual Result<std::vector<Request>> listAdvanceable(std::size_t limit) = 0;

  //! Deletes a closed request's record with its tasks and task results (its identities must
  //! be gone already). Returns the number of tasks deleted. kNotFound when absent, kConflict
  //! when it still has identities or is not closed.
  virtual Result<std::int64_t> removeClosed(std::string_view id) = 0;

  //! How many requests are in each status (statuses without requests are absent); for the
  //! status page, metrics and yearly figures.
  virtual Result<std::map<RequestStatus, std::int64_t>> countByStatus() = 0;
};

}  // namespace dsrflow
