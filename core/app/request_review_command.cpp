// dsrflow request review: the staff review of an answer before release (Art. 15(4)). Staff list
// the records awaiting release, exclude records or mask fields with a reason, and finish; a
// review routed to a named reviewer (Art. 22(3)) is finished by them or overridden by an admin.

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include <iomanip>

#include "app/cli_actor.hpp"
#include "app/command.hpp"
#include "app/command_support.hpp"
#include "app/engine_step.hpp"
#include "app/request_view.hpp"
#include "app/runtime.hpp"
#include "engine/answer_review.hpp"
#include "engine/workflow_loader.hpp"

namespace dsrflow::app {
namespace {

const std::string kCommand = "request review";

int fail(CommandContext& ctx, const Error& error) { return reportFailure(ctx, kCommand, error); }

Poco::JSON::Object::Ptr decisionToJson(const RedactionDecision& d) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("id", d.id);
  if (d.kind == RedactionKind::kMask) o->set("field", d.field);
  o->set("reason", d.reason);
  o->set("by", std::string(toString(d.actorType)) + ":" + d.actorId);
  o->set("at", formatTime(d.decidedAt));
  return o;
}

Poco::JSON::Object::Ptr recordToJson(const ReviewRecord& r) {
  Poco::JSON::Object::Ptr o = new Poco::JSON::Object;
  o->set("ref", r.ref);
  o->set("system", r.systemId);
  o->set("collection", r.collection);
  Poco::JSON::Array::Ptr fields = new Poco::JSON::Array;
  for (const auto& f : r.fields) fields->add(f);
  o->set("fields", fields);
  if (!r.valuesJson.empty()) o->set("values", Poco::JSON::Parser().parse(r.valuesJson));
  if (r.exclusion) o->set("excluded", decisionToJson(*r.exclusion));
  Poco::JSON::Array::Ptr masks = new Poco::JSON::Array;
  for (const auto& m : r.masks) masks->add(decisionToJson(m));
  o->set("masked", masks);
  return o;
}

void printRecord(std::ostream& out, const ReviewRecord& r) {
  out << std::left << std::setw(14) << r.ref << std::setw(16) << r.systemId << std::setw(20)
      << r.collection << ' ';
  for (std::size_t i = 0; i < r.fields.size(); ++i) out << (i ? ", " : "") << r.fields[i];
  out << '\n';
  if (!r.valuesJson.empty()) out << "    values    " << r.valuesJson << '\n';
  if (r.exclusion) {
    out << "    EXCLUDED  " << r.exclusion->reason << "  (" << r.exclusion->actorId << ", decision "
        << r.exclusion->id << ")\n";
  }
  for (const auto& m : r.masks) {
    out << "    masked    " << m.field << ": " << m.reason << "  (" << m.actorId << ", decision "
        << m.id << ")\n";
  }
}

int list(CommandContext& ctx, const Arguments& args, const AnswerReview& review,
         const std::string& id) {
  const bool json = args.flag("--json");
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  std::size_t count = 0;
  if (!json) {
    ctx.out << std::left << std::setw(14) << "RECORD" << std::setw(16) << "SYSTEM" << std::setw(21)
            << "COLLECTION"
            << "FIELDS\n";
  }
  Status walked =
      review.forEachRecord(id, args.flag("--reveal"), cliActor(), [&](const ReviewRecord& r) {
        ++count;
        if (json) {
          array->add(recordToJson(r));
        } else {
          printRecord(ctx.out, r);
        }
        return Status(Ok{});
      });
  if (!walked) return fail(ctx, walked.error());
  if (json) {
    Poco::JSON::Stringifier::stringify(array, ctx.out, 2);
    ctx.out << '\n';
  } else {
    ctx.out << count << (count == 1 ? " record" : " records") << " awaiting release\n";
  }
  return kExitOk;
}

// "1a2b3c4d:0:email" -> {"1a2b3c4d:0", "email"}
Result<std::pair<std::string, std::string>> splitMask(const std::string& text) {
  const auto first = text.find(':');
  const auto second = first == std::string::npos ? first : text.find(':', first + 1);
  if (second == std::string::npos || second + 1 >= text.size()) {
    return invalidArgument("--mask: expected RECORD:FIELD, e.g. 1a2b3c4d:0:email");
  }
  return std::pair{text.substr(0, second), text.substr(second + 1)};
}

int decide(CommandContext& ctx, const Arguments& args, const AnswerReview& review,
           const std::string& id) {
  const std::string reason = args.value("--reason").value_or("");
  for (const auto& ref : args.values("--exclude")) {
    auto d = review.exclude(id, ref, reason, cliActor());
    if (!d) return fail(ctx, d.error());
    ctx.out << "excluded " << ref << " (decision " << d->id << ")\n";
  }
  for (const auto& text : args.values("--mask")) {
    auto parts = splitMask(text);
    if (!parts) return fail(ctx, parts.error());
    auto d = review.mask(id, parts->first, parts->second, reason, cliActor());
    if (!d) return fail(ctx, d.error());
    ctx.out << "masked " << text << " (decision " << d->id << ")\n";
  }
  for (const auto& decision : args.values("--withdraw")) {
    if (auto s = review.withdraw(id, decision, reason, cliActor()); !s) return fail(ctx, s.error());
    ctx.out << "withdrew decision " << decision << "\n";
  }
  return kExitOk;
}

int runReview(CommandContext& ctx, const Arguments& args) {
  const bool decides = !args.values("--exclude").empty() || !args.values("--mask").empty() ||
                       !args.values("--withdraw").empty();
  const int modes = int{args.flag("--list")} + int{decides} + int{args.flag("--done")};
  if (modes != 1) {
    ctx.err << "dsrflow " << kCommand
            << ": give one of --list, --exclude/--mask/--withdraw or --done\n";
    return kExitUsage;
  }
  if (args.flag("--reveal") && !args.flag("--list")) {
    ctx.err << "dsrflow " << kCommand << ": --reveal goes with --list\n";
    return kExitUsage;
  }
  if (args.flag("--override") && !args.flag("--done")) {
    ctx.err << "dsrflow " << kCommand << ": --override goes with --done\n";
    return kExitUsage;
  }
  if (args.flag("--done")) {
    if (args.flag("--override") != args.value("--reason").has_value()) {
      ctx.err << "dsrflow " << kCommand
              << ": --done takes --reason only with --override, and --override needs one\n";
      return kExitUsage;
    }
    return runEngineStep(
        ctx, args, kCommand, [](WorkflowEngine& engine, const std::string& id, const Arguments& a) {
          return engine.finishReview(id, cliActor(), a.value("--reason").value_or(""));
        });
  }
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  auto runtime = openRuntime(ctx, kCommand.c_str(), config);
  if (!runtime) return kExitFailure;
  auto workflows = loadWorkflows(config->workflowsDir);
  if (!workflows) return fail(ctx, workflows.error());
  AnswerReview review(runtime->store, runtime->vault, runtime->clock, std::move(workflows).value());
  const std::string id = args.positional()[0];
  return args.flag("--list") ? list(ctx, args, review, id) : decide(ctx, args, review, id);
}

}  // namespace

