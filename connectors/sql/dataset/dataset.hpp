#pragma once
// The dataset model of the SQL connector: what one database holds about people and how its rows
// link. A dataset names tables and their fields; each field says which data categories it holds
// (fideslang keys such as user.contact.email), where the data came from, whether an identity
// seeds the search there, and which other fields its values lead to. Tables may add polymorphic
// links (a column naming the table plus an id column), mark themselves as many-to-many link
// tables, and name what erasure, suppression and restriction do to them.
//
// Plain immutable data once loaded (dataset_loader.hpp) and validated (dataset_validation.hpp):
// every name in it has been checked, so SQL built from it may quote identifiers taken from here.

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "model/enum_names.hpp"
#include "sql/dataset/erasure_strategy.hpp"
#include "sql/dataset/literal.hpp"
#include "sql/dataset/source_location.hpp"

namespace dsrflow::sql {

//! Where a field's data came from (portability covers provided and observed data).
enum class Origin { kProvided, kObserved, kInferred };

inline constexpr EnumNameTable<Origin, 3> kOriginNames{{
    {Origin::kProvided, "provided"},
    {Origin::kObserved, "observed"},
    {Origin::kInferred, "inferred"},
}};
constexpr std::string_view toString(Origin v) { return enumName(kOriginNames, v); }

//! Which way a link carries the search. On a field F referencing X: `to` means F's values find
//! rows of X, `from` means X's values find rows holding F, `both` means either way.
enum class Direction { kFrom, kTo, kBoth };

inline constexpr EnumNameTable<Direction, 3> kDirectionNames{{
    {Direction::kFrom, "from"},
    {Direction::kTo, "to"},
    {Direction::kBoth, "both"},
}};
constexpr std::string_view toString(Direction v) { return enumName(kDirectionNames, v); }

//! A field named from elsewhere: `table.field` in the same dataset or `dataset.table.field`.
struct FieldRef {
  std::string dataset;  //!< empty: the dataset the reference is written in
  std::string table;
  std::string field;

  //! As written in a dataset file.
  [[nodiscard]] std::string text() const {
    return (dataset.empty() ? "" : dataset + ".") + table + "." + field;
  }
  friend bool operator==(const FieldRef&, const FieldRef&) = default;
};

//! Splits `table.field` or `dataset.table.field`; nullopt for any other shape (names are
//! checked later, with the rest of the dataset).
std::optional<FieldRef> parseFieldRef(std::string_view text);

//! A value link from one field to another. Matching is by value on any column, so a copied
//! e-mail or an id without a foreign key links as well as a declared key does.
struct Reference {
  FieldRef target;
  Direction direction = Direction::kTo;
  SourceLocation where;
};

//! One column of a table.
struct Field {
  std::string name;
  std::string description;
  //! Data categories (fideslang keys). Empty: the column is not personal data; it is read only
  //! to follow links and never returned.
  std::vector<std::string> categories;
  //! Set whenever `categories` is not empty.
  std::optional<Origin> origin;
  bool primaryKey = false;
  //! The identity type (email, phone, customer_id) or subtype (e.g. loyalty_id) whose value
  //! seeds the search in this column; empty when none does.
  std::string identity;
  std::vector<Reference> references;
  //! What erasing this field's categories does; nullopt: the table's strategy.
  std::optional<ErasureStrategy> erasure;
  SourceLocation where;
};

//! One table a polymorphic link may name: rows whose type column holds `typeValue` point at
//! `target`.
struct PolymorphicTarget {
  std::string typeValue;
  FieldRef target;
  SourceLocation where;
};

//! A polymorphic link: `typeField` names the table and `idField` holds the id of the row there,
//! e.g. CiviCRM's entity_table/entity_id. `from` (the usual case): the named rows find the
//! rows of this table pointing at them; `to`: this table's rows find the rows they name.
struct PolymorphicLink {
  std::string typeField;
  std::string idField;
  Direction direction = Direction::kFrom;
  std::vector<PolymorphicTarget> targets;
  SourceLocation where;
};

//! Marks a many-to-many link table: each row only joins a row reached through `left` to one
//! reached through `right` (both fields carry references). Erasure removes the link rows, never
//! the rows at the far end, which other people share.
struct LinkTable {
  std::string left;
  std::string right;
  SourceLocation where;
};

//! A column set by an action (suppress, restrict), e.g. do_not_email = true, or restricted_at
//! to the current time.
struct FlagSetting {
  std::string field;
  Literal value;     //!< unused when `now`
  bool now = false;  //!< set the column to the database's current timestamp
  SourceLocation where;
};

//! One table (a collection, in fideslang's words).
struct Table {
  std::string name;
  std::string schema;  //!< the database schema; empty: the dataset's, else the connection's
  std::string description;
  bool skip = false;  //!< declared but never searched (e.g. a table no request may touch)
  std::vector<Field> fields;
  std::vector<PolymorphicLink> polymorphic;
  std::optional<LinkTable> linkTable;
  std::optional<ErasureStrategy> erasure;  //!< default for its fields: delete_row or retain
  std::optional<FlagSetting> suppress;
  std::optional<FlagSetting> restrict;
  SourceLocation where;

  //! The field named `fieldName`, or nullptr.
  [[nodiscard]] const Field* field(std::string_view fieldName) const {
    for (const Field& f : fields) {
      if (f.name == fieldName) return &f;
    }
    return nullptr;
  }
  //! The field named `fieldName`; throws std::out_of_range when there is none.
  [[nodiscard]] const Field& fieldAt(std::string_view fieldName) const {
    if (const Field* f = field(fieldName)) return *f;
    throw std::out_of_range("table " + name + " has no field " + std::string(fieldName));
  }
  //! The primary-key fields, in declaration order (empty when none is declared).
  [[nodiscard]] std::vector<const Field*> primaryKey() const {
    std::vector<const Field*> out;
    for (const Field& f : fields) {
      if (f.primaryKey) out.push_back(&f);
    }
    return out;
  }
};

//! One database of a system (or one schema of it).
struct Dataset {
  std::string name;
  std::string description;
  std::string schema;  //!< default schema of its tables; empty: the connection's
  std::vector<Table> tables;
  std::string file;      //!< where it was loaded from, for messages
  SourceLocation where;  //!< of its name

  //! The table named `tableName`, or nullptr.
  [[nodiscard]] const Table* table(std::string_view tableName) const {
    for (const Table& t : tables) {
      if (t.name == tableName) return &t;
    }
    return nullptr;
  }
  //! The table named `tableName`; throws std::out_of_range when there is none.
  [[nodiscard]] const Table& tableAt(std::string_view tableName) const {
    if (const Table* t = table(tableName)) return *t;
    throw std::out_of_range("dataset " + name + " has no table " + std::string(tableName));
  }
};

}  // namespace dsrflow::sql
