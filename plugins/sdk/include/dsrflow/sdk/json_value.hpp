#pragma once
// A small JSON value for the plugin SDK: null, boolean, integer, number, string, array, object.
// Objects keep insertion order (so records read the way they were built) and unique keys.
// Self-contained C++17 on purpose: vendors build plugins with nothing but these headers.

#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace dsrflow::sdk::json {

class Value;

//! An array's elements.
using Array = std::vector<Value>;
//! One object member: key and value.
using Member = std::pair<std::string, Value>;
//! An object's members in insertion order; keys are unique.
using Object = std::vector<Member>;

//! The kinds of JSON value; integers and other numbers are kept apart so ids survive exactly.
enum class Type { null, boolean, integer, number, string, array, object };

//! Thrown when a value is read as a type it does not have. Messages name keys, never values.
class TypeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! The name of a type as used in error messages ("string", "object", ...).
inline const char* typeName(Type type) noexcept {
  switch (type) {
    case Type::null:
      return "null";
    case Type::boolean:
      return "boolean";
    case Type::integer:
      return "integer";
    case Type::number:
      return "number";
    case Type::string:
      return "string";
    case Type::array:
      return "array";
    case Type::object:
      return "object";
  }
  return "unknown";
}

//! A JSON value. A regular value type: copyable, movable, comparable; not thread-safe for
//! concurrent mutation.
class Value {
 public:
  //! null
  Value() noexcept = default;
  Value(std::nullptr_t) noexcept {}     // NOLINT(google-explicit-constructor)
  Value(bool b) noexcept : data_(b) {}  // NOLINT(google-explicit-constructor)
  //! Any integer type except bool and character types; unsigned values above INT64_MAX
  //! become numbers (double).
  template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool> &&
                                          !std::is_same_v<T, char>,
                                      int> = 0>
  Value(T n) noexcept {  // NOLINT(google-explicit-constructor)
    if constexpr (std::is_signed_v<T>) {
      data_ = static_cast<std::int64_t>(n);
    } else if (static_cast<std::uint64_t>(n) <=
               static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      data_ = static_cast<std::int64_t>(n);
    } else {
      data_ = static_cast<double>(n);
    }
  }
  //! float or double.
  template <class T, std::enable_if_t<std::is_floating_point_v<T>, int> = 0>
  Value(T d) noexcept : data_(static_cast<double>(d)) {}  // NOLINT(google-explicit-constructor)
  Value(const char* s) : data_(std::string(s == nullptr ? "" : s)) {}  // NOLINT
  Value(char* s) : Value(static_cast<const char*>(s)) {}               // NOLINT
  Value(std::string s) noexcept : data_(std::move(s)) {}               // NOLINT
  Value(std::string_view s) : data_(std::string(s)) {}                 // NOLINT
  Value(Array a) noexcept : data_(std::move(a)) {}                     // NOLINT
  Value(Object o) noexcept : data_(std::move(o)) {}                    // NOLINT
  //! Other pointers would silently become booleans.
  template <class T>
  Value(T*) = delete;

  //! An empty array, or one with the given elements.
  static Value array(std::initializer_list<Value> items = {}) { return Value(Array(items)); }
  //! An empty object, or one with the given members (later duplicates replace earlier ones).
  static Value object(std::initializer_list<Member> members = {}) {
    Value v{Object{}};
    for (const Member& m : members) v.set(m.first, m.second);
    return v;
  }

  [[nodiscard]] Type type() const noexcept { return static_cast<Type>(data_.index()); }
  [[nodiscard]] bool isNull() const noexcept { return type() == Type::null; }
  [[nodiscard]] bool isBool() const noexcept { return type() == Type::boolean; }
  [[nodiscard]] bool isInteger() const noexcept { return type() == Type::integer; }
  //! Integer or other number.
  [[nodiscard]] bool isNumber() const noexcept {
    return type() == Type::integer || type() == Type::number;
  }
  [[nodiscard]] bool isString() const noexcept { return type() == Type::string; }
  [[nodiscard]] bool isArray() const noexcept { return type() == Type::array; }
  [[nodiscard]] bool isObject() const noexcept { return type() == Type::object; }

  //! The value as the named type; TypeError when it is another type.
  [[nodiscard]] bool asBool() const { return get<bool>(Type::boolean); }
  //! An integer, or a number with no fraction that fits in int64.
  [[nodiscard]] std::int64_t asInt() const {
    if (const auto* d = std::get_if<double>(&data_)) {
      if (isIntegral(*d)) return static_cast<std::int64_t>(*d);
      throw TypeError("expected integer, got a number with a fraction or out of range");
    }
    return get<std::int64_t>(Type::integer);
  }
  //! Any number as double.
  [[nodiscard]] double asDouble() const {
    if (const auto* i = std::get_if<std::int64_t>(&data_)) return static_cast<double>(*i);
    return get<double>(Type::number);
  }
  [[nodiscard]] const std::string& asString() const { return get<std::string>(Type::string); }
  [[nodiscard]] const Array& asArray() const { return get<Array>(Type::array); }
  [[nodiscard]] Array& asArray() { return getMutable<Array>(Type::array); }
  [[nodiscard]] const Object& asObject() const { return get<Object>(Type::object); }
  [[nodiscard]] Object& asObject() { return getMutable<Object>(Type::object); }

