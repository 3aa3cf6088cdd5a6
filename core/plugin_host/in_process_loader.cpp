#include "plugin_host/in_process_loader.hpp"

#include "log/logger.hpp"
#include "plugin_host/descriptor_check.hpp"
#include "plugin_host/in_process_plugin.hpp"
#include "plugin_host/plugin_file.hpp"
#include "plugin_host/plugin_library.hpp"
#include "plugin_host/quarantine.hpp"

namespace dsrflow::plugin_host {

InProcessLoader::InProcessLoader(HostOptions options) : options_(std::move(options)) {
  if (options_.quarantine == nullptr) options_.quarantine = &Quarantine::process();
}

Result<std::shared_ptr<Plugin>> InProcessLoader::load(const PluginSpec& spec) {
  auto file = openPluginFile(spec.path, spec.sha256);
  if (!file) return file.error();
  // A quarantined plugin's code may still be running; loading the same file again would hand
  // out the same library (the loader shares it by inode), so it is refused by its digest.
  if (auto reason = options_.quarantine->reason(file->sha256)) {
    return Error{ErrorCode::kUnavailable,
                 "plugin '" + spec.path.string() + "' is quarantined until restart: " + *reason};
  }
  const std::string sha256 = file->sha256;
  auto library = PluginLibrary::load(std::move(file).value(), spec.path);
  if (!library) return library.error();
  auto checked = checkDescriptor((*library)->descriptor(), spec.path, sha256);
  if (!checked) return checked.error();
  logInfo("plugin loaded", {{"plugin", checked->info.name},
                            {"version", checked->info.version},
                            {"path", spec.path.string()},
                            {"sha256", sha256}});
  CheckedDescriptor descriptor = *checked;
  return std::shared_ptr<Plugin>(std::make_shared<InProcessPlugin>(
      *library, std::move(descriptor.info), std::move(descriptor.configSchema), options_));
}

}  // namespace dsrflow::plugin_host
