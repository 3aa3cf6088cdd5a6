// SQL connector benchmark: access and erasure of subjects of different sizes in a generated
// PostgreSQL shop (bulk customers with orders, order items and events), against the same
// statements run by the real psql binary in the same run, and one subject's events streamed out
// against `COPY (SELECT ...) TO STDOUT`. Prints one table; not run by ctest.
//
//   sql_connector_bench [CUSTOMERS=1000000] [library]   (library: without the plugin's rows)
//
// Subjects: small (a bulk customer: 2 orders of 2 items, 3 events), medium (100 orders of 2
// items, 1,000 events), large (CUSTOMERS/10 rows: a tenth orders, two tenths items, the rest
// events) and stream (CUSTOMERS events). dsrflow's time includes connecting (the plugin
// connects per call) and its catalog reads; psql's includes starting psql and connecting. Each
// erasure erases a different customer of the same shape, so every run works on untouched rows;
// psql runs the statements dsrflow planned for its own customer and commits them too.

#include <malloc.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "bench_shop_db.hpp"
#include "connector_statements.hpp"
#include "log/logger.hpp"
#include "psql_baseline.hpp"
#include "sql/access/database_url.hpp"
#include "sql/dataset/dataset_loader.hpp"
#include "sql_plugin_driver.hpp"
#include "support/postgres_server.hpp"
#include "support/temp_dir.hpp"

using namespace dsrflow;
using namespace dsrflow::bench;
using Steady = std::chrono::steady_clock;

namespace {

constexpr std::size_t kChunk = 500;  // the connector's default chunk_size

double msSince(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

// VmHWM or VmRSS of this process, in MB.
double statusMb(const std::string& key) {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);) {
    if (line.rfind(key, 0) == 0) return std::stod(line.substr(key.size())) / 1024.0;
  }
  return 0;
}

// Times of one side and its peak RSS over the runs (and the most it grew in one run).
struct Measure {
  std::vector<double> ms;
  double peakMb = 0;
  double growthMb = 0;

  [[nodiscard]] double median() const {
    std::vector<double> sorted = ms;
    std::sort(sorted.begin(), sorted.end());
    return sorted.empty() ? 0 : sorted[sorted.size() / 2];
  }
};

// Runs `work` once for `m`: freed heap handed back and the peak RSS reset before (Linux: 5 >
// clear_refs), so the peak read after is this run's.
template <typename Work>
void timed(Measure& m, Work&& work) {
  malloc_trim(0);
  std::ofstream("/proc/self/clear_refs") << "5";
  const double before = statusMb("VmRSS:");
  const auto start = Steady::now();
  work();
  m.ms.push_back(msSince(start));
  const double peak = statusMb("VmHWM:");
  m.peakMb = std::max(m.peakMb, peak);
  m.growthMb = std::max(m.growthMb, peak - before);
}

void addPsql(Measure& m, const PsqlRun& run) {
  m.ms.push_back(run.ms);
  m.peakMb = std::max(m.peakMb, run.peakRssMb);
}

struct Row {
  std::string name;
  std::size_t rows = 0;
  std::size_t statements = 0;
  Measure dsrflow;
  Measure psql;
};

// Consumes each row as a record producer would: every key and field written out as text (into
// one reused buffer, so the figure is the traversal's, not an allocator's).
class ConsumingSink final : public sql::RowSink {
 public:
  bool accept(const sql::FoundRow& row) override {
    text_.assign(*row.collection);
    for (const sql::FieldValue& k : row.key) append(k);
    for (const sql::FieldValue& f : row.fields) append(f);
    bytes += text_.size();
    ++rows;
    return true;
  }
  std::size_t rows = 0;
  std::size_t bytes = 0;

 private:
  void append(const sql::FieldValue& v) {
    text_ += ' ';
    text_ += v.field->name;
    text_ += '=';
    if (v.value.kind == sql::SqlValue::Kind::kText ||
        v.value.kind == sql::SqlValue::Kind::kDateTime) {
      text_ += v.value.text;
    } else {
      text_ += v.value.canonical();
    }
  }

  std::string text_;
};