Command requestReviewCommand() {
  return {kCommand,
          "review an answer before release: list, exclude, mask, withdraw, done",
          "usage: dsrflow [--config FILE] request review ID --list [--reveal] [--json]\n"
          "       dsrflow [--config FILE] request review ID --exclude RECORD --reason TEXT\n"
          "       dsrflow [--config FILE] request review ID --mask RECORD:FIELD --reason TEXT\n"
          "       dsrflow [--config FILE] request review ID --withdraw DECISION --reason TEXT\n"
          "       dsrflow [--config FILE] request review ID --done [--override --reason TEXT]\n\n"
          "Before an access or portability answer is released, staff check it for other\n"
          "people's data (Art. 15(4)):\n"
          "  --list             the records awaiting release with their references (field names\n"
          "                     only; --reveal shows the values and is audited)\n"
          "  --exclude RECORD   leave the record out of the answer (repeatable)\n"
          "  --mask RECORD:FIELD  show the field as redacted, e.g. 1a2b3c4d:0:notes (repeatable)\n"
          "  --withdraw DECISION  take an exclusion or mask back (its id from --list; audited)\n"
          "  --reason TEXT      why; the answer tells the person (no personal data here)\n"
          "  --done             the review is finished: the answer is assembled and delivered\n"
          "\n"
          "A review routed to a named reviewer (contest_decision, `request assign`) is finished\n"
          "by that reviewer; anyone else needs --override --reason TEXT (admins; audited).\n",
          {.valueOptions = {"--exclude", "--mask", "--withdraw", "--reason"},
           .flags = {"--list", "--reveal", "--json", "--done", "--override"},
           .minPositional = 1,
           .maxPositional = 1},
          runReview};
}

}  // namespace dsrflow::app
