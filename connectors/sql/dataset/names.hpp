#pragma once
// What a name in a dataset may look like. Table, schema and column names end up quoted inside
// SQL, so beyond being non-empty they may not contain what could end a quoted identifier
// (quotes, backticks, control characters), dots, which separate the parts of a reference, nor
// colons, which SOCI reads as the start of a bound parameter.

#include <string_view>

namespace dsrflow::sql {

//! A table, schema or column name: 1-128 characters, no control characters, `"`, `` ` ``, `.`,
//! `\` or `:`.
bool isValidIdentifier(std::string_view name);

//! A dataset name: letters, digits, `_` and `-` (fideslang keys without dots).
bool isValidDatasetName(std::string_view name);

//! A fideslang data category key: lower-case words joined by dots, e.g. user.contact.email.
bool isValidCategory(std::string_view category);

//! An identity type or subtype: a lower-case word such as email or loyalty_id.
bool isValidIdentityName(std::string_view name);

//! True when `prefix` equals `category` or is a dot-separated prefix of it (user.contact covers
//! user.contact.email, not user.contactless).
bool categoryCovers(std::string_view prefix, std::string_view category);

}  // namespace dsrflow::sql
