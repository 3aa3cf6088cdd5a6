#pragma once
// The verdict of one conformance check, and its JSON form (how a check's child process reports
// back to the runner).

#include "dsrflow/sdk/json_value.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dsrflow::conformance {

namespace json = ::dsrflow::sdk::json;

enum class Verdict { pass, fail, skip };

inline const char* toString(Verdict v) {
  switch (v) {
    case Verdict::pass:
      return "pass";
    case Verdict::fail:
      return "fail";
    case Verdict::skip:
      return "skip";
  }
  return "fail";
}

struct CheckResult {
  std::string id;  //!< the check's id, e.g. "erase_twice"
  Verdict verdict = Verdict::fail;
  std::string reason;              //!< one line: what passed, why it failed or was skipped
  std::vector<std::string> notes;  //!< advice that does not fail the check
  bool crashed = false;            //!< the check's process died (the plugin crashed)
  bool timedOut = false;           //!< the check's process was killed for running too long
  std::chrono::milliseconds elapsed{0};

  [[nodiscard]] bool failed() const { return verdict == Verdict::fail; }

  static CheckResult pass(std::string reason) { return make(Verdict::pass, std::move(reason)); }
  static CheckResult fail(std::string reason) { return make(Verdict::fail, std::move(reason)); }
  static CheckResult skip(std::string reason) { return make(Verdict::skip, std::move(reason)); }

  //! Adds a note; returns *this for chaining.
  CheckResult& note(std::string text) {
    notes.push_back(std::move(text));
    return *this;
  }

 private:
  static CheckResult make(Verdict verdict, std::string reason) {
    CheckResult r;
    r.verdict = verdict;
    r.reason = std::move(reason);
    return r;
  }
};

//! Where a running check says what it is doing, so that a crash can be told apart by step.
class Progress {
 public:
  virtual ~Progress() = default;
  //! Called before each step that may run plugin code, e.g. "invoke access (subject)".
  virtual void step(const std::string& what) = 0;
};

//! A Progress that forgets.
class NoProgress final : public Progress {
 public:
  void step(const std::string&) override {}
};

inline json::Value toJson(const CheckResult& r) {
  json::Value notes = json::Value::array();
  for (const std::string& n : r.notes) notes.push(n);
  return json::Value::object({{"id", r.id},
                              {"verdict", toString(r.verdict)},
                              {"reason", r.reason},
                              {"notes", notes},
                              {"crashed", r.crashed},
                              {"timed_out", r.timedOut},
                              {"elapsed_ms", static_cast<std::int64_t>(r.elapsed.count())}});
}

//! The inverse of toJson; throws json::TypeError on a malformed value.
inline CheckResult checkResultFromJson(const json::Value& v) {
  CheckResult r;
  r.id = v.getString("id");
  const std::string verdict = v.getString("verdict");
  r.verdict = verdict == "pass" ? Verdict::pass : verdict == "skip" ? Verdict::skip : Verdict::fail;
  r.reason = v.getString("reason");
  if (const json::Value* notes = v.find("notes")) {
    for (const json::Value& n : notes->asArray()) r.notes.push_back(n.asString());
  }
  r.crashed = v.getBool("crashed");
  r.timedOut = v.getBool("timed_out");
  r.elapsed = std::chrono::milliseconds(v.getInt("elapsed_ms"));
  return r;
}

}  // namespace dsrflow::conformance
