#include "config/config_loader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "config/yaml_reader.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::config {
namespace {

using dsrflow::testing::TempDir;
using dsrflow::testing::writeFile;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kMinimal = R"(data_dir: data
controllers:
  - id: acme
    name: ACME GmbH
)";

class ConfigLoaderTest : public ::testing::Test {
 protected:
  std::filesystem::path write(const std::string& yaml, const std::string& name = "dsrflow.yaml") {
    auto path = dir_ / name;
    writeFile(path, yaml);
    return path;
  }
  std::string errorOf(const std::string& yaml) {
    auto path = write(yaml);
    auto result = loadConfig(path);
    EXPECT_FALSE(result.ok()) << "expected an error for:\n" << yaml;
    return result.ok() ? "" : result.error().message;
  }
  std::string file() const { return (dir_ / "dsrflow.yaml").string(); }

  TempDir dir_;
};

TEST_F(ConfigLoaderTest, MinimalConfigGetsDefaultsResolvedAgainstTheFile) {
  auto result = loadConfig(write(kMinimal));
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Config& c = **result;
  EXPECT_EQ(c.dataDir, dir_.path() / "data");
  EXPECT_EQ(c.store.url, "sqlite://" + (dir_.path() / "data" / "dsrflow.db").string());
  EXPECT_EQ(c.keys.dir, dir_.path() / "data" / "keys");
  EXPECT_EQ(c.server.host, "127.0.0.1");
  EXPECT_EQ(c.server.port, 8080);
  EXPECT_EQ(c.server.publicUrl, "http://127.0.0.1:8080");
  ASSERT_EQ(c.controllers.size(), 1U);
  EXPECT_EQ(c.controllers[0].timeZone, "Europe/Berlin");
  EXPECT_EQ(c.controllers[0].holidayCalendar, "DE");
  ASSERT_NE(c.controller("acme"), nullptr);
  EXPECT_EQ(c.controller("nope"), nullptr);
}

