#pragma once
// The ABI's data shapes (dsrflow-plugin.schema.json, compiled into the library), compiled once.

#include "plugin_host/json_schema.hpp"

namespace dsrflow::plugin_host {

class PluginSchema {
 public:
  //! The process-wide instance, compiled on first use. Thread-safe. Throws std::logic_error if
  //! the embedded schema does not compile (a build defect, caught by the tests).
  static const PluginSchema& instance();

  [[nodiscard]] const JsonSchema& actionRequest() const { return actionRequest_; }
  [[nodiscard]] const JsonSchema& record() const { return record_; }
  [[nodiscard]] const JsonSchema& outcome() const { return outcome_; }
  [[nodiscard]] const JsonSchema& manifest() const { return manifest_; }

 private:
  PluginSchema(JsonSchema actionRequest, JsonSchema record, JsonSchema outcome,
               JsonSchema manifest);
  JsonSchema actionRequest_;
  JsonSchema record_;
  JsonSchema outcome_;
  JsonSchema manifest_;
};

}  // namespace dsrflow::plugin_host
