#include "engine/retention_follow_up.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <map>
#include <set>

#include "engine/request_intake.hpp"
#include "engine/task_params.hpp"
#include "model/time_format.hpp"

namespace dsrflow {

std::vector<Task> retentionFollowUps(const Task& finished, const std::string& outcomeJson,
                                     TimePoint now) {
  if (finished.action != Action::kErase || outcomeJson.empty()) return {};
  auto params = parseTaskParams(finished.paramsJson);
  if (!params) return {};
  // End date -> categories retained until then ("" = everything the task covered).
  std::map<std::string, std::set<std::string>> byEnd;
  try {
    auto outcome = Poco::JSON::Parser().parse(outcomeJson).extract<Poco::JSON::Object::Ptr>();
    auto retained = outcome->getArray("retained");
    if (!retained) return {};
    for (std::size_t i = 0; i < retained->size(); ++i) {
      auto item = retained->getObject(static_cast<unsigned>(i));
      if (!item) continue;
      if (!item->has("retention_end")) continue;
      const auto end = item->getValue<std::string>("retention_end");
      if (!parseIsoDate(end)) continue;
      auto& categories = byEnd[end];
      categories.insert(item->has("category") ? item->getValue<std::string>("category") : "");
    }
  } catch (const Poco::Exception&) {
    return {};
  }

  std::vector<Task> followUps;
  for (const auto& [end, categories] : byEnd) {
    TaskParams followUp;
    if (categories.count("") == 0) {
      followUp.categories.assign(categories.begin(), categories.end());
    } else {
      followUp.categories = params->categories;
    }
    const auto day = *parseIsoDate(end);
    const TimePoint runAt =
        std::chrono::time_point_cast<TimePoint::duration>(date::sys_days(day) + date::days(1));
    Task t;
    t.id = newId();
    t.requestId = finished.requestId;
    t.systemId = finished.systemId;
    t.action = Action::kErase;
    t.step = kAfterWorkflow;
    t.paramsJson = toJson(followUp);
    t.nextRunAt = runAt;
    // Erasure once the duty to keep ends is due "without undue delay" (Art. 17(1)): a month.
    t.dueAt = runAt + std::chrono::hours(24 * 30);
    t.createdAt = now;
    t.updatedAt = now;
    followUps.push_back(std::move(t));
  }
  return followUps;
}

}  // namespace dsrflow
