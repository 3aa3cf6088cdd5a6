// erase_not_idempotent: the first erase of a person succeeds; erasing them again fails with an
// error instead of answering not_found (the conformance kit's "erasure twice" check must flag
// this). People never known are not_found, like in the good plugin.

#include <dsrflow/connector.hpp>

#include <set>
#include <string>

#include "common/metadata.hpp"
#include "common/people.hpp"

namespace dsrflow::test_plugins {

using namespace dsrflow::sdk;

class EraseNotIdempotentPlugin final : public Connector {
 public:
  explicit EraseNotIdempotentPlugin(const Config& config) : people_(config) {}

  Outcome access(Call& call, const ActionRequest& request) override {
    const Person* person = people_.find(request);
    if (person == nullptr) return Outcome::notFound();
    if (!People::emit(call, request, *person)) return Outcome::cancelled();
    return Outcome::completed();
  }

  Outcome erase(Call&, const ActionRequest& request) override {
    for (const Identity& id : request.identities) {
      if (erased_.count(id.type + ":" + id.value) != 0) {
        return Outcome::failed("record already deleted", false);
      }
    }
    const Person* person = people_.find(request);
    if (person == nullptr) return Outcome::notFound();
    erased_.insert("email:" + person->email);
    erased_.insert("customer_id:" + person->id);
    Counts counts = People::counts(*person);
    people_.remove(person);
    return Outcome::erased(counts, ErasureMethod::deleted);
  }

 private:
  People people_;
  std::set<std::string> erased_;  // identities erased before (personal data, kept in memory only)
};

}  // namespace dsrflow::test_plugins

DSRFLOW_CONNECTOR(dsrflow::test_plugins::EraseNotIdempotentPlugin,
                  "org.dsrflow.test.erase_not_idempotent", "1.0.0",
                  dsrflow::test_plugins::kOpenConfigSchema, dsrflow::test_plugins::kManifest)
