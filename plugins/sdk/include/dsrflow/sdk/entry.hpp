#pragma once
// The C side of a C++ connector: DSRFLOW_CONNECTOR defines the exported entry function, whose
// static descriptor points at the trampolines below. The trampolines are the only code the host
// calls; each catches every exception (std::exception and anything else) and reports it with
// set_error + DSRFLOW_ERROR, so nothing ever unwinds across the ABI.

#include "dsrflow/plugin.h"
#include "dsrflow/sdk/action_request.hpp"
#include "dsrflow/sdk/call.hpp"
#include "dsrflow/sdk/callback_request.hpp"
#include "dsrflow/sdk/connector_base.hpp"
#include "dsrflow/sdk/json_reader.hpp"
#include "dsrflow/sdk/json_writer.hpp"
#include "dsrflow/sdk/outcome.hpp"

#include <cstdint>
#include <exception>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace dsrflow::sdk::detail {

//! One instance as the host holds it: the services table (invoke does not pass it again) and
//! the connector. Handed to the host as an opaque dsrflow_instance*.
struct Instance {
  const dsrflow_host_services* services = nullptr;
  std::unique_ptr<Connector> connector;
};

// &T::access names Connector::access unless T (or a class between them) overrides it, so the
// class of a member pointer tells at compile time which actions a connector implements.
template <class Member>
struct MemberOf;
template <class R, class C, class... Args>
struct MemberOf<R (C::*)(Args...)> {
  using Class = C;
};
template <class Member>
constexpr bool overridden(Member) noexcept {
  return !std::is_same_v<typename MemberOf<Member>::Class, Connector>;
}

template <class T>
struct Entry {
  static_assert(std::is_base_of_v<Connector, T>,
                "a connector must derive from dsrflow::sdk::Connector");
  static_assert(!std::is_abstract_v<T>, "a connector class must not be abstract");

  static constexpr std::uint32_t actions() noexcept {
    std::uint32_t bits = 0;
    if (overridden(&T::access)) bits |= DSRFLOW_ACTION_ACCESS;
    if (overridden(&T::erase)) bits |= DSRFLOW_ACTION_ERASE;
    if (overridden(&T::rectify)) bits |= DSRFLOW_ACTION_RECTIFY;
    if (overridden(&T::restrict)) bits |= DSRFLOW_ACTION_RESTRICT;
    if (overridden(&T::suppress)) bits |= DSRFLOW_ACTION_SUPPRESS;
    if (overridden(&T::explain)) bits |= DSRFLOW_ACTION_EXPLAIN;
    if (overridden(&T::status)) bits |= DSRFLOW_ACTION_STATUS;
    if (overridden(&T::testConnection)) bits |= DSRFLOW_ACTION_TEST_CONNECTION;
    return bits;
  }
  static constexpr std::uint32_t kActions = actions();
  static constexpr bool kCallbacks = overridden(&T::onCallback);
  static_assert(kActions != 0,
                "a connector must override at least one action (access, erase, ...)");

  //! The descriptor; the strings must be static (they are read while the library is loaded).
  static const dsrflow_plugin_descriptor* descriptor(const char* name, const char* version,
                                                     const char* configSchemaJson,
                                                     const char* manifestJson) noexcept {
    static const dsrflow_plugin_descriptor kDescriptor = {
        sizeof(dsrflow_plugin_descriptor),
        DSRFLOW_ABI_MAJOR,
        DSRFLOW_ABI_MINOR,
        name,
        version,
        kActions,
        configSchemaJson,
        manifestJson,
        &Entry::create,
        &Entry::destroy,
        &Entry::invoke,
        kCallbacks ? &Entry::onCallback : nullptr,
    };
    return &kDescriptor;
  }

  static dsrflow_instance* create(const dsrflow_host_services* services, dsrflow_call* handle,
                                  dsrflow_str configJson) noexcept {
    Call call(services, handle);
    try {
      std::string_view text = toView(configJson);
      Config config = text.find_first_not_of(" \t\r\n") == std::string_view::npos
                          ? json::Value::object()
                          : json::parse(text);
      if (config.isNull()) config = json::Value::object();
      if (!config.isObject()) {
        fail(call, "the configuration is not a JSON object", false);
        return nullptr;
      }
      auto instance = std::make_unique<Instance>();
      instance->services = services;
      instance->connector = construct(config, call);
      return reinterpret_cast<dsrflow_instance*>(instance.release());
    } catch (const RetryableError& e) {
      fail(call, e.what(), true);
    } catch (const std::exception& e) {
      fail(call, e.what(), false);
    } catch (...) {
      fail(call, "unknown exception while creating the connector", false);
    }
    return nullptr;
  }

  static void destroy(dsrflow_instance* handle) noexcept {
    try {
      delete reinterpret_cast<Instance*>(handle);
    } catch (...) {  // NOLINT(bugprone-empty-catch): nowhere to report it, and it must not escape
    }
  }

