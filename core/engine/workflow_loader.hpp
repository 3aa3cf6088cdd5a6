#pragma once
// Reads workflows/*.yaml. Each file defines one workflow:
//
//   workflow: erasure
//   request_types: [erasure, delete]
//   steps:
//     - verify_identity
//     - approve: {channels: [api, opendsr]}
//     - fan_out: {action: access, counts_only: true}
//     - fan_out: {action: erase, categories: [user], after: {billing: [crm]}}
//     - wait
//     - assemble: {format: erasure_certificate}
//     - deliver
//     - notify_recipients
//
// Errors name file, line and key like configuration errors; unknown keys and step types are
// errors; every request type must be served by exactly one workflow.

#include <filesystem>
#include <vector>

#include "engine/workflow.hpp"
#include "model/result.hpp"

namespace dsrflow {

//! Loads and checks every *.yaml in `dir` (name order).
Result<std::vector<Workflow>> loadWorkflows(const std::filesystem::path& dir);

//! Loads one workflow file.
Result<Workflow> loadWorkflowFile(const std::filesystem::path& file);

}  // namespace dsrflow