// Remembers only the columns each table was read with.
class ColumnsSink final : public sql::RowSink {
 public:
  explicit ColumnsSink(std::size_t tables) : columns(tables) {}
  bool accept(const sql::FoundRow& row) override {
    if (columns[row.table].empty()) {
      for (const sql::Field* f : *row.columns) columns[row.table].push_back(f->name);
    }
    return true;
  }
  std::vector<std::vector<std::string>> columns;
};

template <typename T>
T orThrow(Result<T> result) {
  if (!result) throw std::runtime_error(result.error().message);
  return std::move(result).value();
}

class Bench {
 public:
  Bench(std::string url, sql::DatasetGraph graph, const testing::TempDir& dir, std::string psql,
        bool withPlugin)
      : url_(std::move(url)),
        parsed_(orThrow(sql::parseDatabaseUrl(url_))),
        graph_(std::move(graph)),
        dir_(dir),
        psql_(std::move(psql)) {
    testing::writeFile(dir_ / "shop.yaml", kShopDataset);
    if (withPlugin) {
      plugin_ = std::make_unique<SqlPluginDriver>(DSRFLOW_SQL_CONNECTOR, dir_.path(), url_,
                                                  dir_ / "shop.yaml");
    }
  }

  // Access to one subject, `reps` times each side (and through the plugin); psql runs the
  // traversal's SELECTs in one read-only repeatable-read transaction.
  void access(const std::string& name, long long subject, int reps) {
    const std::string email = customerEmail(subject);
    sql::AccessStats stats;
    const std::vector<std::string> selects = accessSelects(email, stats);
    const std::string file = writeScript(name, script("BEGIN ISOLATION LEVEL REPEATABLE READ "
                                                      "READ ONLY",
                                                      selects, "ROLLBACK"));
    checkLines(file, stats.rowsFound);

    Row row{"access " + name, stats.rowsFound, selects.size(), {}, {}};
    for (int i = 0; i < reps; ++i) {
      timed(row.dsrflow, [&] {
        ConsumingSink sink;
        const sql::AccessStats s = runAccess(email, sink, false);
        if (sink.rows != s.rowsEmitted || s.rowsFound != stats.rowsFound) fail("access rows");
      });
      addPsql(row.psql, psqlFile(file));
    }
    rows_.push_back(row);
    pluginAccess(row, email, stats.rowsEmitted, reps);
  }

  // Erasure of `3 * reps` customers of one shape: dsrflow erases the first of each three, psql
  // runs the statements dsrflow plans for the second (its reads, shared-row counts, UPDATEs
  // and DELETEs in one repeatable-read transaction, committed), the plugin erases the third.
  void erasure(const std::string& name, const std::vector<long long>& subjects, int reps) {
    Row row{"erase " + name, 0, 0, {}, {}};
    Row viaPlugin{row.name + " (plugin)", 0, 0, {}, {}};
    std::string shape;
    for (std::size_t i = 0; i < static_cast<std::size_t>(reps); ++i) {
      const long long mine = subjects.at(3 * i);
      const long long theirs = subjects.at(3 * i + 1);
      const std::string file = erasureScript(name + std::to_string(i), theirs, row);
      timed(row.dsrflow, [&] {
        auto db = open();
        sql::ErasureOptions options;
        const sql::ErasureReport report =
            orThrow(sql::runErasure(*db, graph_, seeds(mine), options));
        if (std::string(sql::erasureAnswer(report)) != "erased") fail("erasure answer");
      });
      addPsql(row.psql, psqlFile(file));
      checkSameShape(shape, mine);
      checkSameShape(shape, theirs);
      if (plugin_) {
        const long long third = subjects.at(3 * i + 2);
        timed(viaPlugin.dsrflow, [&] {
          CountingSink sink;
          plugin_->call(Action::kErase, customerEmail(third), sink);
        });
        checkSameShape(shape, third);
      }
    }
    rows_.push_back(row);
    if (plugin_) {
      viaPlugin.rows = row.rows;
      viaPlugin.statements = row.statements;
      viaPlugin.psql = row.psql;
      rows_.push_back(viaPlugin);
    }
  }

