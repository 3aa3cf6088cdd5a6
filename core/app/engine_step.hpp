#pragma once
// Runs one people's step of a workflow (verify, approve, review --done, retry) through the
// engine built from the configuration, and prints the request's new status.

#include <functional>
#include <string>

#include "app/command.hpp"
#include "engine/workflow_engine.hpp"

namespace dsrflow::app {

using EngineStep = std::function<Status(WorkflowEngine&, const std::string& id, const Arguments&)>;

//! Exit code: 0, 2 for kInvalidArgument, else 1; errors printed as "dsrflow COMMAND: ...".
int runEngineStep(CommandContext& ctx, const Arguments& args, const std::string& command,
                  const EngineStep& step);

}  // namespace dsrflow::app
