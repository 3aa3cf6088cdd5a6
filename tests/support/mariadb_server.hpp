#pragma once
// A real, throwaway MariaDB server for tests: mariadb-install-db into a temporary directory,
// mariadbd on a free 127.0.0.1 port and a socket in that directory, stopped and deleted when
// the object dies. As root the server runs as the `mysql` user (mariadbd's --user), like the
// Debian package runs it. Clients connect as root over the socket (no password).
//
// A missing MariaDB installation is a broken test environment, not a reason to skip: the
// constructor throws and tests that need the server fail with the message.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "support/process.hpp"

namespace dsrflow::testing {

class MariadbServer {
 public:
  //! Starts a server; throws std::runtime_error naming the cause (with the server's log) when
  //! it cannot.
  MariadbServer();
  //! Stops the server (SIGTERM: a clean shutdown) and deletes its directory.
  ~MariadbServer();
  MariadbServer(const MariadbServer&) = delete;
  MariadbServer& operator=(const MariadbServer&) = delete;

  //! The process's server, started on first use and stopped at exit. Throws like the
  //! constructor (every call, once the start failed).
  static MariadbServer& shared();

  //! Creates an empty database (name: [a-z0-9_], at most 64 characters).
  void createDatabase(std::string_view name);
  //! Runs the SQL script `file` in `database` with the mariadb client; throws when it fails.
  void loadScript(std::string_view database, const std::filesystem::path& file);

  //! The SOCI settings of the connector's mysql:// URL for `database`.
  [[nodiscard]] std::string url(std::string_view database) const;
  [[nodiscard]] const std::filesystem::path& socket() const { return socket_; }
  [[nodiscard]] std::uint16_t port() const { return port_; }

 private:
  void installDb();
  bool tryStart(std::uint16_t port, std::string& failure);
  [[nodiscard]] bool answers() const;
  void stop();

  std::filesystem::path dir_;
  std::filesystem::path dataDir_;
  std::filesystem::path socket_;
  std::filesystem::path logFile_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> server_;
};

}  // namespace dsrflow::testing
