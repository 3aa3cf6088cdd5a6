// dsrflow request create | show | list: operators and scripts work on the configured store
// directly, with or without a running server.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Stringifier.h>
#include <date/date.h>

#include <cstdlib>
#include <sstream>

#include "app/cli_actor.hpp"
#include "app/command.hpp"
#include "app/command_support.hpp"
#include "app/identity_options.hpp"
#include "app/request_view.hpp"
#include "app/runtime.hpp"
#include "audit/audit_log.hpp"
#include "config/yaml_reader.hpp"
#include "engine/request_intake.hpp"
#include "model/time_format.hpp"

namespace dsrflow::app {
namespace {

void printJson(std::ostream& out, const Poco::Dynamic::Var& value) {
  Poco::JSON::Stringifier::stringify(value, out, 2);
  out << '\n';
}

Result<NewRequest> newRequestFrom(const Arguments& args) {
  NewRequest request;
  auto type = parseRequestType(args.value("--type").value_or(""));
  if (!type)
    return invalidArgument(
        "--type: expected one of access, portability, erasure, "
        "rectification, restriction, objection, contest_decision, "
        "know, delete, correct, opt_out, limit");
  request.type = *type;
  request.controllerId = args.value("--controller").value_or("");
  if (auto channel = args.value("--channel")) {
    auto parsed = parseChannel(*channel);
    if (!parsed)
      return invalidArgument("--channel: expected web, api, opendsr, email, letter or phone");
    request.channel = *parsed;
  }
  if (auto language = args.value("--language")) {
    auto parsed = parseLanguage(*language);
    if (!parsed) return invalidArgument("--language: expected de or en");
    request.language = *parsed;
  }
  auto identities = submittedIdentities(args);
  if (!identities) return identities.error();
  request.identities = std::move(identities).value();
  request.externalReference = args.value("--external-ref").value_or("");
  if (auto received = args.value("--received-at")) {
    auto t = parseUtcTimestamp(*received);
    if (!t) {
      if (auto day = parseIsoDate(*received))
        t = TimePoint(date::sys_days(*day).time_since_epoch());
    }
    if (!t) return invalidArgument("--received-at: expected YYYY-MM-DD or an RFC 3339 UTC time");
    request.receivedAt = *t;
  }
  return request;
}

int requestCreate(CommandContext& ctx, const Arguments& args) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  auto submitted = newRequestFrom(args);
  if (!submitted) {
    ctx.err << "dsrflow request create: " << submitted.error().message << '\n';
    return kExitUsage;
  }
  auto runtime = openRuntime(ctx, "request create", config);
  if (!runtime) return kExitFailure;
  auto intake = RequestIntake::create(config, runtime->store, runtime->vault, runtime->clock);
  if (!intake) {
    ctx.err << "dsrflow request create: " << intake.error().message << '\n';
    return kExitUsage;
  }
  auto request = (*intake)->submit(*submitted, cliActor());
  if (!request) {
    ctx.err << "dsrflow request create: " << request.error().message << '\n';
    return request.error().code == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  if (args.flag("--json")) {
    printJson(ctx.out, requestToJson(*request, runtime->clock->now()));
  } else {
    ctx.out << "received request " << request->id << " (" << toString(request->type) << "), due "
            << formatTime(request->effectiveDueAt()) << '\n';
  }
  return kExitOk;
}

int requestShow(CommandContext& ctx, const Arguments& args) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  auto runtime = openRuntime(ctx, "request show", config);
  if (!runtime) return kExitFailure;
  const std::string id = args.positional()[0];
  const bool reveal = args.flag("--reveal");
  struct Shown {
    Request request;
    std::vector<StoredIdentity> identities;
    std::vector<AuditEvent> events;
    std::optional<ReviewerAssignment> review;
    std::string requeuedFrom;  //!< the erasure a legal hold held back, queued again as this one
    std::string requeuedAs;    //!< the erasure this one was queued again as
  };
  auto shown = runtime->store->transactValue<Shown>([&](StoreTx& tx) -> Result<Shown> {
    auto request = tx.requests().get(id);
    if (!request) return request.error();
    auto identities = tx.identities().listForRequest(id);
    if (!identities) return identities.error();
    if (reveal) {
      // Looking at a person's identities is itself accountable (Art. 5(2)).
      auto audited = appendAudit(tx, {runtime->clock->now(), cliActor().type, cliActor().id, id,
                                      "request.identities_revealed", "{}"});
      if (!audited) return audited.error();
    }
    auto events = tx.audit().listForRequest(id);
    if (!events) return events.error();
    auto review = tx.review().findAssignment(id);
    if (!review) return review.error();
    Shown found{*request, *identities, *events, *review, "", ""};
    auto from = tx.heldErasures().findRequeuedAs(id);
    if (!from) return from.error();
    if (*from) found.requeuedFrom = (*from)->requestId;
    auto held = tx.heldErasures().listForRequest(id);
    if (!held) return held.error();
    for (const auto& h : *held) {
      if (!h.requeuedAs.empty()) found.requeuedAs = h.requeuedAs;
    }
    return found;
  });
  if (!shown) {
    ctx.err << "dsrflow request show: " << shown.error().message << '\n';
    return kExitFailure;
  }
  auto json = requestToJson(shown->request, runtime->clock->now());
  Poco::JSON::Array::Ptr identities = new Poco::JSON::Array;
  for (const auto& stored : shown->identities) {
    Poco::JSON::Object::Ptr i = new Poco::JSON::Object;
    i->set("type", stored.type);
    i->set("format", std::string(toString(stored.format)));
    if (reveal) {
      auto opened = runtime->vault->open(stored);
      if (!opened) {
        ctx.err << "dsrflow request show: " << opened.error().message << '\n';
        return kExitFailure;
      }
      i->set("value", opened->value);
    }
    identities->add(i);
  }
  json->set("identities", identities);
  const TimePoint now = runtime->clock->now();
  if (shown->review) json->set("review", reviewToJson(*shown->review, shown->request, now));
  if (!shown->requeuedFrom.empty()) json->set("requeued_from", shown->requeuedFrom);
  if (!shown->requeuedAs.empty()) json->set("requeued_as", shown->requeuedAs);
  Poco::JSON::Array::Ptr history = new Poco::JSON::Array;
  for (const auto& e : shown->events) {
    Poco::JSON::Object::Ptr h = new Poco::JSON::Object;
    h->set("seq", e.seq);
    h->set("at", formatTime(e.at));
    h->set("event", e.event);
    h->set("actor", std::string(toString(e.actorType)) + ":" + e.actorId);
    history->add(h);
  }
  json->set("history", history);
  if (args.flag("--json")) {
    printJson(ctx.out, json);
    return kExitOk;
  }
  const Request& r = shown->request;
  ctx.out << "request     " << r.id << "\ntype        " << toString(r.type) << " ("
          << toString(r.regulation) << ")\nstatus      " << toString(r.status) << "\nchannel     "
          << toString(r.channel) << "\ncontroller  " << r.controllerId << "\nreceived    "
          << formatTime(r.receivedAt) << "\ndue         " << formatTime(r.effectiveDueAt());
  if (!r.duplicateOf.empty()) ctx.out << "\nrepeats     " << r.duplicateOf;
  if (!shown->requeuedFrom.empty()) {
    ctx.out << "\nrequeued    from " << shown->requeuedFrom << " (its legal hold ended)";
  }
  if (!shown->requeuedAs.empty()) {
    ctx.out << "\nrequeued    as " << shown->requeuedAs << " (the legal hold ended)";
  }
  if (const auto& review = shown->review) {
    ctx.out << "\nreviewer    " << (review->reviewer.empty() ? "(not named)" : review->reviewer)
            << " (" << review->role << ")";
    if (review->dueAt) ctx.out << ", review due " << formatTime(*review->dueAt);
    if (auto flag = reviewDeadlineFlag(*review, r, now); !flag.empty()) ctx.out << "  " << flag;
    if (review->finishedAt) ctx.out << ", finished " << formatTime(*review->finishedAt);
  }
  ctx.out << "\nidentities ";
  for (std::size_t i = 0; i < identities->size(); ++i) {
    auto o = identities->getObject(static_cast<unsigned>(i));
    ctx.out << ' ' << o->getValue<std::string>("type");
    if (reveal) ctx.out << '=' << o->getValue<std::string>("value");
  }
  ctx.out << "\nhistory\n";
  for (const auto& e : shown->events) {
    ctx.out << "  " << formatTime(e.at) << "  " << e.event << "  by " << toString(e.actorType)
            << ':' << e.actorId << '\n';
  }
  return kExitOk;
}

int requestList(CommandContext& ctx, const Arguments& args) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  RequestQuery query;
  if (auto status = args.value("--status")) {
    auto parsed = parseRequestStatus(*status);
    if (!parsed) {
      ctx.err << "dsrflow request list: unknown status '" << *status << "'\n";
      return kExitUsage;
    }
    query.status = *parsed;
  }
  query.openOnly = args.flag("--open");
  std::optional<std::chrono::milliseconds> dueWithin;
  if (auto within = args.value("--due-within")) {
    dueWithin = config::parseDuration(*within);
    if (!dueWithin) {
      ctx.err << "dsrflow request list: --due-within expects a duration such as 7d or 12h\n";
      return kExitUsage;
    }
    query.openOnly = true;
  }
  if (auto limit = args.value("--limit")) {
    char* end = nullptr;
    const long n = std::strtol(limit->c_str(), &end, 10);
    if (end == limit->c_str() || *end != '\0' || n < 1 || n > static_cast<long>(kMaxPageSize)) {
      ctx.err << "dsrflow request list: --limit expects 1 to " << kMaxPageSize << '\n';
      return kExitUsage;
    }
    query.limit = static_cast<std::size_t>(n);
  }
  auto runtime = openRuntime(ctx, "request list", config);
  if (!runtime) return kExitFailure;
  const TimePoint now = runtime->clock->now();
  if (dueWithin) query.dueBefore = now + *dueWithin;
  auto requests = runtime->store->readValue<std::vector<Request>>(
      [&](StoreTx& tx) { return tx.requests().list(query); });
  // Reviews routed to a named reviewer have due dates of their own, flagged alike.
  auto reviews = runtime->store->readValue<std::vector<ReviewerAssignment>>(
      [&](StoreTx& tx) { return tx.review().listOpenAssignments(kMaxPageSize); });
  if (!requests || !reviews) {
    ctx.err << "dsrflow request list: "
            << (requests ? reviews.error().message : requests.error().message) << '\n';
    return kExitFailure;
  }
  std::map<std::string, const ReviewerAssignment*> reviewOf;
  for (const auto& a : *reviews) reviewOf[a.requestId] = &a;
  auto reviewFor = [&](const Request& r) -> const ReviewerAssignment* {
    auto it = reviewOf.find(r.id);
    return it == reviewOf.end() ? nullptr : it->second;
  };
  if (args.flag("--json")) {
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& r : *requests) {
      auto json = requestToJson(r, now);
      if (const auto* review = reviewFor(r)) json->set("review", reviewToJson(*review, r, now));
      array->add(json);
    }
    printJson(ctx.out, array);
  } else {
    for (const auto& r : *requests) printRequestLine(ctx.out, r, now, reviewFor(r));
  }
  return kExitOk;
}

}  // namespace

