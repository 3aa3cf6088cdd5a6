// dsrflow suppression check|add|list|end and dsrflow hold add|list|end: the lists of people who
// must not be contacted, and of people whose data must not be erased while a hold stands (ending
// a hold queues again the erasures it held back).

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include "app/cli_actor.hpp"
#include "app/command.hpp"
#include "app/command_support.hpp"
#include "app/identity_options.hpp"
#include "app/request_view.hpp"
#include "app/runtime.hpp"
#include "engine/legal_holds.hpp"
#include "engine/subject_lists.hpp"
#include "engine/workflow_loader.hpp"
#include "model/time_format.hpp"

namespace dsrflow::app {
namespace {

Poco::JSON::Object::Ptr entryToJson(const SubjectListEntry& e) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", e.id);
  o->set("list", std::string(toString(e.kind)));
  o->set("identity_type", e.identityType);
  o->set("reason", e.reason);
  if (!e.owner.empty()) o->set("owner", e.owner);
  if (e.requestId) o->set("request_id", *e.requestId);
  if (e.reviewAt) o->set("review_at", formatTime(*e.reviewAt));
  o->set("created_at", formatTime(e.createdAt));
  if (e.removedAt) o->set("ended_at", formatTime(*e.removedAt));
  return o;
}

void printEntry(std::ostream& out, const SubjectListEntry& e) {
  out << e.id << "  " << e.identityType << "  since " << formatTime(e.createdAt);
  if (e.removedAt) out << "  ended " << formatTime(*e.removedAt);
  if (e.reviewAt) out << "  review " << formatTime(*e.reviewAt);
  if (!e.owner.empty()) out << "  owner " << e.owner;
  out << "  " << e.reason << '\n';
}

struct ListContext {
  std::shared_ptr<const config::Config> config;
  std::unique_ptr<Runtime> runtime;
  std::unique_ptr<SubjectLists> lists;
};

// Loads what every list command needs; returns an exit code in `code` when it cannot.
std::optional<ListContext> open(CommandContext& ctx, const std::string& command, int& code) {
  ListContext lc;
  lc.config = loadConfigOrReport(ctx);
  if (!lc.config) {
    code = kExitUsage;
    return std::nullopt;
  }
  applyLogging(*lc.config);
  lc.runtime = openRuntime(ctx, command.c_str(), lc.config);
  if (!lc.runtime) {
    code = kExitFailure;
    return std::nullopt;
  }
  lc.lists =
      std::make_unique<SubjectLists>(lc.runtime->store, lc.runtime->vault, lc.runtime->clock);
  return lc;
}

int fail(CommandContext& ctx, const std::string& command, const Error& error) {
  ctx.err << "dsrflow " << command << ": " << error.message << '\n';
  return error.code == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

int addEntry(CommandContext& ctx, const Arguments& args, SubjectListKind kind,
             const std::string& command) {
  int code = kExitOk;
  auto lc = open(ctx, command, code);
  if (!lc) return code;
  auto identities = normalizedIdentities(args, *lc->config);
  if (!identities) return fail(ctx, command, identities.error());
  NewListEntry entry;
  entry.reason = args.value("--reason").value_or("");
  entry.owner = args.value("--owner").value_or("");
  if (auto request = args.value("--request")) entry.requestId = *request;
  if (auto review = args.value("--review-date")) {
    auto day = parseIsoDate(*review);
    if (!day) return fail(ctx, command, invalidArgument("--review-date: expected YYYY-MM-DD"));
    entry.reviewAt = TimePoint(date::sys_days(*day).time_since_epoch());
  }
  Poco::JSON::Array::Ptr added = new Poco::JSON::Array;
  for (const auto& identity : *identities) {
    auto e = lc->lists->add(kind, identity, entry, cliActor());
    if (!e) return fail(ctx, command, e.error());
    if (args.flag("--json")) {
      added->add(entryToJson(*e));
    } else {
      printEntry(ctx.out, *e);
    }
  }
  if (args.flag("--json")) {
    Poco::JSON::Stringifier::stringify(added, ctx.out, 2);
    ctx.out << '\n';
  }
  return kExitOk;
}

int listEntries(CommandContext& ctx, const Arguments& args, SubjectListKind kind,
                const std::string& command) {
  int code = kExitOk;
  auto lc = open(ctx, command, code);
  if (!lc) return code;
  auto entries = lc->runtime->store->readValue<std::vector<SubjectListEntry>>(
      [&](StoreTx& tx) { return tx.subjectLists().list(kind, args.flag("--all")); });
  if (!entries) return fail(ctx, command, entries.error());
  if (args.flag("--json")) {
    Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
    for (const auto& e : *entries) array->add(entryToJson(e));
    Poco::JSON::Stringifier::stringify(array, ctx.out, 2);
    ctx.out << '\n';
  } else {
    for (const auto& e : *entries) printEntry(ctx.out, e);
  }
  return kExitOk;
}

int endEntry(CommandContext& ctx, const Arguments& args, const std::string& command) {
  int code = kExitOk;
  auto lc = open(ctx, command, code);
  if (!lc) return code;
  if (auto ended = lc->lists->end(args.positional()[0], cliActor()); !ended) {
    return fail(ctx, command, ended.error());
  }
  ctx.out << "ended " << args.positional()[0] << '\n';
  return kExitOk;
}

// Ending a legal hold queues again, in the same transaction, the erasures it held back.
int endHold(CommandContext& ctx, const Arguments& args) {
  const std::string command = "hold end";
  int code = kExitOk;
  auto lc = open(ctx, command, code);
  if (!lc) return code;
  auto calendars = DeadlineCalendars::fromConfig(*lc->config);
  if (!calendars) return fail(ctx, command, calendars.error());
  auto workflows = loadWorkflows(lc->config->workflowsDir);
  if (!workflows) return fail(ctx, command, workflows.error());
  LegalHoldRelease release(lc->runtime->store, lc->runtime->vault, lc->runtime->clock,
                           std::move(calendars).value(), std::move(workflows).value());
  const std::string id = args.positional()[0];
  auto requeued = release.endHold(id, cliActor());
  if (!requeued) return fail(ctx, command, requeued.error());
  ctx.out << "ended " << id << '\n';
  for (const auto& r : *requeued) {
    ctx.out << "erasure " << r.originalId << " queued again as " << r.requestId << '\n';
  }
  return kExitOk;
}

int checkSuppression(CommandContext& ctx, const Arguments& args) {
  const std::string command = "suppression check";
  int code = kExitOk;
  auto lc = open(ctx, command, code);
  if (!lc) return code;
  auto identities = normalizedIdentities(args, *lc->config);
  if (!identities) return fail(ctx, command, identities.error());
  auto found = lc->lists->find(SubjectListKind::kSuppression, *identities);
  if (!found) return fail(ctx, command, found.error());
  if (args.flag("--json")) {
    Poco::JSON::Object result;
    result.set("suppressed", !found->empty());
    Poco::JSON::Array::Ptr entries = new Poco::JSON::Array;
    for (const auto& e : *found) entries->add(entryToJson(e));
    result.set("entries", entries);
    result.stringify(ctx.out, 2);
    ctx.out << '\n';
  } else if (found->empty()) {
    ctx.out << "not suppressed\n";
  } else {
    ctx.out << "SUPPRESSED: do not contact\n";
    for (const auto& e : *found) printEntry(ctx.out, e);
  }
  return kExitOk;
}

const std::string kAddHelpTail =
    "  --reason TEXT        required; no personal data\n"
    "  --request ID         the request that caused it\n"
    "  --controller ID      whose phone region normalises numbers (several controllers)\n"
    "  --json\n";

}  // namespace

Command suppressionCheckCommand() {
  return {"suppression check",
          "say whether a person must not be contacted",
          "usage: dsrflow [--config FILE] suppression check IDENTITIES [--json]\n\n" +
              std::string(kIdentityOptionsHelp) +
              "\nLooks the person up by keyed hash on the suppression list (objections to direct\n"
              "marketing, opt-outs of sale and sharing).\n",
          {.valueOptions = withIdentityOptions({"--controller"}), .flags = {"--json"}},
          checkSuppression};
}

Command suppressionAddCommand() {
  return {"suppression add",
          "put a person on the suppression list",
          "usage: dsrflow [--config FILE] suppression add IDENTITIES --reason TEXT\n\n" +
              std::string(kIdentityOptionsHelp) + kAddHelpTail,
          {.valueOptions = withIdentityOptions({"--reason", "--request", "--controller"}),
           .flags = {"--json"}},
          [](CommandContext& ctx, const Arguments& args) {
            return addEntry(ctx, args, SubjectListKind::kSuppression, "suppression add");
          }};
}

Command suppressionListCommand() {
  return {"suppression list",
          "list the suppression list (identity types only)",
          "usage: dsrflow [--config FILE] suppression list [--all] [--json]\n\n"
          "--all includes ended entries.\n",
          {.flags = {"--json", "--all"}},
          [](CommandContext& ctx, const Arguments& args) {
            return listEntries(ctx, args, SubjectListKind::kSuppression, "suppression list");
          }};
}

Command suppressionEndCommand() {
  return {"suppression end",
          "end a suppression entry",
          "usage: dsrflow [--config FILE] suppression end ENTRY_ID\n",
          {.minPositional = 1, .maxPositional = 1},
          [](CommandContext& ctx, const Arguments& args) {
            return endEntry(ctx, args, "suppression end");
          }};
}

Command holdAddCommand() {
  return {"hold add",
          "put a person under legal hold (no erasure while it stands)",
          "usage: dsrflow [--config FILE] hold add IDENTITIES --reason TEXT --owner NAME "
          "[--review-date YYYY-MM-DD]\n\n" +
              std::string(kIdentityOptionsHelp) +
              "  --owner NAME         who answers for the hold\n"
              "  --review-date DATE   when to review whether it still applies\n" +
              kAddHelpTail,
          {.valueOptions = withIdentityOptions(
               {"--reason", "--owner", "--review-date", "--request", "--controller"}),
           .flags = {"--json"}},
          [](CommandContext& ctx, const Arguments& args) {
            return addEntry(ctx, args, SubjectListKind::kLegalHold, "hold add");
          }};
}

Command holdListCommand() {
  return {
      "hold list",
      "list legal holds (identity types only)",
      "usage: dsrflow [--config FILE] hold list [--all] [--json]\n\n--all includes ended holds.\n",
      {.flags = {"--json", "--all"}},
      [](CommandContext& ctx, const Arguments& args) {
        return listEntries(ctx, args, SubjectListKind::kLegalHold, "hold list");
      }};
}

Command holdEndCommand() {
  return {"hold end",
          "end a legal hold; the erasures it held back are queued again",
          "usage: dsrflow [--config FILE] hold end HOLD_ID\n\n"
          "Erasures that ended retained because of this hold (Art. 17(3)(e)) and that no other\n"
          "hold still holds back are queued again at once, as new erasure requests linked to\n"
          "the original ones (printed); both are audited.\n",
          {.minPositional = 1, .maxPositional = 1},
          endHold};
}

}  // namespace dsrflow::app
