#pragma once
// A small CRM generated for the SQL connector's tests, written to a real SQLite file: contacts
// sharing a household, a newsletter table linked only by a copied e-mail (no foreign key),
// CiviCRM-style notes pointing at contacts or orders through entity_table/entity_id, orders
// whose contact column is text, invoices, and a contact_tag link table to shared tags. Foreign
// keys (contact to household, contact_tag to contact and tag) are declared, so deleting in the
// wrong order fails.
//
// Its dataset uses every erasure strategy: contacts, notes and link rows are deleted, a
// household's address rewritten, a newsletter address pseudonymised and its topic set to NULL
// (the default), an order's total and whole invoices retained for 8 years from the end of the
// calendar year of their date. Each person has an old order and invoice (2014/2015: their
// period is over) and one of this year; contacts carry a suppression and a restriction flag.

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace dsrflow::testing {

inline constexpr const char* kSampleCrmDataset = R"yaml(dataset: crm
origin: provided
tables:
  - name: contact
    erasure: delete_row
    suppress: {field: do_not_email, value: true}
    restrict: {field: restricted_at, now: true}
    fields:
      - {name: id, primary_key: true, categories: [user.unique_id], origin: observed}
      - {name: email, categories: [user.contact.email], identity: email}
      - {name: name, categories: [user.name]}
      - name: household_id
        references: [{field: household.id, direction: to}]
      - {name: do_not_email}
      - {name: restricted_at}
  - name: household
    fields:
      - {name: id, primary_key: true}
      - {name: address, categories: [user.contact.address], erasure: {rewrite: "(erased)"}}
  - name: newsletter
    fields:
      - {name: id, primary_key: true}
      - name: address
        categories: [user.contact.email]
        references: [{field: contact.email, direction: from}]
        erasure: pseudonymise
      - {name: topic, categories: [user.privacy_preferences]}
  - name: note
    erasure: delete_row
    polymorphic:
      - type_field: entity_table
        id_field: entity_id
        targets: {contact: contact.id, orders: orders.id}
    fields:
      - {name: id, primary_key: true}
      - {name: entity_table}
      - {name: entity_id}
      - {name: body, categories: [user.content]}
  - name: orders
    fields:
      - {name: id, primary_key: true, categories: [system.operations], origin: observed}
      - name: contact_ref
        references: [{field: contact.id, direction: from}]
      - {name: ordered_on}
      - name: total
        categories: [user.financial]
        origin: observed
        erasure:
          retain: {basis: "HGB §257 (1) 4, AO §147 (1) 4", years: 8, from: ordered_on}
  - name: invoice
    erasure:
      retain: {basis: "HGB §257 (1) 4, AO §147 (1) 4, UStG §14b", years: 8, from: issued}
    fields:
      - {name: id, primary_key: true}
      - name: contact_id
        references: [{field: contact.id, direction: from}]
      - {name: issued}
      - {name: billing_name, categories: [user.name]}
      - {name: amount, categories: [user.financial], origin: observed}
  - name: tag
    fields:
      - {name: id, primary_key: true}
      - {name: label, categories: [user.behavior], origin: inferred}
  - name: contact_tag
    link_table: {left: contact_id, right: tag_id}
    fields:
      - name: contact_id
        references: [{field: contact.id, direction: from}]
      - name: tag_id
        categories: [user.behavior]
        origin: inferred
        references: [{field: tag.id, direction: to}]
)yaml";