Command requestCreateCommand() {
  return {"request create",
          "receive a request (e.g. one that came by letter or phone)",
          "usage: dsrflow [--config FILE] request create --type TYPE [identities] [options]\n\n"
          "identities (at least one):\n" +
              std::string(kIdentityOptionsHelp) +
              "options:\n"
              "  --type TYPE          access, portability, erasure, rectification, restriction,\n"
              "                       objection, contest_decision, know, delete, correct, opt_out, "
              "limit\n"
              "  --controller ID      required when several controllers are configured\n"
              "  --channel CHANNEL    web, api, opendsr, email, letter, phone (default api)\n"
              "  --language de|en     default: the controller's\n"
              "  --received-at WHEN   YYYY-MM-DD or RFC 3339 UTC; the deadline runs from receipt\n"
              "  --external-ref REF   a reference of the sender's\n"
              "  --json               print the request as JSON\n",
          {.valueOptions = withIdentityOptions({"--type", "--controller", "--channel", "--language",
                                                "--received-at", "--external-ref"}),
           .flags = {"--json"}},
          requestCreate};
}

Command requestShowCommand() {
  return {"request show",
          "show a request, its identity types and history",
          "usage: dsrflow [--config FILE] request show ID [--json] [--reveal]\n\n"
          "--reveal decrypts the identities; the audit log records who revealed them.\n",
          {.flags = {"--json", "--reveal"}, .minPositional = 1, .maxPositional = 1},
          requestShow};
}

Command requestListCommand() {
  return {
      "request list",
      "list requests",
      "usage: dsrflow [--config FILE] request list [--status STATUS] [--open]\n"
      "                                            [--due-within DURATION] [--limit N] [--json]\n\n"
      "Open requests due within 7 days are flagged \"due soon\", late ones \"overdue\".\n"
      "--due-within 7d lists the open requests due within that time (overdue included).\n",
      {.valueOptions = {"--status", "--limit", "--due-within"}, .flags = {"--json", "--open"}},
      requestList};
}

}  // namespace dsrflow::app
