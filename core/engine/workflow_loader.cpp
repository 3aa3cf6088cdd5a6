#include "engine/workflow_loader.hpp"

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>

#include "config/yaml_reader.hpp"
#include "engine/reviewer_routing.hpp"

namespace dsrflow {
namespace {

namespace fs = std::filesystem;
using config::ConfigError;
using config::YamlReader;

const std::regex kCategory("[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*");
const std::vector<std::string> kFormats{"access_package", "portability_export",
                                        "erasure_certificate", "confirmation"};

template <typename T, typename Parse>
std::vector<T> parseList(YamlReader& r, const std::string& key, Parse parse,
                         const std::string& expected) {
  std::vector<T> out;
  for (const auto& text : r.stringList(key)) {
    auto value = parse(text);
    if (!value) r.fail(key, "unknown value '" + text + "' (expected " + expected + ")");
    out.push_back(*value);
  }
  return out;
}

FanOutStep readFanOut(YamlReader& r) {
  FanOutStep step;
  const std::string action = r.requireString("action");
  auto parsed = parseAction(action);
  if (!parsed || *parsed == Action::kStatus || *parsed == Action::kTestConnection) {
    r.fail("action", "expected access, erase, rectify, restrict, suppress or explain, found '" +
                         action + "'");
  }
  step.action = *parsed;
  if (r.has("systems")) {
    auto systems = r.child("systems");
    step.systems.all = false;
    step.systems.kinds = systems.stringList("kinds");
    step.systems.ids = systems.stringList("ids");
    if (step.systems.kinds.empty() && step.systems.ids.empty()) {
      systems.fail("", "name kinds or ids (leave systems out to reach all)");
    }
    systems.finish();
  }
  step.categories = r.stringList("categories");
  for (const auto& c : step.categories) {
    if (!std::regex_match(c, kCategory)) r.fail("categories", "'" + c + "' is not a data category");
  }
  step.countsOnly = r.optionalBool("counts_only").value_or(false);
  if (step.countsOnly && step.action != Action::kAccess) {
    r.fail("counts_only", "only an access fan-out can keep counts only");
  }
  if (r.has("after")) {
    auto after = r.child("after");
    // Keys are system ids; the reader only knows the keys it is asked for, so collect them.
    for (const auto& id : after.keys()) step.after[id] = after.stringList(id);
    after.finish();
  }
  return step;
}

RouteToReviewerStep readRouteToReviewer(YamlReader& r) {
  RouteToReviewerStep step;
  step.reviewerRole = r.optionalString("reviewer_role").value_or(step.reviewerRole);
  if (!isReviewerName(step.reviewerRole)) {
    r.fail("reviewer_role", "'" + step.reviewerRole + "' is not a role name");
  }
  step.reviewer = r.optionalString("reviewer").value_or("");
  if (!step.reviewer.empty() && !isReviewerName(step.reviewer)) {
    r.fail("reviewer", "'" + step.reviewer + "' is not a user name (letters, digits, . _ @ -)");
  }
  if (auto due = r.optionalDuration("due_in")) {
    step.dueIn = std::chrono::duration_cast<std::chrono::hours>(*due);
    if (step.dueIn.count() < 1) r.fail("due_in", "must be at least 1h");
  }
  if (auto from = r.optionalString("due_from")) {
    if (*from == "routing") {
      step.dueFrom = RouteToReviewerStep::DueFrom::kRouting;
    } else if (*from == "receipt") {
      step.dueFrom = RouteToReviewerStep::DueFrom::kReceipt;
    } else {
      r.fail("due_from", "expected routing or receipt, found '" + *from + "'");
    }
  }
  return step;
}

WorkflowStep readStep(const std::string& type, YamlReader& r) {
  if (type == "verify_identity") {
    return VerifyIdentityStep{r.optionalBool("required").value_or(true)};
  }
  if (type == "approve") {
    return ApproveStep{parseList<Channel>(
        r, "channels", [](const std::string& s) { return parseChannel(s); },
        "web, api, opendsr, email, letter or phone")};
  }
  if (type == "fan_out") return readFanOut(r);
  if (type == "wait") return WaitStep{};
  if (type == "review") return ReviewStep{r.optionalBool("required").value_or(true)};
  if (type == "route_to_reviewer") return readRouteToReviewer(r);
  if (type == "assemble") {
    AssembleStep step{r.requireString("format")};
    if (std::find(kFormats.begin(), kFormats.end(), step.format) == kFormats.end()) {
      r.fail("format",
             "expected access_package, portability_export, erasure_certificate or "
             "confirmation, found '" +
                 step.format + "'");
    }
    return step;
  }
  if (type == "deliver") return DeliverStep{};
  if (type == "notify_recipients") return NotifyRecipientsStep{};
  r.fail("", "unknown step type '" + type +
                 "' (expected verify_identity, approve, fan_out, wait, review, "
                 "route_to_reviewer, assemble, deliver or notify_recipients)");
}

// Order rules that keep a workflow meaningful.
void checkOrder(const Workflow& w, const std::vector<int>& lines) {
  auto index = [&](std::string_view name) {
    for (std::size_t i = 0; i < w.steps.size(); ++i) {
      if (stepName(w.steps[i]) == name) return static_cast<int>(i);
    }
    return -1;
  };
  auto fail = [&](int step, const std::string& message) {
    throw ConfigError(w.file, lines[static_cast<std::size_t>(step)],
                      "steps[" + std::to_string(step) + "]", message);
  };
  const int verify = index("verify_identity");
  const int fanOut = index("fan_out");
  const int assemble = index("assemble");
  const int deliver = index("deliver");
  if (fanOut < 0 && index("route_to_reviewer") < 0) {
    throw ConfigError(w.file, 0, "steps", "a workflow needs at least one fan_out");
  }
  if (verify > fanOut && fanOut >= 0) fail(verify, "verify_identity must come before fan_out");
  if (deliver >= 0 && (assemble < 0 || assemble > deliver)) {
    fail(deliver, "deliver needs an assemble step before it");
  }
}

}  // namespace

Result<Workflow> loadWorkflowFile(const fs::path& file) {
  try {
    std::ifstream in(file);
    if (!in) return invalidArgument(file.string() + ": cannot read the file");
    YAML::Node root;
    try {
      root = YAML::Load(in);
    } catch (const YAML::ParserException& e) {
      return invalidArgument(file.string() + ":" + std::to_string(e.mark.line + 1) +
                             ": invalid YAML: " + e.msg);
    }
    YamlReader r(root, file.string(), "");
    Workflow w;
    w.file = file.string();
    w.name = r.requireString("workflow");
    w.requestTypes = parseList<RequestType>(
        r, "request_types", [](const std::string& s) { return parseRequestType(s); },
        "a request type such as access or erasure");
    if (w.requestTypes.empty()) r.fail("request_types", "name at least one request type");
    std::vector<int> lines;
    r.forEachItem("steps", [&](const YAML::Node& item, const std::string& path) {
      int line = item.Mark().line + 1;
      lines.push_back(line);
      if (item.IsScalar()) {
        YamlReader params(YAML::Node(YAML::NodeType::Null), w.file, path, line);
        w.steps.push_back(readStep(item.Scalar(), params));
        return;
      }
      if (!item.IsMap() || item.size() != 1) {
        throw ConfigError(w.file, line, path,
                          "a step is a step type, or one step type with its settings");
      }
      auto entry = *item.begin();
      YamlReader params(entry.second, w.file, path + "." + entry.first.Scalar(), line);
      w.steps.push_back(readStep(entry.first.Scalar(), params));
      params.finish();
    });
    r.finish();
    checkOrder(w, lines);
    return w;
  } catch (const ConfigError& e) {
    return invalidArgument(e.what());
  }
}

Result<std::vector<Workflow>> loadWorkflows(const fs::path& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return invalidArgument(dir.string() + ": no such workflow directory");
  }
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<Workflow> workflows;
  std::map<RequestType, std::string> servedBy;
  for (const auto& file : files) {
    auto w = loadWorkflowFile(file);
    if (!w) return w.error();
    for (RequestType t : w->requestTypes) {
      auto [it, inserted] = servedBy.emplace(t, w->file);
      if (!inserted) {
        return invalidArgument(w->file + ": request_types: '" + std::string(toString(t)) +
                               "' is already served by " + it->second);
      }
    }
    workflows.push_back(std::move(w).value());
  }
  std::string missing;
  for (const auto& [type, name] : kRequestTypeNames) {
    if (servedBy.count(type) == 0) missing += (missing.empty() ? "" : ", ") + std::string(name);
  }
  if (!missing.empty()) {
    return invalidArgument(dir.string() + ": no workflow serves the request types " + missing);
  }
  return workflows;
}

}  // namespace dsrflow
