// The built test plugins and the example connector, loaded with plain dlopen/dlsym and driven
// through their descriptors over the fake host: what the real host will see.
#include "dsrflow/json.hpp"
#include "dsrflow/plugin.h"
#include "sdk/support/fake_host.hpp"
#include "sdk/support/schema_check.hpp"
#include "test_plugins.hpp"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <string>

namespace dsrflow::testing {
namespace {

namespace json = sdk::json;

// A plugin library loaded for one test.
class Library {
 public:
  explicit Library(const char* path) : handle_(dlopen(path, RTLD_NOW | RTLD_LOCAL)) {
    if (handle_ == nullptr) {
      error_ = dlerror();
      return;
    }
    if (void* symbol = dlsym(handle_, DSRFLOW_PLUGIN_ENTRY_SYMBOL)) {
      descriptor_ = reinterpret_cast<dsrflow_plugin_entry_fn>(symbol)();
    }
  }
  ~Library() {
    if (handle_ != nullptr) dlclose(handle_);
  }
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  [[nodiscard]] bool loaded() const { return handle_ != nullptr; }
  [[nodiscard]] const std::string& error() const { return error_; }
  //! nullptr when the library has no entry symbol.
  [[nodiscard]] const dsrflow_plugin_descriptor* descriptor() const { return descriptor_; }

 private:
  void* handle_;
  std::string error_;
  const dsrflow_plugin_descriptor* descriptor_ = nullptr;
};

dsrflow_str str(const std::string& s) { return dsrflow_str{s.data(), s.size()}; }

// One instance over its own fake host; the host's script can change between calls.
class Instance {
 public:
  Instance(const dsrflow_plugin_descriptor* d, const std::string& config,
           std::size_t tableSize = sizeof(dsrflow_host_services))
      : d_(d) {
    host.truncateTable(tableSize);
    handle_ = d_->create(host.services(), host.call(), str(config));
  }
  ~Instance() {
    if (handle_ != nullptr) d_->destroy(handle_);
  }
  Instance(const Instance&) = delete;
  Instance& operator=(const Instance&) = delete;

  [[nodiscard]] bool created() const { return handle_ != nullptr; }
  dsrflow_status invoke(const std::string& action, const std::string& email,
                        const std::string& extra = "") {
    host.clearObservations();
    std::string request =
        R"({"action":")" + action + R"(","request_id":"r-1","task_id":"t-1","identities":[)" +
        (email.empty() ? "" : R"({"type":"email","format":"raw","value":")" + email + "\"}") + "]" +
        extra + "}";
    return d_->invoke(handle_, host.call(), str(request));
  }
  dsrflow_status callback(const std::string& body) {
    host.clearObservations();
    std::string http = json::write(json::Value::object({{"method", "POST"},
                                                        {"path", "/callbacks/t-1"},
                                                        {"headers", json::Value::object()},
                                                        {"body", body}}));
    return d_->on_callback(handle_, host.call(), str(http));
  }
  //! The last outcome's "outcome" property.
  [[nodiscard]] std::string outcome() const {
    return host.outcomes.empty() ? "" : json::parse(host.lastOutcome()).getString("outcome");
  }

  FakeHost host;

 private:
  const dsrflow_plugin_descriptor* d_;
  dsrflow_instance* handle_ = nullptr;
};

constexpr const char* kAda = "ada@example.com";
constexpr uint32_t kGoodActions = DSRFLOW_ACTION_ACCESS | DSRFLOW_ACTION_ERASE |
                                  DSRFLOW_ACTION_STATUS | DSRFLOW_ACTION_TEST_CONNECTION;

TEST(PluginLoad, GoodDescribesItself) {
  Library lib(kGoodPlugin);
  ASSERT_TRUE(lib.loaded()) << lib.error();
  const dsrflow_plugin_descriptor* d = lib.descriptor();
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->struct_size, sizeof(dsrflow_plugin_descriptor));
  EXPECT_EQ(d->abi_major, DSRFLOW_ABI_MAJOR);
  EXPECT_EQ(d->abi_minor, DSRFLOW_ABI_MINOR);
  EXPECT_STREQ(d->name, "org.dsrflow.test.good");
  EXPECT_EQ(d->actions, kGoodActions);
  EXPECT_NE(d->on_callback, nullptr);
  EXPECT_EQ(schemaErrors("manifest", d->manifest_json), "");
  EXPECT_EQ(loadSchemaErrors(d->config_schema_json), "");
}

