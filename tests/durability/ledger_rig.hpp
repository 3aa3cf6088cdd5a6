#pragma once
// The durability tests' rig: a dsrflow configuration whose two systems run the ledger test
// plugin (tests/plugins/ledger), requests created and verified through the real binary, and
// the checks that compare what the store says was done with what the plugin's ledger says ran.

#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "model/request.hpp"
#include "model/task.hpp"
#include "store/store.hpp"
#include "support/process.hpp"

namespace dsrflow::testing {

//! One line of the ledger: a call the plugin received.
struct LedgerCall {
  std::string action;
  std::string taskId;
  int pid = 0;
};

//! What the store held right after a worker was killed, and how far the ledger had got.
struct KillSnapshot {
  int pid = 0;                      //!< the process that was killed
  std::set<std::string> doneTasks;  //!< tasks the store had recorded as done by then
  std::size_t ledgerLines = 0;      //!< ledger lines written by then
};

struct LedgerRigOptions {
  std::string storeUrl;  //!< empty: SQLite in <dir>/data
  int delayMs = 0;       //!< how long each plugin call takes
  std::string lease = "30s";
  int parallelTasks = 64;
  //! Calls per task; a task whose worker dies while it runs counts an attempt too, so that a
  //! task which keeps killing its worker (a crashing in-process plugin) ends failed.
  int maxAttempts = 3;
};

class LedgerRig {
 public:
  //! Writes the configuration into `dir` (and a key ring, unless `dir` already has one).
  LedgerRig(std::filesystem::path dir, LedgerRigOptions options);

  //! A rig in `dir` on a copy of this one's SQLite data (database, keys, results).
  [[nodiscard]] std::unique_ptr<LedgerRig> copyTo(const std::filesystem::path& dir) const;

  //! `dsrflow --config <this> ARGS...`, to completion.
  [[nodiscard]] ProcessResult run(std::vector<std::string> args,
                                  const std::map<std::string, std::string>& env = {}) const;
  //! The argument list for a `dsrflow` child process with this configuration.
  [[nodiscard]] std::vector<std::string> args(std::vector<std::string> args) const;

  //! Creates `n` requests (access and erasure in turn, each from its own person, by letter) and
  //! verifies them, so that their fan-out is all that is left to do. Returns their ids.
  std::vector<std::string> createVerifiedRequests(int n);

  [[nodiscard]] Store& store() const { return *store_; }
  [[nodiscard]] std::vector<LedgerCall> ledger() const;
  [[nodiscard]] std::set<std::string> doneTasks() const;
  //! True when every request stands where the workflow waits for people or has ended:
  //! access requests in review, erasures completed.
  [[nodiscard]] bool allSettled() const;
  [[nodiscard]] KillSnapshot snapshotAfterKill(int pid) const;

  //! The checks: every request settled, every task done once with a good outcome and one
  //! outcome event in the audit log, the chain intact, and, by the ledger, no completed task
  //! called again: a task was called more than once only when an earlier call died with its
  //! process, and after each kill no task the store already had as done was called again.
  void expectEveryTaskRanOnce(const std::vector<KillSnapshot>& kills) const;

 private:
  void writeConfig() const;

  std::filesystem::path dir_;
  LedgerRigOptions options_;
  std::map<std::string, RequestType> requests_;
  std::unique_ptr<Store> store_;
};

}  // namespace dsrflow::testing
