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
    put(categories_, name, categories.list());
    return *this;
  }
  //! Sets the origin of field `name`.
  Record& origin(std::string_view name, Origin source) {
    put(origins_, name, source);
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
    for (const auto& [name, list] : categories_) {
      if (!request.coversAny(list)) drop.push_back(name);
    }
    for (const std::string& name : drop) {
      fields_.erase(name);
      remove(categories_, name);
      remove(origins_, name);
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
    if (!categories_.empty()) {
      out.append(",\"categories\":{");
      for (std::size_t i = 0; i < categories_.size(); ++i) {
        if (i > 0) out.push_back(',');
        json::writeString(out, categories_[i].first);
        out.append(":[");
        const std::vector<std::string>& list = categories_[i].second;
        for (std::size_t c = 0; c < list.size(); ++c) {
          if (c > 0) out.push_back(',');
          json::writeString(out, list[c]);
        }
        out.push_back(']');
      }
      out.push_back('}');
    }
    if (!origins_.empty()) {
      out.append(",\"origin\":{");
      for (std::size_t i = 0; i < origins_.size(); ++i) {
        if (i > 0) out.push_back(',');
        json::writeString(out, origins_[i].first);
        out.push_back(':');
        json::writeString(out, originName(origins_[i].second));
      }
      out.push_back('}');
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
    if (!categories_.empty()) {
      json::Value& categories = out["categories"];
      for (const auto& [name, list] : categories_) {
        json::Value items = json::Value::array();
        for (const std::string& c : list) items.push(c);
        categories.set(name, std::move(items));
      }
    }
    if (!origins_.empty()) {
      json::Value& origins = out["origin"];
      for (const auto& [name, source] : origins_) origins.set(name, originName(source));
    }
    if (key_.size() > 0) out.set("key", key_);
    return out;
  }

 private:
  // What is said of each field, in the order first said (as a JSON object keeps its members);
  // plain lists rather than JSON values, as a connector may build a million records.
  template <typename T>
  using ByField = std::vector<std::pair<std::string, T>>;

  template <typename T>
  static void put(ByField<T>& list, std::string_view name, T value) {
    for (auto& [field, said] : list) {
      if (field == name) {
        said = std::move(value);
        return;
      }
    }
    list.emplace_back(std::string(name), std::move(value));
  }

  template <typename T>
  static void remove(ByField<T>& list, const std::string& name) {
    for (auto it = list.begin(); it != list.end(); ++it) {
      if (it->first == name) {
        list.erase(it);
        return;
      }
    }
  }

  std::string collection_;
  json::Value fields_ = json::Value::object();
  ByField<std::vector<std::string>> categories_;
  ByField<Origin> origins_;
  json::Value key_ = json::Value::object();
};

}  // namespace dsrflow::sdk
