#pragma once
// A subcommand of `dsrflow`: its name, a one-line summary, its usage text and how to run it.
// Commands get their arguments already split from the global ones (--config, --log-level).

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "app/arguments.hpp"
#include "app/cli.hpp"

namespace dsrflow::app {

struct CommandContext {
  std::vector<std::string> args;  //!< after the command's name
  std::ostream& out;
  std::ostream& err;
  std::filesystem::path configPath;  //!< --config, $DSRFLOW_CONFIG or the packaged default
};

struct Command {
  std::string name;     //!< e.g. "serve" or "keys rotate"
  std::string summary;  //!< one line for `dsrflow --help`
  std::string usage;    //!< full help text for `dsrflow NAME --help`
  ArgumentSpec spec;
  std::function<int(CommandContext&, const Arguments&)> run;
  bool hidden = false;  //!< internal (e.g. plugin-host): left out of `dsrflow --help`
};

//! Every command, in the order `dsrflow --help` lists them.
const std::vector<Command>& commands();

// One factory per command file.
Command serveCommand();
Command migrateCommand();
Command configCheckCommand();
Command keysInitCommand();
Command keysRotateCommand();
Command keysListCommand();
Command demoInitCommand();
Command auditVerifyCommand();
Command pluginCheckCommand();
Command datasetCheckCommand();
Command datasetImportFidesCommand();
Command datasetErasePlanCommand();
Command datasetInferCommand();
Command workerCommand();
Command requestVerifyCommand();
Command requestApproveCommand();
Command requestReviewCommand();
Command requestAssignCommand();
Command requestAnswerCommand();
Command requestRetryCommand();
Command suppressionCheckCommand();
Command suppressionAddCommand();
Command suppressionListCommand();
Command suppressionEndCommand();
Command holdAddCommand();
Command holdListCommand();
Command holdEndCommand();
Command requestCreateCommand();
Command requestShowCommand();
Command requestListCommand();
Command requestRejectCommand();
Command requestCancelCommand();
Command requestExtendCommand();
Command requestHoldCommand();
Command requestReleaseCommand();
Command versionCommand();
Command pluginHostCommand();

}  // namespace dsrflow::app
