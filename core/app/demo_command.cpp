#include <filesystem>
#include <fstream>

#include "app/command.hpp"
#include "crypto/key_ring_admin.hpp"

namespace dsrflow::app {
namespace {

// The demo configuration: the embedded SQLite store inside the demo directory and the example
// connector as a demo CRM. Later work adds demo systems backed by generated SQLite databases.
constexpr const char* kDemoConfig = R"(# dsrflow demo configuration, written by `dsrflow demo init`.
# Relative paths are relative to this file.
data_dir: data
workflows_dir: @WORKFLOWS@
server:
  host: 127.0.0.1
  port: 8080
store:
  url: sqlite:data/dsrflow.db
keys:
  dir: data/keys
log:
  level: info
controllers:
  - id: demo
    name: Demo Shop GmbH
    time_zone: Europe/Berlin
    holidays: DE-BE
    phone_region: DE
    default_language: en
systems:
  # The example connector (plugins/examples/hello_connector): a CRM holding Ada
  # (ada@example.com) and Grace (grace@example.com) in memory.
  - id: hello-crm
    name: Hello CRM (demo)
    plugin: @PLUGIN@
    timeout: 10s
)";

int demoInit(CommandContext& ctx, const Arguments& args) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::absolute(*args.value("--dir")).lexically_normal();
  const fs::path configFile = dir / "dsrflow.yaml";
  fs::create_directories(dir / "data");
  if (fs::exists(configFile)) {
    ctx.out << "using the existing demo configuration " << configFile.string() << '\n';
  } else {
    std::string text = kDemoConfig;
    text.replace(text.find("@WORKFLOWS@"), 11, DSRFLOW_SOURCE_WORKFLOWS_DIR);
    text.replace(text.find("@PLUGIN@"), 8, DSRFLOW_DEMO_PLUGIN);
    std::ofstream out(configFile);
    out << text;
    out.close();
    if (!out) {
      ctx.err << "dsrflow demo init: cannot write " << configFile.string() << '\n';
      return kExitFailure;
    }
    ctx.out << "wrote " << configFile.string() << '\n';
  }
  const fs::path keys = dir / "data" / "keys";
  if (!crypto::keyRingExists(keys)) {
    SystemClock clock;
    auto ids = crypto::initKeyRing(keys, clock);
    if (!ids) {
      ctx.err << "dsrflow demo init: " << ids.error().message << '\n';
      return kExitFailure;
    }
    ctx.out << "created the demo key ring in " << keys.string() << '\n';
  }
  return kExitOk;
}

}  // namespace

Command demoInitCommand() {
  return {"demo init",
          "write a demo configuration and key ring",
          "usage: dsrflow demo init --dir DIR\n\n"
          "Writes DIR/dsrflow.yaml (SQLite store in DIR/data, one controller) unless it exists,\n"
          "and creates the key ring in DIR/data/keys unless it exists. Then run\n"
          "  dsrflow --config DIR/dsrflow.yaml serve\n",
          {.valueOptions = {"--dir"}},
          [](CommandContext& ctx, const Arguments& args) {
            if (!args.value("--dir")) {
              ctx.err << "dsrflow demo init: --dir is required\n";
              return static_cast<int>(kExitUsage);
            }
            return demoInit(ctx, args);
          }};
}

}  // namespace dsrflow::app