TEST(PluginLoad, GoodAnswersAccessWithValidRecords) {
  Library lib(kGoodPlugin);
  ASSERT_NE(lib.descriptor(), nullptr);
  Instance plugin(lib.descriptor(), "{}");
  ASSERT_TRUE(plugin.created()) << plugin.host.lastError();
  ASSERT_EQ(plugin.invoke("access", kAda), DSRFLOW_OK) << plugin.host.lastError();
  EXPECT_EQ(plugin.outcome(), "completed");
  ASSERT_EQ(plugin.host.records.size(), 3u);  // the customer and two orders
  for (const std::string& record : plugin.host.records) {
    EXPECT_EQ(schemaErrors("record", record), "") << record;
  }
  EXPECT_EQ(json::parse(plugin.host.records[0])["fields"]["email"].asString(), kAda);
  EXPECT_FALSE(plugin.host.logs.empty());

  ASSERT_EQ(plugin.invoke("access", kAda, R"(,"categories":["user.behavior"])"), DSRFLOW_OK);
  EXPECT_EQ(plugin.host.records.size(), 2u) << "only the orders are covered";

  ASSERT_EQ(plugin.invoke("access", "nobody@example.com"), DSRFLOW_OK);
  EXPECT_EQ(plugin.outcome(), "not_found");
  EXPECT_TRUE(plugin.host.records.empty());
}

TEST(PluginLoad, GoodErasesOnceThenAnswersNotFound) {
  Library lib(kGoodPlugin);
  Instance plugin(lib.descriptor(), R"({"people":[{"id":"c-9","email":"x@example.com"}]})");
  ASSERT_TRUE(plugin.created());
  ASSERT_EQ(plugin.invoke("erase", "x@example.com", R"(,"dry_run":true)"), DSRFLOW_OK);
  EXPECT_EQ(plugin.outcome(), "erased");
  ASSERT_EQ(plugin.invoke("erase", "x@example.com"), DSRFLOW_OK);
  EXPECT_EQ(plugin.host.lastOutcome(),
            R"({"outcome":"erased","counts":{"user.contact.email":1,"user.name":1,)"
            R"("user.unique_id":1},"method":"deleted"})");
  EXPECT_EQ(schemaErrors("outcome", plugin.host.lastOutcome()), "");
  ASSERT_EQ(plugin.invoke("erase", "x@example.com"), DSRFLOW_OK);
  EXPECT_EQ(plugin.outcome(), "not_found");
}

TEST(PluginLoad, GoodDefersAndCompletesOnStatus) {
  Library lib(kGoodPlugin);
  Instance plugin(lib.descriptor(), R"({"erase_mode":"deferred","poll_ms":5000})");
  ASSERT_EQ(plugin.invoke("erase", kAda), DSRFLOW_OK) << plugin.host.lastError();
  EXPECT_EQ(plugin.outcome(), "deferred");
  ASSERT_EQ(plugin.host.polls.size(), 1u);
  std::string state = plugin.host.polls[0].state;
  ASSERT_EQ(plugin.invoke("status", "", ",\"state\":" + state), DSRFLOW_OK);
  EXPECT_EQ(plugin.outcome(), "erased");
}

TEST(PluginLoad, GoodSettlesThroughItsCallback) {
  Library lib(kGoodPlugin);
  Instance plugin(lib.descriptor(), R"({"erase_mode":"callback"})");
  EXPECT_EQ(plugin.invoke("erase", kAda), DSRFLOW_ERROR);
  EXPECT_EQ(plugin.host.lastError(), "the host offers no callback URL");

  Instance withUrl(lib.descriptor(), R"({"erase_mode":"callback"})");
  withUrl.host.callbackUrl = "https://dsrflow.example/callbacks/t-1";
  ASSERT_EQ(withUrl.invoke("erase", kAda), DSRFLOW_OK);
  std::string job = json::parse(withUrl.host.lastOutcome()).getString("job_id");
  EXPECT_EQ(withUrl.callback(R"({"job":")" + job + R"(","status":"running"})"), DSRFLOW_OK);
  EXPECT_TRUE(withUrl.host.outcomes.empty());
  EXPECT_EQ(withUrl.callback(R"({"job":")" + job + R"(","status":"done"})"), DSRFLOW_OK);
  EXPECT_EQ(withUrl.outcome(), "erased");
  EXPECT_EQ(withUrl.callback(R"({"job":"job-999","status":"done"})"), DSRFLOW_ERROR);
}

