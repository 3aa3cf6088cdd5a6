#pragma once
// The conformance results as a table: one row per check (printable as each check finishes),
// its notes below it, and a summary line.
//
//   CHECK        RESULT  DETAIL
//   descriptor   pass    com.example.hello 1.0.0, ABI 1.0, actions: access, erase
//   not_found    FAIL    access of an unknown subject failed (error: ...); answer ...
//                        note: ...
//   9 checks: 8 passed, 1 failed, 0 skipped

#include "dsrflow/conformance/check_result.hpp"
#include "dsrflow/conformance/checks.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace dsrflow::conformance {

//! True when no check failed (skipped checks do not fail a plugin).
inline bool allPassed(const std::vector<CheckResult>& results) {
  return std::none_of(results.begin(), results.end(),
                      [](const CheckResult& r) { return r.failed(); });
}

namespace detail {

inline std::size_t idWidth() {
  std::size_t width = 5;
  for (const CheckSpec& c : checkList()) width = std::max(width, std::string(c.id).size());
  return width + 2;
}

inline std::string padded(std::string text, std::size_t n) {
  text.resize(std::max(text.size(), n), ' ');
  return text;
}

}  // namespace detail

//! The table's first line.
inline std::string formatHeader() {
  return detail::padded("CHECK", detail::idWidth()) + "RESULT  DETAIL\n";
}

//! One check's row and notes.
inline std::string formatRow(const CheckResult& r) {
  const char* verdict = r.verdict == Verdict::pass ? "pass" : r.failed() ? "FAIL" : "skip";
  std::string out =
      detail::padded(r.id, detail::idWidth()) + detail::padded(verdict, 8) + r.reason + "\n";
  for (const std::string& note : r.notes) {
    out += detail::padded("", detail::idWidth() + 8) + "note: " + note + "\n";
  }
  return out;
}

//! "9 checks: 8 passed, 1 failed, 0 skipped"
inline std::string formatSummary(const std::vector<CheckResult>& results) {
  const auto count = [&](Verdict v) {
    return std::to_string(std::count_if(results.begin(), results.end(),
                                        [v](const CheckResult& r) { return r.verdict == v; }));
  };
  return std::to_string(results.size()) + " checks: " + count(Verdict::pass) + " passed, " +
         count(Verdict::fail) + " failed, " + count(Verdict::skip) + " skipped\n";
}

//! The whole table.
inline std::string formatReport(const std::vector<CheckResult>& results) {
  std::string out = formatHeader();
  for (const CheckResult& r : results) out += formatRow(r);
  return out + formatSummary(results);
}

}  // namespace dsrflow::conformance