  // One subject's events streamed out: dsrflow's access (customer, orders, events) against
  // psql running the same SELECTs, and against COPY of the events' SELECT to stdout.
  void stream(long long subject, int reps) {
    const std::string email = customerEmail(subject);
    sql::AccessStats stats;
    const std::vector<std::string> selects = accessSelects(email, stats);
    std::string copy;
    for (const std::string& s : selects) {
      if (s.find("FROM \"event\"") != std::string::npos) copy = "COPY (" + s + ") TO STDOUT";
    }
    const std::string file = writeScript(
        "stream", script("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", selects, "ROLLBACK"));
    checkLines(file, stats.rowsFound);
    const std::string events = std::to_string(stats.rowsFound - 1);

    Row row{"stream " + events + " events", stats.rowsFound, selects.size(), {}, {}};
    Row vsCopy{"stream vs COPY events", stats.rowsFound, 1, {}, {}};
    for (int i = 0; i < reps; ++i) {
      timed(row.dsrflow, [&] {
        ConsumingSink sink;
        const sql::AccessStats s = runAccess(email, sink, false);
        if (s.rowsFound != stats.rowsFound) fail("streamed rows");
      });
      addPsql(row.psql, psqlFile(file));
      addPsql(vsCopy.psql, runPsql(psql_, url_, {"-c", copy}, "/dev/null", errFile()));
    }
    vsCopy.dsrflow = row.dsrflow;
    rows_.push_back(row);
    rows_.push_back(vsCopy);
    pluginAccess(vsCopy, email, stats.rowsEmitted, 1);
  }

  std::string serverVersion() {
    std::string version = psqlText("SHOW server_version");
    while (!version.empty() && std::isspace(static_cast<unsigned char>(version.back())) != 0) {
      version.pop_back();
    }
    return version;
  }

  void print() const {
    std::printf("%-31s %8s %6s %11s %10s %7s %11s %10s %8s\n", "case", "rows", "stmts",
                "dsrflow_ms", "psql_ms", "ratio", "dsrflow_mb", "growth_mb", "psql_mb");
    for (const Row& r : rows_) {
      const double ratio = r.psql.median() > 0 ? r.dsrflow.median() / r.psql.median() : 0;
      std::printf("%-31s %8zu %6zu %11.1f %10.1f %7.2f %11.1f %10.1f %8.1f\n", r.name.c_str(),
                  r.rows, r.statements, r.dsrflow.median(), r.psql.median(), ratio,
                  r.dsrflow.peakMb, r.dsrflow.growthMb, r.psql.peakMb);
    }
  }

 private:
  [[noreturn]] static void fail(const std::string& what) {
    throw std::runtime_error("check failed: " + what);
  }

  std::unique_ptr<sql::SqlDatabase> open() { return orThrow(sql::SqlDatabase::open(parsed_)); }

  static std::vector<sql::SeedValue> seeds(long long subject) {
    return {sql::SeedValue{"email", customerEmail(subject)}};
  }

  sql::AccessStats runAccess(const std::string& email, sql::RowSink& sink, bool everyColumn) {
    auto db = open();
    sql::AccessOptions options;
    options.chunkSize = kChunk;
    options.everyColumn = everyColumn;
    return orThrow(sql::runAccess(*db, graph_, {sql::SeedValue{"email", email}}, options, sink));
  }

  // One access (which also warms the caches); the SELECTs it ran, for psql.
  std::vector<std::string> accessSelects(const std::string& email, sql::AccessStats& stats) {
    ColumnsSink columns(graph_.tables().size());
    stats = runAccess(email, columns, false);
    auto db = open();
    return traversalSelects(*db, graph_, stats, columns.columns, false, kChunk);
  }

