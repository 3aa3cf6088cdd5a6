#include "civicrm_seed.hpp"

#include <regex>

namespace dsrflow::testing {
namespace {

// P. stands for the schema prefix. Ids are given: every table here but the last three is empty
// in the sample. Contact 59's e-mail is 15, its contribution 15 and its activity 465 (the
// sample's); the parents the sample lacks (a case type, a reminder schedule, a mailing with its
// job and a tracked link) come first. The notes, tags and change-log rows at the end follow the
// sample's last ids (its own are all on contacts): activity 8 is shared by contacts 30 and 186,
// relationship 83 ties 30 to 148, participant 21 is 30's, note 6 is about contact 12.
const char* const kSeedSql = R"(
INSERT INTO P.civicrm_case_type (id, name, title) VALUES (1, 'housing', 'Housing support');
INSERT INTO P.civicrm_action_schedule (id, name, title) VALUES (1, 'renewal', 'Renewal');
INSERT INTO P.civicrm_mailing (id, name) VALUES (1, 'Newsletter');
INSERT INTO P.civicrm_mailing_job (id, mailing_id) VALUES (1, 1);
INSERT INTO P.civicrm_mailing_trackable_url (id, url, mailing_id)
  VALUES (1, 'https://example.org/news', 1);
INSERT INTO P.civicrm_uf_match (id, domain_id, uf_id, uf_name, contact_id, language)
  VALUES (1, 1, 9059, 'valenew12@testing.org', 59, 'en_US');
INSERT INTO P.civicrm_payment_token (id, contact_id, payment_processor_id, token, email,
  billing_first_name, billing_last_name, masked_account_number, ip_address)
  VALUES (1, 59, 1, 'tok-59', 'valenew12@testing.org', 'Vale', 'New', '************1111',
  '192.0.2.59');
INSERT INTO P.civicrm_contribution_product (id, product_id, contribution_id, product_option,
  quantity) VALUES (1, 1, 15, 'M', 1);
INSERT INTO P.civicrm_action_log (id, contact_id, entity_id, entity_table, action_schedule_id,
  action_date_time) VALUES (1, 59, 465, 'civicrm_activity', 1, '2022-03-01 10:00:00');
INSERT INTO P.civicrm_case (id, case_type_id, subject, status_id)
  VALUES (1, 1, 'Housing support', 1), (2, 1, 'Shared tenancy', 1);
INSERT INTO P.civicrm_case_contact (id, case_id, contact_id) VALUES (1, 1, 59), (2, 2, 59),
  (3, 2, 30);
INSERT INTO P.civicrm_case_activity (id, case_id, activity_id) VALUES (1, 1, 465);
INSERT INTO P.civicrm_dedupe_exception (id, contact_id1, contact_id2) VALUES (1, 59, 30);
INSERT INTO P.civicrm_mailing_recipients (id, mailing_id, contact_id, email_id)
  VALUES (1, 1, 59, 15);
INSERT INTO P.civicrm_mailing_event_queue (id, job_id, email_id, contact_id, hash)
  VALUES (1, 1, 15, 59, 'q59');
INSERT INTO P.civicrm_mailing_event_delivered (id, event_queue_id, time_stamp)
  VALUES (1, 1, '2022-03-01 10:00:00');
INSERT INTO P.civicrm_mailing_event_bounce (id, event_queue_id, bounce_type_id, bounce_reason,
  time_stamp) VALUES (1, 1, 1, 'mailbox full', '2022-03-01 10:01:00');
INSERT INTO P.civicrm_mailing_event_opened (id, event_queue_id, time_stamp)
  VALUES (1, 1, '2022-03-01 11:00:00');
INSERT INTO P.civicrm_mailing_event_trackable_url_open (id, event_queue_id, trackable_url_id,
  time_stamp) VALUES (1, 1, 1, '2022-03-01 11:01:00');
INSERT INTO P.civicrm_mailing_event_reply (id, event_queue_id, time_stamp)
  VALUES (1, 1, '2022-03-01 12:00:00');
INSERT INTO P.civicrm_mailing_event_forward (id, event_queue_id, time_stamp)
  VALUES (1, 1, '2022-03-01 12:01:00');
INSERT INTO P.civicrm_mailing_event_unsubscribe (id, event_queue_id, org_unsubscribe,
  time_stamp) VALUES (1, 1, 0, '2022-03-02 09:00:00');
INSERT INTO P.civicrm_mailing_event_subscribe (id, group_id, contact_id, hash, time_stamp)
  VALUES (1, 1, 59, 's59', '2022-02-01 09:00:00');
INSERT INTO P.civicrm_mailing_event_confirm (id, event_subscribe_id, time_stamp)
  VALUES (1, 1, '2022-02-01 09:05:00');
INSERT INTO P.civicrm_note (id, entity_table, entity_id, note, subject, created_date) VALUES
  (21, 'civicrm_activity', 465, 'Asked to be called back after six', 'Call', '2022-03-01 10:00:00'),
  (22, 'civicrm_case', 2, 'Both tenants attended', 'Meeting', '2022-03-02 10:00:00'),
  (23, 'civicrm_activity', 8, 'Follow up with both', 'Meeting', '2022-03-03 10:00:00'),
  (24, 'civicrm_contribution', 15, 'In memory of her father', 'Dedication',
   '2022-03-04 10:00:00'),
  (25, 'civicrm_participant', 21, 'Vegetarian meal', 'Dietary needs', '2022-03-05 10:00:00'),
  (26, 'civicrm_note', 6, 'Confirmed by phone', 'Comment', '2022-03-06 10:00:00'),
  (27, 'civicrm_relationship', 83, 'Moved in together in 2019', 'Household',
   '2022-03-07 10:00:00');
INSERT INTO P.civicrm_entity_tag (id, entity_table, entity_id, tag_id) VALUES
  (116, 'civicrm_activity', 465, 5), (117, 'civicrm_case', 1, 4);
INSERT INTO P.civicrm_log (id, entity_table, entity_id, data, modified_id, modified_date) VALUES
  (2, 'civicrm_activity', 465, 'Activity created for source=59', 202, '2022-03-01 10:00:00'),
  (3, 'civicrm_participant', 21, 'Registered', 202, '2022-03-05 10:00:00');
)";

}  // namespace

void seedCivicrmRows(const SqlShell& shell, const std::string& prefix) {
  shell.query(std::regex_replace(kSeedSql, std::regex(R"(\bP\.)"), prefix));
}

}  // namespace dsrflow::testing
