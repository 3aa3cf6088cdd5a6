#include "support/sql_shell.hpp"

#include <gtest/gtest.h>

#include "support/postgres_server.hpp"
#include "support/process.hpp"

namespace dsrflow::testing {
namespace {

// Unit and record separators: cells of CiviCRM's notes and activities hold tabs and newlines.
constexpr char kCell = '\x1f';
constexpr char kRow = '\x1e';

TextRows checked(const ProcessResult& result, const std::string& client, char cell, char row) {
  if (result.exitCode != 0) {
    ADD_FAILURE() << client << " exited with " << result.exitCode << ": " << result.err;
    return {};
  }
  return splitRows(result.out, cell, row);
}

}  // namespace

TextRows splitRows(const std::string& out, char cellSeparator, char rowSeparator) {
  TextRows rows;
  std::size_t start = 0;
  while (start < out.size()) {
    std::size_t end = out.find(rowSeparator, start);
    if (end == std::string::npos) end = out.size();
    std::string line = out.substr(start, end - start);
    start = end + 1;
    if (line.empty() || line == "\n") continue;
    std::vector<std::string> cells;
    std::size_t from = 0;
    while (true) {
      std::size_t to = line.find(cellSeparator, from);
      cells.push_back(line.substr(from, to == std::string::npos ? std::string::npos : to - from));
      if (to == std::string::npos) break;
      from = to + 1;
    }
    rows.push_back(std::move(cells));
  }
  return rows;
}

TextRows SqliteShell::query(const std::string& sql) const {
  return checked(
      runProcess("sqlite3", {"-batch", "-bail", "-noheader", "-separator", std::string(1, kCell),
                             "-newline", std::string(1, kRow), file_.string(), sql}),
      "sqlite3", kCell, kRow);
}

TextRows PsqlShell::query(const std::string& sql) const {
  auto bin = PostgresServer::findBinDir();
  if (!bin) {
    ADD_FAILURE() << "no PostgreSQL client programs found";
    return {};
  }
  ProcessResult result =
      runProcess((*bin / "psql").string(),
                 {"-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-F", std::string(1, kCell),
                  "-R", std::string(1, kRow), "-d", url_, "-c", sql});
  // psql ends its output with a newline, not a record separator: left on, it would become part
  // of the last row's last cell, and a row would read differently once another follows it.
  if (!result.out.empty() && result.out.back() == '\n') result.out.pop_back();
  return checked(result, "psql", kCell, kRow);
}

TextRows MariadbShell::query(const std::string& sql) const {
  // Batch mode escapes tabs and newlines inside cells, so lines and tabs split it safely.
  return checked(
      runProcess("mariadb", {"--no-defaults", "--batch", "--skip-column-names", "--user=root",
                             "--socket=" + socket_.string(), database_, "-e", sql}),
      "mariadb", '\t', '\n');
}

}  // namespace dsrflow::testing
