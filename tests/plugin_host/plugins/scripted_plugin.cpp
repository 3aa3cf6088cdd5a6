// scripted: a connector written directly against the C ABI (no SDK, so it can break the rules
// the SDK enforces), whose behaviour the system config picks: {"behaviour": "..."} (see the
// config schema below). It exercises the host's side of the contract: every host service, the
// schema checks of outcomes, errors, exceptions escaping the ABI, misuse of call handles,
// streaming, callbacks. The fault plugins shared with the conformance kit are in tests/plugins;
// this file adds two descriptor faults they lack (TEST_PLUGIN_BAD_NAME,
// TEST_PLUGIN_BAD_CONFIG_SCHEMA).
#include <dsrflow/plugin.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

namespace {

const dsrflow_host_services* gServices = nullptr;
dsrflow_call* gStaleCall = nullptr;  // "misuse": a call handle kept beyond its call

struct Instance {
  std::string behaviour;
  std::string expectedSecret;
  long count = 0;
};

dsrflow_str str(std::string_view s) { return dsrflow_str{s.data(), s.size()}; }

// The quoted string value following "key": in a compact JSON text; empty if there is none.
std::string stringValue(std::string_view json, std::string_view key) {
  const std::string needle = "\"" + std::string(key) + "\"";
  std::size_t at = json.find(needle);
  if (at == std::string_view::npos) return {};
  at = json.find('"', json.find(':', at + needle.size()));
  if (at == std::string_view::npos) return {};
  const std::size_t end = json.find('"', at + 1);
  return std::string(json.substr(at + 1, end - at - 1));
}

void log(dsrflow_call* call, const std::string& message) {
  gServices->log(call, DSRFLOW_LOG_INFO, str(message));
}

int64_t nowUnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void copySink(void* context, dsrflow_str value) {
  static_cast<std::string*>(context)->assign(value.data, value.size);
}

dsrflow_instance* create(const dsrflow_host_services* services, dsrflow_call* call,
                         dsrflow_str config) {
  gServices = services;
  const std::string_view json(config.data, config.size);
  auto* instance = new Instance{stringValue(json, "behaviour"), stringValue(json, "expect_secret")};
  const std::string text(json);
  if (const std::size_t at = text.find("\"count\""); at != std::string::npos) {
    instance->count = std::strtol(text.c_str() + text.find(':', at) + 1, nullptr, 10);
  }
  if (instance->behaviour == "create_fails") {
    services->set_error(call, 0, str("cannot reach the vendor: bad credentials"));
    delete instance;
    return nullptr;
  }
  return reinterpret_cast<dsrflow_instance*>(instance);
}

void destroy(dsrflow_instance* instance) { delete reinterpret_cast<Instance*>(instance); }

dsrflow_status access(dsrflow_call* call, std::string_view request) {
  if (request.find("unknown@example.org") != std::string_view::npos) {
    gServices->set_outcome(call, str(R"({"outcome":"not_found"})"));
    return DSRFLOW_OK;
  }
  const char* records[] = {
      R"({"collection":"contacts","fields":{"id":7,"email":"a@example.org"},)"
      R"("categories":{"email":["user.contact.email"]},"origin":{"email":"provided"},"key":{"id":7}})",
      R"({"collection":"orders","fields":{"id":12,"total":"9.90"},"key":{"id":12}})",
  };
  for (const char* record : records) {
    if (gServices->emit_record(call, str(record)) != DSRFLOW_OK) return DSRFLOW_CANCELLED;
  }
  gServices->set_outcome(call, str(R"({"outcome":"completed","counts":{"user.contact.email":1}})"));
  return DSRFLOW_OK;
}

dsrflow_status invoke(dsrflow_instance* handle, dsrflow_call* call, dsrflow_str request_json) {
  const auto* instance = reinterpret_cast<Instance*>(handle);
  const std::string_view request(request_json.data, request_json.size);
  const std::string action = stringValue(request, "action");
  const std::string& behaviour = instance->behaviour;

  if (behaviour == "bad_outcome") {
    const dsrflow_status status = gServices->set_outcome(call, str(R"({"outcome":"vanished"})"));
    log(call, "set_outcome status " + std::to_string(status));
    return DSRFLOW_OK;
  }
  if (behaviour == "no_outcome") return DSRFLOW_OK;
  if (behaviour == "error") {
    gServices->set_error(call, 1, str("vendor API answered 503"));
    return DSRFLOW_ERROR;
  }
  if (behaviour == "throw") throw std::runtime_error("escaped");
  if (behaviour == "secret") {
    std::string value;
    const dsrflow_status status = gServices->read_secret(call, str("api_token"), copySink, &value);
    if (status == DSRFLOW_OK && value == instance->expectedSecret) {
      gServices->set_outcome(call, str(R"({"outcome":"completed"})"));
    } else {
      const std::string reason =
          status == DSRFLOW_OK ? "secret differs" : "secret status " + std::to_string(status);
      gServices->set_outcome(
          call, str(R"({"outcome":"failed","reason":")" + reason + R"(","retryable":false})"));
    }
    return DSRFLOW_OK;
  }
  if (behaviour == "bulk") {
    // Many records, until the host says stop; the outcome counts what was accepted.
    long accepted = 0;
    for (long i = 0; i < instance->count; ++i) {
      const std::string record = R"({"collection":"events","fields":{"id":)" + std::to_string(i) +
                                 R"(,"kind":"login"},"categories":{"id":["user.unique_id"]}})";
      const dsrflow_status status = gServices->emit_record(call, str(record));
      if (status == DSRFLOW_CANCELLED) return DSRFLOW_CANCELLED;
      if (status == DSRFLOW_OK) ++accepted;
    }
    gServices->set_outcome(call, str(R"({"outcome":"completed","counts":{"user.unique_id":)" +
                                     std::to_string(accepted) + "}}"));
    return DSRFLOW_OK;
  }
  if (behaviour == "poll") {
    gServices->poll_later(call, nowUnixMs() + 60'000, str(R"({"job":"j-1"})"));
    gServices->set_outcome(
        call,
        str(R"({"outcome":"deferred","job_id":"j-1","next_poll":"2030-01-02T03:04:05.678Z"})"));
    return DSRFLOW_OK;
  }
  if (behaviour == "services") {
    std::string url;
    log(call, "callback_url " + std::to_string(gServices->callback_url(call, copySink, &url)) +
                  " send_mail " + std::to_string(gServices->send_mail(call, str("{}"))) +
                  " put_blob " + std::to_string(gServices->put_blob(call, str("b"), str("x"))) +
                  " get_blob " +
                  std::to_string(gServices->get_blob(call, str("b"), copySink, &url)) +
                  " deadline " + std::to_string(gServices->deadline_unix_ms(call)) + " cancelled " +
                  std::to_string(gServices->is_cancelled(call)) + " struct_size " +
                  std::to_string(gServices->struct_size));
    gServices->set_outcome(call, str(R"({"outcome":"completed"})"));
    return DSRFLOW_OK;
  }
  if (behaviour == "misuse") {
    // Services used from a thread of the plugin's own and, next time, with a stale handle.
    std::thread([call] {
      gServices->log(call, DSRFLOW_LOG_INFO, str("from another thread"));
      gServices->emit_record(call, str(R"({"collection":"c","fields":{}})"));
    }).join();
    if (gStaleCall != nullptr) {
      gServices->set_outcome(gStaleCall, str(R"({"outcome":"not_found"})"));
    }
    gStaleCall = call;
    gServices->set_outcome(call, str(R"({"outcome":"completed"})"));
    return DSRFLOW_OK;
  }

  if (action == "access") return access(call, request);
  if (action == "erase") {
    gServices->set_outcome(
        call,
        str(R"({"outcome":"erased","counts":{"user.contact.email":2,"user.name":1},"method":"deleted"})"));
    return DSRFLOW_OK;
  }
  gServices->set_outcome(call, str(R"({"outcome":"completed"})"));
  return DSRFLOW_OK;
}

dsrflow_status onCallback(dsrflow_instance*, dsrflow_call* call, dsrflow_str request) {
  const std::string_view body(request.data, request.size);
  if (body.find("export") != std::string_view::npos) {
    // The vendor delivered an export to the callback URL.
    gServices->emit_record(call, str(R"({"collection":"export","fields":{"id":1}})"));
    gServices->set_outcome(call, str(R"({"outcome":"completed"})"));
  }
  if (body.find("confirmed") != std::string_view::npos) {
    gServices->set_outcome(call, str(R"({"outcome":"erased","method":"deleted"})"));
  }
  return DSRFLOW_OK;
}

constexpr const char* kConfigSchema = R"({
  "type": "object",
  "properties": {
    "behaviour": {"enum": ["normal", "bad_outcome", "no_outcome", "error", "throw", "secret",
                           "poll", "services", "misuse", "create_fails", "bulk"]},
    "expect_secret": {"type": "string"},
    "count": {"type": "integer", "minimum": 0}
  },
  "additionalProperties": false
})";

