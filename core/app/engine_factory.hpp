#pragma once
// Builds the workflow engine from the configuration: the workflows, and one plugin instance per
// enabled system through the plugin registry.

#include <memory>
#include <vector>

#include "app/runtime.hpp"
#include "engine/legal_holds.hpp"
#include "engine/purger.hpp"
#include "engine/workflow_engine.hpp"
#include "plugin_host/plugin_registry.hpp"

namespace dsrflow::app {

struct EngineParts {
  std::shared_ptr<plugin_host::PluginRegistry> registry;  //!< keeps the plugins loaded
  std::unique_ptr<WorkflowEngine> engine;
  std::unique_ptr<Purger> purger;  //!< deletes what closed requests no longer need
  //! queues again erasures whose legal holds ended
  std::unique_ptr<LegalHoldRelease> holdRelease;
  std::vector<Error> systemErrors;  //!< systems that could not be opened (their tasks fail)
};

//! kInvalidArgument when the workflows are invalid; systems that cannot be opened are reported
//! in systemErrors, not as a failure, so one broken system never stops the others.
Result<EngineParts> buildEngine(const Runtime& runtime);

//! What a worker does each round besides running the engine: purges what closed requests no
//! longer need and queues again erasures whose legal holds ended.
Status runUpkeep(const EngineParts& parts);

}  // namespace dsrflow::app
