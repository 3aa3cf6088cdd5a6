#pragma once
// dsrflow's configuration: one YAML file plus an optional conf.d directory beside it, parsed once
// (config_loader.hpp) into these immutable structs. No YAML::Node travels past the loader.

#include <date/date.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "log/logger.hpp"
#include "model/enum_names.hpp"
#include "model/vocabulary.hpp"

namespace dsrflow::config {

//! Where a value came from, for messages that point at the configuration ("file:line").
struct SourceLocation {
  std::string file;
  int line = 0;  //!< 1-based
};

//! What `dsrflow serve` runs: the HTTP API, the workflow engine, or both. Several processes
//! may share one PostgreSQL store, e.g. one `api` and any number of `worker`s.
enum class ServerRole { kApi, kWorker, kBoth };

inline constexpr EnumNameTable<ServerRole, 3> kServerRoleNames{{
    {ServerRole::kApi, "api"},
    {ServerRole::kWorker, "worker"},
    {ServerRole::kBoth, "both"},
}};
constexpr std::string_view toString(ServerRole v) { return enumName(kServerRoleNames, v); }
constexpr std::optional<ServerRole> parseServerRole(std::string_view s) {
  return enumParse(kServerRoleNames, s);
}

struct ServerConfig {
  ServerRole role = ServerRole::kBoth;
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::string publicUrl;  //!< as seen by users; derived from host:port when not set
  int maxThreads = 32;    //!< one per keep-alive connection (Poco), so size for the clients
  int maxQueued = 256;
};

//! How the workflow engine runs tasks.
struct EngineConfig {
  //! How long a claimed task stays with its worker without a heartbeat; when a worker dies,
  //! its tasks are taken over this long after its last heartbeat.
  std::chrono::milliseconds lease{30'000};
  int parallelTasks = 64;  //!< tasks one process runs at once
  int maxAttempts = 3;     //!< calls per task before a retryable failure is final
  std::chrono::milliseconds retryDelay{5'000};  //!< before the first retry; doubles each time
};

struct StoreConfig {
  std::string url;  //!< sqlite:///path/db.sqlite or postgresql://user@host:port/db
  bool migrateOnStart = true;
};

struct KeysConfig {
  std::filesystem::path dir;
};

//! How long dsrflow keeps what a closed request needed (Art. 5(1)(e)): the request itself
//! stays, without identities, as the record of what was asked and answered.
struct RetentionConfig {
  std::chrono::milliseconds results{std::chrono::hours(24 * 30)};     //!< task results, answers
  std::chrono::milliseconds identities{std::chrono::hours(24 * 90)};  //!< encrypted identities
  //! The minimal request record (type, dates, statuses, no identities) kept for accountability
  //! and yearly figures; then it goes too. The audit chain, which holds no personal data, stays.
  std::chrono::milliseconds records{std::chrono::hours(24 * 730)};
};

struct LogConfig {
  LogLevel level = LogLevel::kInfo;
};

//! A controller: the company answering requests, with its calendar and time zone.
struct ControllerConfig {
  std::string id;
  std::string name;
  std::string timeZone = "Europe/Berlin";           //!< IANA zone for deadline arithmetic
  std::string holidayCalendar = "DE";               //!< e.g. DE, DE-BY, none
  std::vector<date::year_month_day> extraHolidays;  //!< e.g. company-wide closing days
  std::string phoneRegion = "DE";  //!< default region for phone numbers without +CC
  Language defaultLanguage = Language::kEn;
  SourceLocation location;
};

enum class Isolation { kInProcess, kProcess };

//! The smallest memory_limit accepted: below it the plugin process (dsrflow itself, before any
//! plugin code) cannot start.
inline constexpr std::uint64_t kMinMemoryLimit = std::uint64_t{128} << 20U;

//! One system (CRM, BI, marketing tool) reached through a connector plugin.
struct SystemConfig {
  std::string id;
  std::string name;
  std::filesystem::path plugin;  //!< shared library; loaded only because it is listed here
  std::string sha256;            //!< optional pin, lower-case hex
  Isolation isolation = Isolation::kInProcess;
  std::chrono::milliseconds timeout{30'000};
  //! isolation: process: the plugin process's address-space limit in bytes (RLIMIT_AS);
  //! 0: the process host's default (1 GiB). `memory_limit:` in the file, e.g. 512MiB.
  std::uint64_t memoryLimit = 0;
  int concurrency = 4;
  bool enabled = true;
  std::string pluginConfigJson = "{}";  //!< the system's `config:` block, as JSON for the plugin
  //! The system's `manifest:` block: overrides of the plugin's manifest for this deployment
  //! (e.g. its own DPA reference, data location, retention), merged as a JSON merge patch.
  std::string manifestOverrideJson = "{}";
  SourceLocation location;
};

struct Config {
  std::filesystem::path source;        //!< the main file
  std::filesystem::path dataDir;       //!< results, uploads, the SQLite file by default
  std::filesystem::path workflowsDir;  //!< workflows/*.yaml; default: the installed ones
  ServerConfig server;
  EngineConfig engine;
  StoreConfig store;
  KeysConfig keys;
  LogConfig log;
  RetentionConfig retention;
  std::vector<ControllerConfig> controllers;
  std::vector<SystemConfig> systems;

  //! The controller with this id, or nullptr.
  [[nodiscard]] const ControllerConfig* controller(std::string_view id) const;
  //! The system with this id, or nullptr.
  [[nodiscard]] const SystemConfig* system(std::string_view id) const;
};

}  // namespace dsrflow::config
