#pragma once
// Queries a test database through the database's own command-line client (sqlite3, psql,
// mariadb), not through dsrflow's code: what a test checks the connector against must not share
// the connector's SQL building, quoting or type handling.

#include <filesystem>
#include <string>
#include <vector>

namespace dsrflow::testing {

//! Rows of text cells, as the client prints them (NULL as an empty cell, or "NULL" for mariadb).
using TextRows = std::vector<std::vector<std::string>>;

class SqlShell {
 public:
  virtual ~SqlShell() = default;
  //! Runs `sql` (one statement or a script) and returns its rows; fails the test (and returns
  //! no rows) when the client exits with an error.
  virtual TextRows query(const std::string& sql) const = 0;
};

//! sqlite3 on a database file.
class SqliteShell : public SqlShell {
 public:
  explicit SqliteShell(std::filesystem::path file) : file_(std::move(file)) {}
  TextRows query(const std::string& sql) const override;

 private:
  std::filesystem::path file_;
};

//! psql on a PostgreSQL URL.
class PsqlShell : public SqlShell {
 public:
  explicit PsqlShell(std::string url) : url_(std::move(url)) {}
  TextRows query(const std::string& sql) const override;

 private:
  std::string url_;
};

//! The mariadb client on a server's socket and database, as root.
class MariadbShell : public SqlShell {
 public:
  MariadbShell(std::filesystem::path socket, std::string database)
      : socket_(std::move(socket)), database_(std::move(database)) {}
  TextRows query(const std::string& sql) const override;

 private:
  std::filesystem::path socket_;
  std::string database_;
};

//! Splits client output into rows and cells.
TextRows splitRows(const std::string& out, char cellSeparator, char rowSeparator);

}  // namespace dsrflow::testing
