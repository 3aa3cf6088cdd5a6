#include "support/postgres_server.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "support/free_port.hpp"
#include "support/temp_dir.hpp"

extern char** environ;

namespace dsrflow::testing {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int exitCode = -1;
  std::string output;
};

// Runs a program to completion with stdout and stderr in `outputFile`; posix_spawn, because
// a test binary may be large and fork would copy its page tables.
Outcome run(const std::vector<std::string>& args, const fs::path& outputFile) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, outputFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                   0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = 0;
  int rc = posix_spawnp(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  Outcome outcome;
  if (rc != 0) {
    outcome.output = "cannot start " + args[0] + ": " + std::string(strerror(rc));
    return outcome;
  }
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  outcome.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  outcome.output = readFile(outputFile);
  return outcome;
}

std::string tail(const fs::path& file, std::size_t maxChars = 2000) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return "(no log written)";
  std::string text = readFile(file);
  return text.size() > maxChars ? "..." + text.substr(text.size() - maxChars) : text;
}

bool runningAsRoot() { return geteuid() == 0; }

// initdb and pg_ctl refuse to run as root; run them as the postgres user then.
std::vector<std::string> asServerUser(std::vector<std::string> args) {
  if (!runningAsRoot()) return args;
  std::vector<std::string> wrapped{"runuser", "-u", "postgres", "--"};
  wrapped.insert(wrapped.end(), args.begin(), args.end());
  return wrapped;
}

int versionOf(const fs::path& dir) {
  try {
    return std::stoi(dir.filename().string());
  } catch (const std::exception&) {
    return -1;
  }
}

}  // namespace

std::optional<fs::path> PostgresServer::findBinDir() {
  auto usable = [](const fs::path& bin) {
    std::error_code ec;
    return fs::exists(bin / "initdb", ec) && fs::exists(bin / "pg_ctl", ec);
  };
  if (const char* env = std::getenv("DSRFLOW_POSTGRES_BIN"); env != nullptr && *env != '\0') {
    if (usable(env)) return fs::path(env);
    return std::nullopt;
  }
  std::optional<fs::path> best;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
    fs::path bin = entry.path() / "bin";
    if (versionOf(entry.path()) < 0 || !usable(bin)) continue;
    if (!best || versionOf(entry.path()) > versionOf(best->parent_path())) best = bin;
  }
  return best;
}

PostgresServer::PostgresServer() {
  auto bin = findBinDir();
  if (!bin) {
    throw std::runtime_error(
        "PostgreSQL server programs (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin "
        "(or $DSRFLOW_POSTGRES_BIN): install the Debian package 'postgresql' (see "
        "packaging/deps.txt); tests that need a database cannot run without it");
  }
  bin_ = *bin;
  dir_ = makeServerDirectory("dsrflow-pg");
  dataDir_ = dir_ / "data";
  logFile_ = dir_ / "server.log";
  initdb();
  std::string failure;
  // The free port may be taken between choosing and binding it: try a few.
  for (int attempt = 0; attempt < 5 && !running_; ++attempt) {
    if (tryStart(freePort(), failure)) running_ = true;
  }
  if (!running_) {
    throw std::runtime_error("PostgreSQL test server did not start: " + failure +
                             "\nserver log: " + logFile_.string() + "\n" + tail(logFile_));
  }
}

PostgresServer::PostgresServer(const Attached& attached)
    : logFile_(attached.logFile), port_(attached.port) {}

void PostgresServer::detach(const fs::path& stateFile) {
  writeFile(stateFile, "port " + std::to_string(port_) + "\nlog " + logFile_.string() + "\nbin " +
                           bin_.string() + "\ndir " + dir_.string() + "\n");
  running_ = false;
  dir_.clear();
}

void PostgresServer::stopDetached(const fs::path& stateFile) {
  std::istringstream in(readFile(stateFile));
  std::string key;
  std::string value;
  fs::path bin;
  fs::path dir;
  while (in >> key >> value) {
    if (key == "bin") bin = value;
    if (key == "dir") dir = value;
  }
  if (bin.empty() || dir.empty()) throw std::runtime_error("incomplete " + stateFile.string());
  auto stopped = run(asServerUser({(bin / "pg_ctl").string(), "-D", (dir / "data").string(), "-w",
                                   "stop", "-m", "immediate"}),
                     dir / "pg_ctl-stop.out");
  if (stopped.exitCode != 0) {
    throw std::runtime_error("stopping the PostgreSQL test server failed: " + stopped.output);
  }
  std::error_code ignored;
  fs::remove_all(dir, ignored);
  fs::remove(stateFile, ignored);
}

