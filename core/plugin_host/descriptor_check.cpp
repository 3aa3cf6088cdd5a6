#include "plugin_host/descriptor_check.hpp"

#include <cstring>

#include "plugin_host/plugin_schema.hpp"

namespace dsrflow::plugin_host {
namespace {

constexpr std::size_t kMaxNameLength = 255;
constexpr std::size_t kMaxVersionLength = 64;
constexpr std::size_t kMaxDocumentLength = 1U << 20U;

constexpr std::uint32_t kKnownActions = DSRFLOW_ACTION_ACCESS | DSRFLOW_ACTION_ERASE |
                                        DSRFLOW_ACTION_RECTIFY | DSRFLOW_ACTION_RESTRICT |
                                        DSRFLOW_ACTION_SUPPRESS | DSRFLOW_ACTION_EXPLAIN |
                                        DSRFLOW_ACTION_STATUS | DSRFLOW_ACTION_TEST_CONNECTION;

Error refuse(const std::filesystem::path& path, const std::string& problem) {
  return invalidArgument("plugin '" + path.string() + "' refused: " + problem);
}

// A NUL-terminated string of at most `limit` bytes; nullopt when longer (or unterminated).
std::optional<std::string> boundedString(const char* text, std::size_t limit) {
  const std::size_t length = ::strnlen(text, limit + 1);
  if (length > limit) return std::nullopt;
  return std::string(text, length);
}

bool isLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

bool isVersionText(std::string_view version) {
  if (version.empty()) return false;
  for (char c : version) {
    if (c <= ' ' || c > '~') return false;
  }
  return true;
}

}  // namespace

bool isReverseDnsName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  if (name.front() < 'a' || name.front() > 'z') return false;
  std::size_t labels = 1;
  std::size_t labelLength = 0;
  for (char c : name) {
    if (c == '.') {
      if (labelLength == 0) return false;
      ++labels;
      labelLength = 0;
    } else if (isLabelChar(c)) {
      ++labelLength;
    } else {
      return false;
    }
  }
  return labelLength > 0 && labels >= 2;
}

Result<CheckedDescriptor> checkDescriptor(const dsrflow_plugin_descriptor* d,
                                          const std::filesystem::path& path,
                                          const std::string& sha256) {
  if (d == nullptr) return refuse(path, "its entry function returned no descriptor");
  // struct_size first: no other field may be read before it says the field exists.
  if (d->struct_size < kDescriptorSizeV1_0) {
    return refuse(path, "descriptor struct_size " + std::to_string(d->struct_size) +
                            " is smaller than ABI 1.0's " + std::to_string(kDescriptorSizeV1_0));
  }
  const std::string built = std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor);
  const std::string host =
      std::to_string(DSRFLOW_ABI_MAJOR) + "." + std::to_string(DSRFLOW_ABI_MINOR);
  if (d->abi_major != DSRFLOW_ABI_MAJOR) {
    return refuse(path, "built for plugin ABI " + built + ", this host implements ABI " + host +
                            " (the major version must match)");
  }
  if (d->abi_minor > DSRFLOW_ABI_MINOR) {
    return refuse(path, "built for plugin ABI " + built + ", newer than this host's ABI " + host +
                            "; upgrade dsrflow or rebuild the plugin");
  }
  if (d->name == nullptr) return refuse(path, "descriptor has no name");
  auto name = boundedString(d->name, kMaxNameLength);
  if (!name || !isReverseDnsName(*name)) {
    return refuse(path, "descriptor name is not a reverse-DNS name like com.example.crm");
  }
  if (d->version == nullptr) return refuse(path, "plugin " + *name + " has no version");
  auto version = boundedString(d->version, kMaxVersionLength);
  if (!version || !isVersionText(*version)) {
    return refuse(path, "plugin " + *name + " version is empty, too long or not printable ASCII");
  }
  const std::string who = "plugin " + *name + " " + *version;
  if (d->create == nullptr || d->destroy == nullptr || d->invoke == nullptr) {
    return refuse(path, who + ": descriptor lacks create, destroy or invoke");
  }
  if (d->actions == 0) return refuse(path, who + " declares no actions");
  if ((d->actions & ~kKnownActions) != 0) {
    return refuse(
        path, who + " declares unknown action bits " + std::to_string(d->actions & ~kKnownActions));
  }
  if (d->config_schema_json == nullptr) return refuse(path, who + " has no config schema");
  auto configSchemaJson = boundedString(d->config_schema_json, kMaxDocumentLength);
  if (!configSchemaJson) return refuse(path, who + ": config schema longer than 1 MiB");
  auto configSchema = JsonSchema::compile(*configSchemaJson);
  if (!configSchema) {
    return refuse(path, who + ": config schema: " + configSchema.error().message);
  }
  if (d->manifest_json == nullptr) return refuse(path, who + " has no manifest");
  auto manifestJson = boundedString(d->manifest_json, kMaxDocumentLength);
  if (!manifestJson) return refuse(path, who + ": manifest longer than 1 MiB");
  if (auto manifest = PluginSchema::instance().manifest().parseAndValidate(*manifestJson);
      !manifest) {
    return refuse(path, who + ": manifest invalid: " + manifest.error().message);
  }

  PluginInfo info;
  info.name = *name;
  info.version = *version;
  info.abiMajor = d->abi_major;
  info.abiMinor = d->abi_minor;
  info.actionBits = d->actions;
  info.configSchemaJson = *configSchemaJson;
  info.manifestJson = *manifestJson;
  // on_callback is part of ABI 1.0, so the struct_size check above covers it.
  info.handlesCallbacks = d->on_callback != nullptr;
  info.path = path;
  info.sha256 = sha256;
  return CheckedDescriptor{std::move(info), *configSchema};
}

}  // namespace dsrflow::plugin_host
