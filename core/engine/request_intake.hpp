#pragma once
// Request intake: turns what a person, staff member or API client submitted into a stored
// request. Identities are normalised with the controller's settings and sealed by the vault;
// deadlines are computed in the controller's time zone and calendar; the request, its
// identities and the audit event are written in one transaction, so a request is either fully
// received or not at all.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "engine/actor.hpp"
#include "engine/deadline_calendars.hpp"
#include "model/request.hpp"
#include "store/store.hpp"
#include "vault/identity_vault.hpp"

namespace dsrflow {

//! An identity as submitted, before normalisation.
struct SubmittedIdentity {
  IdentityType type = IdentityType::kEmail;
  std::string subtype;
  IdentityFormat format = IdentityFormat::kRaw;
  std::string value;  //!< personal data
};

struct NewRequest {
  RequestType type = RequestType::kAccess;
  std::string controllerId;  //!< empty: the only controller, when there is exactly one
  Channel channel = Channel::kApi;
  std::optional<Language> language;  //!< default: the controller's
  std::vector<SubmittedIdentity> identities;
  std::string externalReference;
  //! When the request reached the controller (a letter may be entered days later: the
  //! deadline runs from receipt, EDPB 01/2022); default now. Must not lie in the future.
  std::optional<TimePoint> receivedAt;
};

//! Thread-safe after construction.
class RequestIntake {
 public:
  //! Builds a deadline calculator per controller; errors name the controller.
  static Result<std::unique_ptr<RequestIntake>> create(std::shared_ptr<const config::Config> config,
                                                       std::shared_ptr<Store> store,
                                                       std::shared_ptr<const IdentityVault> vault,
                                                       std::shared_ptr<const Clock> clock);

  //! Validates and stores a new request in status `received`; kInvalidArgument names what was
  //! wrong (never an identity value).
  Result<Request> submit(const NewRequest& submitted, const Actor& actor);

 private:
  RequestIntake() = default;

  std::shared_ptr<const config::Config> config_;
  std::shared_ptr<Store> store_;
  std::shared_ptr<const IdentityVault> vault_;
  std::shared_ptr<const Clock> clock_;
  DeadlineCalendars deadlines_;
};

//! A new random lower-case UUID v4.
std::string newId();

}  // namespace dsrflow
