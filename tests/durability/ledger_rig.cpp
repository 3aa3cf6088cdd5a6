#include "ledger_rig.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "support/temp_dir.hpp"
#include "test_plugins.hpp"

namespace dsrflow::testing {
namespace {

namespace fs = std::filesystem;

std::string sqliteUrl(const fs::path& dir) {
  return "sqlite://" + (dir / "data" / "dsrflow.db").string();
}

}  // namespace

LedgerRig::LedgerRig(fs::path dir, LedgerRigOptions options)
    : dir_(std::move(dir)), options_(std::move(options)) {
  fs::create_directories(dir_ / "data");
  writeConfig();
  if (!fs::exists(dir_ / "data" / "keys")) {
    auto keys = run({"keys", "init"});
    EXPECT_EQ(keys.exitCode, 0) << keys.err;
  }
  auto migrated = run({"migrate"});
  EXPECT_EQ(migrated.exitCode, 0) << migrated.err;
  auto store = Store::open(options_.storeUrl.empty() ? sqliteUrl(dir_) : options_.storeUrl);
  EXPECT_TRUE(store.ok()) << store.error().message;
  if (store) store_ = std::move(store).value();
}

void LedgerRig::writeConfig() const {
  std::ostringstream yaml;
  yaml << "data_dir: data\n"
       << "workflows_dir: " << DSRFLOW_WORKFLOWS_DIR << "\n"
       << "store:\n  url: " << (options_.storeUrl.empty() ? sqliteUrl(dir_) : options_.storeUrl)
       << "\n"
       << "engine:\n  lease: " << options_.lease << "\n  parallel_tasks: " << options_.parallelTasks
       << "\n  max_attempts: " << options_.maxAttempts << "\n  retry_delay: 1s\n"
       << "controllers:\n  - id: shop\n    name: Shop\n    time_zone: Europe/Berlin\n"
       << "systems:\n";
  for (const char* id : {"ledger-a", "ledger-b"}) {
    yaml << "  - id: " << id << "\n    plugin: " << kLedgerPlugin << "\n    timeout: 30s\n"
         << "    config:\n      ledger: " << (dir_ / "ledger.log").string()
         << "\n      delay_ms: " << options_.delayMs << "\n";
  }
  writeFile(dir_ / "dsrflow.yaml", yaml.str());
}

std::unique_ptr<LedgerRig> LedgerRig::copyTo(const fs::path& dir) const {
  fs::create_directories(dir);
  fs::copy(dir_ / "data", dir / "data", fs::copy_options::recursive);
  auto copy = std::make_unique<LedgerRig>(dir, options_);
  copy->requests_ = requests_;
  return copy;
}

std::vector<std::string> LedgerRig::args(std::vector<std::string> args) const {
  args.insert(args.begin(), {"--config", (dir_ / "dsrflow.yaml").string()});
  return args;
}

ProcessResult LedgerRig::run(std::vector<std::string> args,
                             const std::map<std::string, std::string>& env) const {
  return runProcess(DSRFLOW_BINARY, this->args(std::move(args)), env);
}

std::vector<std::string> LedgerRig::createVerifiedRequests(int n) {
  std::vector<std::string> ids;
  static const std::regex kId("received request ([0-9a-f-]{36}) ");
  for (int i = 0; i < n; ++i) {
    const RequestType type = i % 2 == 0 ? RequestType::kAccess : RequestType::kErasure;
    auto created = run({"request", "create", "--type", std::string(toString(type)), "--email",
                        "person-" + std::to_string(i) + "@example.com", "--channel", "letter"});
    std::smatch match;
    EXPECT_TRUE(std::regex_search(created.out, match, kId)) << created.out << created.err;
    if (match.size() < 2) return ids;
    ids.push_back(match[1].str());
    requests_[ids.back()] = type;
  }
  auto advanced = run({"worker", "--once"});
  EXPECT_EQ(advanced.exitCode, 0) << advanced.err;
  for (const auto& id : ids) {
    auto verified = run({"request", "verify", id, "--method", "signed letter"});
    EXPECT_EQ(verified.exitCode, 0) << verified.err;
    if (requests_[id] == RequestType::kErasure) {  // erasures by letter need staff approval
      auto approved = run({"request", "approve", id});
      EXPECT_EQ(approved.exitCode, 0) << approved.err;
    }
  }
  return ids;
}

std::vector<LedgerCall> LedgerRig::ledger() const {
  std::vector<LedgerCall> calls;
  std::ifstream in(dir_ / "ledger.log");
  LedgerCall call;
  while (in >> call.action >> call.taskId >> call.pid) calls.push_back(call);
  return calls;
}

std::set<std::string> LedgerRig::doneTasks() const {
  std::set<std::string> done;
  for (const auto& [id, type] : requests_) {
    auto tasks = store_->readValue<std::vector<Task>>(
        [&](StoreTx& tx) { return tx.tasks().listForRequest(id); });
    EXPECT_TRUE(tasks.ok()) << tasks.error().message;
    if (!tasks) continue;
    for (const auto& t : *tasks) {
      if (t.status == TaskStatus::kDone) done.insert(t.id);
    }
  }
  return done;
}

bool LedgerRig::allSettled() const {
  for (const auto& [id, type] : requests_) {
    auto request = store_->readValue<Request>([&](StoreTx& tx) { return tx.requests().get(id); });
    if (!request) return false;
    const RequestStatus settled =
        type == RequestType::kAccess ? RequestStatus::kInReview : RequestStatus::kCompleted;
    if (request->status != settled) return false;
  }
  return true;
}

KillSnapshot LedgerRig::snapshotAfterKill(int pid) const {
  return {pid, doneTasks(), ledger().size()};
}

void LedgerRig::expectEveryTaskRanOnce(const std::vector<KillSnapshot>& kills) const {
  for (const auto& [id, type] : requests_) {
    auto request = store_->readValue<Request>([&](StoreTx& tx) { return tx.requests().get(id); });
    ASSERT_TRUE(request.ok()) << request.error().message;
    EXPECT_EQ(request->status,
              type == RequestType::kAccess ? RequestStatus::kInReview : RequestStatus::kCompleted)
        << toString(type) << " request " << id << " is " << toString(request->status) << " at step "
        << request->step;
  }
  std::set<int> killed;
  for (const auto& k : kills) killed.insert(k.pid);
  const auto calls = ledger();
  std::map<std::string, std::vector<std::size_t>> callsOf;  // task -> ledger line numbers
  for (std::size_t i = 0; i < calls.size(); ++i) callsOf[calls[i].taskId].push_back(i);

  std::size_t tasksSeen = 0;
  for (const auto& [id, type] : requests_) {
    auto tasks = store_->readValue<std::vector<Task>>(
        [&](StoreTx& tx) { return tx.tasks().listForRequest(id); });
    auto events = store_->readValue<std::vector<AuditEvent>>(
        [&](StoreTx& tx) { return tx.audit().listForRequest(id); });
    ASSERT_TRUE(tasks.ok() && events.ok());
    for (const auto& t : *tasks) {
      ++tasksSeen;
      SCOPED_TRACE("task " + t.id + " of " + t.systemId + ", " + std::string(toString(t.action)));
      EXPECT_EQ(t.status, TaskStatus::kDone);
      EXPECT_TRUE(t.outcome == Outcome::kCompleted || t.outcome == Outcome::kErased)
          << (t.outcome ? toString(*t.outcome) : "no outcome") << ": " << t.lastError;
      const auto& lines = callsOf[t.id];
      ASSERT_FALSE(lines.empty()) << "done in the store, never called";
      for (std::size_t i = 0; i + 1 < lines.size(); ++i) {
        EXPECT_EQ(killed.count(calls[lines[i]].pid), 1U)
            << "called again although its earlier call's process lived on";
      }
      std::size_t outcomes = 0;
      for (const auto& e : *events) {
        if ((e.event == "task.completed" || e.event == "task.erased") &&
            e.detailsJson.find("\"" + t.id + "\"") != std::string::npos) {
          ++outcomes;
        }
      }
      EXPECT_EQ(outcomes, 1U) << "outcome events of the task";
    }
  }
  EXPECT_EQ(tasksSeen, callsOf.size()) << "the ledger names tasks the store does not have";
  for (const auto& kill : kills) {
    for (std::size_t i = kill.ledgerLines; i < calls.size(); ++i) {
      EXPECT_EQ(kill.doneTasks.count(calls[i].taskId), 0U)
          << "task " << calls[i].taskId << " was done before process " << kill.pid
          << " was killed, and was called again afterwards";
    }
  }
  auto verified = run({"audit", "verify"});
  EXPECT_EQ(verified.exitCode, 0) << verified.out << verified.err;
}

}  // namespace dsrflow::testing
