#pragma once
// Rows the CiviCRM sample database lacks, added to each test's copy so that the acceptance tests
// meet the tables the shipped dataset describes because the database deletes their rows with a
// contact's, all empty in the sample: contact 59's CMS user link, payment token, premium,
// scheduled reminder, a case of its own and one it shares with contact 30, a dedupe exception
// with contact 30, a mailing it was sent with every tracking event, and a subscription with its
// confirmation. Also notes, tags and change-log rows on records other than contacts (the sample
// has them on contacts only): contact 59's activity, cases and contribution, contact 30's event
// registration, activity shared with contact 186 and relationship with contact 148, and a
// comment on contact 12's note. Inserted through the database's own client.

#include <string>

#include "support/sql_shell.hpp"

namespace dsrflow::testing {

//! Adds the rows; `prefix` qualifies the tables as in civicrmTies().
void seedCivicrmRows(const SqlShell& shell, const std::string& prefix);

}  // namespace dsrflow::testing
