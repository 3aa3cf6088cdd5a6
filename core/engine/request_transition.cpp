#include "engine/request_transition.hpp"

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "audit/audit_log.hpp"

namespace dsrflow {

Status transitionRequest(StoreTx& tx, Request& request, RequestStatus to, const Actor& actor,
                         TimePoint now, const std::string& event, const std::string& detailsJson) {
  const RequestStatus from = request.status;
  if (auto allowed = checkTransition(from, to); !allowed) return allowed;
  request.status = to;
  request.updatedAt = now;
  if (auto updated = tx.requests().update(request); !updated) return updated;
  // A closed request's pseudonyms must stay irreversible: its secret goes in this transaction.
  bool keyDestroyed = false;
  if (isTerminal(to)) {
    auto removed = tx.requestSecrets().remove(request.id);
    if (!removed) return removed.error();
    keyDestroyed = *removed;
  }

  // Every transition's audit event names both ends, whatever else the caller records.
  Poco::JSON::Object::Ptr details =
      Poco::JSON::Parser().parse(detailsJson).extract<Poco::JSON::Object::Ptr>();
  details->set("from", std::string(toString(from)));
  details->set("to", std::string(toString(to)));
  if (keyDestroyed) details->set("pseudonym_secret", "destroyed");
  std::ostringstream text;
  details->stringify(text);
  auto audited = appendAudit(tx, {now, actor.type, actor.id, request.id, event, text.str()});
  if (!audited) return audited.error();
  return Ok{};
}

}  // namespace dsrflow