TEST(PluginLoad, GoodHandlesServicesAnOlderHostLacks) {
  Library lib(kGoodPlugin);
  Instance full(lib.descriptor(), R"({"secret":"api_token"})");
  full.host.secrets["api_token"] = "t0k3n";
  EXPECT_EQ(full.invoke("test_connection", ""), DSRFLOW_OK);
  EXPECT_EQ(full.outcome(), "completed");
  full.host.secrets.clear();
  EXPECT_EQ(full.invoke("test_connection", ""), DSRFLOW_ERROR);
  EXPECT_EQ(full.host.lastError(), "the configured secret is not set");

  Instance old(lib.descriptor(), R"({"secret":"api_token"})",
               offsetof(dsrflow_host_services, read_secret));
  ASSERT_TRUE(old.created());
  old.host.secrets["api_token"] = "t0k3n";
  EXPECT_EQ(old.invoke("test_connection", ""), DSRFLOW_ERROR);
  EXPECT_EQ(old.host.lastError(), "the host offers no secrets");
  EXPECT_EQ(old.invoke("access", kAda), DSRFLOW_OK);
  EXPECT_EQ(old.host.records.size(), 3u);
  EXPECT_EQ(old.host.outOfTableCalls, 0);

  Instance noCallbacks(lib.descriptor(), R"({"erase_mode":"callback"})",
                       offsetof(dsrflow_host_services, callback_url));
  noCallbacks.host.callbackUrl = "https://dsrflow.example/callbacks/t-1";
  EXPECT_EQ(noCallbacks.invoke("erase", kAda), DSRFLOW_ERROR);
  EXPECT_EQ(noCallbacks.host.outOfTableCalls, 0);
}

TEST(PluginLoad, GoodRefusesABadConfiguration) {
  Library lib(kGoodPlugin);
  Instance plugin(lib.descriptor(), R"({"erase_mode":"sometimes"})");
  EXPECT_FALSE(plugin.created());
  EXPECT_EQ(plugin.host.lastError(), "erase_mode must be immediate, deferred, callback or retain");
}

TEST(PluginLoad, ThrowsBecomesErrorsWithTheMessage) {
  Library lib(kThrowsPlugin);
  ASSERT_NE(lib.descriptor(), nullptr) << lib.error();
  Instance plugin(lib.descriptor(), "{}");
  ASSERT_TRUE(plugin.created());
  EXPECT_EQ(plugin.invoke("access", kAda), DSRFLOW_ERROR);
  ASSERT_EQ(plugin.host.errors.size(), 1u);
  EXPECT_EQ(plugin.host.errors[0].message, "simulated connector failure");
  EXPECT_FALSE(plugin.host.errors[0].retryable);
  EXPECT_TRUE(plugin.host.outcomes.empty());
  EXPECT_EQ(plugin.invoke("erase", kAda), DSRFLOW_ERROR);
  EXPECT_EQ(plugin.host.lastError(), "unknown exception in the connector");
  // The plugin survived both and still answers.
  EXPECT_EQ(plugin.invoke("access", kAda), DSRFLOW_ERROR);

  Instance failing(lib.descriptor(), R"({"throw_in_create":true})");
  EXPECT_FALSE(failing.created());
  EXPECT_EQ(failing.host.lastError(), "simulated failure in create");
}

TEST(PluginLoad, HelloConnectorAnswersAccessAndErasesTwice) {
  Library lib(kHelloConnectorPlugin);
  ASSERT_NE(lib.descriptor(), nullptr) << lib.error();
  EXPECT_STREQ(lib.descriptor()->name, "com.example.hello");
  EXPECT_EQ(lib.descriptor()->actions,
            static_cast<uint32_t>(DSRFLOW_ACTION_ACCESS | DSRFLOW_ACTION_ERASE |
                                  DSRFLOW_ACTION_TEST_CONNECTION));
  EXPECT_EQ(schemaErrors("manifest", lib.descriptor()->manifest_json), "");
  Instance plugin(lib.descriptor(), "{}");
  ASSERT_EQ(plugin.invoke("access", kAda), DSRFLOW_OK);
  EXPECT_EQ(plugin.host.records.size(), 4u);  // contact, two page views, segment
  for (const std::string& record : plugin.host.records) {
    EXPECT_EQ(schemaErrors("record", record), "") << record;
  }
  ASSERT_EQ(plugin.invoke("erase", kAda), DSRFLOW_OK);
  EXPECT_EQ(plugin.outcome(), "erased");
  ASSERT_EQ(plugin.invoke("erase", kAda), DSRFLOW_OK);
  EXPECT_EQ(plugin.outcome(), "not_found");
  ASSERT_EQ(plugin.invoke("access", kAda), DSRFLOW_OK);
  EXPECT_EQ(plugin.outcome(), "not_found");
}

TEST(PluginLoad, CMinimalWorksWithoutTheSdk) {
  Library lib(kCMinimalPlugin);
  ASSERT_NE(lib.descriptor(), nullptr) << lib.error();
  Instance plugin(lib.descriptor(), "{}");
  ASSERT_EQ(plugin.invoke("access", kAda), DSRFLOW_OK);
  EXPECT_EQ(plugin.outcome(), "not_found");
}

