#pragma once
// The conformance kit's own minimal host: loads a plugin with dlopen, hands it the kit's
// services table (kit_host.hpp) and runs each call on a thread of its own with a deadline.
// It needs nothing but the SDK. The checks run it in a child process per check
// (isolated_runner.hpp), which is what survives crashes; a call that hangs is left behind on
// its thread and the driver refuses to run anything more.

#include "dsrflow/conformance/driver.hpp"
#include "dsrflow/conformance/kit_host.hpp"
#include "dsrflow/conformance/schema_validator.hpp"
#include "dsrflow/conformance/settings.hpp"

#include <dlfcn.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>

namespace dsrflow::conformance {

class DlopenDriver final : public Driver {
 public:
  //! `path` names the plugin's shared library; `settings` give the time limits and secrets.
  DlopenDriver(std::string path, Settings settings)
      : path_(std::move(path)), settings_(std::move(settings)) {}
  //! Never unloads the library: code of a call left behind may still run.
  ~DlopenDriver() override = default;
  DlopenDriver(const DlopenDriver&) = delete;
  DlopenDriver& operator=(const DlopenDriver&) = delete;

  const PluginFacts& describe() override {
    if (described_) return facts_;
    described_ = true;
    const std::string file = path_.find('/') == std::string::npos ? "./" + path_ : path_;
    void* library = ::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      const char* why = ::dlerror();
      facts_.loadError = "cannot load it: " + std::string(why != nullptr ? why : "dlopen failed");
      return facts_;
    }
    void* entry = ::dlsym(library, DSRFLOW_PLUGIN_ENTRY_SYMBOL);
    if (entry == nullptr) {
      facts_.loadError = "it exports no " DSRFLOW_PLUGIN_ENTRY_SYMBOL " function";
      return facts_;
    }
    try {
      descriptor_ = reinterpret_cast<dsrflow_plugin_entry_fn>(entry)();
    } catch (...) {
      facts_.loadError = "its entry function threw an exception (ABI violation)";
      return facts_;
    }
    facts_ = readDescriptor(descriptor_);
    return facts_;
  }

  std::string validate(Shape shape, std::string_view json) override {
    return AbiShapes::instance().validate(shape, json);
  }

  std::string checkSchema(std::string_view schemaJson) override {
    std::string error;
    return SchemaValidator::compile(schemaJson, &error) ? std::string() : error;
  }

  std::string validateAgainst(std::string_view schemaJson, std::string_view json) override {
    std::string error;
    std::optional<SchemaValidator> schema = SchemaValidator::compile(schemaJson, &error);
    return schema ? schema->validateText(json) : "the schema is not usable: " + error;
  }

  std::string create(std::string_view configJson) override {
    if (std::string problem = destroy(); !problem.empty()) return problem;
    const PluginFacts& facts = describe();
    if (!facts.hasCreate || !facts.configSchemaJson) return "the plugin cannot be created";
    if (std::string problem = validateAgainst(*facts.configSchemaJson, configJson);
        !problem.empty()) {
      return "the config does not match the plugin's config schema: " + problem;
    }
    auto call = newCall(true, settings_.callTimeout);
    struct Created {
      dsrflow_instance* instance = nullptr;
      bool threw = false;
    };
    auto created = std::make_shared<Created>();
    const dsrflow_plugin_descriptor* d = descriptor_;
    auto body = [d, call, created, config = std::string(configJson)] {
      try {
        created->instance = d->create(detail::KitServices::table(), call->handle(),
                                      dsrflow_str{config.data(), config.size()});
      } catch (...) {
        created->threw = true;
      }
    };
    const detail::RunEnd end =
        detail::runBounded(body, settings_.callTimeout, settings_.stopBound, call->stop);
    if (end == detail::RunEnd::abandoned) {
      poisoned_ = true;
      return "create did not return within " + ms(settings_.callTimeout + settings_.stopBound);
    }
    if (created->threw) return "an exception escaped create (ABI violation)";
    if (created->instance == nullptr) {
      std::lock_guard<std::mutex> lock(call->mutex);
      return "create returned no instance: " +
             (call->error.empty() ? std::string("no reason given (call set_error)") : call->error);
    }
    instance_ = created->instance;
    if (end == detail::RunEnd::returnedAfterStop) {
      return "create returned only after its timeout of " + ms(settings_.callTimeout);
    }
    return {};
  }

