// Ownership: an instance keeps its plugin's library loaded; the library goes away with the last
// instance; distinct plugin files never alias one another.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "plugin_host/in_process_loader.hpp"
#include "plugin_host_fixture.hpp"

namespace dsrflow::plugin_host {
namespace {

using testing::instanceOptions;
using testing::sampleRequest;
namespace fs = std::filesystem;

// True while `path` is mapped into this process (i.e. the library is loaded).
bool isMapped(const fs::path& path) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  const std::string name = fs::canonical(path).string();
  while (std::getline(maps, line)) {
    if (line.find(name) != std::string::npos) return true;
  }
  return false;
}

TEST(LifetimeTest, AnInstanceKeepsTheLibraryLoadedAfterLoaderAndPluginAreGone) {
  testing::PluginDir dir;
  const fs::path path = dir.copy(testing::kScriptedPlugin);
  std::unique_ptr<PluginInstance> instance;
  {
    auto loader = std::make_unique<InProcessLoader>(testing::testHost());
    auto plugin = loader->load(PluginSpec{path, ""});
    ASSERT_TRUE(plugin.ok()) << plugin.error().message;
    auto created = (*plugin)->createInstance(instanceOptions(testing::scripted("normal")));
    ASSERT_TRUE(created.ok()) << created.error().message;
    instance = std::move(created).value();
    loader.reset();
  }  // the Plugin object's last outside reference is gone here
  EXPECT_TRUE(isMapped(path));
  CollectingSink sink;
  auto result = instance->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink);
  ASSERT_TRUE(result.ok()) << result.error().message;
  EXPECT_EQ(result->outcome, Outcome::kCompleted);
  EXPECT_EQ(instance->plugin().name, "org.dsrflow.test.scripted");
  EXPECT_EQ(instance->systemId(), "crm");
}

TEST(LifetimeTest, DistinctFilesStayDistinctWhetherLoadedTogetherOrOneAfterTheOther) {
  testing::PluginDir dir;
  InProcessLoader loader(testing::testHost());
  const fs::path scripted = dir.copy(testing::kScriptedPlugin);
  const fs::path good = dir.copy(plugins::kGoodPlugin);
  {
    auto first = testing::loadPlugin(loader, scripted);
    auto second = testing::loadPlugin(loader, good);
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->info().name, "org.dsrflow.test.scripted");
    EXPECT_EQ(second->info().name, "org.dsrflow.test.good");
  }
  // One after the other: the second load may get the first one's descriptor number, and must
  // still load its own file.
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(testing::loadPlugin(loader, scripted)->info().name, "org.dsrflow.test.scripted");
    EXPECT_EQ(testing::loadPlugin(loader, good)->info().name, "org.dsrflow.test.good");
  }
}

TEST(LifetimeTest, InstancesOfOnePluginAreIndependent) {
  testing::PluginDir dir;
  InProcessLoader loader(testing::testHost());
  auto plugin = testing::loadPlugin(loader, dir.copy(testing::kScriptedPlugin));
  ASSERT_TRUE(plugin);
  auto a = plugin->createInstance(instanceOptions(testing::scripted("normal")));
  auto b = plugin->createInstance(instanceOptions(testing::scripted("error")));
  ASSERT_TRUE(a.ok() && b.ok());
  CollectingSink sink;
  EXPECT_EQ((*a)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink)->outcome,
            Outcome::kCompleted);
  EXPECT_EQ((*b)->invoke(sampleRequest(Action::kAccess), CallOptions{}, sink)->failure,
            CallFailure::kPluginError);
}

}  // namespace
}  // namespace dsrflow::plugin_host
