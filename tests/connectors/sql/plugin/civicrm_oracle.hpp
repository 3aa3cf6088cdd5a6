#pragma once
// What the CiviCRM schema ties to each contact, found independently of the SQL connector: one
// SQL query, written by hand from the schema's foreign keys to civicrm_contact and its
// entity_table/entity_id links, run through the database's own client. The acceptance tests
// compare the connector's access and erasure with it.
//
// Columns that name who did something (created_id, modified_id, a note's contact_id) are not
// ties: the row is about someone else.

#include <map>
#include <set>
#include <string>
#include <utility>

#include "support/sql_shell.hpp"

namespace dsrflow::testing {

//! A row by table and primary key (as text).
using RowId = std::pair<std::string, std::string>;
using RowIds = std::set<RowId>;

//! Every contact's rows: contact id -> the rows tied to it. `prefix` qualifies the tables
//! ("civicrm." for pgloader's schema on PostgreSQL, "" elsewhere).
std::map<std::string, RowIds> civicrmTies(const SqlShell& shell, const std::string& prefix);

//! Rows tied to more than one contact (a relationship, a shared activity).
RowIds sharedRows(const std::map<std::string, RowIds>& ties);

//! The text of every row of the tables the oracle knows, by row, for comparing before and after.
std::map<RowId, std::string> civicrmRowTexts(const SqlShell& shell, const std::string& prefix);

}  // namespace dsrflow::testing
