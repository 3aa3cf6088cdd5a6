#pragma once
// The people a test plugin holds, from its config:
//
//   {"people": [{"id": "c-1", "email": "ada@example.com", "name": "Ada", "orders": ["o-1"]}]}
//
// Without "people", Ada (c-1, two orders) and Grace (c-2, no orders). A person is found by the
// request's raw e-mail or customer_id. Records: one "customers" record and one "orders" record
// per order, with categories and origins.

#include <dsrflow/connector.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace dsrflow::test_plugins {

struct Person {
  std::string id;
  std::string email;
  std::string name;
  std::vector<std::string> orders;
};

class People {
 public:
  explicit People(const sdk::Config& config) {
    const sdk::json::Value* list = config.find("people");
    if (list == nullptr) {
      people_ = {Person{"c-1", "ada@example.com", "Ada Lovelace", {"o-1", "o-2"}},
                 Person{"c-2", "grace@example.com", "Grace Hopper", {}}};
      return;
    }
    for (const sdk::json::Value& p : list->asArray()) {
      Person person{p.getString("id"), p.getString("email"), p.getString("name"), {}};
      if (const sdk::json::Value* orders = p.find("orders")) {
        for (const sdk::json::Value& o : orders->asArray()) person.orders.push_back(o.asString());
      }
      people_.push_back(std::move(person));
    }
  }

  //! The person the request names, or nullptr.
  Person* find(const sdk::ActionRequest& request) {
    const sdk::Identity* email = request.identity("email");
    const sdk::Identity* customer = request.identity("customer_id");
    for (Person& p : people_) {
      if ((email != nullptr && p.email == email->value) ||
          (customer != nullptr && p.id == customer->value)) {
        return &p;
      }
    }
    return nullptr;
  }

  void remove(const Person* person) {
    people_.erase(std::remove_if(people_.begin(), people_.end(),
                                 [&](const Person& p) { return &p == person; }),
                  people_.end());
  }

  //! Emits the person's covered records; false when the host said stop.
  static bool emit(sdk::Call& call, const sdk::ActionRequest& request, const Person& person) {
    sdk::Record customer("customers");
    customer.key("id", person.id)
        .field("id", person.id, "user.unique_id", sdk::Origin::observed)
        .field("email", person.email, "user.contact.email", sdk::Origin::provided)
        .field("name", person.name, "user.name", sdk::Origin::provided)
        .keepCovered(request);
    if (!customer.empty() && !call.emit(customer)) return false;
    for (const std::string& order : person.orders) {
      sdk::Record record("orders");
      record.key("order_id", order)
          .field("order_id", order, "user.behavior.purchase_history", sdk::Origin::observed)
          .keepCovered(request);
      if (!record.empty() && !call.emit(record)) return false;
    }
    return true;
  }

  //! What erasing the person removes, per category.
  static sdk::Counts counts(const Person& person) {
    sdk::Counts counts{{"user.unique_id", 1}, {"user.contact.email", 1}, {"user.name", 1}};
    if (!person.orders.empty()) {
      counts["user.behavior.purchase_history"] = static_cast<std::int64_t>(person.orders.size());
    }
    return counts;
  }

 private:
  std::vector<Person> people_;
};

}  // namespace dsrflow::test_plugins
