#include <iomanip>

#include <date/date.h>

#include "app/command.hpp"
#include "app/command_support.hpp"
#include "crypto/key_ring.hpp"
#include "crypto/key_ring_admin.hpp"

namespace dsrflow::app {
namespace {

int reportKeyError(CommandContext& ctx, const char* command, const Error& error) {
  ctx.err << "dsrflow " << command << ": " << error.message << '\n';
  return error.code == ErrorCode::kInvalidArgument ? kExitUsage : kExitFailure;
}

int keysInit(CommandContext& ctx, const Arguments&) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  SystemClock clock;
  auto ids = crypto::initKeyRing(config->keys.dir, clock);
  if (!ids) return reportKeyError(ctx, "keys init", ids.error());
  ctx.out << "created key ring in " << config->keys.dir.string() << ":";
  for (const auto& id : *ids) ctx.out << ' ' << id;
  ctx.out << "\nback up this directory: without it, encrypted data cannot be read\n";
  return kExitOk;
}

int keysRotate(CommandContext& ctx, const Arguments& args) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  std::vector<crypto::KeyKind> kinds;
  for (const auto& name : args.positional()) {
    auto kind = crypto::parseKeyKind(name);
    if (!kind) {
      ctx.err << "dsrflow keys rotate: unknown key kind '" << name
              << "' (expected encryption, lookup_hash or signing)\n";
      return kExitUsage;
    }
    kinds.push_back(*kind);
  }
  SystemClock clock;
  auto ids = kinds.empty() ? crypto::rotateKeyRing(config->keys.dir, clock)
                           : crypto::rotateKeyRing(config->keys.dir, clock, kinds);
  if (!ids) return reportKeyError(ctx, "keys rotate", ids.error());
  ctx.out << "new active keys:";
  for (const auto& id : *ids) ctx.out << ' ' << id;
  ctx.out << "\nretired keys stay in the ring so existing data stays readable; restart running\n"
             "dsrflow processes to start using the new keys\n";
  return kExitOk;
}

int keysList(CommandContext& ctx, const Arguments&) {
  auto config = loadConfigOrReport(ctx);
  if (!config) return kExitUsage;
  auto ring = crypto::KeyRing::load(config->keys.dir);
  if (!ring) return reportKeyError(ctx, "keys list", ring.error());
  ctx.out << std::left << std::setw(10) << "ID" << std::setw(14) << "KIND" << std::setw(10)
          << "STATUS"
          << "CREATED\n";
  for (const auto& key : ring->keys()) {
    ctx.out << std::setw(10) << key.id << std::setw(14) << toString(key.kind) << std::setw(10)
            << toString(key.status) << date::format("%FT%TZ", key.createdAt) << '\n';
  }
  return kExitOk;
}

}  // namespace

Command keysInitCommand() {
  return {"keys init",
          "create the key ring",
          "usage: dsrflow [--config FILE] keys init\n\n"
          "Creates the key ring in keys.dir (mode 0700, keyring.json mode 0600) with one key of\n"
          "each kind: encryption (AES-256-GCM), lookup_hash (HMAC-SHA256), signing (Ed25519).\n"
          "Refuses to overwrite an existing ring.\n",
          {},
          keysInit};
}

Command keysRotateCommand() {
  return {"keys rotate",
          "add new active keys, keep old ones readable",
          "usage: dsrflow [--config FILE] keys rotate [KIND...]\n\n"
          "Adds a new active key of each KIND (encryption, lookup_hash, signing; all when none\n"
          "is given). Older keys are retired: they still decrypt, verify and match lookups.\n",
          {.maxPositional = 3},
          keysRotate};
}

Command keysListCommand() {
  return {"keys list",
          "list key ids, kinds, status and dates (never key material)",
          "usage: dsrflow [--config FILE] keys list\n\nLists the keys of the ring without their "
          "material.\n",
          {},
          keysList};
}

}  // namespace dsrflow::app
