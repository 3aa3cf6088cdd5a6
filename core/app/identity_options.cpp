#include "app/identity_options.hpp"

namespace dsrflow::app {
namespace {

Result<SubmittedIdentity> parseIdentityOption(const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    return invalidArgument("--identity expects TYPE[:SUBTYPE][/FORMAT]=VALUE");
  }
  std::string spec = text.substr(0, eq);
  SubmittedIdentity identity;
  identity.value = text.substr(eq + 1);
  if (auto slash = spec.find('/'); slash != std::string::npos) {
    auto format = parseIdentityFormat(spec.substr(slash + 1));
    if (!format) {
      return invalidArgument("--identity: unknown format '" + spec.substr(slash + 1) + "'");
    }
    identity.format = *format;
    spec = spec.substr(0, slash);
  }
  if (auto colon = spec.find(':'); colon != std::string::npos) {
    identity.subtype = spec.substr(colon + 1);
    spec = spec.substr(0, colon);
  }
  auto type = parseIdentityType(spec);
  if (!type) return invalidArgument("--identity: unknown identity type '" + spec + "'");
  identity.type = *type;
  return identity;
}

}  // namespace

const std::set<std::string>& identityOptionNames() {
  static const std::set<std::string> names{"--email", "--phone", "--customer-id", "--identity"};
  return names;
}

std::set<std::string> withIdentityOptions(std::set<std::string> names) {
  names.insert(identityOptionNames().begin(), identityOptionNames().end());
  return names;
}

const char* const kIdentityOptionsHelp =
    "  --email ADDRESS  --phone NUMBER  --customer-id ID   (each may repeat)\n"
    "  --identity TYPE[:SUBTYPE][/FORMAT]=VALUE   e.g. custom:loyalty_id=CH-1,\n"
    "                                            email/sha256=<hex>\n";

Result<std::vector<SubmittedIdentity>> submittedIdentities(const Arguments& args) {
  std::vector<SubmittedIdentity> out;
  for (const auto& v : args.values("--email")) {
    out.push_back({IdentityType::kEmail, "", IdentityFormat::kRaw, v});
  }
  for (const auto& v : args.values("--phone")) {
    out.push_back({IdentityType::kPhone, "", IdentityFormat::kRaw, v});
  }
  for (const auto& v : args.values("--customer-id")) {
    out.push_back({IdentityType::kCustomerId, "", IdentityFormat::kRaw, v});
  }
  for (const auto& v : args.values("--identity")) {
    auto identity = parseIdentityOption(v);
    if (!identity) return identity.error();
    out.push_back(std::move(identity).value());
  }
  return out;
}

Result<std::vector<Identity>> normalizedIdentities(const Arguments& args,
                                                   const config::Config& config) {
  auto submitted = submittedIdentities(args);
  if (!submitted) return submitted.error();
  if (submitted->empty()) return invalidArgument("name the person with --email, --phone, ...");
  const std::string controllerId = args.value("--controller").value_or("");
  const config::ControllerConfig* controller =
      controllerId.empty()
          ? (config.controllers.size() == 1 ? &config.controllers.front() : nullptr)
          : config.controller(controllerId);
  if (controller == nullptr) {
    return invalidArgument(controllerId.empty()
                               ? "--controller: required with several controllers"
                               : "--controller: no controller '" + controllerId + "'");
  }
  IdentityOptions options;
  options.defaultPhoneRegion = controller->phoneRegion;
  std::vector<Identity> out;
  for (std::size_t i = 0; i < submitted->size(); ++i) {
    const auto& s = (*submitted)[i];
    auto n = normalizeIdentity(s.type, s.subtype, s.format, s.value, options);
    if (!n) return invalidArgument("identities[" + std::to_string(i) + "]: " + n.error().message);
    out.push_back(std::move(n).value());
  }
  return out;
}

}  // namespace dsrflow::app
