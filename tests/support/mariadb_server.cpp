#include "support/mariadb_server.hpp"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/free_port.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::testing {
namespace {

namespace fs = std::filesystem;

bool runningAsRoot() { return geteuid() == 0; }

std::string tail(const fs::path& file, std::size_t maxChars = 2000) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return "(no log written)";
  std::string text = readFile(file);
  return text.size() > maxChars ? "..." + text.substr(text.size() - maxChars) : text;
}

// mariadbd takes this long at most to open its socket on a busy machine; only startup waits.
constexpr auto kStartDeadline = std::chrono::seconds(120);

}  // namespace

MariadbServer::MariadbServer() {
  std::string pattern = (fs::temp_directory_path() / "dsrflow-mariadb-XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    throw std::runtime_error("cannot create a directory for the MariaDB test server: " + pattern);
  }
  dir_ = buffer.data();
  dataDir_ = dir_ / "data";
  socket_ = dir_ / "mysqld.sock";
  logFile_ = dir_ / "server.log";
  if (runningAsRoot()) {
    const passwd* pw = getpwnam("mysql");
    if (pw == nullptr || chown(dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      throw std::runtime_error("running as root but cannot hand " + dir_.string() +
                               " to the 'mysql' user that runs the MariaDB test server");
    }
  }
  installDb();
  std::string failure;
  // The free port may be taken between choosing and binding it: try a few.
  for (int attempt = 0; attempt < 3 && !server_; ++attempt) {
    if (!tryStart(freePort(), failure)) stop();
  }
  if (!server_) {
    throw std::runtime_error("MariaDB test server did not start: " + failure +
                             "\nserver log: " + logFile_.string() + "\n" + tail(logFile_));
  }
}

MariadbServer::~MariadbServer() {
  stop();
  std::error_code ignored;
  fs::remove_all(dir_, ignored);
}

void MariadbServer::stop() {
  if (server_) server_->terminate();
  server_.reset();
}

MariadbServer& MariadbServer::shared() {
  static std::mutex mutex;
  static std::unique_ptr<MariadbServer> server;
  static std::string failure;
  std::lock_guard lock(mutex);
  if (server) return *server;
  if (!failure.empty()) throw std::runtime_error(failure);
  try {
    server = std::make_unique<MariadbServer>();
  } catch (const std::exception& e) {
    failure = e.what();
    throw;
  }
  return *server;
}

void MariadbServer::installDb() {
  if (!fs::exists("/usr/bin/mariadb-install-db") || !fs::exists("/usr/sbin/mariadbd")) {
    throw std::runtime_error(
        "MariaDB server programs (mariadb-install-db, mariadbd) not found: install the Debian "
        "packages 'mariadb-server' and 'mariadb-client' (see packaging/deps.txt)");
  }
  std::vector<std::string> args{"--no-defaults", "--datadir=" + dataDir_.string(),
                                "--auth-root-authentication-method=normal", "--skip-test-db",
                                "--skip-name-resolve"};
  if (runningAsRoot()) args.emplace_back("--user=mysql");
  ProcessResult result = runProcess("/usr/bin/mariadb-install-db", args);
  if (result.exitCode != 0) {
    throw std::runtime_error("mariadb-install-db failed (exit " + std::to_string(result.exitCode) +
                             "):\n" + result.out + result.err);
  }
}

bool MariadbServer::answers() const {
  return runProcess("/usr/bin/mariadb-admin",
                    {"--no-defaults", "--user=root", "--socket=" + socket_.string(), "ping"})
             .exitCode == 0;
}

bool MariadbServer::tryStart(std::uint16_t port, std::string& failure) {
  std::vector<std::string> args{"--no-defaults",
                                "--datadir=" + dataDir_.string(),
                                "--socket=" + socket_.string(),
                                "--port=" + std::to_string(port),
                                "--bind-address=127.0.0.1",
                                "--log-error=" + logFile_.string(),
                                "--pid-file=" + (dir_ / "mysqld.pid").string(),
                                "--skip-name-resolve",
                                "--innodb-flush-log-at-trx-commit=0",
                                "--innodb-doublewrite=0",
                                "--skip-log-bin"};
  if (runningAsRoot()) args.emplace_back("--user=mysql");
  server_ = std::make_unique<ChildProcess>("/usr/sbin/mariadbd", args);
  const auto deadline = std::chrono::steady_clock::now() + kStartDeadline;
  while (std::chrono::steady_clock::now() < deadline) {
    if (answers()) {
      port_ = port;
      return true;
    }
    const std::string log = tail(logFile_, 4000);
    if (log.find("Aborting") != std::string::npos) {
      failure = "mariadbd on port " + std::to_string(port) + " aborted";
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  failure = "mariadbd did not answer within " +
            std::to_string(std::chrono::seconds(kStartDeadline).count()) + " s";
  return false;
}

void MariadbServer::createDatabase(std::string_view name) {
  bool valid =
      !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      });
  if (!valid) throw std::runtime_error("invalid test database name: " + std::string(name));
  ProcessResult r = runProcess(
      "/usr/bin/mariadb", {"--no-defaults", "--user=root", "--socket=" + socket_.string(), "-e",
                           "CREATE DATABASE `" + std::string(name) + "` CHARACTER SET utf8mb4"});
  if (r.exitCode != 0) throw std::runtime_error("CREATE DATABASE failed: " + r.err);
}

void MariadbServer::loadScript(std::string_view database, const fs::path& file) {
  ProcessResult r =
      runProcess("/usr/bin/mariadb", {"--no-defaults", "--user=root",
                                      "--socket=" + socket_.string(), "--abort-source-on-error",
                                      std::string(database), "-e", "source " + file.string()});
  if (r.exitCode != 0) {
    throw std::runtime_error("loading " + file.string() + " into MariaDB failed: " + r.err);
  }
}

std::string MariadbServer::url(std::string_view database) const {
  return "mysql://db=" + std::string(database) + " user=root unix_socket=" + socket_.string();
}

}  // namespace dsrflow::testing
