#pragma once
// Loads and validates the configuration once. Errors come back as one line naming the file,
// line and key, e.g. "dsrflow.yaml:14: systems[1].isolation: expected in_process or process".

#include <filesystem>
#include <memory>

#include "config/config.hpp"
#include "model/result.hpp"

namespace dsrflow::config {

//! Reads `file` and then every *.yaml / *.yml in `<dir of file>/conf.d/` in name order. conf.d
//! files may add `controllers` and `systems`; everything else belongs in the main file.
//! Relative paths in the configuration are resolved against the main file's directory.
//! ${ENV} references are substituted; unknown keys, duplicate ids and invalid values are errors.
Result<std::shared_ptr<const Config>> loadConfig(const std::filesystem::path& file);

}  // namespace dsrflow::config
