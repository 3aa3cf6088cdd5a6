// The C side of the SDK (detail::Entry, behind DSRFLOW_CONNECTOR), driven in-process through the
// descriptor exactly as the host would call it.
#include "dsrflow/connector.hpp"

#include "sdk/support/fake_host.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>

namespace dsrflow::sdk {
namespace {

using testing::FakeHost;

// Behaves as the request's "mode" property says.
class Scripted : public Connector {
 public:
  explicit Scripted(const Config& config) {
    if (config.getBool("explode")) throw std::runtime_error("bad configuration: explode is set");
  }

  Outcome access(Call& call, const ActionRequest& request) override {
    std::string mode = request.raw.getString("mode");
    if (mode == "throw_std") throw std::runtime_error("vendor API exploded");
    if (mode == "throw_retryable") throw RetryableError("vendor API timed out");
    if (mode == "throw_int") throw 42;
    if (mode == "failed") return Outcome::failed("vendor refused", false);
    if (mode == "failed_retryable") return Outcome::failed("vendor busy", true);
    if (mode == "cancelled") return Outcome::cancelled();
    if (mode == "deferred") return Outcome::deferred("job-1", fromUnixMillis(1796032800000));
    if (mode == "not_found") return Outcome::notFound();
    for (int i = 0; i < 3; ++i) {
      Record r("items");
      r.field("n", i, "user.behavior", Origin::observed);
      // "ignore_stop": a careless connector that keeps going and claims success.
      if (!call.emit(r) && mode != "ignore_stop") return Outcome::cancelled();
    }
    return Outcome::completed();
  }
};

class Full : public Scripted {
 public:
  Full(const Config& config, Call& call) : Scripted(config) { call.info("created"); }
  Outcome erase(Call&, const ActionRequest&) override {
    return Outcome::erased({{"user.name", 1}}, ErasureMethod::deleted);
  }
  Outcome status(Call&, const ActionRequest& request) override {
    return request.state["done"].isBool() ? Outcome::completed()
                                          : Outcome::deferred("job-1", TimePoint());
  }
  Outcome testConnection(Call&, const ActionRequest&) override { return Outcome::completed(); }
  std::optional<Outcome> onCallback(Call&, const CallbackRequest& request) override {
    if (request.body == "throw") throw std::logic_error("callback exploded");
    if (request.body == "ack") return std::nullopt;
    const std::string* signature = request.header("X-Signature");
    if (signature == nullptr || *signature != "ok") return Outcome::failed("bad signature", false);
    return Outcome::erased({{"user.name", 1}}, ErasureMethod::deleted);
  }
};

const dsrflow_plugin_descriptor* scripted() {
  return detail::Entry<Scripted>::descriptor("com.example.scripted", "0.1.0", "{}", "{}");
}
const dsrflow_plugin_descriptor* full() {
  return detail::Entry<Full>::descriptor("com.example.full", "2.0.0", "{}", "{}");
}

dsrflow_str str(const std::string& s) { return dsrflow_str{s.data(), s.size()}; }

// One instance of a descriptor's plugin over a fake host.
class Driver {
 public:
  explicit Driver(const dsrflow_plugin_descriptor* d, const std::string& config = "{}") : d_(d) {
    instance_ = d_->create(host.services(), host.call(), str(config));
  }
  ~Driver() {
    if (instance_ != nullptr) d_->destroy(instance_);
  }
  Driver(const Driver&) = delete;
  Driver& operator=(const Driver&) = delete;

  [[nodiscard]] dsrflow_instance* instance() const { return instance_; }
  dsrflow_status invoke(const std::string& request) {
    host.clearObservations();
    return d_->invoke(instance_, host.call(), str(request));
  }
  dsrflow_status callback(const std::string& http) {
    host.clearObservations();
    return d_->on_callback(instance_, host.call(), str(http));
  }

  FakeHost host;

