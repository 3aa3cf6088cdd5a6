#pragma once
// A scripted stand-in for the dsrflow host's services table, for driving plugins and the SDK
// without the real host: records what the plugin sends, answers with what a test sets up.
// truncateTable() makes it look like an older host whose table ends before a given service;
// a service beyond the table that gets called anyway is counted as a violation.

#include "dsrflow/plugin.h"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dsrflow::testing {

class FakeHost {
 public:
  FakeHost();
  FakeHost(const FakeHost&) = delete;
  FakeHost& operator=(const FakeHost&) = delete;

  //! The services table to hand to create(); valid while this object lives.
  [[nodiscard]] const dsrflow_host_services* services() const { return &services_; }
  //! The call handle for create/invoke/on_callback.
  [[nodiscard]] dsrflow_call* call() { return reinterpret_cast<dsrflow_call*>(this); }

  //! Shrinks struct_size so the table ends just before the member at `offset` (use offsetof).
  void truncateTable(std::size_t offset) { services_.struct_size = static_cast<uint32_t>(offset); }
  //! Forgets what earlier calls sent (the script stays).
  void clearObservations();

  // Script.
  std::map<std::string, std::string> secrets;
  std::map<std::string, std::string> blobs;
  bool cancelled = false;
  int64_t deadlineUnixMs = 0;
  std::string callbackUrl;                   //!< empty: callback_url answers DSRFLOW_UNAVAILABLE
  dsrflow_status recordAnswer = DSRFLOW_OK;  //!< what emit_record answers
  std::size_t cancelAfterRecords = std::numeric_limits<std::size_t>::max();
  dsrflow_status outcomeAnswer = DSRFLOW_OK;  //!< what set_outcome answers

  // Observations.
  struct Error {
    bool retryable = false;
    std::string message;
  };
  struct Poll {
    int64_t notBeforeUnixMs = 0;
    std::string state;
  };
  std::vector<std::pair<dsrflow_log_level, std::string>> logs;
  std::vector<std::string> records;  //!< accepted records
  std::size_t recordsOffered = 0;    //!< emit_record calls, accepted or not
  std::vector<std::string> outcomes;
  std::vector<Error> errors;
  std::vector<std::string> mails;
  std::vector<Poll> polls;
  int outOfTableCalls = 0;  //!< services called that the (truncated) table does not have

  //! The last outcome set, or "" when none.
  [[nodiscard]] std::string lastOutcome() const { return outcomes.empty() ? "" : outcomes.back(); }
  //! The last error message set, or "" when none.
  [[nodiscard]] std::string lastError() const {
    return errors.empty() ? "" : errors.back().message;
  }

 private:
  static FakeHost& self(dsrflow_call* call) { return *reinterpret_cast<FakeHost*>(call); }
  bool has(std::size_t offset, std::size_t size);

  static void log(dsrflow_call* call, dsrflow_log_level level, dsrflow_str message);
  static dsrflow_status emitRecord(dsrflow_call* call, dsrflow_str record);
  static dsrflow_status setOutcome(dsrflow_call* call, dsrflow_str outcome);
  static void setError(dsrflow_call* call, int32_t retryable, dsrflow_str message);
  static dsrflow_status readSecret(dsrflow_call* call, dsrflow_str name, dsrflow_sink sink,
                                   void* context);
  static int32_t isCancelled(dsrflow_call* call);
  static int64_t deadline(dsrflow_call* call);
  static dsrflow_status callbackUrlService(dsrflow_call* call, dsrflow_sink sink, void* context);
  static dsrflow_status sendMail(dsrflow_call* call, dsrflow_str message);
  static dsrflow_status putBlob(dsrflow_call* call, dsrflow_str name, dsrflow_str bytes);
  static dsrflow_status getBlob(dsrflow_call* call, dsrflow_str name, dsrflow_sink sink,
                                void* context);
  static dsrflow_status pollLater(dsrflow_call* call, int64_t notBefore, dsrflow_str state);

  dsrflow_host_services services_{};
};

}  // namespace dsrflow::testing