  // The psql script of the erasure dsrflow would make of `subject` (a dry run plans it).
  std::string erasureScript(const std::string& name, long long subject, Row& row) {
    RecordingSink found(graph_.tables().size());
    const sql::AccessStats stats = runAccess(customerEmail(subject), found, true);
    auto db = open();
    sql::ErasureOptions options;
    options.dryRun = true;
    const sql::ErasureReport plan = orThrow(sql::runErasure(*db, graph_, seeds(subject), options));
    std::vector<std::string> statements =
        traversalSelects(*db, graph_, stats, found.columns, true, kChunk);
    for (std::string& s : sharedRowCounts(*db, graph_, seeds(subject), found, plan, kChunk)) {
      statements.push_back(std::move(s));
    }
    for (std::string& s : planStatements(plan)) statements.push_back(std::move(s));
    row.rows = plan.rowsFound;
    row.statements = statements.size();
    return writeScript("erase_" + name,
                       script("BEGIN ISOLATION LEVEL REPEATABLE READ", statements, "COMMIT"));
  }

  // What is left of a customer after erasure; every customer of one shape must match.
  void checkSameShape(std::string& expected, long long subject) {
    const std::string id = std::to_string(subject);
    const std::string left = psqlText(
        "SELECT (SELECT count(*) FROM orders WHERE customer_id = " + id +
        "), (SELECT count(*) FROM order_item i JOIN orders o ON o.id = i.order_id WHERE "
        "o.customer_id = " +
        id + "), (SELECT count(*) FROM event WHERE customer_id = " + id +
        "), (SELECT email IS NULL AND phone IS NULL AND name LIKE 'psd:%' FROM customer WHERE id "
        "= " +
        id + ")");
    if (expected.empty()) expected = left;
    if (left != expected) fail("erased customers differ: " + expected + " vs " + left);
  }

  // The plugin's records pass the host's schema check one by one, which is slow for large
  // subjects: at most 3 runs.
  void pluginAccess(const Row& library, const std::string& email, std::size_t records, int reps) {
    if (!plugin_) return;
    Row row{library.name + " (plugin)", library.rows, library.statements, {}, library.psql};
    for (int i = 0; i < std::min(reps, 3); ++i) {
      timed(row.dsrflow, [&] {
        CountingSink sink;
        plugin_->call(Action::kAccess, email, sink);
        if (sink.records != records) fail("plugin records");
      });
    }
    rows_.push_back(row);
  }

  std::string writeScript(const std::string& name, const std::string& text) const {
    const std::filesystem::path file = dir_ / (name + ".sql");
    testing::writeFile(file, text);
    return file.string();
  }

  [[nodiscard]] std::string errFile() const { return (dir_ / "psql.err").string(); }

  PsqlRun psqlFile(const std::string& file) {
    return runPsql(psql_, url_, {"-f", file}, "/dev/null", errFile());
  }

  std::string psqlText(const std::string& sql) {
    const std::string out = (dir_ / "psql.out").string();
    runPsql(psql_, url_, {"-c", sql}, out, errFile());
    return testing::readFile(out);
  }

  // psql prints one line per row found: the baseline reads what dsrflow read.
  void checkLines(const std::string& file, std::size_t rows) {
    const std::string out = (dir_ / "psql.out").string();
    runPsql(psql_, url_, {"-f", file}, out, errFile());
    const std::string text = testing::readFile(out);
    const auto lines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    if (lines != rows) {
      fail("psql printed " + std::to_string(lines) + " rows, dsrflow found " +
           std::to_string(rows));
    }
  }

  std::string url_;
  sql::DatabaseUrl parsed_;
  sql::DatasetGraph graph_;
  const testing::TempDir& dir_;
  std::string psql_;
  std::unique_ptr<SqlPluginDriver> plugin_;
  std::vector<Row> rows_;
};

std::string cpuModel() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown CPU";
}

// Makes the shop in `url`'s database; the statements run one at a time, outside transactions
// (VACUUM needs that).
void generate(const std::string& url, const std::vector<std::string>& statements) {
  auto db = orThrow(sql::SqlDatabase::open(orThrow(sql::parseDatabaseUrl(url))));
  for (const std::string& statement : statements) {
    orThrow(db->execute(sql::SelectQuery{statement, {}}, "generation"));
  }
}

}  // namespace