 private:
  const dsrflow_plugin_descriptor* d_;
  dsrflow_instance* instance_ = nullptr;
};

std::string access(const std::string& mode) {
  return R"({"action":"access","request_id":"r","task_id":"t","identities":[],"mode":")" + mode +
         "\"}";
}

TEST(Entry, DescriptorStatesAbiNameAndOverriddenActions) {
  const dsrflow_plugin_descriptor* d = scripted();
  EXPECT_EQ(d->struct_size, sizeof(dsrflow_plugin_descriptor));
  EXPECT_EQ(d->abi_major, DSRFLOW_ABI_MAJOR);
  EXPECT_EQ(d->abi_minor, DSRFLOW_ABI_MINOR);
  EXPECT_STREQ(d->name, "com.example.scripted");
  EXPECT_STREQ(d->version, "0.1.0");
  EXPECT_EQ(d->actions, static_cast<uint32_t>(DSRFLOW_ACTION_ACCESS));
  EXPECT_EQ(d->on_callback, nullptr);
  EXPECT_NE(d->create, nullptr);
  EXPECT_EQ(scripted(), d) << "one static descriptor";

  EXPECT_EQ(full()->actions,
            static_cast<uint32_t>(DSRFLOW_ACTION_ACCESS | DSRFLOW_ACTION_ERASE |
                                  DSRFLOW_ACTION_STATUS | DSRFLOW_ACTION_TEST_CONNECTION));
  EXPECT_NE(full()->on_callback, nullptr);
}

TEST(Entry, CreateParsesTheConfiguration) {
  Driver ok(scripted(), R"({"explode": false})");
  EXPECT_NE(ok.instance(), nullptr);
  Driver empty(scripted(), "");
  EXPECT_NE(empty.instance(), nullptr);
  Driver null(scripted(), "null");
  EXPECT_NE(null.instance(), nullptr);
  Driver withCall(full());
  ASSERT_NE(withCall.instance(), nullptr);
  EXPECT_EQ(withCall.host.logs.at(0).second, "created");
}

TEST(Entry, CreateReportsBadConfigurationsAndThrowingConstructors) {
  Driver notJson(scripted(), "{");
  EXPECT_EQ(notJson.instance(), nullptr);
  EXPECT_NE(notJson.host.lastError().find("invalid JSON"), std::string::npos);
  Driver notObject(scripted(), "[1]");
  EXPECT_EQ(notObject.instance(), nullptr);
  EXPECT_EQ(notObject.host.lastError(), "the configuration is not a JSON object");
  Driver throws(scripted(), R"({"explode": true})");
  EXPECT_EQ(throws.instance(), nullptr);
  EXPECT_EQ(throws.host.lastError(), "bad configuration: explode is set");
}

TEST(Entry, InvokeStreamsRecordsAndSetsTheOutcome) {
  Driver d(scripted());
  EXPECT_EQ(d.invoke(access("records")), DSRFLOW_OK);
  EXPECT_EQ(d.host.records.size(), 3u);
  EXPECT_EQ(d.host.lastOutcome(), R"({"outcome":"completed"})");
  EXPECT_TRUE(d.host.errors.empty());
  EXPECT_EQ(d.invoke(access("not_found")), DSRFLOW_OK);
  EXPECT_EQ(d.host.lastOutcome(), R"({"outcome":"not_found"})");
}

TEST(Entry, ExceptionsBecomeErrorsWithTheirMessage) {
  Driver d(scripted());
  EXPECT_EQ(d.invoke(access("throw_std")), DSRFLOW_ERROR);
  ASSERT_EQ(d.host.errors.size(), 1u);
  EXPECT_EQ(d.host.errors[0].message, "vendor API exploded");
  EXPECT_FALSE(d.host.errors[0].retryable);
  EXPECT_TRUE(d.host.outcomes.empty());

  EXPECT_EQ(d.invoke(access("throw_retryable")), DSRFLOW_ERROR);
  EXPECT_TRUE(d.host.errors.at(0).retryable);
  EXPECT_EQ(d.invoke(access("throw_int")), DSRFLOW_ERROR);
  EXPECT_EQ(d.host.lastError(), "unknown exception in the connector");
}

TEST(Entry, FailedOutcomesBecomeErrors) {
  Driver d(scripted());
  EXPECT_EQ(d.invoke(access("failed")), DSRFLOW_ERROR);
  EXPECT_EQ(d.host.lastError(), "vendor refused");
  EXPECT_FALSE(d.host.errors.at(0).retryable);
  EXPECT_TRUE(d.host.outcomes.empty());
  EXPECT_EQ(d.invoke(access("failed_retryable")), DSRFLOW_ERROR);
  EXPECT_TRUE(d.host.errors.at(0).retryable);
}

TEST(Entry, BadRequestsAndUnadvertisedActionsFail) {
  Driver d(scripted());
  EXPECT_EQ(d.invoke("not json"), DSRFLOW_ERROR);
  EXPECT_NE(d.host.lastError().find("invalid JSON"), std::string::npos);
  EXPECT_EQ(d.invoke(R"({"action":"erase","identities":[]})"), DSRFLOW_ERROR);
  EXPECT_EQ(d.host.lastError(), "action not supported by this connector");
  EXPECT_EQ(d.invoke(R"({"action":"fly"})"), DSRFLOW_ERROR);
  EXPECT_EQ(d.host.lastError(), "unknown action in the request");
}

TEST(Entry, TheHostsStopWinsOverTheConnectorsOutcome) {
  Driver d(scripted());
  d.host.cancelAfterRecords = 1;
  EXPECT_EQ(d.invoke(access("ignore_stop")), DSRFLOW_CANCELLED);
  EXPECT_TRUE(d.host.outcomes.empty());
  EXPECT_EQ(d.invoke(access("records")), DSRFLOW_CANCELLED);
  EXPECT_EQ(d.invoke(access("cancelled")), DSRFLOW_CANCELLED);
}

TEST(Entry, RefusedRecordsFailTheCall) {
  Driver d(scripted());
  d.host.recordAnswer = DSRFLOW_INVALID;
  EXPECT_EQ(d.invoke(access("ignore_stop")), DSRFLOW_ERROR);
  EXPECT_EQ(d.host.lastError(), "the host refused a record as not matching the record schema");
  EXPECT_TRUE(d.host.outcomes.empty());
}

TEST(Entry, RefusedOutcomesFailTheCall) {
  Driver d(scripted());
  d.host.outcomeAnswer = DSRFLOW_INVALID;
  EXPECT_EQ(d.invoke(access("not_found")), DSRFLOW_ERROR);
  EXPECT_EQ(d.host.lastError(), "the host refused the outcome as not matching the outcome schema");
}

TEST(Entry, DeferringNeedsAStatusOverride) {
  Driver withoutStatus(scripted());
  EXPECT_EQ(withoutStatus.invoke(access("deferred")), DSRFLOW_ERROR);
  EXPECT_EQ(withoutStatus.host.lastError(),
            "a deferred outcome needs a status() override to be polled");
  Driver withStatus(full());
  EXPECT_EQ(withStatus.invoke(access("deferred")), DSRFLOW_OK);
  EXPECT_EQ(withStatus.host.lastOutcome(),
            R"({"outcome":"deferred","job_id":"job-1","next_poll":"2026-11-30T10:00:00Z"})");
  EXPECT_EQ(withStatus.invoke(R"({"action":"status","identities":[],"state":{"done":true}})"),
            DSRFLOW_OK);
  EXPECT_EQ(withStatus.host.lastOutcome(), R"({"outcome":"completed"})");
}

TEST(Entry, CallbacksSettleOrAcknowledge) {
  Driver d(full());
  EXPECT_EQ(
      d.callback(R"({"method":"POST","path":"/cb","headers":{"x-signature":"ok"},"body":"{}"})"),
      DSRFLOW_OK);
  EXPECT_EQ(d.host.lastOutcome(),
            R"({"outcome":"erased","counts":{"user.name":1},"method":"deleted"})");
  EXPECT_EQ(d.callback(R"({"method":"POST","headers":[["X-SIGNATURE","ok"]],"body":"{}"})"),
            DSRFLOW_OK);
  EXPECT_EQ(d.callback(R"({"method":"POST","headers":{},"body":"ack"})"), DSRFLOW_OK);
  EXPECT_TRUE(d.host.outcomes.empty());
  EXPECT_EQ(d.callback(R"({"method":"POST","headers":{},"body":"{}"})"), DSRFLOW_ERROR);
  EXPECT_EQ(d.host.lastError(), "bad signature");
  EXPECT_EQ(d.callback(R"({"method":"POST","body":"throw"})"), DSRFLOW_ERROR);
  EXPECT_EQ(d.host.lastError(), "callback exploded");
  EXPECT_EQ(d.callback("]"), DSRFLOW_ERROR);
}

TEST(Entry, NullInstancesAreRefused) {
  FakeHost host;
  std::string request = access("records");
  EXPECT_EQ(scripted()->invoke(nullptr, host.call(), str(request)), DSRFLOW_ERROR);
  scripted()->destroy(nullptr);
}

}  // namespace
}  // namespace dsrflow::sdk
