#pragma once
// The command-line options that name a person: --email, --phone, --customer-id and
// --identity TYPE[:SUBTYPE][/FORMAT]=VALUE, each repeatable.

#include <set>
#include <string>
#include <vector>

#include "app/arguments.hpp"
#include "config/config.hpp"
#include "engine/request_intake.hpp"

namespace dsrflow::app {

//! The option names, for a command's ArgumentSpec.
const std::set<std::string>& identityOptionNames();

//! `names` plus the identity options.
std::set<std::string> withIdentityOptions(std::set<std::string> names);

//! Usage lines describing the options.
extern const char* const kIdentityOptionsHelp;

//! The identities as given, in option order; errors name the option, never the value.
Result<std::vector<SubmittedIdentity>> submittedIdentities(const Arguments& args);

//! Normalised with the phone region of the controller named by --controller (or the only one).
Result<std::vector<Identity>> normalizedIdentities(const Arguments& args,
                                                   const config::Config& config);

}  // namespace dsrflow::app