int main(int argc, char** argv) {
  const long long customers = argc > 1 ? std::stoll(argv[1]) : 1000000;
  const bool withPlugin = !(argc > 2 && std::string(argv[2]) == "library");
  if (customers < 1000) {
    std::cerr << "sql_connector_bench: CUSTOMERS must be at least 1000\n";
    return 2;
  }
  Logger::instance().configure(LogLevel::kError, nullptr);
  try {
    testing::PostgresServer& server = testing::PostgresServer::shared();
    const std::string psql = (*testing::PostgresServer::findBinDir() / "psql").string();
    const std::string url = server.createDatabase("sql_bench_" + std::to_string(getpid()));

    // Subjects after the bulk customers: 1 for access and 3 per erasure run (dsrflow, psql,
    // plugin).
    constexpr int kSmallAccess = 15, kSmallErase = 5, kMediumAccess = 9, kMediumErase = 5,
                  kLargeAccess = 5, kLargeErase = 7, kStream = 3;
    const long long large = customers / 10;
    const SubjectShape medium{100, 2, 1000};
    const SubjectShape big{large / 10, 2, large - 1 - 3 * (large / 10)};
    std::vector<SubjectGroup> groups = {{medium, 1 + 3 * kMediumErase, customers + 1}};
    groups.push_back({big, 1 + 3 * kLargeErase, groups.back().firstId + groups.back().count});
    groups.push_back({{0, 0, customers}, 1, groups.back().firstId + groups.back().count});
    long long rows = customers * 10;
    for (const SubjectGroup& g : groups) rows += g.count * g.shape.rows();

    const auto start = Steady::now();
    generate(url, shopStatements(customers, groups));
    const double generation = msSince(start) / 1000.0;

    auto dataset = orThrow(sql::parseDataset(kShopDataset, "shop.yaml"));
    testing::TempDir dir("sql-bench");
    Bench bench(url, orThrow(sql::DatasetGraph::build({dataset})), dir, psql, withPlugin);

    bench.access("small", customers / 2, kSmallAccess);
    std::vector<long long> small;
    for (int i = 0; i < 3 * kSmallErase; ++i) small.push_back(1 + i * (customers / 32));
    bench.erasure("small", small, kSmallErase);
    auto ids = [](const SubjectGroup& g) {
      std::vector<long long> out;
      for (long long i = 1; i < g.count; ++i) out.push_back(g.firstId + i);
      return out;
    };
    bench.access("medium", groups[0].firstId, kMediumAccess);
    bench.erasure("medium", ids(groups[0]), kMediumErase);
    bench.access("large", groups[1].firstId, kLargeAccess);
    bench.erasure("large", ids(groups[1]), kLargeErase);
    bench.stream(groups[2].firstId, kStream);

    bench.print();
    std::printf(
        "(%lld customers, %lld rows generated in %.0f s; %s, %u threads; PostgreSQL %s)\n"
        "rows: rows found; stmts: statements psql runs; ratio: dsrflow_ms / psql_ms, medians of "
        "%d/%d (small), %d/%d (medium), %d/%d (large) access/erasure runs and %d stream runs "
        "(plugin: at most 3, stream 1)\n"
        "dsrflow: connects, reads the catalog, runs its statements with bound values and hands "
        "each row to a sink that writes it out as text. psql: starts, connects and runs the same "
        "statements with the values written in, output to /dev/null, in the same transaction "
        "mode: access read-only repeatable read; erase repeatable read with the reads, shared-row "
        "counts, UPDATEs and DELETEs dsrflow planned for another customer of the same shape, "
        "committed. vs COPY: COPY (the events' SELECT) TO STDOUT. (plugin): sql_connector.so in "
        "dsrflow's in-process host, every record checked against the schema\n"
        "dsrflow_mb: peak RSS of this process in a run (growth_mb: above its RSS before the run); "
        "psql_mb: psql's peak RSS\n",
        customers, rows, generation, cpuModel().c_str(), std::thread::hardware_concurrency(),
        bench.serverVersion().c_str(), kSmallAccess, kSmallErase, kMediumAccess, kMediumErase,
        kLargeAccess, kLargeErase, kStream);
  } catch (const std::exception& e) {
    std::cerr << "sql_connector_bench: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
