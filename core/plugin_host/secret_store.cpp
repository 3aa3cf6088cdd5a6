#include "plugin_host/secret_store.hpp"

#include <cstdlib>

namespace dsrflow::plugin_host {
namespace {

void appendUpper(std::string& out, std::string_view part) {
  for (char c : part) {
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += c;
    } else {
      out += '_';
    }
  }
}

}  // namespace

bool isValidSecretName(std::string_view name) {
  if (name.empty() || name.size() > 128) return false;
  for (char c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-' || c == '.';
    if (!ok) return false;
  }
  return true;
}

std::string secretEnvironmentVariable(std::string_view systemId, std::string_view name) {
  std::string out = "DSRFLOW_SECRET_";
  appendUpper(out, systemId);
  out += '_';
  appendUpper(out, name);
  return out;
}

std::optional<std::string> EnvironmentSecretStore::secret(std::string_view systemId,
                                                          std::string_view name) const {
  // getenv is safe against concurrent getenv; nothing in dsrflow calls setenv after start-up
  // (tests set variables before the calls they make).
  const char* value = std::getenv(secretEnvironmentVariable(systemId, name).c_str());
  if (value == nullptr) return std::nullopt;
  return std::string(value);
}

MapSecretStore::MapSecretStore(std::map<Key, std::string> secrets,
                               std::shared_ptr<const SecretStore> fallback)
    : secrets_(std::move(secrets)), fallback_(std::move(fallback)) {}

std::optional<std::string> MapSecretStore::secret(std::string_view systemId,
                                                  std::string_view name) const {
  auto it = secrets_.find(Key(std::string(systemId), std::string(name)));
  if (it != secrets_.end()) return it->second;
  if (fallback_) return fallback_->secret(systemId, name);
  return std::nullopt;
}

}  // namespace dsrflow::plugin_host
