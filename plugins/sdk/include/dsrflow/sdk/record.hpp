#pragma once
// Builds one result record (schema "record") for Call::emit:
//
//   Record("contacts")
//       .key("id", 7)
//       .field("email", person.email, "user.contact.email", Origin::provided)
//       .field("segment", "frequent_buyer", "user.behavior", Origin::inferred);
//
// A field's categories say what kind of personal data it is (fideslang keys); its origin says
// where it came from (portability covers provided and observed data). The key identifies the
// record in the system.

#include "dsrflow/sdk/action_request.hpp"
#include "dsrflow/sdk/json_value.hpp"
#include "dsrflow/sdk/json_writer.hpp"

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace dsrflow::sdk {

//! Where a field's data came from.
enum class Origin { provided, observed, inferred };

//! The origin's name in JSON.
inline const char* originName(Origin origin) noexcept {
  switch (origin) {
    case Origin::provided:
      return "provided";
    case Origin::observed:
      return "observed";
    case Origin::inferred:
      return "inferred";
  }
  return "provided";
}

//! One category or several: "user.name", or {"user.contact.email", "user.account"}.
class Categories {
 public:
  Categories(const char* category) : list_{std::string(category)} {}  // NOLINT
  Categories(std::string category) : list_{std::move(category)} {}    // NOLINT
  Categories(std::initializer_list<std::string> list) : list_(list) {}
  Categories(std::vector<std::string> list) : list_(std::move(list)) {}  // NOLINT
  [[nodiscard]] const std::vector<std::string>& list() const noexcept { return list_; }

 private:
  std::vector<std::string> list_;
};

//! A record under construction. Building never throws except for allocation; later calls for
//! the same field name replace earlier ones.
class Record {
 public:
  //! A record of `collection` (the system's table, object type or API resource).
  explicit Record(std::string collection) : collection_(std::move(collection)) {}

  //! Adds a field without classification (prefer the overload with categories).
  Record& field(std::string_view name, json::Value value) {
    fields_.set(name, std::move(value));
    return *this;
  }
  //! Adds a field with its data categories and origin.
  Record& field(std::string_view name, json::Value value, const Categories& categories,
                Origin source) {
    field(name, std::move(value));
    classify(name, categories);
    return origin(name, source);
  }
  //! Sets the data categories of field `name`.
  Record& classify(std::string_view name, const Categories& categories) {
    json::Value list = json::Value::array();
    for (const std::string& c : categories.list()) list.push(c);
    categories_.set(name, std::move(list));
    return *this;
  }
  //! Sets the origin of field `name`.
  Record& origin(std::string_view name, Origin source) {
    origins_.set(name, originName(source));
    return *this;
  }
  //! Adds one component of the record's key (primary key) in the system.
  Record& key(std::string_view name, json::Value value) {
    key_.set(name, std::move(value));
    return *this;
  }

  //! Drops the fields whose categories the request does not cover (fields without categories
  //! stay). Use it when the system cannot filter by category itself.
  Record& keepCovered(const ActionRequest& request) {
    if (request.categories.empty()) return *this;
    std::vector<std::string> drop;
    for (const json::Member& m : categories_.asObject()) {
      std::vector<std::string> list;
      for (const json::Value& c : m.second.asArray()) list.push_back(c.asString());
      if (!request.coversAny(list)) drop.push_back(m.first);
    }
    for (const std::string& name : drop) {
      fields_.erase(name);
      categories_.erase(name);
      origins_.erase(name);
    }
    return *this;
  }

  //! True when the record has no fields (e.g. after keepCovered); don't emit it then.
  [[nodiscard]] bool empty() const noexcept { return fields_.size() == 0; }
  [[nodiscard]] const std::string& collection() const noexcept { return collection_; }
  [[nodiscard]] const json::Value& fields() const noexcept { return fields_; }

  //! Appends the record as compact JSON text to `out`: what writing toJson() gives, without
  //! copying the record into a new value first (a connector may emit a million records).
  void writeJson(std::string& out) const {
    out.append("{\"collection\":");
    json::writeString(out, collection_);
    out.append(",\"fields\":");
    json::write(out, fields_);
    if (categories_.size() > 0) {
      out.append(",\"categories\":");
      json::write(out, categories_);
    }
    if (origins_.size() > 0) {
      out.append(",\"origin\":");
      json::write(out, origins_);
    }
    if (key_.size() > 0) {
      out.append(",\"key\":");
      json::write(out, key_);
    }
    out.push_back('}');
  }

  //! The record as JSON (schema "record"); empty categories, origin and key are left out.
  [[nodiscard]] json::Value toJson() const {
    json::Value out = json::Value::object({{"collection", collection_}, {"fields", fields_}});
    if (categories_.size() > 0) out.set("categories", categories_);
    if (origins_.size() > 0) out.set("origin", origins_);
    if (key_.size() > 0) out.set("key", key_);
    return out;
  }

 private:
  std::string collection_;
  json::Value fields_ = json::Value::object();
  json::Value categories_ = json::Value::object();
  json::Value origins_ = json::Value::object();
  json::Value key_ = json::Value::object();
};

}  // namespace dsrflow::sdk
