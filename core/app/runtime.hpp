#pragma once
// The parts most commands need, opened from the configuration in one place: the store, the key
// ring and the vault over it, and the clock.

#include <memory>

#include "app/command.hpp"
#include "config/config.hpp"
#include "crypto/key_ring.hpp"
#include "store/store.hpp"
#include "vault/identity_vault.hpp"

namespace dsrflow::app {

struct Runtime {
  std::shared_ptr<const config::Config> config;
  std::shared_ptr<const Clock> clock;
  std::shared_ptr<Store> store;
  std::shared_ptr<const crypto::KeyRing> keys;
  std::shared_ptr<const IdentityVault> vault;
};

//! Opens the store (migrating when the configuration says so, then checking the schema) and
//! loads the key ring. On failure prints "dsrflow COMMAND: reason" to ctx.err and returns
//! nullptr; the caller exits with kExitFailure.
std::unique_ptr<Runtime> openRuntime(CommandContext& ctx, const char* command,
                                     std::shared_ptr<const config::Config> config);

}  // namespace dsrflow::app
