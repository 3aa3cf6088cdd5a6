#pragma once
// The SQL connector plugin (sql_connector.so) loaded by dsrflow's in-process host, as a system
// would have it: a private copy of the built plugin, one instance per configuration, calls with
// records collected and counted per collection.

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "model/identity.hpp"
#include "plugin_host/action_request.hpp"
#include "plugin_host/call_sink.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "plugin_host/secret_store.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {

//! What one access call gave.
struct AccessAnswer {
  plugin_host::CallResult result;
  std::vector<Poco::JSON::Object::Ptr> records;
  std::map<std::string, std::size_t> recordsPer;  //!< records per collection
  std::map<std::string, std::size_t> rowsPer;     //!< rows reached per collection (details)
};

class SqlPluginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The host refuses plugins in directories others can write: load a private copy.
    plugin_ = dir_ / "sql_connector.so";
    std::filesystem::copy_file(DSRFLOW_SQL_CONNECTOR, plugin_);
    std::filesystem::permissions(plugin_, std::filesystem::perms(0755));
  }

  //! An instance for `configJson`; the error message when the host or the plugin refuses.
  Result<std::unique_ptr<plugin_host::PluginInstance>> create(
      const std::string& configJson,
      std::shared_ptr<const plugin_host::SecretStore> secrets = nullptr) {
    auto plugin = loader_.load(plugin_host::PluginSpec{plugin_, ""});
    if (!plugin) return plugin.error();
    plugin_host::InstanceOptions options;
    options.systemId = "crm";
    options.configJson = configJson;
    options.secrets = std::move(secrets);
    return (*plugin)->createInstance(options);
  }

  //! A request of `action` for raw identities (type, subtype, value).
  static plugin_host::ActionRequest request(
      Action action,
      const std::vector<std::tuple<IdentityType, std::string, std::string>>& identities,
      std::vector<std::string> categories = {}) {
    plugin_host::ActionRequest r;
    r.action = action;
    r.requestId = "4f8a1c2e-0000-4000-8000-000000000001";
    r.taskId = "4f8a1c2e-0000-4000-8000-000000000002";
    r.requestType = RequestType::kAccess;
    r.regulation = Regulation::kGdpr;
    for (const auto& [type, subtype, value] : identities) {
      auto id = normalizeIdentity(type, subtype, IdentityFormat::kRaw, value);
      EXPECT_TRUE(id.ok()) << id.error().message;
      if (id.ok()) r.identities.push_back(*id);
    }
    r.categories = std::move(categories);
    return r;
  }

  static AccessAnswer run(plugin_host::PluginInstance& instance,
                          const plugin_host::ActionRequest& request) {
    plugin_host::CollectingSink sink;
    AccessAnswer answer;
    auto result = instance.invoke(request, plugin_host::CallOptions{}, sink);
    if (!result) {
      ADD_FAILURE() << result.error().message;
      return answer;
    }
    answer.result = *result;
    Poco::JSON::Parser parser;
    for (const std::string& json : sink.records) {
      auto record = parser.parse(json).extract<Poco::JSON::Object::Ptr>();
      ++answer.recordsPer[record->getValue<std::string>("collection")];
      answer.records.push_back(record);
    }
    if (!answer.result.outcomeJson.empty()) {
      auto outcome = parser.parse(answer.result.outcomeJson).extract<Poco::JSON::Object::Ptr>();
      if (auto details = outcome->getArray("details")) {
        for (std::size_t i = 0; i < details->size(); ++i) {
          auto item = details->getObject(static_cast<unsigned>(i));
          if (!item->has("collection")) continue;  // erasure details also name what stayed
          answer.rowsPer[item->getValue<std::string>("collection")] =
              item->getValue<std::size_t>("rows");
        }
      }
    }
    return answer;
  }

  TempDir dir_;
  std::filesystem::path plugin_;
  plugin_host::InProcessLoader loader_;
};

}  // namespace dsrflow::testing
