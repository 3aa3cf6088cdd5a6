// The hello connector: a demo "CRM" holding a few people in memory. It shows the parts every
// connector has: reading its configuration once, finding the person from the request's
// identities, streaming records with categories and origin, erasing idempotently with counts,
// checking credentials, and logging without personal data. Copy it and replace the in-memory
// list with calls to your system's API.

#include <dsrflow/connector.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "hello_metadata.hpp"

namespace hello {

using namespace dsrflow::sdk;

// One person as the demo system stores them.
struct Person {
  std::string id;
  std::string email;
  std::string name;
  bool newsletter = false;
  std::vector<std::string> pagesViewed;
  std::string segment;

  [[nodiscard]] bool empty() const {
    return email.empty() && name.empty() && !newsletter && pagesViewed.empty() && segment.empty();
  }
};

class HelloConnector final : public Connector {
 public:
  // The host has validated `config` against kConfigSchemaJson; read it once, here.
  explicit HelloConnector(const Config& config) : tokenSecret_(config.getString("token_secret")) {
    if (const json::Value* people = config.find("people")) {
      for (const json::Value& p : people->asArray()) {
        Person person{p.getString("id"),
                      p.getString("email"),
                      p.getString("name"),
                      p.getBool("newsletter"),
                      {},
                      p.getString("segment")};
        if (const json::Value* pages = p.find("pages_viewed")) {
          for (const json::Value& page : pages->asArray()) {
            person.pagesViewed.push_back(page.asString());
          }
        }
        people_.push_back(std::move(person));
      }
    } else {
      people_.push_back(Person{"c-1001",
                               "ada@example.com",
                               "Ada Lovelace",
                               true,
                               {"/engines/analytical", "/notes/g"},
                               "mathematics_fans"});
      people_.push_back(Person{
          "c-1002", "grace@example.com", "Grace Hopper", false, {"/compilers"}, "early_adopters"});
    }
  }

  Outcome access(Call& call, const ActionRequest& request) override {
    Person* person = find(request);
    if (person == nullptr) return Outcome::notFound();

    Record contact("contacts");
    contact.key("id", person->id)
        .field("id", person->id, "user.unique_id", Origin::observed)
        .field("email", person->email, "user.contact.email", Origin::provided)
        .field("name", person->name, "user.name", Origin::provided)
        .field("newsletter", person->newsletter, "user.privacy_preferences", Origin::provided);
    if (!emitCovered(call, request, contact)) return Outcome::cancelled();

    for (std::size_t i = 0; i < person->pagesViewed.size(); ++i) {
      if (call.cancelled()) return Outcome::cancelled();
      Record view("page_views");
      view.key("person_id", person->id)
          .key("n", i)
          .field("page", person->pagesViewed[i], "user.behavior.browsing_history",
                 Origin::observed);
      if (!emitCovered(call, request, view)) return Outcome::cancelled();
    }

    if (!person->segment.empty()) {
      Record segment("segments");
      segment.key("person_id", person->id)
          .field("segment", person->segment, "user.behavior", Origin::inferred);
      if (!emitCovered(call, request, segment)) return Outcome::cancelled();
    }
    call.info("access: records emitted");
    return Outcome::completed();
  }

  // Erases what the request covers. Erasing twice succeeds: the second time there is nothing
  // left to find, so the answer is not_found.
  Outcome erase(Call& call, const ActionRequest& request) override {
    Person* person = find(request);
    if (person == nullptr) return Outcome::notFound();
    const bool apply = !request.dryRun;

    Counts counts;
    auto take = [&](const char* category, bool present, std::int64_t n, auto&& clear) {
      if (!present || !request.covers(category)) return;
      counts[category] = n;
      if (apply) clear();
    };
    take("user.contact.email", !person->email.empty(), 1, [&] { person->email.clear(); });
    take("user.name", !person->name.empty(), 1, [&] { person->name.clear(); });
    take("user.privacy_preferences", person->newsletter, 1, [&] { person->newsletter = false; });
    take("user.behavior.browsing_history", !person->pagesViewed.empty(),
         static_cast<std::int64_t>(person->pagesViewed.size()),
         [&] { person->pagesViewed.clear(); });
    take("user.behavior", !person->segment.empty(), 1, [&] { person->segment.clear(); });
    if (counts.empty()) return Outcome::notFound();

    if (apply && person->empty()) {
      // Nothing but the id is left: delete the person altogether.
      counts["user.unique_id"] = 1;
      people_.erase(people_.begin() + (person - people_.data()));
    }
    call.info(apply ? "erase: data deleted" : "erase: dry run, nothing changed");
    return Outcome::erased(counts, ErasureMethod::deleted);
  }

  Outcome testConnection(Call& call, const ActionRequest& request) override {
    (void)request;
    if (tokenSecret_.empty()) return Outcome::completed();
    ServiceStatus status = ServiceStatus::ok;
    std::optional<std::string> token = call.secret(tokenSecret_, &status);
    if (status == ServiceStatus::unavailable) {
      return Outcome::failed("the host offers no secrets, but token_secret is configured", false);
    }
    if (!token || token->empty()) {
      return Outcome::failed("the secret named by token_secret is not set", false);
    }
    return Outcome::completed();
  }

 private:
  // The person the request's raw e-mail or customer id names, or nullptr.
  Person* find(const ActionRequest& request) {
    const Identity* email = request.identity("email");
    const Identity* customer = request.identity("customer_id");
    for (Person& p : people_) {
      if ((email != nullptr && !p.email.empty() && p.email == email->value) ||
          (customer != nullptr && p.id == customer->value)) {
        return &p;
      }
    }
    return nullptr;
  }

  // Emits the record's covered fields; false when the host says stop.
  static bool emitCovered(Call& call, const ActionRequest& request, Record& record) {
    record.keepCovered(request);
    return record.empty() || call.emit(record);
  }

  std::string tokenSecret_;
  std::vector<Person> people_;
};

}  // namespace hello

DSRFLOW_CONNECTOR(hello::HelloConnector, "com.example.hello", "1.0.0", hello::kConfigSchemaJson,
                  hello::kManifestJson)
