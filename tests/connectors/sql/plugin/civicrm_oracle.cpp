#include "civicrm_oracle.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <vector>

namespace dsrflow::testing {
namespace {

// Tables with a column that is a foreign key to civicrm_contact.id and says whom the row is
// about (not who made it).
const std::vector<std::pair<std::string, std::string>> kDirect = {
    {"civicrm_email", "contact_id"},
    {"civicrm_phone", "contact_id"},
    {"civicrm_address", "contact_id"},
    {"civicrm_website", "contact_id"},
    {"civicrm_im", "contact_id"},
    {"civicrm_openid", "contact_id"},
    {"civicrm_activity_contact", "contact_id"},
    {"civicrm_relationship", "contact_id_a"},
    {"civicrm_relationship", "contact_id_b"},
    {"civicrm_relationship_cache", "near_contact_id"},
    {"civicrm_relationship_cache", "far_contact_id"},
    {"civicrm_group_contact", "contact_id"},
    {"civicrm_subscription_history", "contact_id"},
    {"civicrm_contribution_soft", "contact_id"},
    {"civicrm_contribution_recur", "contact_id"},
    {"civicrm_pcp", "contact_id"},
    {"civicrm_uf_match", "contact_id"},
    {"civicrm_payment_token", "contact_id"},
    {"civicrm_action_log", "contact_id"},
    {"civicrm_case_contact", "contact_id"},
    {"civicrm_dedupe_exception", "contact_id1"},
    {"civicrm_dedupe_exception", "contact_id2"},
    {"civicrm_mailing_recipients", "contact_id"},
    {"civicrm_mailing_event_queue", "contact_id"},
    {"civicrm_mailing_event_subscribe", "contact_id"},
};

// Rows tied through a foreign key to the rows of a common table expression of kTiesSql.
struct Via {
  const char* table;
  const char* column;
  const char* parent;
};
const std::vector<Via> kVia = {
    {"civicrm_contribution_soft", "contribution_id", "contrib"},
    {"civicrm_membership_log", "membership_id", "memb"},
    {"civicrm_membership_payment", "membership_id", "memb"},
    {"civicrm_membership_payment", "contribution_id", "contrib"},
    {"civicrm_participant_payment", "participant_id", "part"},
    {"civicrm_participant_payment", "contribution_id", "contrib"},
    {"civicrm_pledge_payment", "pledge_id", "pledge"},
    {"civicrm_pledge_payment", "contribution_id", "contrib"},
    {"civicrm_contribution_product", "contribution_id", "contrib"},
    {"civicrm_case_activity", "case_id", "cases"},
    {"civicrm_case_activity", "activity_id", "act"},
    {"civicrm_mailing_event_confirm", "event_subscribe_id", "subscribe"},
    {"civicrm_mailing_event_delivered", "event_queue_id", "queue"},
    {"civicrm_mailing_event_bounce", "event_queue_id", "queue"},
    {"civicrm_mailing_event_opened", "event_queue_id", "queue"},
    {"civicrm_mailing_event_trackable_url_open", "event_queue_id", "queue"},
    {"civicrm_mailing_event_reply", "event_queue_id", "queue"},
    // Not dest_queue_id: the queue row of the person it was forwarded to is theirs (the
    // database sets the column to NULL when they are erased).
    {"civicrm_mailing_event_forward", "event_queue_id", "queue"},
    {"civicrm_mailing_event_unsubscribe", "event_queue_id", "queue"},
};

// Rows naming what they are about by entity_table/entity_id, with the common table expression
// of kTiesSql holding the rows of that entity table. The values are those CiviCRM's schema lists
// for the column (the option groups note_used_for and tag_used_for in civicrm_data.mysql) and
// those its code writes or its API accepts (the change log of contacts, activities and event
// registrations; notes on activities and cases), restricted to tables tied to a contact.
struct OnEntity {
  const char* table;
  const char* entityTable;
  const char* parent;
};
const std::vector<OnEntity> kOnEntity = {
    {"civicrm_note", "civicrm_contact", "contact"},
    {"civicrm_note", "civicrm_relationship", "rel"},
    {"civicrm_note", "civicrm_participant", "part"},
    {"civicrm_note", "civicrm_contribution", "contrib"},
    {"civicrm_note", "civicrm_activity", "act"},
    {"civicrm_note", "civicrm_case", "cases"},
    {"civicrm_entity_tag", "civicrm_contact", "contact"},
    {"civicrm_entity_tag", "civicrm_activity", "act"},
    {"civicrm_entity_tag", "civicrm_case", "cases"},
    {"civicrm_log", "civicrm_contact", "contact"},
    {"civicrm_log", "civicrm_activity", "act"},
    {"civicrm_log", "civicrm_participant", "part"},
};

// P. stands for the schema prefix. Rows reached from the contact's contributions, memberships,
// participations, pledges, activities, cases, mailing subscriptions and messages by foreign key
// or by entity_table/entity_id. A case is the contact's when the contact is one of its clients
// (civicrm_case_contact). A comment is a note whose entity_table is civicrm_note: `thread`
// pairs every note with the notes under it, so that a comment is about what the note it answers
// (at any depth) is about, and `note_on` gives every note the entity of its thread's first note.
const char* const kTiesSql = R"(
WITH RECURSIVE thread AS (
  SELECT id AS root, id FROM P.civicrm_note
  UNION SELECT t.root, n.id FROM P.civicrm_note n JOIN thread t
    ON n.entity_table = 'civicrm_note' AND n.entity_id = t.id),
note_on AS (
  SELECT t.id, r.entity_table, r.entity_id FROM thread t JOIN P.civicrm_note r ON r.id = t.root),
contact AS (SELECT id AS c, id FROM P.civicrm_contact),
rel AS (SELECT contact_id_a AS c, id FROM P.civicrm_relationship
  UNION SELECT contact_id_b, id FROM P.civicrm_relationship),
contrib AS (SELECT contact_id AS c, id FROM P.civicrm_contribution),
memb AS (SELECT contact_id AS c, id FROM P.civicrm_membership),
part AS (SELECT contact_id AS c, id FROM P.civicrm_participant),
pledge AS (SELECT contact_id AS c, id FROM P.civicrm_pledge),
act AS (SELECT contact_id AS c, activity_id AS id FROM P.civicrm_activity_contact),
cases AS (SELECT contact_id AS c, case_id AS id FROM P.civicrm_case_contact),
subscribe AS (SELECT contact_id AS c, id FROM P.civicrm_mailing_event_subscribe),
queue AS (SELECT contact_id AS c, id FROM P.civicrm_mailing_event_queue),
li AS (
  SELECT x.c, l.id FROM P.civicrm_line_item l JOIN contrib x ON l.contribution_id = x.id
  UNION SELECT x.c, l.id FROM P.civicrm_line_item l JOIN contrib x
    ON l.entity_table = 'civicrm_contribution' AND l.entity_id = x.id
  UNION SELECT x.c, l.id FROM P.civicrm_line_item l JOIN memb x
    ON l.entity_table = 'civicrm_membership' AND l.entity_id = x.id
  UNION SELECT x.c, l.id FROM P.civicrm_line_item l JOIN part x
    ON l.entity_table = 'civicrm_participant' AND l.entity_id = x.id),
fi AS (
  SELECT contact_id AS c, id FROM P.civicrm_financial_item
  UNION SELECT x.c, f.id FROM P.civicrm_financial_item f JOIN li x
    ON f.entity_table = 'civicrm_line_item' AND f.entity_id = x.id)
SELECT id AS c, 'civicrm_contact' AS t, id FROM P.civicrm_contact
UNION SELECT c, 'civicrm_contribution', id FROM contrib
UNION SELECT c, 'civicrm_membership', id FROM memb
UNION SELECT c, 'civicrm_participant', id FROM part
UNION SELECT c, 'civicrm_pledge', id FROM pledge
UNION SELECT c, 'civicrm_line_item', id FROM li
UNION SELECT c, 'civicrm_financial_item', id FROM fi
UNION SELECT c, 'civicrm_activity', id FROM act
UNION SELECT c, 'civicrm_case', id FROM cases
UNION SELECT x.c, 'civicrm_entity_financial_trxn', e.id FROM P.civicrm_entity_financial_trxn e
  JOIN contrib x ON e.entity_table = 'civicrm_contribution' AND e.entity_id = x.id
UNION SELECT x.c, 'civicrm_entity_financial_trxn', e.id FROM P.civicrm_entity_financial_trxn e
  JOIN fi x ON e.entity_table = 'civicrm_financial_item' AND e.entity_id = x.id
)";

const std::vector<std::string> kTables = {"civicrm_contact",
                                          "civicrm_email",
                                          "civicrm_phone",
                                          "civicrm_address",
                                          "civicrm_website",
                                          "civicrm_im",
                                          "civicrm_openid",
                                          "civicrm_note",
                                          "civicrm_entity_tag",
                                          "civicrm_log",
                                          "civicrm_activity",
                                          "civicrm_activity_contact",
                                          "civicrm_relationship",
                                          "civicrm_relationship_cache",
                                          "civicrm_group_contact",
                                          "civicrm_subscription_history",
                                          "civicrm_contribution",
                                          "civicrm_contribution_soft",
                                          "civicrm_contribution_recur",
                                          "civicrm_line_item",
                                          "civicrm_financial_item",
                                          "civicrm_entity_financial_trxn",
                                          "civicrm_membership",
                                          "civicrm_membership_log",
                                          "civicrm_membership_payment",
                                          "civicrm_participant",
                                          "civicrm_participant_payment",
                                          "civicrm_pledge",
                                          "civicrm_pledge_payment",
                                          "civicrm_pcp",
                                          "civicrm_uf_match",
                                          "civicrm_payment_token",
                                          "civicrm_contribution_product",
                                          "civicrm_action_log",
                                          "civicrm_case",
                                          "civicrm_case_contact",
                                          "civicrm_case_activity",
                                          "civicrm_dedupe_exception",
                                          "civicrm_mailing_recipients",
                                          "civicrm_mailing_event_queue",
                                          "civicrm_mailing_event_delivered",
                                          "civicrm_mailing_event_bounce",
                                          "civicrm_mailing_event_opened",
                                          "civicrm_mailing_event_trackable_url_open",
                                          "civicrm_mailing_event_reply",
                                          "civicrm_mailing_event_forward",
                                          "civicrm_mailing_event_unsubscribe",
                                          "civicrm_mailing_event_subscribe",
                                          "civicrm_mailing_event_confirm"};

std::string withPrefix(const std::string& sql, const std::string& prefix) {
  return std::regex_replace(sql, std::regex(R"(\bP\.)"), prefix);
}

}  // namespace

