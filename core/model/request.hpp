#pragma once
// A data-subject request as dsrflow tracks it. Identities are kept apart (IdentityRepository),
// so the minimal request record can outlive them for accountability (CCPA §7101: 24 months).

#include <cstdint>
#include <optional>
#include <string>

#include "model/clock.hpp"
#include "model/request_status.hpp"
#include "model/vocabulary.hpp"

namespace dsrflow {

struct Request {
  std::string id;  //!< lower-case UUID v4
  RequestType type = RequestType::kAccess;
  Regulation regulation = Regulation::kGdpr;
  RequestStatus status = RequestStatus::kReceived;
  int step = 0;  //!< index of the workflow step the request stands at
  //! An open request of the same type from the same person that this one repeats; empty when
  //! none. Both run (the person may have a reason), but staff see the link.
  std::string duplicateOf;
  //! The status a legal hold interrupted; set only while status is on_hold.
  std::optional<RequestStatus> heldFrom;
  Channel channel = Channel::kApi;
  Language language = Language::kEn;
  std::string controllerId;       //!< which controller (calendar, time zone) it belongs to
  std::string externalReference;  //!< e.g. OpenDSR subject_request_id; may be empty
  TimePoint receivedAt{};
  TimePoint dueAt{};
  std::optional<TimePoint> extendedDueAt;
  std::string extensionReason;
  //! Why the request was rejected, cancelled or put on hold, as staff wrote it (told to the
  //! person where the law asks for reasons, Art. 12(4)); empty otherwise.
  std::string statusReason;
  TimePoint createdAt{};
  TimePoint updatedAt{};
  std::int64_t version = 0;  //!< optimistic concurrency

  //! The deadline in force: the extended one where an extension was granted.
  [[nodiscard]] TimePoint effectiveDueAt() const { return extendedDueAt.value_or(dueAt); }
};

}  // namespace dsrflow
