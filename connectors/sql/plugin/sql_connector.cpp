// The SQL connector plugin: a thin shell over the dataset graph (connectors/sql/dataset), the
// access traversal (connectors/sql/access) and erasure, suppression and restriction
// (connectors/sql/erasure). It reads its configuration once, connects per call with the
// password from the host's secrets, turns the request's identities into seeds, found rows into
// records and reports into outcomes (sql_outcomes.hpp).

#include <dsrflow/connector.hpp>

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

#include "sql/access/access_traversal.hpp"
#include "sql/access/database_url.hpp"
#include "sql/access/sql_database.hpp"
#include "sql/dataset/dataset_graph.hpp"
#include "sql/dataset/dataset_loader.hpp"
#include "sql/erasure/erasure.hpp"
#include "sql/erasure/flag_action.hpp"
#include "sql_metadata.hpp"
#include "sql_outcomes.hpp"

namespace dsrflow::sql {
namespace {

namespace sdk = ::dsrflow::sdk;

sdk::Origin toSdk(Origin origin) {
  switch (origin) {
    case Origin::kObserved:
      return sdk::Origin::observed;
    case Origin::kInferred:
      return sdk::Origin::inferred;
    case Origin::kProvided:
      break;
  }
  return sdk::Origin::provided;
}

// Streams found rows to the host as records.
class RecordEmitter final : public RowSink {
 public:
  explicit RecordEmitter(sdk::Call& call) : call_(call) {}

  bool accept(const FoundRow& row) override {
    sdk::Record record(*row.collection);
    for (const FieldValue& k : row.key) record.key(k.field->name, toJson(k.value));
    for (const FieldValue& f : row.fields) {
      record.field(f.field->name, toJson(f.value), categoriesOf(*f.field),
                   toSdk(f.field->origin.value_or(Origin::kProvided)));
    }
    return call_.emit(record);
  }

 private:
  // A field's categories as the SDK takes them, made once per field rather than once per row.
  const sdk::Categories& categoriesOf(const Field& field) {
    auto it = categories_.find(&field);
    if (it == categories_.end()) it = categories_.emplace(&field, field.categories).first;
    return it->second;
  }

  sdk::Call& call_;
  std::unordered_map<const Field*, sdk::Categories> categories_;
};

std::vector<std::string> datasetFiles(const sdk::Config& config) {
  std::vector<std::string> files;
  if (config.contains("dataset")) files.push_back(config.getString("dataset"));
  if (const sdk::json::Value* list = config.find("datasets")) {
    for (const sdk::json::Value& file : list->asArray()) files.push_back(file.asString());
  }
  return files;
}

DatasetGraph loadGraph(const sdk::Config& config) {
  std::vector<Dataset> datasets;
  for (const std::string& file : datasetFiles(config)) {
    auto dataset = loadDataset(file);
    if (!dataset) throw std::invalid_argument(dataset.error().message);
    datasets.push_back(std::move(dataset).value());
  }
  auto graph = DatasetGraph::build(std::move(datasets));
  if (!graph) throw std::invalid_argument(graph.error().message);
  return std::move(graph).value();
}

class SqlConnector final : public sdk::Connector {
 public:
  // The host validated `config` against kConfigSchemaJson; datasets are loaded and checked
  // here, once, so a broken dataset fails the system's creation with its FILE:LINE.
  explicit SqlConnector(const sdk::Config& config)
      : url_(config.getString("url")),
        passwordSecret_(config.getString("password_secret")),
        chunkSize_(static_cast<std::size_t>(config.getInt("chunk_size", 500))),
        graph_(loadGraph(config)) {
    if (auto parsed = parseDatabaseUrl(url_); !parsed) {
      throw std::invalid_argument(parsed.error().message);
    }
  }

  sdk::Outcome access(sdk::Call& call, const sdk::ActionRequest& request) override {
    const std::vector<SeedValue> seeds = seedsOf(request);
    std::optional<sdk::Outcome> failure;
    std::unique_ptr<SqlDatabase> db = connect(call, failure);
    if (!db) return *failure;

    AccessOptions options;
    options.categories = request.categories;
    options.chunkSize = chunkSize_;
    options.cancelled = [&call] { return call.cancelled(); };
    RecordEmitter emitter(call);
    auto stats = runAccess(*db, graph_, seeds, options, emitter);
    if (!stats) return failed(stats.error());
    if (stats->stopped) return sdk::Outcome::cancelled();
    if (stats->rowsFound == 0) return sdk::Outcome::notFound();
    call.info("access: " + std::to_string(stats->rowsFound) + " rows found in " +
              std::to_string(stats->waves) + " waves, " + std::to_string(stats->queries) +
              " queries, " + std::to_string(stats->rowsEmitted) + " records");
    sdk::json::Array details;
    for (std::size_t t = 0; t < stats->rowsPerTable.size(); ++t) {
      if (stats->rowsPerTable[t] == 0) continue;
      details.push_back(
          sdk::json::Value::object({{"collection", graph_.tables()[t].collection},
                                    {"rows", static_cast<std::int64_t>(stats->rowsPerTable[t])}}));
    }
    return sdk::Outcome::completed().withDetails(std::move(details));
  }

