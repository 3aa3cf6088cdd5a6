#pragma once
// Helpers for prepared SOCI statements: prepare once per connection, bind member variables by
// reference, reuse on every call.

#include <soci/soci.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/clock.hpp"
#include "model/enum_names.hpp"
#include "model/result.hpp"

namespace dsrflow::detail {

//! A statement prepared on first use and kept for the connection's life. The variables its
//! exchanges bind must outlive it (declare them before it in the owning class).
class CachedStatement {
 public:
  //! The statement for `text`; on first use `bind(st)` adds the exchanges, then it is prepared.
  template <typename Bind>
  soci::statement& get(soci::session& sql, const std::string& text, Bind&& bind) {
    if (!statement_) {
      soci::statement st(sql);
      std::forward<Bind>(bind)(st);
      st.alloc();
      st.prepare(text);
      st.define_and_bind();
      statement_.emplace(st);
    }
    return *statement_;
  }

  //! True once prepared.
  [[nodiscard]] bool ready() const { return statement_.has_value(); }
  //! The prepared statement; only when ready().
  [[nodiscard]] soci::statement& statement() { return *statement_; }

 private:
  std::optional<soci::statement> statement_;
};

//! Executes a query expected to yield at most one row, then reads to the end so that SQLite
//! releases the statement (an unfinished statement would pin its read snapshot).
inline bool executeSingle(soci::statement& st) {
  bool got = st.execute(true);
  if (got) {
    while (st.fetch()) {
    }
  }
  return got;
}

inline long long toMillis(TimePoint t) { return t.time_since_epoch().count(); }
inline TimePoint fromMillis(long long ms) { return TimePoint(std::chrono::milliseconds(ms)); }

//! A nullable BIGINT time column bound with an indicator.
struct NullableTime {
  long long value = 0;
  soci::indicator ind = soci::i_null;

  void set(const std::optional<TimePoint>& t) {
    value = t ? toMillis(*t) : 0;
    ind = t ? soci::i_ok : soci::i_null;
  }
  [[nodiscard]] std::optional<TimePoint> get() const {
    if (ind == soci::i_null) return std::nullopt;
    return fromMillis(value);
  }
};

//! A nullable TEXT column bound with an indicator; empty strings are stored as NULL.
struct NullableText {
  std::string value;
  soci::indicator ind = soci::i_null;

  void set(std::string_view s) {
    value = s;
    ind = s.empty() ? soci::i_null : soci::i_ok;
  }
  void set(const std::optional<std::string>& s) {
    value = s.value_or("");
    ind = s ? soci::i_ok : soci::i_null;
  }
  [[nodiscard]] std::string getOrEmpty() const { return ind == soci::i_null ? "" : value; }
  [[nodiscard]] std::optional<std::string> get() const {
    if (ind == soci::i_null) return std::nullopt;
    return value;
  }
};

//! Parses a stored enum name; kInternal naming the column when the database holds a name this
//! build does not know.
template <typename E, std::size_t N>
Result<E> parseColumn(const EnumNameTable<E, N>& table, const std::string& value,
                      std::string_view column) {
  if (auto parsed = enumParse(table, value)) return *parsed;
  return Error{ErrorCode::kInternal,
               "unknown value in column " + std::string(column) + " (database newer than code?)"};
}

//! kInvalidArgument unless 1 <= limit <= kMaxPageSize.
Status checkLimit(std::size_t limit);

}  // namespace dsrflow::detail

namespace dsrflow::detail {

//! Executes a query expected to yield at most one row and converts it; kNotFound with
//! `notFoundMessage` when there is none.
template <typename Convert>
auto fetchOne(soci::statement& st, Convert&& convert, std::string notFoundMessage)
    -> decltype(convert()) {
  if (!executeSingle(st)) return notFound(std::move(notFoundMessage));
  return convert();
}

//! Executes a query and converts every row; reads to the end even after a failed conversion so
//! the statement is released.
template <typename T, typename Convert>
Result<std::vector<T>> fetchAll(soci::statement& st, Convert&& convert) {
  std::vector<T> out;
  std::optional<Error> error;
  if (st.execute(true)) {
    do {
      if (error) continue;
      Result<T> item = convert();
      if (item.ok()) {
        out.push_back(std::move(item).value());
      } else {
        error = item.error();
      }
    } while (st.fetch());
  }
  if (error) return *error;
  return out;
}

//! Executes a statement that changes rows and returns how many it changed.
inline long long executeChange(soci::statement& st) {
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace dsrflow::detail
