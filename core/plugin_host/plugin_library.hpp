#pragma once
// A plugin's shared library, loaded in this process through the descriptor its file was
// checked and hashed through.

#include <dsrflow/plugin.h>

#include <boost/dll/shared_library.hpp>
#include <filesystem>
#include <memory>

#include "model/result.hpp"
#include "plugin_host/plugin_file.hpp"

namespace dsrflow::plugin_host {

//! Owns the loaded library (and the open file it came from). Destroying it unloads the
//! library, so everything that may run the plugin's code holds a shared_ptr to it.
class PluginLibrary {
 public:
  //! Loads `file` (opened and checked by openPluginFile) and calls its entry function.
  //! kInvalidArgument when it is no loadable library or exports no dsrflow_plugin_entry.
  static Result<std::shared_ptr<PluginLibrary>> load(PluginFile file,
                                                     const std::filesystem::path& configured);

  //! As returned by the entry function; not yet checked (see checkDescriptor).
  [[nodiscard]] const dsrflow_plugin_descriptor* descriptor() const { return descriptor_; }
  [[nodiscard]] const std::string& sha256() const { return file_.sha256; }

  //! Unloads the library, and closes the descriptor only if the library really went away.
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

 private:
  PluginLibrary() = default;
  // glibc knows the library by the name "/proc/self/fd/N" and, asked to load that name again,
  // hands out the library already loaded under it without looking at the file. So N must stay
  // open while the library is resident, or the next plugin opened as N would be taken for it.
  PluginFile file_;
  boost::dll::shared_library library_;
  const dsrflow_plugin_descriptor* descriptor_ = nullptr;
};

}  // namespace dsrflow::plugin_host
