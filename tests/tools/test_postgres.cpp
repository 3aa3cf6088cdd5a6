// The CTest fixture behind every test that needs PostgreSQL: `start STATE` starts one throwaway
// server for the whole test run and records it in STATE; `stop STATE` stops and deletes it.
// Test processes find the server through $DSRFLOW_TEST_POSTGRES_STATE (PostgresServer::shared).

#include <exception>
#include <iostream>
#include <string>

#include "support/postgres_server.hpp"

int main(int argc, char** argv) {
  if (argc != 3 || (std::string(argv[1]) != "start" && std::string(argv[1]) != "stop")) {
    std::cerr << "usage: dsrflow_test_postgres start|stop STATE_FILE\n";
    return 2;
  }
  try {
    if (std::string(argv[1]) == "start") {
      dsrflow::testing::PostgresServer server;
      server.detach(argv[2]);
      std::cout << "PostgreSQL test server on port " << server.port() << '\n';
    } else {
      dsrflow::testing::PostgresServer::stopDetached(argv[2]);
    }
  } catch (const std::exception& e) {
    std::cerr << e.what() << '\n';
    return 1;
  }
  return 0;
}