//! Creates the sample CRM in the SQLite file `path` (which must not exist yet).
inline void createSampleCrm(const std::filesystem::path& path) {
  soci::session db(*soci::factory_sqlite3(), "db=\"" + path.string() + "\"");
  for (const char* statement : {
           "CREATE TABLE household (id INTEGER PRIMARY KEY, address TEXT)",
           "CREATE TABLE contact (id INTEGER PRIMARY KEY, email TEXT, name TEXT, "
           "household_id INTEGER REFERENCES household(id), do_not_email INTEGER NOT NULL "
           "DEFAULT 0, restricted_at TEXT)",
           "CREATE TABLE newsletter (id INTEGER PRIMARY KEY, address TEXT, topic TEXT)",
           "CREATE TABLE note (id INTEGER PRIMARY KEY, entity_table TEXT, entity_id INTEGER, "
           "body TEXT)",
           // Ids of contacts kept as text: the link matches by value, whatever the types.
           "CREATE TABLE orders (id INTEGER PRIMARY KEY, contact_ref TEXT, total REAL, "
           "ordered_on TEXT)",
           // Vouchers keep the contact's id after the contact is gone: no foreign key.
           "CREATE TABLE invoice (id INTEGER PRIMARY KEY, contact_id INTEGER, issued TEXT, "
           "billing_name TEXT, amount REAL)",
           "CREATE TABLE tag (id INTEGER PRIMARY KEY, label TEXT)",
           "CREATE TABLE contact_tag (contact_id INTEGER REFERENCES contact(id), "
           "tag_id INTEGER REFERENCES tag(id), PRIMARY KEY (contact_id, tag_id))",
           "INSERT INTO household VALUES (10, '1 Main Street'), (11, '2 Side Street')",
           "INSERT INTO contact (id, email, name, household_id) VALUES "
           "(1, 'ann@example.com', 'Ann', 10), (2, 'bob@example.com', 'Bob', 10), "
           "(3, 'cat@example.com', 'Cat', 11)",
           "INSERT INTO newsletter VALUES (1, 'ann@example.com', 'news'), "
           "(2, 'bob@example.com', 'deals'), (3, 'ann@example.com', 'deals')",
           "INSERT INTO note VALUES (1, 'contact', 1, 'called Ann'), (2, 'contact', 2, 'called "
           "Bob'), "
           "(3, 'orders', 100, 'Ann''s order'), (4, 'orders', 101, 'Bob''s order'), "
           "(5, 'invoice', 1, 'invoice 1, not contact 1')",
           "INSERT INTO orders VALUES (100, '1', 20.5, '2015-05-01'), "
           "(101, '2', 10, strftime('%Y-01-15', 'now')), "
           "(102, '1', 5, strftime('%Y-02-10', 'now'))",
           "INSERT INTO invoice VALUES (1, 1, '2014-06-30', 'Ann', 20.5), "
           "(2, 1, strftime('%Y-02-10', 'now'), 'Ann', 5), "
           "(3, 2, strftime('%Y-01-15', 'now'), 'Bob', 10)",
           "INSERT INTO tag VALUES (1, 'vip'), (2, 'churn risk'), (3, 'unused')",
           "INSERT INTO contact_tag VALUES (1, 1), (1, 2), (2, 1)",
       }) {
    db << statement;
  }
}

//! Every row of every table of the SQLite file `path` as text, tables by name and rows by rowid:
//! equal dumps mean equal data.
inline std::string dumpSqlite(const std::filesystem::path& path) {
  soci::session db(*soci::factory_sqlite3(), "db=\"" + path.string() + "\"");
  std::vector<std::string> tables;
  soci::rowset<std::string> names =
      db.prepare << "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
  for (const std::string& name : names) tables.push_back(name);
  std::ostringstream out;
  for (const std::string& table : tables) {
    out << "[" << table << "]\n";
    soci::rowset<soci::row> rows = db.prepare << "SELECT * FROM `" + table + "` ORDER BY rowid";
    for (const soci::row& row : rows) {
      for (std::size_t i = 0; i < row.size(); ++i) {
        if (i > 0) out << '|';
        if (row.get_indicator(i) == soci::i_null) {
          out << "NULL";
          continue;
        }
        switch (row.get_properties(i).get_data_type()) {
          case soci::dt_string:
            out << "'" << row.get<std::string>(i) << "'";
            break;
          case soci::dt_double:
            out << row.get<double>(i);
            break;
          case soci::dt_integer:
            out << row.get<int>(i);
            break;
          default:
            out << row.get<long long>(i);
        }
      }
      out << "\n";
    }
  }
  return out.str();
}

}  // namespace dsrflow::testing
