#include "plugin_host/plugin_library.hpp"

#include <dlfcn.h>

#include <string>

namespace dsrflow::plugin_host {
namespace {

Error refuse(const std::filesystem::path& path, const std::string& problem) {
  return invalidArgument("plugin '" + path.string() + "' refused: " + problem);
}

std::string replaceAll(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos;
       at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

PluginLibrary::~PluginLibrary() {
  if (!library_.is_loaded()) return;
  const std::string procPath = file_.procPath();
  library_.unload();
  // dlclose does not always unload: a library with STB_GNU_UNIQUE symbols (most C++ code: the
  // standard library's template statics) or one marked NODELETE stays resident for good. Then
  // its descriptor stays open for good too (see file_), which also keeps the inode from being
  // reused for another file that glibc would mistake for this one.
  if (void* resident = ::dlopen(procPath.c_str(), RTLD_LAZY | RTLD_NOLOAD)) {
    ::dlclose(resident);
    (void)file_.fd.release();
  }
}

Result<std::shared_ptr<PluginLibrary>> PluginLibrary::load(
    PluginFile file, const std::filesystem::path& configured) {
  std::shared_ptr<PluginLibrary> library(new PluginLibrary());
  library->file_ = std::move(file);
  const std::string procPath = library->file_.procPath();

  // Loading through /proc/self/fd/N maps the very inode that was checked and hashed on that
  // descriptor: renaming or replacing the configured path in the meantime changes nothing.
  // RTLD_NOW: a missing symbol fails here, not in the middle of a task. RTLD_LOCAL: plugins
  // do not see each other's symbols.
  std::error_code ec;
  library->library_.load(procPath,
                         boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    const char* why = ::dlerror();
    const std::string reason =
        why != nullptr ? replaceAll(why, procPath, configured.string()) : ec.message();
    return refuse(configured, "cannot load it as a shared library: " + reason);
  }
  if (!library->library_.has(DSRFLOW_PLUGIN_ENTRY_SYMBOL)) {
    return refuse(configured, std::string("it exports no ") + DSRFLOW_PLUGIN_ENTRY_SYMBOL +
                                  " function; is it a dsrflow plugin?");
  }
  auto entry =
      library->library_.get<const dsrflow_plugin_descriptor*()>(DSRFLOW_PLUGIN_ENTRY_SYMBOL);
  try {
    library->descriptor_ = entry();
  } catch (...) {
    return refuse(configured, "its entry function threw an exception (ABI violation)");
  }
  return library;
}

}  // namespace dsrflow::plugin_host
