#pragma once
// The protocol between dsrflow and a plugin process (`dsrflow plugin-host`), over the child's
// stdin (requests) and stdout (replies); its stderr carries log lines only.
//
// Frame: u32 header length, u32 body length (both big-endian), the header (a JSON object with
// "type") and the body (verbatim bytes, usually a JSON document: a request, a record, a
// config, a CallResult), so the plugin's JSON crosses without being escaped twice.
//
// One request is in flight at a time. Parent -> child:
//   load      {protocol, path, sha256}         -> loaded (body: PluginInfo JSON) | error
//   create    {system_id, timeout_ms, secrets} body: config JSON -> created | error
//   invoke    {timeout_ms, request_id}         body: action request -> ... result | error
//   callback  {timeout_ms, request_id}         body: HTTP request JSON -> ... result | error
//   destroy   {}                               -> destroyed
//   cancel    {}   during invoke/callback: the call's stop token fires (no reply)
//   sink_failed {message}  the parent's sink refused a record: stop the call (no reply)
//   secret    {found} body: the value          answers read_secret
// Child -> parent while a request is pending:
//   record    body: record JSON;   log {level} body: message;
//   poll_later {not_before_unix_ms} body: state JSON;   read_secret {name}
// Terminal replies: loaded, created, destroyed, result (body: CallResult JSON; header
// "restart": true when the child can serve no further call), error {code, message}.
// The child exits when its stdin closes.

#include <cstdint>
#include <string_view>

namespace dsrflow::plugin_isolation {

inline constexpr int kProtocolVersion = 1;

//! Frames larger than these are a protocol error (records are at most 16 MiB, HostCall).
inline constexpr std::uint32_t kMaxHeaderBytes = 1U << 20U;
inline constexpr std::uint32_t kMaxBodyBytes = 64U << 20U;

namespace frame {
inline constexpr std::string_view kLoad = "load";
inline constexpr std::string_view kLoaded = "loaded";
inline constexpr std::string_view kCreate = "create";
inline constexpr std::string_view kCreated = "created";
inline constexpr std::string_view kInvoke = "invoke";
inline constexpr std::string_view kCallback = "callback";
inline constexpr std::string_view kResult = "result";
inline constexpr std::string_view kDestroy = "destroy";
inline constexpr std::string_view kDestroyed = "destroyed";
inline constexpr std::string_view kCancel = "cancel";
inline constexpr std::string_view kSinkFailed = "sink_failed";
inline constexpr std::string_view kSecret = "secret";
inline constexpr std::string_view kError = "error";
inline constexpr std::string_view kRecord = "record";
inline constexpr std::string_view kLog = "log";
inline constexpr std::string_view kPollLater = "poll_later";
inline constexpr std::string_view kReadSecret = "read_secret";
}  // namespace frame

}  // namespace dsrflow::plugin_isolation
