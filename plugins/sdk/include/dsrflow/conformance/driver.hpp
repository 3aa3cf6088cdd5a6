#pragma once
// How the conformance checks reach a plugin: through a host. The SDK brings a minimal host of
// its own (dlopen_driver.hpp); dsrflow implements the same interface over its real plugin host,
// so `dsrflow plugin check` and the GoogleTest kit run the very same checks.

#include "dsrflow/conformance/abi_shapes.hpp"
#include "dsrflow/conformance/plugin_facts.hpp"

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dsrflow::conformance {

//! How one invoke ended, as the host saw it.
enum class CallEnd {
  outcome,         //!< returned DSRFLOW_OK with a schema-valid outcome (outcomeJson)
  error,           //!< returned DSRFLOW_ERROR; `error` is its reason (empty: it gave none)
  invalidOutcome,  //!< returned DSRFLOW_OK without an outcome or with one not matching the schema
  stopped,         //!< returned after the host told it to stop (its deadline passed)
  abiViolation,    //!< an unknown status, DSRFLOW_CANCELLED unasked, an escaped exception
  hung,            //!< did not return within its timeout plus the stop bound
  crashed,         //!< the plugin's process died during the call (a host isolating plugins)
  refused,         //!< the host refused the request before calling the plugin
};

//! What one invoke produced.
struct CallReport {
  CallEnd end = CallEnd::refused;
  std::string outcomeJson;           //!< end == outcome: as the plugin set it
  std::string error;                 //!< end == error: the plugin's reason
  bool retryable = false;            //!< end == error
  std::string detail;                //!< the host's explanation of any other end
  std::vector<std::string> records;  //!< the records the host accepted
  std::uint64_t recordsRefused = 0;  //!< records refused as not matching the record schema
  std::string firstRefusal;          //!< why the first one was refused, when the host says
  std::chrono::milliseconds elapsed{0};
};

//! A host for one plugin file with at most one instance. Used from one thread; every method
//! may run the plugin's code, so a check's process may die in any of them.
class Driver {
 public:
  virtual ~Driver() = default;

  //! Loads the plugin (the first time) and reads its descriptor.
  virtual const PluginFacts& describe() = 0;

  //! "" when `json` is JSON of the ABI shape; otherwise the first violation.
  virtual std::string validate(Shape shape, std::string_view json) = 0;

  //! "" when `schemaJson` is a JSON Schema the host can use; otherwise why not.
  virtual std::string checkSchema(std::string_view schemaJson) = 0;

  //! "" when `json` is valid against the JSON Schema `schemaJson`; otherwise the violation.
  virtual std::string validateAgainst(std::string_view schemaJson, std::string_view json) = 0;

  //! Creates the instance from `configJson` (checked against the config schema first, like
  //! a host does), destroying one created before. "" or why it failed.
  virtual std::string create(std::string_view configJson) = 0;

  //! Invokes the instance with `requestJson`; the call's deadline is `timeout` from now.
  virtual CallReport invoke(std::string_view requestJson, std::chrono::milliseconds timeout) = 0;

  //! Destroys the instance (if any). "" or why that failed.
  virtual std::string destroy() = 0;
};

}  // namespace dsrflow::conformance