constexpr const char* kManifest = R"({
  "system_kind": "crm",
  "role": "processor",
  "purposes": [{"name": "customer support", "legal_basis": "art6_1_b"}],
  "data_categories": [{"category": "user.contact.email", "origin": "provided"}]
})";

dsrflow_plugin_descriptor makeDescriptor() {
  dsrflow_plugin_descriptor d{};
  d.struct_size = sizeof(dsrflow_plugin_descriptor);
  d.abi_major = DSRFLOW_ABI_MAJOR;
  d.abi_minor = DSRFLOW_ABI_MINOR;
  d.name = "org.dsrflow.test.scripted";
  d.version = "1.0.0";
  d.actions = DSRFLOW_ACTION_ACCESS | DSRFLOW_ACTION_ERASE | DSRFLOW_ACTION_STATUS |
              DSRFLOW_ACTION_TEST_CONNECTION;
  d.config_schema_json = kConfigSchema;
  d.manifest_json = kManifest;
  d.create = create;
  d.destroy = destroy;
  d.invoke = invoke;
  d.on_callback = onCallback;
#if defined(TEST_PLUGIN_BAD_NAME)
  d.name = "TestPlugin";
#elif defined(TEST_PLUGIN_BAD_CONFIG_SCHEMA)
  d.config_schema_json = "{\"type\": ";
#endif
  return d;
}

const dsrflow_plugin_descriptor kDescriptor = makeDescriptor();

}  // namespace

extern "C" DSRFLOW_PLUGIN_EXPORT const dsrflow_plugin_descriptor* dsrflow_plugin_entry(void) {
  return &kDescriptor;
}