  //! The member named `key`, or nullptr when absent or when this is not an object.
  [[nodiscard]] const Value* find(std::string_view key) const noexcept {
    const auto* o = std::get_if<Object>(&data_);
    if (o == nullptr) return nullptr;
    for (const Member& m : *o) {
      if (m.first == key) return &m.second;
    }
    return nullptr;
  }
  [[nodiscard]] Value* find(std::string_view key) noexcept {
    return const_cast<Value*>(static_cast<const Value&>(*this).find(key));
  }
  [[nodiscard]] bool contains(std::string_view key) const noexcept { return find(key) != nullptr; }

  //! The member named `key`; a null value when absent (so lookups chain: v["a"]["b"]).
  const Value& operator[](std::string_view key) const noexcept {
    const Value* v = find(key);
    return v != nullptr ? *v : nullValue();
  }
  //! The member named `key`, added as null when absent; a null value becomes an object first.
  Value& operator[](std::string_view key) {
    if (isNull()) data_ = Object{};
    if (Value* v = find(key)) return *v;
    Object& o = asObject();
    o.emplace_back(std::string(key), Value());
    return o.back().second;
  }
  //! Array element `index`; std::out_of_range past the end.
  const Value& operator[](std::size_t index) const { return asArray().at(index); }
  Value& operator[](std::size_t index) { return asArray().at(index); }

  //! Sets member `key` (replacing one of the same name); a null value becomes an object first.
  Value& set(std::string_view key, Value value) {
    (*this)[key] = std::move(value);
    return *this;
  }
  //! Removes member `key`; false when there was none.
  bool erase(std::string_view key) {
    auto* o = std::get_if<Object>(&data_);
    if (o == nullptr) return false;
    for (auto it = o->begin(); it != o->end(); ++it) {
      if (it->first == key) {
        o->erase(it);
        return true;
      }
    }
    return false;
  }
  //! Appends to an array; a null value becomes an array first.
  Value& push(Value value) {
    if (isNull()) data_ = Array{};
    asArray().push_back(std::move(value));
    return *this;
  }
  //! Elements of an array or members of an object; 0 for anything else.
  [[nodiscard]] std::size_t size() const noexcept {
    if (const auto* a = std::get_if<Array>(&data_)) return a->size();
    if (const auto* o = std::get_if<Object>(&data_)) return o->size();
    return 0;
  }

  //! Typed member lookups: `fallback` when the member is absent or null, TypeError (naming the
  //! key) when it has another type.
  [[nodiscard]] std::string getString(std::string_view key, std::string_view fallback = {}) const {
    const Value* v = member(key, Type::string);
    return v != nullptr ? v->asString() : std::string(fallback);
  }
  [[nodiscard]] bool getBool(std::string_view key, bool fallback = false) const {
    const Value* v = member(key, Type::boolean);
    return v != nullptr ? v->asBool() : fallback;
  }
  [[nodiscard]] std::int64_t getInt(std::string_view key, std::int64_t fallback = 0) const {
    const Value* v = member(key, Type::integer);
    return v != nullptr ? v->asInt() : fallback;
  }
  [[nodiscard]] double getDouble(std::string_view key, double fallback = 0.0) const {
    const Value* v = member(key, Type::number);
    return v != nullptr ? v->asDouble() : fallback;
  }

  friend bool operator==(const Value& a, const Value& b) { return a.data_ == b.data_; }
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  static const Value& nullValue() noexcept {
    static const Value kNull;
    return kNull;
  }

  template <class T>
  const T& get(Type wanted) const {
    if (const auto* p = std::get_if<T>(&data_)) return *p;
    throw TypeError(std::string("expected ") + typeName(wanted) + ", got " + typeName(type()));
  }
  template <class T>
  T& getMutable(Type wanted) {
    return const_cast<T&>(static_cast<const Value&>(*this).get<T>(wanted));
  }

  // -2^63 <= d < 2^63 (both exactly representable) and no fraction.
  static bool isIntegral(double d) noexcept {
    return d >= -9223372036854775808.0 && d < 9223372036854775808.0 &&
           static_cast<double>(static_cast<std::int64_t>(d)) == d;
  }

  bool is(Type wanted) const noexcept {
    switch (wanted) {
      case Type::number:
        return isNumber();
      case Type::integer:
        return isInteger() || (type() == Type::number && isIntegral(*std::get_if<double>(&data_)));
      default:
        return type() == wanted;
    }
  }

  const Value* member(std::string_view key, Type wanted) const {
    const Value* v = find(key);
    if (v == nullptr || v->isNull()) return nullptr;
    if (!v->is(wanted)) {
      throw TypeError("'" + std::string(key) + "' must be " + typeName(wanted) + ", not " +
                      typeName(v->type()));
    }
    return v;
  }

  // Alternative order matches Type.
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> data_;
};

}  // namespace dsrflow::sdk::json
