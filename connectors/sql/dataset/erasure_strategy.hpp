#pragma once
// What erasing a field or a table does (carried out by connectors/sql/erasure). Pseudonymisation
// replaces a value by a keyed hash whose key is never stored; retention keeps the data with its
// legal basis and, when the period is given, reports when it ends.

#include <optional>
#include <string>
#include <string_view>

#include "model/enum_names.hpp"
#include "sql/dataset/literal.hpp"
#include "sql/dataset/source_location.hpp"

namespace dsrflow::sql {

enum class ErasureKind { kDeleteRow, kSetNull, kRewrite, kPseudonymise, kRetain };

inline constexpr EnumNameTable<ErasureKind, 5> kErasureKindNames{{
    {ErasureKind::kDeleteRow, "delete_row"},
    {ErasureKind::kSetNull, "set_null"},
    {ErasureKind::kRewrite, "rewrite"},
    {ErasureKind::kPseudonymise, "pseudonymise"},
    {ErasureKind::kRetain, "retain"},
}};
constexpr std::string_view toString(ErasureKind v) { return enumName(kErasureKindNames, v); }

//! Why and how long data is kept instead of erased, e.g. basis "HGB §257 (1) 4, AO §147",
//! 8 years from the end of the calendar year of the row's `issued` column (German accounting
//! vouchers; books 10, business letters 6). Once that period is over the data is erased after
//! all. Without `years` the data is kept with no end date (`rule` then says why and how long).
struct Retention {
  std::string basis;
  std::string rule;          //!< free text; required when `years` is not given
  std::optional<int> years;  //!< the period, counted from the end of the calendar year of `from`
  std::string from;          //!< the date column of the same table the period counts from
};

struct ErasureStrategy {
  ErasureKind kind = ErasureKind::kDeleteRow;
  Literal rewriteValue;  //!< kRewrite
  Retention retention;   //!< kRetain
  SourceLocation where;
};

}  // namespace dsrflow::sql
