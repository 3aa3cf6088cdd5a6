#include "engine/redactions.hpp"

#include "engine/answer_review.hpp"

namespace dsrflow {

Redactions::Redactions(std::vector<RedactionDecision> decisions, std::vector<Task> requestTasks)
    : decisions_(std::move(decisions)), tasks_(std::move(requestTasks)) {}

bool Redactions::apply(const Task& task, std::int64_t seq, Poco::JSON::Object& record) {
  for (const auto& d : decisions_) {
    if (d.taskId != task.id || d.seq != seq || d.kind != RedactionKind::kExclude) continue;
    note(task, seq, record, d);
    return false;
  }
  for (const auto& d : decisions_) {
    if (d.taskId != task.id || d.seq != seq || d.kind != RedactionKind::kMask) continue;
    // The key may repeat a field (a customer number): mask it there too.
    for (const char* part : {"fields", "key"}) {
      auto values = record.getObject(part);
      if (values && values->has(d.field)) values->set(d.field, std::string(kRedactedValue));
    }
    note(task, seq, record, d);
  }
  return true;
}

void Redactions::note(const Task& task, std::int64_t seq, const Poco::JSON::Object& record,
                      const RedactionDecision& d) {
  Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
  entry->set("system", task.systemId);
  entry->set("collection", record.optValue<std::string>("collection", ""));
  entry->set("record", recordRef(tasks_, task.id, seq));
  entry->set("withheld", d.kind == RedactionKind::kExclude ? "record" : "field");
  if (d.kind == RedactionKind::kMask) entry->set("field", d.field);
  entry->set("reason", d.reason);
  section_->add(entry);
}

}  // namespace dsrflow
