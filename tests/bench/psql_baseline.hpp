#pragma once
// The psql side of the SQL connector benchmark: dsrflow's statements as a script for the real
// psql binary (values written in as literals, which only the benchmark does: the connector
// always binds them), and psql run once on such a script, timed with its start and connection,
// its peak RSS read from /proc while it runs.

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstddef>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "sql/access/select_query.hpp"
#include "sql/access/sql_value.hpp"

extern char** environ;

namespace dsrflow::bench {

//! `value` as a PostgreSQL literal. Quoted literals have no type of their own, so '42' compares
//! with a bigint column as the bound 42 does.
inline std::string sqlLiteral(const sql::SqlValue& value) {
  if (value.isNull()) return "NULL";
  std::string out = "'";
  for (char c : value.canonical()) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

//! The statement's text with each placeholder (:v0, :v1, ...) replaced by its value.
inline std::string inlined(const sql::SelectQuery& query) {
  const std::string& sql = query.sql;
  std::string out;
  for (std::size_t i = 0; i < sql.size();) {
    if (sql.compare(i, 2, ":v") == 0 && i + 2 < sql.size() &&
        std::isdigit(static_cast<unsigned char>(sql[i + 2])) != 0) {
      std::size_t end = i + 2;
      while (end < sql.size() && std::isdigit(static_cast<unsigned char>(sql[end])) != 0) ++end;
      out += sqlLiteral(query.binds.at(std::stoul(sql.substr(i + 2, end - i - 2))));
      i = end;
    } else {
      out += sql[i++];
    }
  }
  return out;
}

//! One psql run.
struct PsqlRun {
  double ms = 0;
  double peakRssMb = 0;
};

//! Runs `psql -X -q -At -v ON_ERROR_STOP=1 -d URL ARGS...` with stdout to `out` (e.g.
//! /dev/null); throws when psql fails, with what it wrote to stderr.
inline PsqlRun runPsql(const std::string& psql, const std::string& url,
                       const std::vector<std::string>& args, const std::string& out,
                       const std::string& errFile) {
  std::vector<std::string> argv = {psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                                   "-d", url};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> cargv;
  for (std::string& a : argv) cargv.push_back(a.data());
  cargv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, 2, errFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0600);
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = 0;
  const int spawned = posix_spawn(&pid, psql.c_str(), &actions, nullptr, cargv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) throw std::runtime_error("cannot start " + psql);
  // wait4's ru_maxrss cannot be used: a child that execs from the parent's (vfork-shared)
  // address space starts with the parent's high-water mark. The child's own VmHWM is read
  // instead while it runs.
  std::atomic<bool> done{false};
  double peakKb = 0;
  std::thread watcher([&] {
    const std::string statusFile = "/proc/" + std::to_string(pid) + "/status";
    while (!done.load()) {
      std::ifstream status(statusFile);
      for (std::string line; std::getline(status, line);) {
        if (line.rfind("VmHWM:", 0) == 0) peakKb = std::max(peakKb, std::stod(line.substr(6)));
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });
  int status = 0;
  waitpid(pid, &status, 0);
  PsqlRun run;
  run.ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  done = true;
  watcher.join();
  run.peakRssMb = peakKb / 1024.0;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::ifstream err(errFile);
    std::stringstream text;
    text << err.rdbuf();
    throw std::runtime_error("psql failed: " + text.str());
  }
  return run;
}

}  // namespace dsrflow::bench
