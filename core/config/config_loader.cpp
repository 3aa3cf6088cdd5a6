#include "config/config_loader.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "config/byte_size.hpp"
#include "config/yaml_reader.hpp"
#include "model/holiday_calendar.hpp"
#include "model/time_format.hpp"

namespace dsrflow::config {
namespace {

namespace fs = std::filesystem;

const std::regex kIdPattern("[a-z0-9][a-z0-9_-]{0,63}");

YAML::Node parseFile(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw ConfigError(file.string(), 0, "", "cannot read the file");
  try {
    return YAML::Load(in);
  } catch (const YAML::ParserException& e) {
    throw ConfigError(file.string(), e.mark.line >= 0 ? e.mark.line + 1 : 0, "",
                      "invalid YAML: " + e.msg);
  }
}

fs::path resolve(const fs::path& base, const std::string& value) {
  fs::path p(value);
  return (p.is_absolute() ? p : base / p).lexically_normal();
}

std::string checkedId(YamlReader& r, const char* what) {
  std::string id = r.requireString("id");
  if (!std::regex_match(id, kIdPattern)) {
    r.fail("id", std::string(what) +
                     " ids use lower-case letters, digits, '_' and '-' (at most 64), found '" + id +
                     "'");
  }
  return id;
}

class Loader {
 public:
  explicit Loader(fs::path main) : main_(std::move(main)), base_(main_.parent_path()) {}

  std::shared_ptr<const Config> load() {
    auto config = std::make_shared<Config>();
    config->source = main_;
    YamlReader root(parseFile(main_), main_.string(), "");
    readMain(root, *config);
    root.finish();
    for (const auto& extra : confDFiles()) {
      YamlReader r(parseFile(extra), extra.string(), "");
      readLists(r, *config);
      r.finish();
    }
    if (config->controllers.empty()) {
      root.fail("controllers", "at least one controller is required");
    }
    return config;
  }

