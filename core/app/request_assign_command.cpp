// dsrflow request assign: names the person who reviews a contested automated decision
// (Art. 22(3)) and, optionally, when the review is due.

#include "app/cli_actor.hpp"
#include "app/command.hpp"
#include "app/command_support.hpp"
#include "app/request_view.hpp"
#include "app/runtime.hpp"
#include "engine/reviewer_routing.hpp"
#include "engine/workflow_loader.hpp"
#include "model/time_format.hpp"

namespace dsrflow::app {
namespace {

const std::string kCommand = "request assign";

int fail(CommandContext& ctx, const Error& error) { return reportFailure(ctx, kCommand, error); }

int assign(CommandContext& ctx, const Arguments& args) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  const std::string reviewer = args.value("--reviewer").value_or("");
  if (reviewer.empty()) return fail(ctx, invalidArgument("--reviewer is required"));
  std::optional<date::year_month_day> due;
  if (auto text = args.value("--due")) {
    due = parseIsoDate(*text);
    if (!due) return fail(ctx, invalidArgument("--due: expected YYYY-MM-DD"));
  }
  auto calendars = DeadlineCalendars::fromConfig(*config);
  if (!calendars) return fail(ctx, calendars.error());
  auto workflows = loadWorkflows(config->workflowsDir);
  if (!workflows) return fail(ctx, workflows.error());
  auto runtime = openRuntime(ctx, kCommand.c_str(), config);
  if (!runtime) return kExitFailure;
  ReviewerAssignments assignments(runtime->store, runtime->clock, std::move(calendars).value(),
                                  std::move(workflows).value());
  const std::string id = args.positional()[0];
  auto assigned = assignments.assign(id, reviewer, due, cliActor());
  if (!assigned) {
    Error error = assigned.error();
    if (error.message.rfind("due:", 0) == 0 || error.message.rfind("reviewer:", 0) == 0) {
      error.message = "--" + error.message;
    }
    return fail(ctx, error);
  }
  ctx.out << id << "  reviewer " << assigned->reviewer;
  if (assigned->dueAt) ctx.out << ", review due " << formatTime(*assigned->dueAt);
  ctx.out << '\n';
  return kExitOk;
}

}  // namespace

Command requestAssignCommand() {
  return {kCommand,
          "name who reviews a contested decision, and by when",
          "usage: dsrflow [--config FILE] request assign ID --reviewer NAME [--due YYYY-MM-DD]\n\n"
          "For requests whose workflow routes to a reviewer (contest_decision, Art. 22(3)):\n"
          "names the reviewer, before or after the request reaches them; only they (or an\n"
          "admin overriding with a reason) finish the review. --due sets the review's own due\n"
          "date (end of that day in the controller's time zone), at the latest the request's\n"
          "deadline; without it the workflow step's due_in applies.\n",
          {.valueOptions = {"--reviewer", "--due"}, .minPositional = 1, .maxPositional = 1},
          assign};
}

}  // namespace dsrflow::app
