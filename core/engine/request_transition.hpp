#pragma once
// The one way a request's status changes: checked against the transition table
// (model/request_status.hpp), written with optimistic concurrency and audited in the same
// transaction.

#include <string>

#include "engine/actor.hpp"
#include "model/request.hpp"
#include "store/store.hpp"

namespace dsrflow {

//! Moves `request` (as read in this transaction) to `to`: kConflict when the table forbids it or
//! someone else changed the request meanwhile. `event` names the audit event
//! ("request.cancelled"); `detailsJson` must hold no personal data.
Status transitionRequest(StoreTx& tx, Request& request, RequestStatus to, const Actor& actor,
                         TimePoint now, const std::string& event,
                         const std::string& detailsJson = "{}");

}  // namespace dsrflow
