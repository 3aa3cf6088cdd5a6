#pragma once
// Where the read_secret host service finds a system's secrets. Secrets never travel in the
// plugin's config JSON (which is logged, validated and shown in error messages); they come from
// the environment of the dsrflow process, or from a map the caller provides (tests).
//
// Environment: DSRFLOW_SECRET_<SYSTEM>_<NAME>, where <SYSTEM> is the system id and <NAME> the
// secret name as the plugin asks for it, both upper-cased with every character other than
// A-Z and 0-9 replaced by '_'. Example: system "crm-eu", secret "api_token" ->
// DSRFLOW_SECRET_CRM_EU_API_TOKEN. (systemd: Environment= or EnvironmentFile= with mode 0600.)

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace dsrflow::plugin_host {

//! Looks up secrets by system and name. Implementations are thread-safe.
class SecretStore {
 public:
  virtual ~SecretStore() = default;
  //! The secret's value, or nullopt when there is none. Never log the value.
  [[nodiscard]] virtual std::optional<std::string> secret(std::string_view systemId,
                                                          std::string_view name) const = 0;
};

//! True for names a plugin may ask for: 1 to 128 of A-Z a-z 0-9 '_' '-' '.'.
bool isValidSecretName(std::string_view name);

//! The environment variable that holds a system's secret (see above).
std::string secretEnvironmentVariable(std::string_view systemId, std::string_view name);

//! Reads DSRFLOW_SECRET_<SYSTEM>_<NAME> from the process environment at each lookup.
class EnvironmentSecretStore final : public SecretStore {
 public:
  [[nodiscard]] std::optional<std::string> secret(std::string_view systemId,
                                                  std::string_view name) const override;
};

//! A fixed map (system id, name) -> value, consulted before an optional fallback store.
class MapSecretStore final : public SecretStore {
 public:
  using Key = std::pair<std::string, std::string>;  //!< (system id, secret name)

  explicit MapSecretStore(std::map<Key, std::string> secrets,
                          std::shared_ptr<const SecretStore> fallback = nullptr);
  [[nodiscard]] std::optional<std::string> secret(std::string_view systemId,
                                                  std::string_view name) const override;

 private:
  std::map<Key, std::string> secrets_;
  std::shared_ptr<const SecretStore> fallback_;
};

}  // namespace dsrflow::plugin_host
