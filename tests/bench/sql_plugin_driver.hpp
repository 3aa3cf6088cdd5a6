#pragma once
// The SQL connector plugin (sql_connector.so) as a system has it in the SQL connector
// benchmark: loaded by dsrflow's in-process host, records checked against the schema and
// counted, not kept.

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "plugin_host/action_request.hpp"
#include "plugin_host/call_sink.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "support/email_request.hpp"

namespace dsrflow::bench {

//! Counts the records a call streams (they have passed the host's schema check).
class CountingSink final : public plugin_host::CallSink {
 public:
  Status record(std::string_view recordJson) override {
    ++records;
    bytes += recordJson.size();
    return Ok{};
  }
  std::size_t records = 0;
  std::size_t bytes = 0;
};

class SqlPluginDriver {
 public:
  //! Loads a private copy of `plugin` (the host refuses files others can write) into `dir` and
  //! creates one instance for `url` and the dataset file.
  SqlPluginDriver(const std::filesystem::path& plugin, const std::filesystem::path& dir,
                  const std::string& url, const std::filesystem::path& dataset) {
    const std::filesystem::path copy = dir / "sql_connector.so";
    std::filesystem::copy_file(plugin, copy, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::permissions(copy, std::filesystem::perms(0755));
    auto loaded = loader_.load(plugin_host::PluginSpec{copy, ""});
    if (!loaded) throw std::runtime_error(loaded.error().message);
    plugin_host::InstanceOptions options;
    options.systemId = "shop";
    options.configJson = R"({"url": ")" + url + R"(", "dataset": ")" + dataset.string() + R"("})";
    options.timeout = std::chrono::minutes(10);
    auto instance = (*loaded)->createInstance(options);
    if (!instance) throw std::runtime_error(instance.error().message);
    plugin_ = *loaded;
    instance_ = std::move(instance).value();
  }

  //! One call of `action` for the e-mail address; throws when the call fails.
  plugin_host::CallResult call(Action action, const std::string& email, CountingSink& sink) {
    const plugin_host::ActionRequest r = testing::emailRequest(action, email);
    auto result = instance_->invoke(r, plugin_host::CallOptions{}, sink);
    if (!result) throw std::runtime_error(result.error().message);
    if (result->failed()) throw std::runtime_error("the plugin failed: " + result->reason);
    return *result;
  }

 private:
  plugin_host::InProcessLoader loader_;
  std::shared_ptr<plugin_host::Plugin> plugin_;
  std::unique_ptr<plugin_host::PluginInstance> instance_;
};

}  // namespace dsrflow::bench
