// not_found_as_error: answers an unknown person with an error instead of the outcome
// not_found (the conformance kit must flag this). Known people (common/people.hpp) get their
// records like in the good plugin.

#include <dsrflow/connector.hpp>

#include "common/metadata.hpp"
#include "common/people.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class NotFoundAsErrorPlugin final : public Connector {
 public:
  explicit NotFoundAsErrorPlugin(const Config& config) : people_(config) {}

  Outcome access(Call& call, const ActionRequest& request) override {
    const Person* person = people_.find(request);
    if (person == nullptr) return Outcome::failed("subject not found", false);
    if (!People::emit(call, request, *person)) return Outcome::cancelled();
    return Outcome::completed();
  }

  Outcome erase(Call&, const ActionRequest& request) override {
    const Person* person = people_.find(request);
    if (person == nullptr) return Outcome::failed("subject not found", false);
    Counts counts = People::counts(*person);
    people_.remove(person);
    return Outcome::erased(counts, ErasureMethod::deleted);
  }

 private:
  People people_;
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::NotFoundAsErrorPlugin,
                  "org.dsrflow.test.not_found_as_error", "1.0.0",
                  dsrflow::test_plugins::kOpenConfigSchema, dsrflow::test_plugins::kManifest)
