#include "engine/request_intake.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/UUIDGenerator.h>
#include <date/date.h>

#include <sstream>

#include "audit/audit_log.hpp"
#include "log/logger.hpp"

namespace dsrflow {

std::string newId() { return Poco::UUIDGenerator::defaultGenerator().createRandom().toString(); }

Result<std::unique_ptr<RequestIntake>> RequestIntake::create(
    std::shared_ptr<const config::Config> config, std::shared_ptr<Store> store,
    std::shared_ptr<const IdentityVault> vault, std::shared_ptr<const Clock> clock) {
  auto calendars = DeadlineCalendars::fromConfig(*config);
  if (!calendars) return calendars.error();
  std::unique_ptr<RequestIntake> intake(new RequestIntake);
  intake->deadlines_ = std::move(calendars).value();
  intake->config_ = std::move(config);
  intake->store_ = std::move(store);
  intake->vault_ = std::move(vault);
  intake->clock_ = std::move(clock);
  return intake;
}

Result<Request> RequestIntake::submit(const NewRequest& submitted, const Actor& actor) {
  const config::ControllerConfig* controller = nullptr;
  if (submitted.controllerId.empty()) {
    if (config_->controllers.size() != 1) {
      return invalidArgument("controller: required when more than one controller is configured");
    }
    controller = &config_->controllers.front();
  } else {
    controller = config_->controller(submitted.controllerId);
    if (controller == nullptr) {
      return invalidArgument("controller: no controller '" + submitted.controllerId + "'");
    }
  }
  if (submitted.identities.empty()) return invalidArgument("identities: at least one is required");

  IdentityOptions options;
  options.defaultPhoneRegion = controller->phoneRegion;
  std::vector<Identity> identities;
  for (std::size_t i = 0; i < submitted.identities.size(); ++i) {
    const auto& s = submitted.identities[i];
    auto normalized = normalizeIdentity(s.type, s.subtype, s.format, s.value, options);
    if (!normalized) {
      return invalidArgument("identities[" + std::to_string(i) +
                             "]: " + normalized.error().message);
    }
    if (std::find(identities.begin(), identities.end(), *normalized) == identities.end()) {
      identities.push_back(std::move(normalized).value());
    }
  }

  const TimePoint now = clock_->now();
  const TimePoint receivedAt = submitted.receivedAt.value_or(now);
  if (receivedAt > now) return invalidArgument("received_at: lies in the future");

  Request request;
  request.id = newId();
  request.type = submitted.type;
  request.regulation = regulationOf(submitted.type);
  request.status = RequestStatus::kReceived;
  request.channel = submitted.channel;
  request.language = submitted.language.value_or(controller->defaultLanguage);
  request.controllerId = controller->id;
  request.externalReference = submitted.externalReference;
  request.receivedAt = receivedAt;
  auto calculator = deadlines_.forController(controller->id);
  if (!calculator) return calculator.error();
  request.dueAt = (*calculator)->initialDeadlines(request.type, receivedAt).dueAt;
  request.createdAt = now;
  request.updatedAt = now;

  std::vector<StoredIdentity> sealed;
  std::vector<LookupHash> hashes;
  Poco::JSON::Array types;
  for (const auto& identity : identities) {
    auto h = vault_->lookupHashes(identity);
    if (!h) return h.error();
    hashes.insert(hashes.end(), h->begin(), h->end());
    auto s = vault_->seal(newId(), request.id, identity);
    if (!s) return s.error();
    sealed.push_back(std::move(s).value());
    types.add(identity.qualifiedType());
  }

  Poco::JSON::Object details;
  details.set("type", std::string(toString(request.type)));
  details.set("channel", std::string(toString(request.channel)));
  details.set("controller", request.controllerId);
  details.set("identity_types", types);
  details.set("received_at", date::format("%FT%TZ", request.receivedAt));
  details.set("due_at", date::format("%FT%TZ", request.dueAt));

  Status stored = store_->transact([&](StoreTx& tx) -> Status {
    // The same person asking the same thing again while the first request is open: link it,
    // so staff answer both consistently (and the person may have reasons to ask twice).
    auto earlier = tx.identities().findOpenRequestIdsByLookupHash(hashes, request.type);
    if (!earlier) return earlier.error();
    std::optional<Request> original;
    for (const auto& id : *earlier) {
      auto other = tx.requests().get(id);
      if (!other) return other.error();
      if (other->type != request.type || isTerminal(other->status)) continue;
      if (!original || other->receivedAt < original->receivedAt) original = *other;
    }
    if (original) {
      request.duplicateOf = original->id;
      details.set("duplicate_of", original->id);
    }
    std::ostringstream detailsJson;
    details.stringify(detailsJson);
    if (auto s = tx.requests().insert(request); !s) return s;
    for (const auto& identity : sealed) {
      if (auto s = tx.identities().add(identity); !s) return s;
    }
    auto audit = appendAudit(
        tx, {now, actor.type, actor.id, request.id, "request.received", detailsJson.str()});
    if (!audit) return audit.error();
    return Ok{};
  });
  if (!stored) return stored.error();
  {
    ScopedRequestId scope(request.id);
    logInfo("request received", {{"type", toString(request.type)},
                                 {"channel", toString(request.channel)},
                                 {"identities", std::to_string(sealed.size())}});
  }
  return request;
}

}  // namespace dsrflow
