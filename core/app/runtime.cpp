#include "app/runtime.hpp"

#include "app/command_support.hpp"

namespace dsrflow::app {

std::unique_ptr<Runtime> openRuntime(CommandContext& ctx, const char* command,
                                     std::shared_ptr<const config::Config> config) {
  auto fail = [&](const std::string& message) {
    ctx.err << "dsrflow " << command << ": " << message << '\n';
    return nullptr;
  };
  if (!ensureDataDir(ctx, *config)) return nullptr;
  auto runtime = std::make_unique<Runtime>();
  runtime->config = config;
  runtime->clock = std::make_shared<SystemClock>();
  auto keys = crypto::KeyRing::load(config->keys.dir);
  if (!keys) return fail(keys.error().message + " (create one with `dsrflow keys init`)");
  runtime->keys = std::make_shared<const crypto::KeyRing>(std::move(keys).value());
  runtime->vault = std::make_shared<const IdentityVault>(runtime->keys);
  auto store = Store::open(config->store.url);
  if (!store) return fail(store.error().message);
  runtime->store = std::move(store).value();
  if (config->store.migrateOnStart) {
    if (auto applied = runtime->store->migrate(); !applied) return fail(applied.error().message);
  }
  if (auto schema = runtime->store->checkSchema(); !schema) return fail(schema.error().message);
  return runtime;
}

}  // namespace dsrflow::app