PostgresServer::~PostgresServer() {
  if (dir_.empty()) return;  // attached or detached: not ours to stop
  if (running_) {
    auto stopped = run(asServerUser({(bin_ / "pg_ctl").string(), "-D", dataDir_.string(), "-w",
                                     "stop", "-m", "immediate"}),
                       dir_ / "pg_ctl-stop.out");
    if (stopped.exitCode != 0) {
      std::cerr << "warning: stopping the PostgreSQL test server failed: " << stopped.output
                << " (log: " << logFile_.string() << ")\n";
      return;  // keep the directory for inspection
    }
  }
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

PostgresServer& PostgresServer::shared() {
  static std::mutex mutex;
  static std::unique_ptr<PostgresServer> server;
  static std::string failure;
  std::lock_guard lock(mutex);
  if (server) return *server;
  if (!failure.empty()) throw std::runtime_error(failure);
  try {
    const char* state = std::getenv("DSRFLOW_TEST_POSTGRES_STATE");
    if (state == nullptr || *state == '\0') state = DSRFLOW_TEST_POSTGRES_STATE_FILE;
    std::error_code ec;
    if (fs::exists(state, ec)) {
      std::istringstream in(readFile(state));
      std::string key;
      std::string value;
      Attached attached{0, {}};
      while (in >> key >> value) {
        if (key == "port") attached.port = static_cast<std::uint16_t>(std::stoi(value));
        if (key == "log") attached.logFile = value;
      }
      // A state file left by an interrupted run names a dead server: start our own then.
      const std::string conninfo =
          "host=127.0.0.1 port=" + std::to_string(attached.port) + " user=postgres dbname=postgres";
      if (attached.port != 0 && PQping(conninfo.c_str()) == PQPING_OK) {
        server.reset(new PostgresServer(attached));
      }
    }
    if (!server) {
      server = std::make_unique<PostgresServer>();
    }
  } catch (const std::exception& e) {
    failure = e.what();
    throw;
  }
  return *server;
}

fs::path PostgresServer::makeServerDirectory(const std::string& prefix) {
  std::string pattern = (fs::temp_directory_path() / (prefix + "-XXXXXX")).string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("cannot create a directory for the PostgreSQL test server: " +
                             pattern);
  }
  fs::path dir = buffer.data();
  if (runningAsRoot()) {
    const passwd* pw = getpwnam("postgres");
    if (pw == nullptr) {
      throw std::runtime_error(
          "running as root but there is no 'postgres' user to run the PostgreSQL test server");
    }
    if (chown(dir.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      throw std::runtime_error("cannot hand " + dir.string() + " to the postgres user");
    }
  }
  return dir;
}

void PostgresServer::initdb() { initdbInto(dataDir_, dir_); }

void PostgresServer::initdbInto(const fs::path& dataDir, const fs::path& scratch) const {
  auto result = run(asServerUser({(bin_ / "initdb").string(), "-D", dataDir.string(), "-U",
                                  "postgres", "--auth=trust", "-N", "--no-locale", "-E", "UTF8"}),
                    scratch / "initdb.out");
  if (result.exitCode != 0) {
    throw std::runtime_error("initdb failed (exit " + std::to_string(result.exitCode) + ") in " +
                             scratch.string() + ":\n" + result.output);
  }
}

bool PostgresServer::tryStart(std::uint16_t port, std::string& failure) {
  std::string options = "-c listen_addresses=127.0.0.1 -p " + std::to_string(port) + " -k " +
                        dir_.string() + " -c fsync=off -c synchronous_commit=off" +
                        " -c full_page_writes=off";
  auto result = run(asServerUser({(bin_ / "pg_ctl").string(), "-D", dataDir_.string(), "-l",
                                  logFile_.string(), "-w", "-t", "60", "start", "-o", options}),
                    dir_ / "pg_ctl-start.out");
  if (result.exitCode == 0) {
    port_ = port;
    return true;
  }
  failure = "pg_ctl start on port " + std::to_string(port) + " exited with " +
            std::to_string(result.exitCode) + ": " + result.output;
  return false;
}

std::string PostgresServer::url(std::string_view database) const {
  return "postgresql://postgres@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
}

namespace {

bool validDatabaseName(std::string_view name) {
  return !name.empty() && name.size() <= 63 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

void PostgresServer::execute(const std::string& sql) {
  std::string conninfo = url() + "?options=-c%20client_min_messages%3Dwarning";
  std::unique_ptr<PGconn, decltype(&PQfinish)> conn(PQconnectdb(conninfo.c_str()), &PQfinish);
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(
        "cannot connect to the PostgreSQL test server: " + std::string(PQerrorMessage(conn.get())) +
        "server log: " + logFile_.string());
  }
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(conn.get(), sql.c_str()), &PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error(sql + " failed: " + std::string(PQresultErrorMessage(result.get())));
  }
}

std::string PostgresServer::createDatabase(std::string_view name, std::string_view templateName) {
  if (!validDatabaseName(name)) {
    throw std::runtime_error("invalid test database name: " + std::string(name));
  }
  if (!templateName.empty() && !validDatabaseName(templateName)) {
    throw std::runtime_error("invalid template database name: " + std::string(templateName));
  }
  // The names were checked above, so quoting them as identifiers is enough.
  std::string sql = "CREATE DATABASE \"" + std::string(name) + "\"";
  if (!templateName.empty()) sql += " TEMPLATE \"" + std::string(templateName) + "\"";
  execute(sql);
  return url(name);
}

}  // namespace dsrflow::testing
