// dsrflow_plugin_probe: loads a plugin with plain dlopen and checks what it declares, for tests
// that build a plugin outside the project (the out-of-tree SDK acceptance test).
//
//   dsrflow_plugin_probe PLUGIN.so [--name NAME] [--version VERSION] [--actions a,b,...]
//
// Checks the entry symbol, the descriptor's ABI and size, the expected name, version and exact
// action set, that the manifest matches the ABI schema and the config schema loads, and that an
// instance can be created from "{}" and destroyed. Prints one line per finding; exits 0 when all
// checks pass, 1 otherwise, 2 on usage errors.
#include "dsrflow/plugin.h"

#include "sdk/support/fake_host.hpp"
#include "sdk/support/schema_check.hpp"

#include <dlfcn.h>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

namespace {

constexpr std::pair<uint32_t, const char*> kActionNames[] = {
    {DSRFLOW_ACTION_ACCESS, "access"},     {DSRFLOW_ACTION_ERASE, "erase"},
    {DSRFLOW_ACTION_RECTIFY, "rectify"},   {DSRFLOW_ACTION_RESTRICT, "restrict"},
    {DSRFLOW_ACTION_SUPPRESS, "suppress"}, {DSRFLOW_ACTION_EXPLAIN, "explain"},
    {DSRFLOW_ACTION_STATUS, "status"},     {DSRFLOW_ACTION_TEST_CONNECTION, "test_connection"}};

std::string actionList(uint32_t bits) {
  std::string out;
  for (const auto& [bit, name] : kActionNames) {
    if ((bits & bit) != 0) out += (out.empty() ? "" : ",") + std::string(name);
  }
  return out;
}

int failures = 0;

void check(bool ok, const std::string& what) {
  std::printf("%s %s\n", ok ? "ok  " : "FAIL", what.c_str());
  if (!ok) ++failures;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s PLUGIN [--name N] [--version V] [--actions a,b]\n", argv[0]);
    return 2;
  }
  std::string expectName, expectVersion, expectActions;
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string_view flag = argv[i];
    if (flag == "--name") {
      expectName = argv[i + 1];
    } else if (flag == "--version") {
      expectVersion = argv[i + 1];
    } else if (flag == "--actions") {
      expectActions = argv[i + 1];
    } else {
      std::fprintf(stderr, "unknown option %s\n", argv[i]);
      return 2;
    }
  }

  void* library = dlopen(argv[1], RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) {
    check(false, std::string("dlopen: ") + dlerror());
    return 1;
  }
  void* symbol = dlsym(library, DSRFLOW_PLUGIN_ENTRY_SYMBOL);
  check(symbol != nullptr, "exports " DSRFLOW_PLUGIN_ENTRY_SYMBOL);
  if (symbol == nullptr) return 1;
  auto entry = reinterpret_cast<dsrflow_plugin_entry_fn>(symbol);
  const dsrflow_plugin_descriptor* d = entry();
  check(d != nullptr, "descriptor returned");
  if (d == nullptr) return 1;

  check(d->struct_size >= sizeof(dsrflow_plugin_descriptor),
        "descriptor struct_size " + std::to_string(d->struct_size));
  check(d->abi_major == DSRFLOW_ABI_MAJOR && d->abi_minor <= DSRFLOW_ABI_MINOR,
        "ABI " + std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor));
  std::string name = d->name != nullptr ? d->name : "";
  std::string version = d->version != nullptr ? d->version : "";
  check(expectName.empty() ? !name.empty() : name == expectName, "name " + name);
  check(expectVersion.empty() ? !version.empty() : version == expectVersion, "version " + version);
  std::string actions = actionList(d->actions);
  check(expectActions.empty() ? !actions.empty() : actions == expectActions, "actions " + actions);
  check(d->create != nullptr && d->destroy != nullptr && d->invoke != nullptr,
        "create, destroy and invoke set");

  std::string manifestErrors = d->manifest_json != nullptr
                                   ? dsrflow::testing::schemaErrors("manifest", d->manifest_json)
                                   : "no manifest";
  check(manifestErrors.empty(), "manifest matches the schema " + manifestErrors);
  std::string configErrors = d->config_schema_json != nullptr
                                 ? dsrflow::testing::loadSchemaErrors(d->config_schema_json)
                                 : "no config schema";
  check(configErrors.empty(), "config schema loads " + configErrors);

  if (d->create != nullptr && d->destroy != nullptr) {
    dsrflow::testing::FakeHost host;
    dsrflow_instance* instance = d->create(host.services(), host.call(), dsrflow_str{"{}", 2});
    check(instance != nullptr, "create from {} " + host.lastError());
    if (instance != nullptr) d->destroy(instance);
  }
  // The library stays loaded: a plugin's static destructors run at exit, like in the host.
  return failures == 0 ? 0 : 1;
}