  CallReport invoke(std::string_view requestJson, std::chrono::milliseconds timeout) override {
    CallReport report;
    if (poisoned_ || instance_ == nullptr) {
      report.detail = poisoned_ ? "an earlier call did not return" : "no instance";
      return report;
    }
    const auto started = std::chrono::steady_clock::now();
    auto call = newCall(false, timeout);
    struct Returned {
      dsrflow_status status = DSRFLOW_ERROR;
      bool threw = false;
    };
    auto returned = std::make_shared<Returned>();
    const dsrflow_plugin_descriptor* d = descriptor_;
    dsrflow_instance* instance = instance_;
    auto body = [d, instance, call, returned, request = std::string(requestJson)] {
      try {
        returned->status =
            d->invoke(instance, call->handle(), dsrflow_str{request.data(), request.size()});
      } catch (...) {
        returned->threw = true;
      }
    };
    const detail::RunEnd end = detail::runBounded(body, timeout, settings_.stopBound, call->stop);
    report.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    std::lock_guard<std::mutex> lock(call->mutex);
    report.records = call->records;
    report.recordsRefused = call->refused;
    report.firstRefusal = call->firstRefusal;
    if (end == detail::RunEnd::abandoned) {
      poisoned_ = true;
      report.end = CallEnd::hung;
      report.detail = "did not return within " + ms(timeout) + " and " + ms(settings_.stopBound) +
                      " more after it was told to stop";
    } else if (returned->threw) {
      report.end = CallEnd::abiViolation;
      report.detail = "an exception escaped invoke";
    } else if (end == detail::RunEnd::returnedAfterStop) {
      report.end = CallEnd::stopped;
      report.detail = "timed out after " + ms(timeout);
    } else {
      classify(returned->status, *call, report);
    }
    return report;
  }

  std::string destroy() override {
    if (instance_ == nullptr || poisoned_) return {};
    dsrflow_instance* instance = std::exchange(instance_, nullptr);
    const dsrflow_plugin_descriptor* d = descriptor_;
    std::atomic<bool> stop{false};
    const detail::RunEnd end = detail::runBounded([d, instance] { d->destroy(instance); },
                                                  settings_.callTimeout, settings_.stopBound, stop);
    if (end == detail::RunEnd::abandoned) {
      poisoned_ = true;
      return "destroy did not return within " + ms(settings_.callTimeout + settings_.stopBound);
    }
    return {};
  }

 private:
  static std::string ms(std::chrono::milliseconds d) { return std::to_string(d.count()) + " ms"; }

  std::shared_ptr<detail::KitCall> newCall(bool create, std::chrono::milliseconds timeout) {
    auto call = std::make_shared<detail::KitCall>();
    call->create = create;
    call->secrets = &settings_.secrets;
    call->deadlineUnixMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                               (std::chrono::system_clock::now() + timeout).time_since_epoch())
                               .count();
    return call;
  }

  // What the plugin returned, judged like dsrflow's host does.
  static void classify(dsrflow_status status, const detail::KitCall& call, CallReport& report) {
    switch (static_cast<int>(status)) {
      case DSRFLOW_OK:
        if (!call.outcomeSet) {
          report.end = CallEnd::invalidOutcome;
          report.detail = "returned DSRFLOW_OK without setting an outcome";
        } else if (!call.outcomeProblem.empty()) {
          report.end = CallEnd::invalidOutcome;
          report.detail = "the outcome does not match the schema: " + call.outcomeProblem;
        } else {
          report.end = CallEnd::outcome;
          report.outcomeJson = call.outcome;
        }
        return;
      case DSRFLOW_ERROR:
        report.end = CallEnd::error;
        report.error = call.error;
        report.retryable = call.retryable;
        return;
      case DSRFLOW_CANCELLED:
        report.end = CallEnd::abiViolation;
        report.detail = "returned DSRFLOW_CANCELLED though it was not asked to stop";
        return;
      default:
        report.end = CallEnd::abiViolation;
        report.detail = "returned the unknown status " + std::to_string(static_cast<int>(status));
        return;
    }
  }

  std::string path_;
  Settings settings_;
  bool described_ = false;
  PluginFacts facts_;
  const dsrflow_plugin_descriptor* descriptor_ = nullptr;
  dsrflow_instance* instance_ = nullptr;
  bool poisoned_ = false;  // a call was left running: nothing more may run
};

}  // namespace dsrflow::conformance