TEST_F(ConfigLoaderTest, FullConfigIsRead) {
  ::setenv("DSRFLOW_TEST_DB_PASSWORD", "s3cret", 1);
  auto result = loadConfig(write(R"(data_dir: /var/lib/dsrflow
server: {host: 0.0.0.0, port: 9090, public_url: "https://privacy.example.com", max_threads: 64}
store: {url: "postgresql://dsrflow@db:5432/dsrflow", migrate_on_start: false}
keys: {dir: /etc/dsrflow/keys}
log: {level: debug}
controllers:
  - id: acme
    name: ACME GmbH
    time_zone: America/Los_Angeles
    holidays: DE-BY
    extra_holidays: [2026-12-24, 2026-12-31]
    phone_region: US
    default_language: de
systems:
  - id: shop-crm
    name: Shop CRM
    plugin: plugins/libsql.so
    isolation: process
    timeout: 2m
    concurrency: 8
    config:
      url: "postgresql://crm:${DSRFLOW_TEST_DB_PASSWORD}@crm/crm"
      batch: 500
      verbose: true
      ratio: 0.5
      zip: "01234"
      tables: [a, b]
    manifest:
      dpa: {reference: ACME-DPA-7}
)"));
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Config& c = **result;
  EXPECT_EQ(c.server.port, 9090);
  EXPECT_EQ(c.server.maxThreads, 64);
  EXPECT_EQ(c.server.publicUrl, "https://privacy.example.com");
  EXPECT_EQ(c.store.url, "postgresql://dsrflow@db:5432/dsrflow");
  EXPECT_FALSE(c.store.migrateOnStart);
  EXPECT_EQ(c.log.level, LogLevel::kDebug);
  EXPECT_EQ(c.controllers[0].defaultLanguage, Language::kDe);
  EXPECT_EQ(c.controllers[0].extraHolidays.size(), 2U);
  ASSERT_EQ(c.systems.size(), 1U);
  const SystemConfig& s = c.systems[0];
  EXPECT_EQ(s.plugin, dir_.path() / "plugins" / "libsql.so");
  EXPECT_EQ(s.isolation, Isolation::kProcess);
  EXPECT_EQ(s.timeout, std::chrono::minutes(2));
  EXPECT_EQ(s.concurrency, 8);
  EXPECT_EQ(s.location.line, 15);
  EXPECT_THAT(s.pluginConfigJson, HasSubstr("\"url\":\"postgresql://crm:s3cret@crm/crm\""));
  EXPECT_THAT(s.pluginConfigJson, HasSubstr("\"batch\":500"));
  EXPECT_THAT(s.pluginConfigJson, HasSubstr("\"verbose\":true"));
  EXPECT_THAT(s.pluginConfigJson, HasSubstr("\"ratio\":0.5"));
  EXPECT_THAT(s.pluginConfigJson, HasSubstr("\"zip\":\"01234\""));
  EXPECT_THAT(s.pluginConfigJson, HasSubstr("\"tables\":[\"a\",\"b\"]"));
  EXPECT_EQ(s.manifestOverrideJson, R"({"dpa":{"reference":"ACME-DPA-7"}})");
}

TEST_F(ConfigLoaderTest, EngineAndRoleSettings) {
  auto defaults = loadConfig(write(kMinimal));
  ASSERT_TRUE(defaults.ok()) << defaults.error().message;
  EXPECT_EQ((*defaults)->server.role, config::ServerRole::kBoth);
  EXPECT_EQ((*defaults)->engine.lease, std::chrono::seconds(30));
  EXPECT_EQ((*defaults)->engine.parallelTasks, 64);

  auto set = loadConfig(write(std::string(kMinimal) + R"(server: {role: worker}
engine: {lease: 2m, parallel_tasks: 8, max_attempts: 5, retry_delay: 10s}
)"));
  ASSERT_TRUE(set.ok()) << set.error().message;
  const Config& c = **set;
  EXPECT_EQ(c.server.role, config::ServerRole::kWorker);
  EXPECT_EQ(c.engine.lease, std::chrono::minutes(2));
  EXPECT_EQ(c.engine.parallelTasks, 8);
  EXPECT_EQ(c.engine.maxAttempts, 5);
  EXPECT_EQ(c.engine.retryDelay, std::chrono::seconds(10));

  EXPECT_THAT(errorOf(std::string(kMinimal) + "server: {role: janitor}\n"),
              StartsWith(file() + ":5: server.role: expected api, worker or both"));
  EXPECT_THAT(errorOf(std::string(kMinimal) + "engine: {lease: 100ms}\n"),
              StartsWith(file() + ":5: engine.lease: must be at least 1s"));
  EXPECT_THAT(errorOf(std::string(kMinimal) + "engine: {parallel_tasks: 0}\n"),
              HasSubstr("engine.parallel_tasks: must be between 1 and 1024"));
}

TEST_F(ConfigLoaderTest, UnknownKeyNamesFileLineAndKey) {
  std::string message = errorOf(R"(data_dir: data
controllers:
  - id: acme
    name: ACME
    time_zon: Europe/Berlin
)");
  EXPECT_THAT(message, StartsWith(file() + ":5: controllers[0].time_zon: unknown key"));
  EXPECT_EQ(message.find('\n'), std::string::npos) << "one line";
}

TEST_F(ConfigLoaderTest, UnknownTopLevelKey) {
  EXPECT_THAT(errorOf(std::string(kMinimal) + "sever: {port: 1}\n"),
              StartsWith(file() + ":5: sever: unknown key"));
}

TEST_F(ConfigLoaderTest, BadValuesAreLocated) {
  EXPECT_THAT(errorOf(std::string(kMinimal) + "server: {port: eighty}\n"),
              StartsWith(file() + ":5: server.port: expected a whole number"));
  EXPECT_THAT(errorOf(std::string(kMinimal) + "server:\n  port: 70000\n"),
              StartsWith(file() + ":6: server.port: must be between 0 and 65535"));
  EXPECT_THAT(errorOf(std::string(kMinimal) + "log: {level: loud}\n"),
              HasSubstr("log.level: expected debug, info, warn or error"));
  EXPECT_THAT(errorOf(std::string(kMinimal) + "store: {url: 'mysql://x'}\n"),
              HasSubstr("store.url: expected sqlite:PATH or postgresql://"));
  EXPECT_THAT(
      errorOf(std::string(kMinimal) + "systems:\n  - {id: a, plugin: x.so, timeout: soon}\n"),
      StartsWith(file() + ":6: systems[0].timeout: expected a duration"));
  EXPECT_THAT(errorOf(std::string(kMinimal) +
                      "systems:\n  - {id: a, plugin: x.so, isolation: container}\n"),
              HasSubstr("systems[0].isolation: expected in_process or process"));
  EXPECT_THAT(errorOf(std::string(kMinimal) + "systems:\n  - {id: a, plugin: x.so, sha256: abc}\n"),
              HasSubstr("systems[0].sha256: expected 64 lower-case hex digits"));
  EXPECT_THAT(errorOf(std::string(kMinimal) + "systems:\n  - {id: Bad Id, plugin: x.so}\n"),
              HasSubstr("systems[0].id: system ids use lower-case letters"));
  EXPECT_THAT(errorOf(std::string(kMinimal) + "systems:\n  - {id: a}\n"),
              HasSubstr("systems[0].plugin: is required"));
  EXPECT_THAT(errorOf(std::string(kMinimal) + "systems: {id: a}\n"),
              StartsWith(file() + ":5: systems: expected a list, found a mapping"));
}

TEST_F(ConfigLoaderTest, ControllerValidation) {
  EXPECT_THAT(
      errorOf("data_dir: d\ncontrollers:\n  - {id: a, name: A, time_zone: Mars/Olympus}\n"),
      StartsWith(file() + ":3: controllers[0].time_zone: unknown time zone 'Mars/Olympus'"));
  EXPECT_THAT(errorOf("data_dir: d\ncontrollers:\n  - {id: a, name: A, holidays: XX-YY}\n"),
              HasSubstr("controllers[0].holidays:"));
  EXPECT_THAT(
      errorOf("data_dir: d\ncontrollers:\n  - {id: a, name: A, extra_holidays: [2026-13-01]}\n"),
      HasSubstr("controllers[0].extra_holidays: expected dates as YYYY-MM-DD"));
  EXPECT_THAT(errorOf("data_dir: d\ncontrollers:\n  - {id: a, name: A, phone_region: Germany}\n"),
              HasSubstr("controllers[0].phone_region:"));
  EXPECT_THAT(errorOf("data_dir: d\ncontrollers: []\n"),
              HasSubstr("controllers: at least one controller is required"));
  EXPECT_THAT(errorOf("controllers:\n  - {id: a, name: A}\n"), HasSubstr("data_dir: is required"));
}

TEST_F(ConfigLoaderTest, InvalidYamlReportsTheLine) {
  EXPECT_THAT(errorOf("data_dir: data\ncontrollers:\n  - id: [unclosed\n"),
              AllOf(StartsWith(file() + ":"), HasSubstr("invalid YAML")));
}

TEST_F(ConfigLoaderTest, MissingFileIsAnError) {
  auto result = loadConfig(dir_ / "absent.yaml");
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, HasSubstr("absent.yaml: cannot read the file"));
}

TEST_F(ConfigLoaderTest, EnvironmentSubstitution) {
  ::setenv("DSRFLOW_TEST_PORT", "9191", 1);
  ::unsetenv("DSRFLOW_TEST_UNSET");
  auto ok = loadConfig(write(std::string(kMinimal) + "server: {port: '${DSRFLOW_TEST_PORT}'}\n"));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ((*ok)->server.port, 9191);
  EXPECT_THAT(
      errorOf(std::string(kMinimal) + "server:\n  host: ${DSRFLOW_TEST_UNSET}\n"),
      StartsWith(file() + ":6: server.host: environment variable DSRFLOW_TEST_UNSET is not set"));
  auto literal =
      loadConfig(write(std::string(kMinimal) + "server: {public_url: 'http://x/$$1'}\n"));
  ASSERT_TRUE(literal.ok()) << literal.error().message;
  EXPECT_EQ((*literal)->server.publicUrl, "http://x/$1");
}

TEST_F(ConfigLoaderTest, ConfDAddsSystemsAndControllersInNameOrder) {
  auto main = write(std::string(kMinimal) + "systems:\n  - {id: crm, plugin: a.so}\n");
  writeFile(dir_ / "conf.d" / "20-b.yaml", "systems:\n  - {id: bi, plugin: b.so}\n");
  writeFile(dir_ / "conf.d" / "10-a.yml",
            "controllers:\n  - {id: acme-us, name: ACME Inc, holidays: none}\n"
            "systems:\n  - {id: mail, plugin: c.so}\n");
  writeFile(dir_ / "conf.d" / "README.txt", "ignored");
  auto result = loadConfig(main);
  ASSERT_TRUE(result.ok()) << result.error().message;
  const Config& c = **result;
  ASSERT_EQ(c.systems.size(), 3U);
  EXPECT_EQ(c.systems[0].id, "crm");
  EXPECT_EQ(c.systems[1].id, "mail");
  EXPECT_EQ(c.systems[2].id, "bi");
  EXPECT_EQ(c.controllers.size(), 2U);
  EXPECT_EQ(c.systems[2].location.file, (dir_ / "conf.d" / "20-b.yaml").string());
}

TEST_F(ConfigLoaderTest, ConfDMayNotSetServerAndDuplicatesNameBothPlaces) {
  auto main = write(std::string(kMinimal) + "systems:\n  - {id: crm, plugin: a.so}\n");
  writeFile(dir_ / "conf.d" / "x.yaml", "server: {port: 1}\n");
  auto result = loadConfig(main);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message,
              StartsWith((dir_ / "conf.d" / "x.yaml").string() + ":1: server: unknown key"));

  std::filesystem::remove(dir_ / "conf.d" / "x.yaml");
  writeFile(dir_ / "conf.d" / "y.yaml", "\nsystems:\n  - id: crm\n    plugin: b.so\n");
  result = loadConfig(main);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.error().message, StartsWith((dir_ / "conf.d" / "y.yaml").string() +
                                                 ":3: systems[0].id: 'crm' is "
                                                 "already defined at " +
                                                 file() + ":6"));
}

TEST(Duration, Parses) {
  EXPECT_EQ(parseDuration("250ms"), std::chrono::milliseconds(250));
  EXPECT_EQ(parseDuration("30s"), std::chrono::seconds(30));
  EXPECT_EQ(parseDuration("5m"), std::chrono::minutes(5));
  EXPECT_EQ(parseDuration("2h"), std::chrono::hours(2));
  EXPECT_EQ(parseDuration("1d"), std::chrono::hours(24));
  EXPECT_FALSE(parseDuration("5").has_value());
  EXPECT_FALSE(parseDuration("-5s").has_value());
  EXPECT_FALSE(parseDuration("5 s").has_value());
}

}  // namespace
}  // namespace dsrflow::config
