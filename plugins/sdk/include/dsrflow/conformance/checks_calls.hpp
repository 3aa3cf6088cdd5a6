#pragma once
// The checks of a plugin's answers: access for a subject, the records and outcome it streams,
// not_found for someone unknown, and erasing the same person twice.

#include "dsrflow/conformance/check_support.hpp"

#include <string>

namespace dsrflow::conformance::checks {

namespace detail = ::dsrflow::conformance::detail;

inline constexpr char kNoSubjectNote[] =
    "no subject was given, so an unknown one was used: give a subject the system knows";

//! Outcomes that answer a request for later or for a person instead of at once.
inline bool isPendingOutcome(const std::string& outcome) {
  return outcome == "deferred" || outcome == "accepted_unconfirmed" ||
         outcome == "action_required" || outcome == "needs_review";
}

//! access for the subject answers completed or not_found.
inline CheckResult access(Driver& driver, const Settings& settings, Progress& progress) {
  if (auto stop = detail::start(driver, settings, progress, DSRFLOW_ACTION_ACCESS, "access")) {
    return *stop;
  }
  const CallReport r =
      detail::invoke(driver, progress, "invoke access (subject)",
                     detail::request("access", "access", detail::subjectOrUnknown(settings)),
                     settings.callTimeout);
  const std::string outcome = detail::outcomeName(r);
  CheckResult result = CheckResult::fail("access answered with " + detail::describe(r) +
                                         "; expected the outcome completed or not_found");
  if (outcome == "completed" || outcome == "not_found") {
    result = CheckResult::pass(outcome + ", " + std::to_string(r.records.size()) + " records");
  } else if (isPendingOutcome(outcome)) {
    result = CheckResult::pass(outcome).note("access answered " + outcome +
                                             ": the checks cannot see the records");
  }
  if (!detail::hasSubject(settings)) result.note(kNoSubjectNote);
  return detail::finish(driver, progress, result);
}

//! Every record access streams matches the record schema, and so does the outcome.
inline CheckResult records(Driver& driver, const Settings& settings, Progress& progress) {
  if (auto stop = detail::start(driver, settings, progress, DSRFLOW_ACTION_ACCESS, "access")) {
    return *stop;
  }
  const CallReport r =
      detail::invoke(driver, progress, "invoke access (subject)",
                     detail::request("access", "records", detail::subjectOrUnknown(settings)),
                     settings.callTimeout);
  const std::uint64_t offered = r.records.size() + r.recordsRefused;
  CheckResult result = CheckResult::pass(std::to_string(r.records.size()) +
                                         " records and the outcome match the schema");
  if (r.recordsRefused > 0) {
    result = CheckResult::fail(std::to_string(r.recordsRefused) + " of " + std::to_string(offered) +
                               " records do not match the record schema" +
                               (r.firstRefusal.empty() ? "" : " (first: " + r.firstRefusal + ")"));
  } else if (r.end == CallEnd::invalidOutcome) {
    result = CheckResult::fail("the outcome does not match the schema: " + r.detail);
  } else if (r.end != CallEnd::outcome) {
    result = CheckResult::fail("access gave no outcome to check: " + detail::describe(r));
  } else if (r.records.empty()) {
    result.note(detail::hasSubject(settings) ? "the subject has no records in this system"
                                             : kNoSubjectNote);
  }
  return detail::finish(driver, progress, result);
}

//! An unknown subject is the outcome not_found, not an error.
inline CheckResult notFound(Driver& driver, const Settings& settings, Progress& progress) {
  const bool canAccess = driver.describe().supports(DSRFLOW_ACTION_ACCESS);
  const char* action = canAccess ? "access" : "erase";
  if (auto stop = detail::start(driver, settings, progress,
                                canAccess ? DSRFLOW_ACTION_ACCESS : DSRFLOW_ACTION_ERASE,
                                "access or erase")) {
    return *stop;
  }
  const CallReport r = detail::invoke(
      driver, progress, std::string("invoke ") + action + " (unknown subject)",
      detail::request(action, "not_found", detail::unknownSubject()), settings.callTimeout);
  CheckResult result = CheckResult::pass(std::string(action) + " of an unknown subject: not_found");
  if (r.end == CallEnd::error) {
    result = CheckResult::fail(std::string(action) + " of an unknown subject failed (" +
                               detail::describe(r) + "); answer the outcome not_found instead");
  } else if (detail::outcomeName(r) != "not_found") {
    result = CheckResult::fail(std::string(action) + " of an unknown subject answered with " +
                               detail::describe(r) + "; expected the outcome not_found");
  }
  return detail::finish(driver, progress, result);
}

//! Erasing the subject twice succeeds: the second erase answers not_found or zero counts.
inline CheckResult eraseTwice(Driver& driver, const Settings& settings, Progress& progress) {
  if (auto stop = detail::start(driver, settings, progress, DSRFLOW_ACTION_ERASE, "erase")) {
    return *stop;
  }
  const json::Value subject = detail::subjectOrUnknown(settings);
  const CallReport first =
      detail::invoke(driver, progress, "invoke erase (subject, first time)",
                     detail::request("erase", "erase_twice", subject), settings.callTimeout);
  const std::string firstOutcome = detail::outcomeName(first);
  if (first.end != CallEnd::outcome || firstOutcome == "failed") {
    return detail::finish(driver, progress,
                          CheckResult::fail("the first erase failed: " + detail::describe(first)));
  }
  const CallReport second =
      detail::invoke(driver, progress, "invoke erase (subject, second time)",
                     detail::request("erase", "erase_twice", subject), settings.callTimeout);
  const std::string outcome = detail::outcomeName(second);
  CheckResult result = CheckResult::pass("first " + firstOutcome + ", then " + outcome);
  if (second.end != CallEnd::outcome || outcome == "failed") {
    result = CheckResult::fail("the second erase failed (" + detail::describe(second) +
                               "); erasing someone already erased must answer not_found or "
                               "zero counts");
  } else if (outcome == "erased" && !detail::zeroCounts(second)) {
    result = CheckResult::fail(
        "the second erase reported erasing data again (non-zero counts); "
        "expected not_found or zero counts");
  } else if (outcome != "not_found" && outcome != "erased") {
    result.note("the second erase answered " + outcome + "; not_found or zero counts is clearer");
  }
  if (!detail::hasSubject(settings)) result.note(kNoSubjectNote);
  return detail::finish(driver, progress, result);
}

}  // namespace dsrflow::conformance::checks
