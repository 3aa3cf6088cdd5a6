#pragma once
// Outcome JSON (schema "outcome") to CallResult and back: one place that knows the shape, used
// in process and out of process alike.

#include <string>
#include <string_view>

#include "model/result.hpp"
#include "plugin_host/call_result.hpp"

namespace dsrflow::plugin_host {

//! Checks `outcomeJson` against the schema's "outcome" and reads it into a CallResult
//! (failure kNone, outcomeJson kept verbatim). kInvalidArgument names the first violation.
Result<CallResult> readOutcome(std::string_view outcomeJson);

//! A failed result the host decided on (timeout, error, ...), with a schema-valid outcome JSON
//! {"outcome":"failed","reason":...,"retryable":...}.
CallResult failedCall(CallFailure failure, std::string reason, bool retryable);

//! Parses an RFC 3339 UTC timestamp as the schema allows it (YYYY-MM-DDTHH:MM:SS[.f]Z);
//! fractions below a millisecond are dropped.
Result<TimePoint> parseTimestamp(std::string_view text);

}  // namespace dsrflow::plugin_host
