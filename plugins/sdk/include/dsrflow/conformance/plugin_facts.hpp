#pragma once
// What a plugin's descriptor says, read by the ABI's rules (struct_size first, nothing beyond
// it), and the descriptor rules every host applies before running any of the plugin's code.

#include "dsrflow/plugin.h"

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dsrflow::conformance {

//! The size of an ABI 1.0 descriptor: every 1.x plugin's struct_size is at least this.
inline constexpr std::size_t kDescriptorSizeV1_0 =
    offsetof(dsrflow_plugin_descriptor, on_callback) +
    sizeof(dsrflow_plugin_descriptor::on_callback);
inline constexpr std::size_t kMaxNameLength = 255;
inline constexpr std::size_t kMaxVersionLength = 64;
inline constexpr std::size_t kMaxDocumentLength = std::size_t{1} << 20U;

//! Every action bit of ABI 1.0, with its name.
inline constexpr std::pair<std::uint32_t, const char*> kActions[] = {
    {DSRFLOW_ACTION_ACCESS, "access"},     {DSRFLOW_ACTION_ERASE, "erase"},
    {DSRFLOW_ACTION_RECTIFY, "rectify"},   {DSRFLOW_ACTION_RESTRICT, "restrict"},
    {DSRFLOW_ACTION_SUPPRESS, "suppress"}, {DSRFLOW_ACTION_EXPLAIN, "explain"},
    {DSRFLOW_ACTION_STATUS, "status"},     {DSRFLOW_ACTION_TEST_CONNECTION, "test_connection"},
};

//! The known action bits.
inline constexpr std::uint32_t kKnownActions = 0xFFU;

//! "access, erase" for a bit set; unknown bits are left out.
inline std::string actionNames(std::uint32_t bits) {
  std::string out;
  for (const auto& [bit, name] : kActions) {
    if ((bits & bit) == 0) continue;
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

//! What describing a plugin found. With a loadError nothing else is set.
struct PluginFacts {
  std::string loadError;       //!< the file was refused or could not be loaded
  bool entryFound = false;     //!< it exports dsrflow_plugin_entry
  bool hasDescriptor = false;  //!< the entry function returned a descriptor
  std::uint32_t structSize = 0;
  std::uint16_t abiMajor = 0;
  std::uint16_t abiMinor = 0;
  std::optional<std::string> name;  //!< nullopt: NULL or beyond struct_size
  std::optional<std::string> version;
  std::uint32_t actions = 0;
  std::optional<std::string> configSchemaJson;
  std::optional<std::string> manifestJson;
  bool hasCreate = false;
  bool hasDestroy = false;
  bool hasInvoke = false;
  bool hasOnCallback = false;

  [[nodiscard]] bool supports(std::uint32_t actionBit) const { return (actions & actionBit) != 0; }
};

namespace detail {

// At most `limit` + 1 bytes of a NUL-terminated string, so that an overlong one shows.
inline std::optional<std::string> boundedString(const char* text, std::size_t limit) {
  if (text == nullptr) return std::nullopt;
  std::size_t length = 0;
  while (length <= limit && text[length] != '\0') ++length;
  return std::string(text, length);
}

inline bool isLabelChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

}  // namespace detail

//! True for reverse-DNS names: at least two dot-separated labels of a-z 0-9 '_' '-', the first
//! starting with a letter, at most 255 characters (the host's rule).
inline bool isReverseDnsName(std::string_view name) {
  if (name.empty() || name.size() > kMaxNameLength) return false;
  if (name.front() < 'a' || name.front() > 'z') return false;
  std::size_t labels = 1;
  std::size_t labelLength = 0;
  for (char c : name) {
    if (c == '.') {
      if (labelLength == 0) return false;
      ++labels;
      labelLength = 0;
    } else if (detail::isLabelChar(c)) {
      ++labelLength;
    } else {
      return false;
    }
  }
  return labelLength > 0 && labels >= 2;
}

//! Reads a descriptor, touching only the fields its struct_size covers.
inline PluginFacts readDescriptor(const dsrflow_plugin_descriptor* d) {
  PluginFacts facts;
  facts.entryFound = true;
  if (d == nullptr) return facts;
  facts.hasDescriptor = true;
  facts.structSize = d->struct_size;
  if (DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, abi_major)) facts.abiMajor = d->abi_major;
  if (DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, abi_minor)) facts.abiMinor = d->abi_minor;
  if (DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, name)) {
    facts.name = detail::boundedString(d->name, kMaxNameLength);
  }
  if (DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, version)) {
    facts.version = detail::boundedString(d->version, kMaxVersionLength);
  }
  if (DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, actions)) facts.actions = d->actions;
  if (DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, config_schema_json)) {
    facts.configSchemaJson = detail::boundedString(d->config_schema_json, kMaxDocumentLength);
  }
  if (DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, manifest_json)) {
    facts.manifestJson = detail::boundedString(d->manifest_json, kMaxDocumentLength);
  }
  facts.hasCreate = DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, create) && d->create != nullptr;
  facts.hasDestroy =
      DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, destroy) && d->destroy != nullptr;
  facts.hasInvoke = DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, invoke) && d->invoke != nullptr;
  facts.hasOnCallback =
      DSRFLOW_HAS_FIELD(d, dsrflow_plugin_descriptor, on_callback) && d->on_callback != nullptr;
  return facts;
}

//! What a host refuses in the descriptor (not the manifest or config schema: their own
//! checks); empty when it is acceptable.
inline std::vector<std::string> descriptorProblems(const PluginFacts& f) {
  std::vector<std::string> problems;
  if (!f.loadError.empty()) return {f.loadError};
  if (!f.entryFound) return {"it exports no " DSRFLOW_PLUGIN_ENTRY_SYMBOL " function"};
  if (!f.hasDescriptor) return {"its entry function returned no descriptor"};
  if (f.structSize < kDescriptorSizeV1_0) {
    problems.push_back("struct_size " + std::to_string(f.structSize) +
                       " is smaller than ABI 1.0's " + std::to_string(kDescriptorSizeV1_0));
  }
  const std::string built = std::to_string(f.abiMajor) + "." + std::to_string(f.abiMinor);
  const std::string host =
      std::to_string(DSRFLOW_ABI_MAJOR) + "." + std::to_string(DSRFLOW_ABI_MINOR);
  if (f.abiMajor != DSRFLOW_ABI_MAJOR) {
    problems.push_back("built for ABI " + built + ", the host implements " + host +
                       " (the major version must match)");
  } else if (f.abiMinor > DSRFLOW_ABI_MINOR) {
    problems.push_back("built for ABI " + built + ", newer than the host's " + host);
  }
  if (!f.name) {
    problems.push_back("it has no name");
  } else if (!isReverseDnsName(*f.name)) {
    problems.push_back("its name is not a reverse-DNS name like com.example.crm");
  }
  bool printable = f.version && !f.version->empty() && f.version->size() <= kMaxVersionLength;
  for (char c : f.version.value_or("")) printable = printable && c > ' ' && c <= '~';
  if (!printable) problems.emplace_back("its version is missing, empty, too long or not ASCII");
  if (!f.hasCreate || !f.hasDestroy || !f.hasInvoke) {
    problems.emplace_back("it lacks create, destroy or invoke");
  }
  if (f.actions == 0) problems.emplace_back("it declares no actions");
  if ((f.actions & ~kKnownActions) != 0) {
    problems.push_back("it declares unknown action bits " +
                       std::to_string(f.actions & ~kKnownActions));
  }
  return problems;
}

}  // namespace dsrflow::conformance
