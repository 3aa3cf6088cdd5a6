// ledger: keeps its own ledger of every call it receives, for the durability tests. Each access
// or erase appends one line "<action> <task_id> <pid>" to the file named by `ledger` before it
// does anything else (O_APPEND, one write, so lines of concurrent processes never interleave),
// then waits `delay_ms` (default 0) and answers: access with one record, erase with erased.
// The tests compare the ledger with the store: a task completed in the store must appear
// exactly once, unless an earlier call was cut short by the death of its process.

#include <fcntl.h>
#include <unistd.h>
#include <dsrflow/connector.hpp>

#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>

#include "common/metadata.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class LedgerPlugin final : public Connector {
 public:
  explicit LedgerPlugin(const Config& config)
      : ledger_(config.getString("ledger")), delay_(config.getInt("delay_ms", 0)) {
    if (ledger_.empty()) throw std::invalid_argument("ledger: the ledger file is required");
  }

  Outcome access(Call& call, const ActionRequest& request) override {
    if (!note("access", request)) return Outcome::failed("the ledger cannot be written", false);
    std::this_thread::sleep_for(delay_);
    Record record("ledger_entries");
    record.key("task", request.taskId)
        .field("task", request.taskId, "user.unique_id", Origin::observed)
        .keepCovered(request);
    if (!record.empty() && !call.emit(record)) return Outcome::cancelled();
    return Outcome::completed();
  }

  Outcome erase(Call&, const ActionRequest& request) override {
    if (!note("erase", request)) return Outcome::failed("the ledger cannot be written", false);
    std::this_thread::sleep_for(delay_);
    return Outcome::erased({{"user.unique_id", 1}}, ErasureMethod::deleted);
  }

 private:
  bool note(const char* action, const ActionRequest& request) const {
    const std::string line =
        std::string(action) + " " + request.taskId + " " + std::to_string(::getpid()) + "\n";
    const int fd = ::open(ledger_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return false;
    const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
    ::close(fd);
    return written;
  }

  std::string ledger_;
  std::chrono::milliseconds delay_;
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::LedgerPlugin, "org.dsrflow.test.ledger", "1.0.0",
                  dsrflow::test_plugins::kOpenConfigSchema, dsrflow::test_plugins::kManifest)