 private:
  std::vector<fs::path> confDFiles() const {
    std::vector<fs::path> files;
    fs::path dir = base_ / "conf.d";
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return files;
    for (const auto& entry : fs::directory_iterator(dir)) {
      auto ext = entry.path().extension();
      if (entry.is_regular_file() && (ext == ".yaml" || ext == ".yml")) {
        files.push_back(entry.path());
      }
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  void readMain(YamlReader& root, Config& config) {
    config.dataDir = resolve(base_, root.requireString("data_dir"));
    config.workflowsDir = resolve(
        base_, root.optionalString("workflows_dir").value_or(DSRFLOW_DEFAULT_WORKFLOWS_DIR));

    auto server = root.child("server");
    if (auto role = server.optionalString("role")) {
      auto parsed = parseServerRole(*role);
      if (!parsed) server.fail("role", "expected api, worker or both, found '" + *role + "'");
      config.server.role = *parsed;
    }
    config.server.host = server.optionalString("host").value_or("127.0.0.1");
    config.server.port =
        static_cast<std::uint16_t>(server.optionalInt("port", 0, 65535).value_or(8080));
    config.server.maxThreads =
        static_cast<int>(server.optionalInt("max_threads", 2, 1024).value_or(32));
    config.server.maxQueued =
        static_cast<int>(server.optionalInt("max_queued", 1, 100000).value_or(256));
    config.server.publicUrl = server.optionalString("public_url").value_or("");
    if (config.server.publicUrl.empty()) {
      config.server.publicUrl =
          "http://" + config.server.host + ":" + std::to_string(config.server.port);
    } else if (config.server.publicUrl.rfind("http://", 0) != 0 &&
               config.server.publicUrl.rfind("https://", 0) != 0) {
      server.fail("public_url", "must start with http:// or https://");
    }
    server.finish();

    auto engine = root.child("engine");
    config.engine.lease = engine.optionalDuration("lease").value_or(config.engine.lease);
    if (config.engine.lease < std::chrono::seconds(1)) engine.fail("lease", "must be at least 1s");
    config.engine.parallelTasks =
        static_cast<int>(engine.optionalInt("parallel_tasks", 1, 1024).value_or(64));
    config.engine.maxAttempts =
        static_cast<int>(engine.optionalInt("max_attempts", 1, 100).value_or(3));
    config.engine.retryDelay =
        engine.optionalDuration("retry_delay").value_or(config.engine.retryDelay);
    engine.finish();

    auto store = root.child("store");
    std::string url = store.optionalString("url").value_or(
        "sqlite://" + (config.dataDir / "dsrflow.db").string());
    config.store.url = resolveStoreUrl(store, url);
    config.store.migrateOnStart = store.optionalBool("migrate_on_start").value_or(true);
    store.finish();

    auto keys = root.child("keys");
    config.keys.dir =
        resolve(base_, keys.optionalString("dir").value_or((config.dataDir / "keys").string()));
    keys.finish();

    auto retention = root.child("retention");
    config.retention.results =
        retention.optionalDuration("results").value_or(config.retention.results);
    config.retention.identities =
        retention.optionalDuration("identities").value_or(config.retention.identities);
    config.retention.records =
        retention.optionalDuration("records").value_or(config.retention.records);
    retention.finish();

    auto log = root.child("log");
    if (auto level = log.optionalString("level")) {
      auto parsed = parseLogLevel(*level);
      if (!parsed) log.fail("level", "expected debug, info, warn or error, found '" + *level + "'");
      config.log.level = *parsed;
    }
    log.finish();

    readLists(root, config);
  }

  std::string resolveStoreUrl(YamlReader& r, const std::string& url) {
    if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) return url;
    if (url.rfind("sqlite:", 0) != 0) {
      r.fail("url", "expected sqlite:PATH or postgresql://user@host:port/db");
    }
    std::string path = url.substr(7);
    if (path == ":memory:") return url;
    if (path.rfind("//", 0) == 0) path = path.substr(2);  // sqlite:///abs -> /abs
    if (path.empty()) r.fail("url", "sqlite: needs a file path");
    return "sqlite://" + resolve(base_, path).string();
  }

  void readLists(YamlReader& r, Config& config) {
    r.forEachMapping("controllers",
                     [&](YamlReader& c) { config.controllers.push_back(readController(c)); });
    r.forEachMapping("systems", [&](YamlReader& s) { config.systems.push_back(readSystem(s)); });
  }

  void claimId(YamlReader& r, std::map<std::string, std::string>& seen, const std::string& id) {
    std::string here = r.file() + ":" + std::to_string(r.lineOf("id"));
    auto [it, inserted] = seen.emplace(id, here);
    if (!inserted) r.fail("id", "'" + id + "' is already defined at " + it->second);
  }

  ControllerConfig readController(YamlReader& r) {
    ControllerConfig c;
    c.id = checkedId(r, "controller");
    claimId(r, controllerIds_, c.id);
    c.location = {r.file(), r.line()};
    c.name = r.requireString("name");
    c.timeZone = r.optionalString("time_zone").value_or(c.timeZone);
    try {
      (void)date::locate_zone(c.timeZone);
    } catch (const std::exception&) {
      r.fail("time_zone",
             "unknown time zone '" + c.timeZone + "' (use an IANA name such as Europe/Berlin)");
    }
    c.holidayCalendar = r.optionalString("holidays").value_or(c.holidayCalendar);
    for (const auto& d : r.stringList("extra_holidays")) {
      auto ymd = parseIsoDate(d);
      if (!ymd) r.fail("extra_holidays", "expected dates as YYYY-MM-DD, found '" + d + "'");
      c.extraHolidays.push_back(*ymd);
    }
    if (auto calendar = HolidayCalendar::forId(c.holidayCalendar, c.extraHolidays); !calendar) {
      r.fail("holidays", calendar.error().message);
    }
    c.phoneRegion = r.optionalString("phone_region").value_or(c.phoneRegion);
    if (!std::regex_match(c.phoneRegion, std::regex("[A-Z]{2}"))) {
      r.fail("phone_region", "expected a two-letter region code such as DE or US");
    }
    if (auto lang = r.optionalString("default_language")) {
      auto parsed = parseLanguage(*lang);
      if (!parsed) r.fail("default_language", "expected de or en, found '" + *lang + "'");
      c.defaultLanguage = *parsed;
    }
    return c;
  }

  SystemConfig readSystem(YamlReader& r) {
    SystemConfig s;
    s.id = checkedId(r, "system");
    claimId(r, systemIds_, s.id);
    s.location = {r.file(), r.line()};
    s.name = r.optionalString("name").value_or(s.id);
    s.plugin = resolve(base_, r.requireString("plugin"));
    s.sha256 = r.optionalString("sha256").value_or("");
    if (!s.sha256.empty() && !std::regex_match(s.sha256, std::regex("[0-9a-f]{64}"))) {
      r.fail("sha256", "expected 64 lower-case hex digits");
    }
    if (auto iso = r.optionalString("isolation")) {
      if (*iso == "in_process") {
        s.isolation = Isolation::kInProcess;
      } else if (*iso == "process") {
        s.isolation = Isolation::kProcess;
      } else {
        r.fail("isolation", "expected in_process or process, found '" + *iso + "'");
      }
    }
    s.timeout = r.optionalDuration("timeout").value_or(s.timeout);
    if (s.timeout.count() <= 0) r.fail("timeout", "must be positive");
    if (auto limit = r.optionalString("memory_limit")) {
      auto bytes = parseByteSize(*limit);
      if (!bytes) {
        r.fail("memory_limit", "expected a size such as 512MiB or 2GiB, found '" + *limit + "'");
      }
      if (*bytes < kMinMemoryLimit) {
        r.fail("memory_limit", "must be at least " + formatByteSize(kMinMemoryLimit) +
                                   " (dsrflow's own plugin process needs part of it)");
      }
      if (s.isolation != Isolation::kProcess) {
        r.fail("memory_limit", "applies only to isolation: process");
      }
      s.memoryLimit = *bytes;
    }
    s.concurrency = static_cast<int>(r.optionalInt("concurrency", 1, 1000).value_or(s.concurrency));
    s.enabled = r.optionalBool("enabled").value_or(true);
    s.pluginConfigJson = r.asJson("config");
    s.manifestOverrideJson = r.asJson("manifest");
    return s;
  }

  fs::path main_;
  fs::path base_;
  std::map<std::string, std::string> controllerIds_;
  std::map<std::string, std::string> systemIds_;
};

}  // namespace

Result<std::shared_ptr<const Config>> loadConfig(const std::filesystem::path& file) {
  try {
    fs::path absolute = fs::absolute(file).lexically_normal();
    return Loader(absolute).load();
  } catch (const ConfigError& e) {
    return invalidArgument(e.what());
  } catch (const YAML::Exception& e) {
    return invalidArgument(file.string() + ": " + e.what());
  }
}

}  // namespace dsrflow::config