  // Erases the categories the request names in one transaction (or, for a dry run, reports the
  // statements and rows and changes nothing). Pseudonyms use the request's key when the host
  // gives one (the same across the request's calls, destroyed when it closes), else a key that
  // lives only during this call.
  sdk::Outcome erase(sdk::Call& call, const sdk::ActionRequest& request) override {
    std::optional<sdk::Outcome> failure;
    std::unique_ptr<SqlDatabase> db = connect(call, failure);
    if (!db) return *failure;
    ErasureOptions options;
    options.categories = request.categories;
    options.chunkSize = chunkSize_;
    options.dryRun = request.dryRun;
    options.cancelled = [&call] { return call.cancelled(); };
    options.pseudonymKey = request.pseudonymKey;
    auto report = runErasure(*db, graph_, seedsOf(request), options);
    if (!report) return failed(report.error());
    if (report->stopped) return sdk::Outcome::cancelled();
    call.info(std::string(request.dryRun ? "erase (dry run): " : "erase: ") +
              std::to_string(report->rowsFound) + " rows found, " +
              std::to_string(erasedValues(*report)) + " values erased, " +
              std::to_string(report->retained.size()) + " retained groups, " +
              std::to_string(report->review.size()) + " rows for review, " +
              std::to_string(report->statements.size()) + " statements, " +
              std::to_string(cascadedRows(*report)) +
              " rows the database deletes or changes "
              "itself");
    return erasureOutcome(*report, request.dryRun);
  }

  sdk::Outcome suppress(sdk::Call& call, const sdk::ActionRequest& request) override {
    return flag(call, request, FlagAction::kSuppress);
  }

  sdk::Outcome restrict(sdk::Call& call, const sdk::ActionRequest& request) override {
    return flag(call, request, FlagAction::kRestrict);
  }

  // Connects and checks that every declared table and column exists.
  sdk::Outcome testConnection(sdk::Call& call, const sdk::ActionRequest& request) override {
    (void)request;
    std::optional<sdk::Outcome> failure;
    std::unique_ptr<SqlDatabase> db = connect(call, failure);
    if (!db) return *failure;
    if (Status s = checkSchema(*db, graph_); !s) return failed(s.error());
    return sdk::Outcome::completed();
  }

 private:
  // The identities the dataset can search by: raw values, under their type and subtype.
  static std::vector<SeedValue> seedsOf(const sdk::ActionRequest& request) {
    std::vector<SeedValue> seeds;
    for (const sdk::Identity& id : request.identities) {
      if (id.format != "raw") continue;  // the dataset holds values, not their hashes
      seeds.push_back(SeedValue{id.type, id.value});
      if (!id.subtype.empty()) seeds.push_back(SeedValue{id.subtype, id.value});
    }
    return seeds;
  }

  sdk::Outcome flag(sdk::Call& call, const sdk::ActionRequest& request, FlagAction action) {
    std::optional<sdk::Outcome> failure;
    std::unique_ptr<SqlDatabase> db = connect(call, failure);
    if (!db) return *failure;
    FlagOptions options;
    options.chunkSize = chunkSize_;
    options.dryRun = request.dryRun;
    options.cancelled = [&call] { return call.cancelled(); };
    auto report = runFlagAction(*db, graph_, seedsOf(request), action, options);
    if (!report) return failed(report.error());
    if (report->stopped) return sdk::Outcome::cancelled();
    return flagOutcome(*report, action, request.dryRun);
  }

  static sdk::Outcome failed(const Error& error) {
    return sdk::Outcome::failed(error.message, error.code == ErrorCode::kUnavailable);
  }

  // The open database, or nullptr with `failure` set.
  std::unique_ptr<SqlDatabase> connect(sdk::Call& call, std::optional<sdk::Outcome>& failure) {
    std::string password;
    if (!passwordSecret_.empty()) {
      sdk::ServiceStatus status = sdk::ServiceStatus::ok;
      std::optional<std::string> secret = call.secret(passwordSecret_, &status);
      if (!secret) {
        failure = sdk::Outcome::failed(
            status == sdk::ServiceStatus::unavailable
                ? "the host offers no secrets, but password_secret is configured"
                : "the secret named by password_secret is not set",
            false);
        return nullptr;
      }
      password = *secret;
    }
    auto url = parseDatabaseUrl(url_, password);
    if (!url) {
      failure = failed(url.error());
      return nullptr;
    }
    auto db = SqlDatabase::open(*url);
    if (!db) {
      failure = failed(db.error());
      return nullptr;
    }
    return std::move(db).value();
  }

  std::string url_;
  std::string passwordSecret_;
  std::size_t chunkSize_;
  DatasetGraph graph_;
};

}  // namespace
}  // namespace dsrflow::sql

DSRFLOW_CONNECTOR(dsrflow::sql::SqlConnector, "org.dsrflow.sql", "0.1.0",
                  dsrflow::sql::kConfigSchemaJson, dsrflow::sql::kManifestJson)