std::map<std::string, RowIds> civicrmTies(const SqlShell& shell, const std::string& prefix) {
  std::string sql = kTiesSql;
  for (const auto& [table, column] : kDirect) {
    sql += "UNION SELECT " + column + ", '" + table + "', id FROM P." + table + "\n";
  }
  for (const OnEntity& on : kOnEntity) {
    // Notes by the entity their thread starts at.
    const std::string from =
        std::string(on.table) == "civicrm_note" ? "note_on" : std::string("P.") + on.table;
    sql += std::string("UNION SELECT x.c, '") + on.table + "', r.id FROM " + from + " r JOIN " +
           on.parent + " x ON r.entity_table = '" + on.entityTable + "' AND r.entity_id = x.id\n";
  }
  for (const Via& via : kVia) {
    sql += std::string("UNION SELECT x.c, '") + via.table + "', r.id FROM P." + via.table +
           " r JOIN " + via.parent + " x ON r." + via.column + " = x.id\n";
  }
  std::map<std::string, RowIds> ties;
  for (const auto& row : shell.query(withPrefix(sql, prefix))) {
    if (row.size() != 3) {
      ADD_FAILURE() << "the oracle query gave a row of " << row.size() << " cells";
      continue;
    }
    if (row[0].empty() || row[0] == "NULL") continue;  // a column without a contact
    ties[row[0]].insert({row[1], row[2]});
  }
  return ties;
}

RowIds sharedRows(const std::map<std::string, RowIds>& ties) {
  std::map<RowId, int> contacts;
  for (const auto& [contact, rows] : ties) {
    for (const auto& row : rows) ++contacts[row];
  }
  RowIds shared;
  for (const auto& [row, n] : contacts) {
    if (n > 1) shared.insert(row);
  }
  return shared;
}

std::map<RowId, std::string> civicrmRowTexts(const SqlShell& shell, const std::string& prefix) {
  std::map<RowId, std::string> texts;
  for (const auto& table : kTables) {
    // id is the first column of every CiviCRM table.
    for (const auto& row : shell.query("SELECT * FROM " + prefix + table)) {
      std::string text;
      for (const auto& cell : row) text += cell + '\x1f';
      texts[{table, row.at(0)}] = text;
    }
  }
  return texts;
}

}  // namespace dsrflow::testing