TEST(PluginLoad, FaultyDescriptorsHaveTheirFaults) {
  Library major(kBadAbiMajorPlugin);
  ASSERT_NE(major.descriptor(), nullptr);
  EXPECT_EQ(major.descriptor()->abi_major, 2);
  Library minor(kNewerMinorPlugin);
  ASSERT_NE(minor.descriptor(), nullptr);
  EXPECT_EQ(minor.descriptor()->abi_minor, 99);
  Library nullName(kBadDescriptorNullNamePlugin);
  ASSERT_NE(nullName.descriptor(), nullptr);
  EXPECT_EQ(nullName.descriptor()->name, nullptr);
  Library noInvoke(kBadDescriptorNoInvokePlugin);
  ASSERT_NE(noInvoke.descriptor(), nullptr);
  EXPECT_EQ(noInvoke.descriptor()->invoke, nullptr);
  Library small(kBadDescriptorSmallStructPlugin);
  ASSERT_NE(small.descriptor(), nullptr);
  EXPECT_EQ(small.descriptor()->struct_size, offsetof(dsrflow_plugin_descriptor, create));
  Library noEntry(kNoEntryPlugin);
  EXPECT_TRUE(noEntry.loaded()) << noEntry.error();
  EXPECT_EQ(noEntry.descriptor(), nullptr);
  Library badManifest(kBadManifestPlugin);
  ASSERT_NE(badManifest.descriptor(), nullptr);
  EXPECT_NE(schemaErrors("manifest", badManifest.descriptor()->manifest_json), "");
}

TEST(PluginLoad, BadRecordsEmitsSevenInvalidRecordsAndClaimsSuccess) {
  Library lib(kBadRecordsPlugin);
  Instance plugin(lib.descriptor(), "{}");
  ASSERT_EQ(plugin.invoke("access", kAda), DSRFLOW_OK);
  EXPECT_EQ(plugin.outcome(), "completed");
  ASSERT_EQ(plugin.host.records.size(), 8u);
  int valid = 0;
  for (const std::string& record : plugin.host.records) {
    if (schemaErrors("record", record).empty()) ++valid;
  }
  EXPECT_EQ(valid, 1);
}

TEST(PluginLoad, ContractViolatorsViolate) {
  Library notFound(kNotFoundAsErrorPlugin);
  Instance a(notFound.descriptor(), "{}");
  EXPECT_EQ(a.invoke("access", kAda), DSRFLOW_OK);
  EXPECT_EQ(a.invoke("access", "nobody@example.com"), DSRFLOW_ERROR);

  Library twice(kEraseNotIdempotentPlugin);
  Instance e(twice.descriptor(), "{}");
  EXPECT_EQ(e.invoke("erase", kAda), DSRFLOW_OK);
  EXPECT_EQ(e.invoke("erase", kAda), DSRFLOW_ERROR);
  EXPECT_EQ(e.invoke("erase", "nobody@example.com"), DSRFLOW_OK);
  EXPECT_EQ(e.outcome(), "not_found");
}

TEST(PluginLoad, SlowCooperativeStopsWhenCancelled) {
  Library lib(kSlowCooperativePlugin);
  Instance slow(lib.descriptor(), R"({"duration_ms":60000})");
  slow.host.cancelled = true;
  EXPECT_EQ(slow.invoke("access", kAda), DSRFLOW_CANCELLED);
  Instance quick(lib.descriptor(), R"({"duration_ms":30})");
  EXPECT_EQ(quick.invoke("access", kAda), DSRFLOW_OK);
  EXPECT_EQ(quick.outcome(), "completed");
}

TEST(PluginLoad, EveryTestPluginLoadsAndSdkPluginsExportOnlyTheEntry) {
  for (const TestPlugin& p : kAllTestPlugins) {
    Library lib(p.path);
    EXPECT_TRUE(lib.loaded()) << p.name << ": " << lib.error();
  }
  // The SDK's helper hides everything but the entry, even the standard library's instances.
  // (The symbol may exist in libstdc++, a dependency dlsym also searches: it must not be the
  // plugin's copy.)
  Library good(kGoodPlugin);
  void* handle = dlopen(kGoodPlugin, RTLD_NOW | RTLD_LOCAL | RTLD_NOLOAD);
  ASSERT_NE(handle, nullptr);
  void* entry = dlsym(handle, DSRFLOW_PLUGIN_ENTRY_SYMBOL);
  Dl_info entryInfo{};
  ASSERT_NE(dladdr(entry, &entryInfo), 0);
  for (const char* name :
       {"_ZNKSt18bad_variant_access4whatEv",
        "_ZNSt6vectorINSt7__cxx1112basic_stringIcSt11char_traitsIcESaIcEEESaIS5_EED2Ev"}) {
    void* symbol = dlsym(handle, name);
    Dl_info info{};
    if (symbol != nullptr && dladdr(symbol, &info) != 0) {
      EXPECT_NE(info.dli_fbase, entryInfo.dli_fbase) << name << " is exported by the plugin";
    }
  }
  dlclose(handle);
}

}  // namespace
}  // namespace dsrflow::testing
