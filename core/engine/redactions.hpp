#pragma once
// Applies the reviewers' decisions (answer_review.hpp) while an answer is assembled: excluded
// records are left out, masked fields are replaced by a marker, and every decision is listed in
// the answer's `redactions` section with its reason, so the person learns that something was
// withheld and why (Art. 15(4), Art. 12(4)).

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "model/task.hpp"
#include "store/review_repository.hpp"

namespace dsrflow {

//! What a masked field's value becomes in the answer.
inline constexpr std::string_view kRedactedValue = "[redacted]";

class Redactions {
 public:
  Redactions(std::vector<RedactionDecision> decisions, std::vector<Task> requestTasks);

  //! Applies the decisions about this record to it; false when the record is excluded and must
  //! be left out. Records each applied decision for section().
  bool apply(const Task& task, std::int64_t seq, Poco::JSON::Object& record);

  //! The answer's `redactions` section: one entry per applied decision.
  [[nodiscard]] Poco::JSON::Array::Ptr section() const { return section_; }

 private:
  void note(const Task& task, std::int64_t seq, const Poco::JSON::Object& record,
            const RedactionDecision& d);

  std::vector<RedactionDecision> decisions_;
  std::vector<Task> tasks_;
  Poco::JSON::Array::Ptr section_ = new Poco::JSON::Array;
};

}  // namespace dsrflow
