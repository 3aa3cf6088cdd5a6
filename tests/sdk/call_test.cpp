#include "dsrflow/sdk/call.hpp"

#include "sdk/support/fake_host.hpp"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>

namespace dsrflow::sdk {
namespace {

using testing::FakeHost;

TEST(Call, LogsWithTheAbiLevels) {
  FakeHost host;
  Call call(host.services(), host.call());
  call.debug("d");
  call.info("i");
  call.warn("w");
  call.error("e");
  ASSERT_EQ(host.logs.size(), 4u);
  EXPECT_EQ(host.logs[0].first, DSRFLOW_LOG_DEBUG);
  EXPECT_EQ(host.logs[3].first, DSRFLOW_LOG_ERROR);
  EXPECT_EQ(host.logs[2].second, "w");
}

TEST(Call, EmitsRecordsAsJson) {
  FakeHost host;
  Call call(host.services(), host.call());
  Record r("c");
  r.field("a", 1);
  EXPECT_TRUE(call.emit(r));
  EXPECT_TRUE(
      call.emitJson(json::Value::object({{"collection", "d"}, {"fields", json::Value::object()}})));
  EXPECT_EQ(call.emitted(), 2u);
  ASSERT_EQ(host.records.size(), 2u);
  EXPECT_EQ(host.records[0], R"({"collection":"c","fields":{"a":1}})");
}

TEST(Call, EmitReturnsFalseWhenTheHostSaysStop) {
  FakeHost host;
  host.cancelAfterRecords = 1;
  Call call(host.services(), host.call());
  Record r("c");
  EXPECT_TRUE(call.emit(r));
  EXPECT_FALSE(call.emit(r));
  EXPECT_EQ(call.emitted(), 1u);
}

TEST(Call, ReadsSecrets) {
  FakeHost host;
  host.secrets["api_token"] = "s3cr3t";
  Call call(host.services(), host.call());
  ServiceStatus status = ServiceStatus::error;
  EXPECT_EQ(call.secret("api_token", &status), "s3cr3t");
  EXPECT_EQ(status, ServiceStatus::ok);
  EXPECT_FALSE(call.secret("other", &status).has_value());
  EXPECT_EQ(status, ServiceStatus::notFound);
}

TEST(Call, CancellationAndDeadline) {
  FakeHost host;
  Call call(host.services(), host.call());
  EXPECT_FALSE(call.cancelled());
  EXPECT_FALSE(call.deadline().has_value());
  host.cancelled = true;
  host.deadlineUnixMs = 1796032800000;
  EXPECT_TRUE(call.cancelled());
  EXPECT_EQ(toUnixMillis(*call.deadline()), 1796032800000);
}

TEST(Call, CallbackUrlMailBlobsAndPolling) {
  FakeHost host;
  host.callbackUrl = "https://dsrflow.example/callbacks/t-1";
  Call call(host.services(), host.call());
  EXPECT_EQ(call.callbackUrl(), host.callbackUrl);
  EXPECT_EQ(call.sendMail({"dpo@example.com", "Erasure", "Please erase.", ""}), ServiceStatus::ok);
  EXPECT_EQ(host.mails.at(0),
            R"({"to":"dpo@example.com","subject":"Erasure","text":"Please erase."})");
  EXPECT_EQ(call.putBlob("export.csv", std::string("a,b\n\0", 5)), ServiceStatus::ok);
  EXPECT_EQ(call.getBlob("export.csv"), std::string("a,b\n\0", 5));
  ServiceStatus status = ServiceStatus::ok;
  EXPECT_FALSE(call.getBlob("missing", &status).has_value());
  EXPECT_EQ(status, ServiceStatus::notFound);
  EXPECT_EQ(call.pollLater(fromUnixMillis(1796032800000), json::Value::object({{"job", "j-1"}})),
            ServiceStatus::ok);
  ASSERT_EQ(host.polls.size(), 1u);
  EXPECT_EQ(host.polls[0].notBeforeUnixMs, 1796032800000);
  EXPECT_EQ(host.polls[0].state, R"({"job":"j-1"})");
}

TEST(Call, ServicesBeyondAnOlderHostsTableAreUnavailable) {
  FakeHost host;
  host.secrets["api_token"] = "s3cr3t";
  host.cancelled = true;
  host.truncateTable(offsetof(dsrflow_host_services, read_secret));
  Call call(host.services(), host.call());
  ServiceStatus status = ServiceStatus::ok;
  EXPECT_FALSE(call.secret("api_token", &status).has_value());
  EXPECT_EQ(status, ServiceStatus::unavailable);
  EXPECT_FALSE(call.cancelled());
  EXPECT_FALSE(call.deadline().has_value());
  EXPECT_FALSE(call.callbackUrl(&status).has_value());
  EXPECT_EQ(status, ServiceStatus::unavailable);
  EXPECT_EQ(call.sendMail({}), ServiceStatus::unavailable);
  EXPECT_EQ(call.putBlob("a", "b"), ServiceStatus::unavailable);
  EXPECT_FALSE(call.getBlob("a").has_value());
  EXPECT_EQ(call.pollLater(TimePoint()), ServiceStatus::unavailable);
  // The services the table does have still work.
  call.info("still logging");
  EXPECT_TRUE(call.emit(Record("c")));
  EXPECT_EQ(host.logs.size(), 1u);
  EXPECT_EQ(host.outOfTableCalls, 0);
}

TEST(Call, AnEmptyTableOrNullPointersMeanNoServices) {
  FakeHost host;
  host.truncateTable(offsetof(dsrflow_host_services, log));
  Call call(host.services(), host.call());
  call.info("dropped");
  EXPECT_FALSE(call.emit(Record("c")));
  EXPECT_EQ(host.outOfTableCalls, 0);
  EXPECT_TRUE(host.logs.empty());

  dsrflow_host_services nulls{};
  nulls.struct_size = sizeof(nulls);
  Call bare(&nulls, nullptr);
  bare.info("dropped");
  EXPECT_FALSE(bare.emit(Record("c")));
  EXPECT_FALSE(bare.secret("x").has_value());
  EXPECT_FALSE(bare.cancelled());

  Call none(nullptr, nullptr);
  none.info("dropped");
  EXPECT_FALSE(none.emit(Record("c")));
  EXPECT_EQ(none.putBlob("a", "b"), ServiceStatus::unavailable);
}

}  // namespace
}  // namespace dsrflow::sdk
