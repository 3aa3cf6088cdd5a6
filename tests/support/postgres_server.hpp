#pragma once
// A real, throwaway PostgreSQL server for tests: initdb in a temporary directory, started on a
// free 127.0.0.1 port with fsync off, stopped and deleted when the object dies. PostgreSQL
// refuses to run as root, so as root the server programs run as the `postgres` user.
//
// A missing PostgreSQL installation is a broken test environment, not a reason to skip: the
// constructor throws and tests that need the server fail with the message.

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace dsrflow::testing {

class PostgresServer {
 public:
  //! Starts a server; throws std::runtime_error naming the cause (and the server log, whose
  //! directory is then kept for inspection) when it cannot.
  PostgresServer();
  //! Stops the server (immediate mode) and deletes its directory.
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  //! The process-wide server. Under CTest a fixture starts one server for the whole run and
  //! names its state file in $DSRFLOW_TEST_POSTGRES_STATE (see tests/tools/test_postgres.cpp);
  //! that server is used then. Otherwise one is started on first use and stopped at exit.
  //! Thread-safe. Throws like the constructor (every call, once the start failed).
  static PostgresServer& shared();

  //! Leaves the server running after this object dies and writes what stopDetached() needs
  //! (and the port) to `stateFile`.
  void detach(const std::filesystem::path& stateFile);
  //! Stops a server detached into `stateFile` and deletes its directory.
  static void stopDetached(const std::filesystem::path& stateFile);

  //! Creates an empty database (name: [a-z0-9_], at most 63 characters) and returns its URL;
  //! with `templateName`, a copy of that database (a file copy, much faster than loading the
  //! same dump again). Throws std::runtime_error when PostgreSQL refuses.
  std::string createDatabase(std::string_view name, std::string_view templateName = {});
  //! Runs one statement without results on the `postgres` database; throws when it fails.
  void execute(const std::string& sql);

  //! postgresql://postgres@127.0.0.1:PORT/DATABASE
  [[nodiscard]] std::string url(std::string_view database = "postgres") const;
  [[nodiscard]] std::uint16_t port() const { return port_; }
  //! The server log (kept in the server's directory).
  [[nodiscard]] const std::filesystem::path& logFile() const { return logFile_; }

  //! $DSRFLOW_POSTGRES_BIN, else /usr/lib/postgresql/<highest version>/bin when it holds
  //! initdb and pg_ctl; nullopt when neither exists.
  static std::optional<std::filesystem::path> findBinDir();

 private:
  struct Attached {
    std::uint16_t port;
    std::filesystem::path logFile;
  };
  //! Uses a server someone else runs; this object neither starts nor stops it.
  explicit PostgresServer(const Attached& attached);

  //! A fresh mkdtemp directory under the temp dir, owned by the server's user.
  static std::filesystem::path makeServerDirectory(const std::string& prefix);
  void initdb();
  void initdbInto(const std::filesystem::path& dataDir, const std::filesystem::path& scratch) const;
  bool tryStart(std::uint16_t port, std::string& failure);

  std::filesystem::path bin_;
  std::filesystem::path dir_;
  std::filesystem::path dataDir_;
  std::filesystem::path logFile_;
  std::uint16_t port_ = 0;
  bool running_ = false;  //!< started by this object, so stopped by it
};

}  // namespace dsrflow::testing