  static dsrflow_status invoke(dsrflow_instance* handle, dsrflow_call* callHandle,
                               dsrflow_str requestJson) noexcept {
    auto* instance = reinterpret_cast<Instance*>(handle);
    if (instance == nullptr || !instance->connector) return DSRFLOW_ERROR;
    Call call(instance->services, callHandle);
    try {
      ActionRequest request = ActionRequest::parse(toView(requestJson));
      if ((kActions & static_cast<std::uint32_t>(request.action)) == 0) {
        return fail(call, "action not supported by this connector", false);
      }
      return finish(call, dispatch(*instance->connector, call, request));
    } catch (const RetryableError& e) {
      return fail(call, e.what(), true);
    } catch (const std::exception& e) {
      return fail(call, e.what(), false);
    } catch (...) {
      return fail(call, "unknown exception in the connector", false);
    }
  }

  static dsrflow_status onCallback(dsrflow_instance* handle, dsrflow_call* callHandle,
                                   dsrflow_str httpRequestJson) noexcept {
    auto* instance = reinterpret_cast<Instance*>(handle);
    if (instance == nullptr || !instance->connector) return DSRFLOW_ERROR;
    Call call(instance->services, callHandle);
    try {
      CallbackRequest request = CallbackRequest::fromJson(json::parse(toView(httpRequestJson)));
      std::optional<Outcome> outcome = instance->connector->onCallback(call, request);
      return outcome ? finish(call, *outcome) : DSRFLOW_OK;
    } catch (const RetryableError& e) {
      return fail(call, e.what(), true);
    } catch (const std::exception& e) {
      return fail(call, e.what(), false);
    } catch (...) {
      return fail(call, "unknown exception in the connector's callback", false);
    }
  }

 private:
  static std::unique_ptr<Connector> construct(const Config& config, Call& call) {
    if constexpr (std::is_constructible_v<T, const Config&, Call&>) {
      return std::make_unique<T>(config, call);
    } else if constexpr (std::is_constructible_v<T, const Config&>) {
      return std::make_unique<T>(config);
    } else {
      static_assert(std::is_default_constructible_v<T>,
                    "a connector needs a constructor T(const Config&, Call&), T(const Config&) "
                    "or T()");
      return std::make_unique<T>();
    }
  }

  static Outcome dispatch(Connector& connector, Call& call, const ActionRequest& request) {
    switch (request.action) {
      case Action::access:
        return connector.access(call, request);
      case Action::erase:
        return connector.erase(call, request);
      case Action::rectify:
        return connector.rectify(call, request);
      case Action::restrict:
        return connector.restrict(call, request);
      case Action::suppress:
        return connector.suppress(call, request);
      case Action::explain:
        return connector.explain(call, request);
      case Action::status:
        return connector.status(call, request);
      case Action::testConnection:
        return connector.testConnection(call, request);
    }
    return Outcome::failed("unknown action", false);
  }

  // Turns what the connector returned into the ABI's answer. A refused emit decides first: the
  // host's stop wins over whatever the connector returned after it.
  static dsrflow_status finish(Call& call, const Outcome& outcome) {
    switch (call.stopReason()) {
      case ServiceStatus::ok:
        break;
      case ServiceStatus::cancelled:
        return DSRFLOW_CANCELLED;
      case ServiceStatus::invalid:
        return fail(call, "the host refused a record as not matching the record schema", false);
      default:
        return fail(call, "the host did not accept an emitted record", false);
    }
    switch (outcome.kind()) {
      case Outcome::Kind::cancelled:
        return DSRFLOW_CANCELLED;
      case Outcome::Kind::failed:
        return fail(call, outcome.reason(), outcome.retryable());
      case Outcome::Kind::deferred:
        if ((kActions & DSRFLOW_ACTION_STATUS) == 0) {
          return fail(call, "a deferred outcome needs a status() override to be polled", false);
        }
        break;
      default:
        break;
    }
    std::string text = json::write(outcome.json());
    switch (call.setOutcome(text)) {
      case ServiceStatus::ok:
        return DSRFLOW_OK;
      case ServiceStatus::cancelled:
        return DSRFLOW_CANCELLED;
      case ServiceStatus::invalid:
        return fail(call, "the host refused the outcome as not matching the outcome schema", false);
      default:
        return fail(call, "the host did not accept the outcome", false);
    }
  }

  static dsrflow_status fail(const Call& call, std::string_view message, bool retryable) noexcept {
    call.setError(retryable, message);
    return DSRFLOW_ERROR;
  }
};

}  // namespace dsrflow::sdk::detail

//! Exports `ConnectorClass` as the library's plugin: defines dsrflow_plugin_entry. Use once per
//! library, at namespace scope. `name` (reverse-DNS), `version`, `configSchemaJson` (JSON Schema
//! draft 7 of the system's config block) and `manifestJson` (schema "manifest") must be static
//! strings: literals or constexpr char arrays.
#define DSRFLOW_CONNECTOR(ConnectorClass, name, version, configSchemaJson, manifestJson)  \
  extern "C" DSRFLOW_PLUGIN_EXPORT const dsrflow_plugin_descriptor* dsrflow_plugin_entry( \
      void) noexcept;                                                                     \
  extern "C" DSRFLOW_PLUGIN_EXPORT const dsrflow_plugin_descriptor* dsrflow_plugin_entry( \
      void) noexcept {                                                                    \
    return ::dsrflow::sdk::detail::Entry<ConnectorClass>::descriptor(                     \
        name, version, configSchemaJson, manifestJson);                                   \
  }
