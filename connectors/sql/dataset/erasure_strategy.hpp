#pragma once
// What erasing a field or a table does. Parsed and validated now; carried out by the erasure
// slice of the connector. Pseudonymisation uses a per-request key that is destroyed when the
// request closes; retention keeps the data with its legal basis and rule and reports the end.

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

//! Why and how long data is kept instead of erased, e.g. basis "HGB §257 (1) 4",
//! rule "10 years from the end of the calendar year".
struct Retention {
  std::string basis;
  std::string rule;
};

struct ErasureStrategy {
  ErasureKind kind = ErasureKind::kDeleteRow;
  Literal rewriteValue;  //!< kRewrite
  Retention retention;   //!< kRetain
  SourceLocation where;
};

}  // namespace dsrflow::sql
