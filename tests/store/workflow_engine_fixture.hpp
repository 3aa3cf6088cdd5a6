#pragma once
// The engine on a store of each backend with two systems served by the `good` test plugin in
// process: a CRM holding Ada (with two orders) and a newsletter tool holding Grace. Shared by
// the engine's store tests.

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gmock/gmock.h>

#include "audit/audit_log.hpp"
#include "crypto/key_ring_admin.hpp"
#include "engine/answer_assembler.hpp"
#include "engine/request_intake.hpp"
#include "engine/workflow_engine.hpp"
#include "engine/workflow_loader.hpp"
#include "plugin_host/in_process_loader.hpp"
#include "store_fixture.hpp"
#include "support/fixtures.hpp"
#include "test_plugins.hpp"

namespace dsrflow::testing {

class WorkflowEngineTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_TRUE(crypto::initKeyRing(dir_->path() / "keys", *clock_).ok());
    auto ring = crypto::KeyRing::load(dir_->path() / "keys");
    ASSERT_OK(ring);
    vault_ = std::make_shared<const IdentityVault>(
        std::make_shared<const crypto::KeyRing>(std::move(ring).value()));
    auto config = std::make_shared<config::Config>();
    config::ControllerConfig acme;
    acme.id = "acme";
    acme.name = "ACME";
    config->controllers.push_back(acme);
    config_ = config;
    auto intake = RequestIntake::create(config_, shared(), vault_, clock_);
    ASSERT_OK(intake);
    intake_ = std::move(intake).value();
    // The host refuses plugins in directories others could write: use a private copy.
    std::filesystem::create_directories(dir_->path() / "plugins");
    std::filesystem::permissions(dir_->path() / "plugins", std::filesystem::perms::owner_all);
    plugin_ = dir_->path() / "plugins" / "good.so";
    std::filesystem::copy_file(kGoodPlugin, plugin_);
  }

  std::shared_ptr<Store> shared() {
    return std::shared_ptr<Store>(&store(), [](Store*) {});
  }

  // Two systems: a CRM holding Ada (with two orders) and a newsletter tool holding Grace.
  void startEngine(const std::string& crmEraseMode = "immediate",
                   const std::filesystem::path& crmPlugin = {}, const std::string& crmPeople = {}) {
    plugin_host::HostOptions host;
    host.clock = clock_;
    loader_ = std::make_unique<plugin_host::InProcessLoader>(host);
    auto plugin = loader_->load({plugin_, ""});
    ASSERT_OK(plugin);
    auto crm = crmPlugin.empty() ? plugin : loader_->load({crmPlugin, ""});
    ASSERT_OK(crm);
    std::vector<SystemHandle> systems;
    for (const auto& [id, config] : std::vector<std::pair<std::string, std::string>>{
             {"crm", R"({"erase_mode": ")" + crmEraseMode + R"(", "poll_ms": 60000)" +
                         (crmPeople.empty() ? "" : ", \"people\": " + crmPeople) + "}"},
             {"newsletter", R"({"people": [{"id": "n-7", "email": "grace@example.com",
                                "name": "Grace"}]})"}}) {
      plugin_host::InstanceOptions options;
      options.systemId = id;
      options.configJson = config;
      auto instance = (id == "crm" ? *crm : *plugin)->createInstance(options);
      ASSERT_OK(instance);
      systems.push_back({id, "crm", std::chrono::seconds(10), 4, std::move(instance).value()});
    }
    auto workflows = loadWorkflows(sourceDir() / "workflows");
    ASSERT_OK(workflows);
    EngineOptions options;
    options.resultsDir = dir_->path() / "results";
    options.retry.firstDelay = std::chrono::seconds(1);
    engine_ = std::make_unique<WorkflowEngine>(
        shared(), vault_, clock_, *workflows,
        std::make_shared<const SystemDirectory>(std::move(systems)), options);
  }

  std::string submit(RequestType type, const std::string& email,
                     Channel channel = Channel::kLetter) {
    NewRequest n;
    n.type = type;
    n.channel = channel;
    n.identities.push_back({IdentityType::kEmail, "", IdentityFormat::kRaw, email});
    auto r = intake_->submit(n, staff_);
    EXPECT_TRUE(r.ok()) << r.error().message;
    return r.ok() ? r->id : "";
  }
  Request request(const std::string& id) {
    return store().readValue<Request>([&](StoreTx& tx) { return tx.requests().get(id); }).value();
  }
  std::vector<Task> tasks(const std::string& id) {
    return store()
        .readValue<std::vector<Task>>([&](StoreTx& tx) { return tx.tasks().listForRequest(id); })
        .value();
  }
  Poco::JSON::Object::Ptr answer(const std::string& id) {
    auto text = readAnswer(*vault_, id, dir_->path() / "results");
    EXPECT_TRUE(text.ok()) << text.error().message;
    return Poco::JSON::Parser().parse(text.ok() ? *text : "{}").extract<Poco::JSON::Object::Ptr>();
  }

  // Plugins compute poll times from the real clock (they have no other), so the test's clock
  // starts at the real time and then moves only when told to.
  std::shared_ptr<ManualClock> clock_ = std::make_shared<ManualClock>(SystemClock().now());
  std::shared_ptr<const config::Config> config_;
  std::shared_ptr<const IdentityVault> vault_;
  std::unique_ptr<RequestIntake> intake_;
  std::filesystem::path plugin_;
  std::unique_ptr<plugin_host::InProcessLoader> loader_;
  std::unique_ptr<WorkflowEngine> engine_;
  Actor staff_{ActorType::kUser, "staff-1"};
};

}  // namespace dsrflow::testing
