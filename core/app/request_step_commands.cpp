// dsrflow request verify | approve | retry | answer: the people's steps of a workflow (review is
// in request_review_command.cpp).

#include "app/cli_actor.hpp"
#include "app/command.hpp"
#include "app/command_support.hpp"
#include "app/engine_factory.hpp"
#include "app/engine_step.hpp"
#include "app/runtime.hpp"
#include "audit/audit_log.hpp"
#include "engine/answer_assembler.hpp"

namespace dsrflow::app {

int runEngineStep(CommandContext& ctx, const Arguments& args, const std::string& command,
                  const EngineStep& step) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  auto runtime = openRuntime(ctx, command.c_str(), config);
  if (!runtime) return kExitFailure;
  auto parts = buildEngine(*runtime);
  if (!parts) {
    ctx.err << "dsrflow " << command << ": " << parts.error().message << '\n';
    return kExitUsage;
  }
  const std::string id = args.positional()[0];
  if (auto s = step(*parts->engine, id, args); !s) {
    ctx.err << "dsrflow " << command << ": " << s.error().message << '\n';
    return s.error().code == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
  }
  auto request =
      runtime->store->readValue<Request>([&](StoreTx& tx) { return tx.requests().get(id); });
  if (request) ctx.out << id << "  " << toString(request->status) << '\n';
  return kExitOk;
}

namespace {

int answer(CommandContext& ctx, const Arguments& args) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  applyLogging(*config);
  auto runtime = openRuntime(ctx, "request answer", config);
  if (!runtime) return kExitFailure;
  const std::string id = args.positional()[0];
  auto text = readAnswer(*runtime->vault, id, config->dataDir / "results");
  if (!text) {
    ctx.err << "dsrflow request answer: " << text.error().message << '\n';
    return kExitFailure;
  }
  // Reading a person's data out of dsrflow is accountable (Art. 5(2)).
  const Actor actor = cliActor();
  Status audited = runtime->store->transact([&](StoreTx& tx) -> Status {
    auto e = appendAudit(
        tx, {runtime->clock->now(), actor.type, actor.id, id, "request.answer_read", "{}"});
    if (!e) return e.error();
    return Ok{};
  });
  if (!audited) {
    ctx.err << "dsrflow request answer: " << audited.error().message << '\n';
    return kExitFailure;
  }
  ctx.out << *text << '\n';
  return kExitOk;
}

Command stepCommand(const std::string& name, const std::string& summary, const std::string& help,
                    ArgumentSpec spec, EngineStep step) {
  const std::string command = "request " + name;
  spec.minPositional = 1;
  spec.maxPositional = 1;
  return {command, summary, help, spec, [=](CommandContext& ctx, const Arguments& args) {
            return runEngineStep(ctx, args, command, step);
          }};
}

}  // namespace

Command requestVerifyCommand() {
  return stepCommand(
      "verify", "record that the requester's identity was verified",
      "usage: dsrflow [--config FILE] request verify ID --method TEXT\n\n"
      "Records how the identity was verified (proportionately: no routine copies of ID\n"
      "documents, EDPB 01/2022) and lets the request continue.\n",
      {.valueOptions = {"--method"}},
      [](WorkflowEngine& engine, const std::string& id, const Arguments& args) {
        return engine.attestIdentity(id, cliActor(), args.value("--method").value_or(""));
      });
}

Command requestApproveCommand() {
  return stepCommand("approve", "approve a request so work on systems begins",
                     "usage: dsrflow [--config FILE] request approve ID\n", {},
                     [](WorkflowEngine& engine, const std::string& id, const Arguments&) {
                       return engine.approve(id, cliActor());
                     });
}

Command requestRetryCommand() {
  return stepCommand("retry", "run the failed systems of a request again",
                     "usage: dsrflow [--config FILE] request retry ID\n\n"
                     "For a request that failed or completed with exceptions, before its\n"
                     "deadline: the systems that failed (only those) are asked again and the\n"
                     "answer is assembled anew.\n",
                     {}, [](WorkflowEngine& engine, const std::string& id, const Arguments&) {
                       auto retried = engine.retryFailed(id, cliActor());
                       if (!retried) return Status(retried.error());
                       return Status(Ok{});
                     });
}

Command requestAnswerCommand() {
  return {"request answer",
          "print a request's assembled answer (audited)",
          "usage: dsrflow [--config FILE] request answer ID\n\n"
          "Decrypts and prints the answer bundle; the audit log records who read it.\n",
          {.minPositional = 1, .maxPositional = 1},
          answer};
}

}  // namespace dsrflow::app
