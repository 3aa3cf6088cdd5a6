#include "engine/answer_review.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <charconv>
#include <sstream>

#include "audit/audit_log.hpp"
#include "engine/request_intake.hpp"

namespace dsrflow {
namespace {

constexpr std::size_t kShortestRef = 8;
constexpr std::size_t kLongestReason = 500;

std::string stringify(const Poco::JSON::Object& object) {
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

// A stored record as JSON; kInternal when it is not an object (a plugin bug the host let pass).
Result<Poco::JSON::Object::Ptr> parseRecord(const std::string& clear) {
  try {
    auto record = Poco::JSON::Parser().parse(clear).extract<Poco::JSON::Object::Ptr>();
    if (!record) return Error{ErrorCode::kInternal, "a stored record is not a JSON object"};
    return record;
  } catch (const Poco::Exception& e) {
    return Error{ErrorCode::kInternal, "unreadable stored record: " + e.message()};
  }
}

struct ParsedRef {
  std::string taskPrefix;
  std::int64_t seq = 0;
};

Result<ParsedRef> parseRef(const std::string& ref) {
  const auto colon = ref.find(':');
  auto bad = [&] {
    return invalidArgument("record '" + ref +
                           "': expected a reference such as 1a2b3c4d:0, as the list shows");
  };
  if (colon == std::string::npos || colon < kShortestRef) return bad();
  ParsedRef parsed{ref.substr(0, colon), 0};
  const char* first = ref.data() + colon + 1;
  const char* last = ref.data() + ref.size();
  auto [end, ec] = std::from_chars(first, last, parsed.seq);
  if (ec != std::errc{} || end != last || first == last || parsed.seq < 0) return bad();
  return parsed;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace

std::string recordRef(const std::vector<Task>& requestTasks, const std::string& taskId,
                      std::int64_t seq) {
  // The shortest prefix no other task of the request shares; task ids are random UUIDs, so
  // this is almost always the first 8 characters.
  std::size_t length = std::min(kShortestRef, taskId.size());
  for (const auto& other : requestTasks) {
    if (other.id == taskId) continue;
    std::size_t common = 0;
    while (common < taskId.size() && common < other.id.size() &&
           taskId[common] == other.id[common]) {
      ++common;
    }
    length = std::max(length, std::min(common + 1, taskId.size()));
  }
  return taskId.substr(0, length) + ":" + std::to_string(seq);
}

AnswerReview::AnswerReview(std::shared_ptr<Store> store, std::shared_ptr<const IdentityVault> vault,
                           std::shared_ptr<const Clock> clock, std::vector<Workflow> workflows)
    : store_(std::move(store)),
      vault_(std::move(vault)),
      clock_(std::move(clock)),
      workflows_(std::move(workflows)) {}

Status AnswerReview::forEachRecord(const std::string& requestId, bool reveal, const Actor& actor,
                                   const RecordVisitor& visit) const {
  struct Known {
    std::vector<Task> tasks;
    std::vector<RedactionDecision> decisions;
  };
  auto known = store_->readValue<Known>([&](StoreTx& tx) -> Result<Known> {
    if (auto r = tx.requests().get(requestId); !r) return r.error();
    auto tasks = tx.tasks().listForRequest(requestId);
    if (!tasks) return tasks.error();
    auto decisions = tx.review().listRedactions(requestId);
    if (!decisions) return decisions.error();
    return Known{std::move(tasks).value(), std::move(decisions).value()};
  });
  if (!known) return known.error();
  if (reveal) {
    // Looking at a person's data is accountable (Art. 5(2)): recorded before anything is shown.
    Status audited = store_->transact([&](StoreTx& tx) -> Status {
      auto e = appendAudit(
          tx, {clock_->now(), actor.type, actor.id, requestId, "review.records_revealed", "{}"});
      if (!e) return e.error();
      return Ok{};
    });
    if (!audited) return audited;
  }
  for (const auto& task : known->tasks) {
    Status walked = store_->read([&](StoreTx& tx) {
      return tx.taskResults().forEachForTask(task.id, [&](const TaskResult& result) -> Status {
        if (result.kind != TaskResultKind::kRecord) return Ok{};
        auto clear = vault_->openResult(result);
        if (!clear) return clear.error();
        auto record = parseRecord(*clear);
        if (!record) return record.error();
        ReviewRecord shown;
        shown.ref = recordRef(known->tasks, task.id, result.seq);
        shown.taskId = task.id;
        shown.seq = result.seq;
        shown.systemId = task.systemId;
        shown.collection = (*record)->optValue<std::string>("collection", "");
        if (auto fields = (*record)->getObject("fields")) {
          fields->getNames(shown.fields);
          if (reveal) shown.valuesJson = stringify(*fields);
        }
        for (const auto& d : known->decisions) {
          if (d.taskId != task.id || d.seq != result.seq) continue;
          if (d.kind == RedactionKind::kExclude) {
            shown.exclusion = d;
          } else {
            shown.masks.push_back(d);
          }
        }
        return visit(shown);
      });
    });
    if (!walked) return walked;
  }
  return Ok{};
}

Result<RedactionDecision> AnswerReview::exclude(const std::string& requestId,
                                                const std::string& ref, const std::string& reason,
                                                const Actor& actor) const {
  return decide(requestId, ref, RedactionKind::kExclude, "", reason, actor);
}

Result<RedactionDecision> AnswerReview::mask(const std::string& requestId, const std::string& ref,
                                             const std::string& field, const std::string& reason,
                                             const Actor& actor) const {
  if (blank(field)) return invalidArgument("field: name the field to mask");
  return decide(requestId, ref, RedactionKind::kMask, field, reason, actor);
}

Status AnswerReview::checkInReview(const Request& request, const char* what) const {
  const Workflow* workflow = findWorkflow(workflows_, request.type);
  const WorkflowStep* step = workflow ? stepAt(*workflow, request.step) : nullptr;
  if (request.status != RequestStatus::kInReview || step == nullptr ||
      !std::holds_alternative<ReviewStep>(*step)) {
    return conflict(std::string("records can be ") + what +
                    " only while the answer is in review; the request is " +
                    std::string(toString(request.status)));
  }
  return Ok{};
}

Status AnswerReview::withdraw(const std::string& requestId, const std::string& decisionId,
                              const std::string& reason, const Actor& actor) const {
  if (blank(reason)) return invalidArgument("reason: required (say why the decision is withdrawn)");
  if (reason.size() > kLongestReason) {
    return invalidArgument("reason: at most " + std::to_string(kLongestReason) + " characters");
  }
  const TimePoint now = clock_->now();
  return store_->transact([&](StoreTx& tx) -> Status {
    auto request = tx.requests().get(requestId);
    if (!request) return request.error();
    if (auto s = checkInReview(*request, "released again"); !s) return s;
    auto removed = tx.review().removeRedaction(requestId, decisionId);
    if (!removed) return removed.error();
    if (!*removed)
      return notFound("decision '" + decisionId + "': no such decision in this request");
    Poco::JSON::Object details;
    details.set("decision", decisionId);
    details.set("reason", reason);
    auto audited = appendAudit(tx, {now, actor.type, actor.id, requestId,
                                    "review.decision_withdrawn", stringify(details)});
    if (!audited) return audited.error();
    return Ok{};
  });
}

Result<RedactionDecision> AnswerReview::decide(const std::string& requestId, const std::string& ref,
                                               RedactionKind kind, const std::string& field,
                                               const std::string& reason,
                                               const Actor& actor) const {
  if (blank(reason)) {
    return invalidArgument("reason: required (the person is told why something was withheld)");
  }
  if (reason.size() > kLongestReason) {
    return invalidArgument("reason: at most " + std::to_string(kLongestReason) + " characters");
  }
  auto parsed = parseRef(ref);
  if (!parsed) return parsed.error();
  const TimePoint now = clock_->now();
  return store_->transactValue<RedactionDecision>([&](StoreTx& tx) -> Result<RedactionDecision> {
    auto request = tx.requests().get(requestId);
    if (!request) return request.error();
    if (auto s = checkInReview(*request, "excluded or masked"); !s) return s.error();
    auto tasks = tx.tasks().listForRequest(requestId);
    if (!tasks) return tasks.error();
    std::vector<const Task*> matching;
    for (const auto& t : *tasks) {
      if (t.id.rfind(parsed->taskPrefix, 0) == 0) matching.push_back(&t);
    }
    if (matching.size() > 1) {
      return invalidArgument("record '" + ref + "': the reference is ambiguous; use the list's");
    }
    if (matching.empty()) return notFound("record '" + ref + "': no such record in this request");
    const Task& task = *matching.front();
    auto results = tx.taskResults().listForTask(task.id, parsed->seq - 1, 1);
    if (!results) return results.error();
    if (results->empty() || results->front().seq != parsed->seq ||
        results->front().kind != TaskResultKind::kRecord) {
      return notFound("record '" + ref + "': no such record in this request");
    }
    auto clear = vault_->openResult(results->front());
    if (!clear) return clear.error();
    auto record = parseRecord(*clear);
    if (!record) return record.error();
    const std::string collection = (*record)->optValue<std::string>("collection", "");
    if (kind == RedactionKind::kMask) {
      auto fields = (*record)->getObject("fields");
      if (!fields || !fields->has(field)) {
        return notFound("record '" + ref + "' (" + collection + ") has no field '" + field + "'");
      }
    }

    RedactionDecision d;
    d.id = newId();
    d.requestId = requestId;
    d.taskId = task.id;
    d.seq = parsed->seq;
    d.kind = kind;
    d.field = field;
    d.reason = reason;
    d.actorType = actor.type;
    d.actorId = actor.id;
    d.decidedAt = now;
    if (auto added = tx.review().addRedaction(d); !added) {
      if (added.error().code == ErrorCode::kConflict) {
        return conflict(kind == RedactionKind::kExclude
                            ? "record '" + ref + "' is already excluded"
                            : "field '" + field + "' of record '" + ref + "' is already masked");
      }
      return added.error();
    }
    // The reason and the field's name, never its value.
    Poco::JSON::Object details;
    details.set("decision", d.id);
    details.set("record", task.id + ":" + std::to_string(d.seq));
    details.set("system", task.systemId);
    details.set("collection", collection);
    if (kind == RedactionKind::kMask) details.set("field", field);
    details.set("reason", reason);
    auto audited = appendAudit(
        tx, {now, actor.type, actor.id, requestId,
             kind == RedactionKind::kExclude ? "review.record_excluded" : "review.field_masked",
             stringify(details)});
    if (!audited) return audited.error();
    return d;
  });
}

}  // namespace dsrflow
