#pragma once
// What a fan-out step asks of each of its tasks, stored with the task (Task::paramsJson) so a
// restarted engine runs it exactly as planned.

#include <string>
#include <vector>

#include "model/result.hpp"

namespace dsrflow {

struct TaskParams {
  std::vector<std::string> categories;  //!< data-category prefixes; empty: all
  bool countsOnly = false;              //!< keep counts per category, not records
  std::vector<std::string> after;       //!< systems whose task of this step must finish first
};

std::string toJson(const TaskParams& params);
Result<TaskParams> parseTaskParams(const std::string& json);

}  // namespace dsrflow
