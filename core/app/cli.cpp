#include "app/cli.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

#include "app/command.hpp"

namespace dsrflow::app {
namespace {

constexpr const char* kDefaultConfig = "/etc/dsrflow/dsrflow.yaml";

void printOverview(std::ostream& out) {
  out << "usage: dsrflow [--config FILE] <command> [options]\n\n"
      << "Data-subject-rights request processor.\n\ncommands:\n";
  // One column for all summaries, wide enough for the longest name (resize() would cut it).
  std::size_t width = 16;
  for (const auto& c : commands()) {
    if (!c.hidden) width = std::max(width, c.name.size() + 1);
  }
  for (const auto& c : commands()) {
    if (c.hidden) continue;
    std::string padded = c.name;
    padded.resize(width, ' ');
    out << "  " << padded << c.summary << '\n';
  }
  out << "\nglobal options:\n"
      << "  --config FILE   configuration file (default: $DSRFLOW_CONFIG or " << kDefaultConfig
      << ")\n"
      << "  --help          this overview; `dsrflow COMMAND --help` for one command\n\n"
      << "exit codes: 0 ok, 1 runtime failure, 2 usage or configuration error\n";
}

// The command whose (possibly multi-word) name is the longest prefix of `words`.
const Command* findCommand(const std::vector<std::string>& words, std::size_t& used) {
  const Command* best = nullptr;
  for (const auto& c : commands()) {
    std::istringstream parts(c.name);
    std::string part;
    std::size_t n = 0;
    bool match = true;
    while (parts >> part) {
      if (n >= words.size() || words[n] != part) {
        match = false;
        break;
      }
      ++n;
    }
    if (match && (best == nullptr || n > used)) {
      best = &c;
      used = n;
    }
  }
  return best;
}

}  // namespace

int runCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::filesystem::path configPath = kDefaultConfig;
  if (const char* env = std::getenv("DSRFLOW_CONFIG"); env != nullptr && *env != '\0') {
    configPath = env;
  }
  // --config may stand anywhere; everything else belongs to the command.
  std::vector<std::string> rest;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config" || args[i] == "-c") {
      if (i + 1 >= args.size()) {
        err << "dsrflow: option " << args[i] << " needs a value\n";
        return kExitUsage;
      }
      configPath = args[++i];
    } else if (args[i].rfind("--config=", 0) == 0) {
      configPath = args[i].substr(9);
    } else {
      rest.push_back(args[i]);
    }
  }
  if (rest.empty() || rest[0] == "--help" || rest[0] == "-h" || rest[0] == "help") {
    printOverview(rest.empty() ? err : out);
    return rest.empty() ? kExitUsage : kExitOk;
  }
  if (rest[0] == "--version") rest[0] = "version";

  std::size_t used = 0;
  const Command* command = findCommand(rest, used);
  if (command == nullptr) {
    err << "dsrflow: unknown command '" << rest[0] << "' (see dsrflow --help)\n";
    return kExitUsage;
  }
  CommandContext ctx{
      {rest.begin() + static_cast<std::ptrdiff_t>(used), rest.end()}, out, err, configPath};
  auto parsed = Arguments::parse(ctx.args, command->spec);
  if (!parsed) {
    err << "dsrflow " << command->name << ": " << parsed.error().message << "\n\n"
        << command->usage;
    return kExitUsage;
  }
  if (parsed->flag("--help")) {
    out << command->usage;
    return kExitOk;
  }
  try {
    return command->run(ctx, *parsed);
  } catch (const std::exception& e) {
    err << "dsrflow " << command->name << ": " << e.what() << '\n';
    return kExitFailure;
  }
}

const std::vector<Command>& commands() {
  // One command per line, in the order `dsrflow --help` lists them.
  // clang-format off
  static const std::vector<Command> all = {
      serveCommand(),
      workerCommand(),
      migrateCommand(),
      configCheckCommand(),
      requestCreateCommand(),
      requestShowCommand(),
      requestListCommand(),
      requestVerifyCommand(),
      requestApproveCommand(),
      requestReviewCommand(),
      requestAssignCommand(),
      requestAnswerCommand(),
      requestRetryCommand(),
      requestRejectCommand(),
      requestCancelCommand(),
      requestExtendCommand(),
      requestHoldCommand(),
      requestReleaseCommand(),
      suppressionCheckCommand(),
      suppressionAddCommand(),
      suppressionListCommand(),
      suppressionEndCommand(),
      holdAddCommand(),
      holdListCommand(),
      holdEndCommand(),
      keysInitCommand(),
      keysRotateCommand(),
      keysListCommand(),
      auditVerifyCommand(),
      pluginCheckCommand(),
      datasetCheckCommand(),
      datasetImportFidesCommand(),
      datasetErasePlanCommand(),
      datasetInferCommand(),
      demoInitCommand(),
      versionCommand(),
      pluginHostCommand(),
  };
  // clang-format on

  return all;
}

}  // namespace dsrflow::app
