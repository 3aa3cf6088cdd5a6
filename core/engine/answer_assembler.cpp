#include "engine/answer_assembler.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "engine/redactions.hpp"
#include "engine/retention_follow_up.hpp"
#include "model/time_format.hpp"

namespace dsrflow {
namespace {

namespace fs = std::filesystem;

fs::path bundlePath(const fs::path& dir, const std::string& requestId) {
  return dir / (requestId + ".json.sealed");
}

Poco::Dynamic::Var parseJson(const std::string& text) { return Poco::JSON::Parser().parse(text); }

}  // namespace

Result<fs::path> assembleAnswer(Store& store, const IdentityVault& vault, const Request& request,
                                const std::string& format, const fs::path& resultsDir) {
  Poco::JSON::Object bundle;
  bundle.set("format", format);
  bundle.set("request_id", request.id);
  bundle.set("request_type", std::string(toString(request.type)));
  bundle.set("regulation", std::string(toString(request.regulation)));
  bundle.set("received_at", formatUtcSeconds(request.receivedAt));
  bundle.set("due_at", formatUtcSeconds(request.effectiveDueAt()));
  Poco::JSON::Array::Ptr systems = new Poco::JSON::Array;

  auto tasks = store.readValue<std::vector<Task>>(
      [&](StoreTx& tx) { return tx.tasks().listForRequest(request.id); });
  if (!tasks) return tasks.error();
  auto decisions = store.readValue<std::vector<RedactionDecision>>(
      [&](StoreTx& tx) { return tx.review().listRedactions(request.id); });
  if (!decisions) return decisions.error();
  Redactions redactions(std::move(decisions).value(), *tasks);
  for (const auto& task : *tasks) {
    Poco::JSON::Object::Ptr entry = new Poco::JSON::Object;
    entry->set("system", task.systemId);
    entry->set("action", std::string(toString(task.action)));
    entry->set("step", task.step);
    if (task.step == kAfterWorkflow && !task.outcome && task.nextRunAt) {
      // An erasure due when a retention ends: the certificate says when it will happen.
      entry->set("outcome", std::string("scheduled"));
      entry->set("scheduled_for", formatUtcSeconds(*task.nextRunAt));
    } else {
      entry->set("outcome", task.outcome ? std::string(toString(*task.outcome)) : "none");
    }
    if (!task.lastError.empty()) entry->set("reason", task.lastError);
    Poco::JSON::Array::Ptr records = new Poco::JSON::Array;
    Status walked = store.read([&](StoreTx& tx) {
      return tx.taskResults().forEachForTask(task.id, [&](const TaskResult& r) -> Status {
        auto clear = vault.openResult(r);
        if (!clear) return clear.error();
        try {
          if (r.kind == TaskResultKind::kRecord) {
            auto record = parseJson(*clear).extract<Poco::JSON::Object::Ptr>();
            if (redactions.apply(task, r.seq, *record)) records->add(record);
          } else {
            auto stored = parseJson(*clear).extract<Poco::JSON::Object::Ptr>();
            entry->set("counts", stored->get("counts"));
            entry->set("detail", parseJson(stored->getValue<std::string>("outcome")));
          }
        } catch (const Poco::Exception& e) {
          return Status(Error{ErrorCode::kInternal, "unreadable task result: " + e.message()});
        }
        return Ok{};
      });
    });
    if (!walked) return walked.error();
    if (records->size() > 0) entry->set("records", records);
    systems->add(entry);
  }
  bundle.set("systems", systems);
  // Pseudonyms written for this request used keys derived from its secret, which goes in the
  // transaction that closes the request (pseudonym_keys.hpp): say so, since that comes after.
  auto secret = store.readValue<std::optional<std::string>>(
      [&](StoreTx& tx) { return tx.requestSecrets().get(request.id); });
  if (!secret) return secret.error();
  if (secret->has_value()) {
    bundle.set("pseudonym_keys",
               std::string("derived from a secret of this request that is destroyed when the "
                           "request closes, right after this answer is delivered; pseudonyms "
                           "written with them cannot be reversed or recomputed after that"));
  }
  // What review withheld and why (Art. 15(4)); empty when nothing was.
  bundle.set("redactions", redactions.section());

  std::ostringstream text;
  bundle.stringify(text);
  auto sealed = vault.sealDocument("answer:" + request.id, text.str());
  if (!sealed) return sealed.error();
  std::error_code ec;
  fs::create_directories(resultsDir, ec);
  fs::permissions(resultsDir, fs::perms::owner_all, fs::perm_options::replace, ec);
  const fs::path path = bundlePath(resultsDir, request.id);
  const fs::path temp = path.string() + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << *sealed;
    if (!out.flush()) return Error{ErrorCode::kUnavailable, "cannot write " + temp.string()};
  }
  fs::rename(temp, path, ec);
  if (ec)
    return Error{ErrorCode::kUnavailable, "cannot write " + path.string() + ": " + ec.message()};
  return path;
}

Result<std::string> readAnswer(const IdentityVault& vault, const std::string& requestId,
                               const fs::path& resultsDir) {
  std::ifstream in(bundlePath(resultsDir, requestId), std::ios::binary);
  if (!in) return notFound("no answer has been assembled for request " + requestId);
  std::ostringstream token;
  token << in.rdbuf();
  return vault.openDocument("answer:" + requestId, token.str());
}

}  // namespace dsrflow
