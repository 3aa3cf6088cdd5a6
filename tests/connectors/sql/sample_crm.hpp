#pragma once
// A small CRM generated for the SQL connector's tests, written to a real SQLite file: contacts
// sharing a household, a newsletter table linked only by a copied e-mail (no foreign key),
// CiviCRM-style notes pointing at contacts or orders through entity_table/entity_id, orders
// whose contact column is text, and a contact_tag link table to shared tags.

#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include <filesystem>
#include <string>

namespace dsrflow::testing {

inline constexpr const char* kSampleCrmDataset = R"(dataset: crm
origin: provided
tables:
  - name: contact
    fields:
      - {name: id, primary_key: true, categories: [user.unique_id], origin: observed}
      - {name: email, categories: [user.contact.email], identity: email}
      - {name: name, categories: [user.name]}
      - name: household_id
        references: [{field: household.id, direction: to}]
  - name: household
    fields:
      - {name: id, primary_key: true}
      - {name: address, categories: [user.contact.address]}
  - name: newsletter
    fields:
      - {name: id, primary_key: true}
      - name: address
        categories: [user.contact.email]
        references: [{field: contact.email, direction: from}]
      - {name: topic, categories: [user.privacy_preferences]}
  - name: note
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
      - {name: total, categories: [user.financial], origin: observed}
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
)";

//! Creates the sample CRM in the SQLite file `path` (which must not exist yet).
inline void createSampleCrm(const std::filesystem::path& path) {
  soci::session db(*soci::factory_sqlite3(), "db=\"" + path.string() + "\"");
  for (const char* statement : {
           "CREATE TABLE household (id INTEGER PRIMARY KEY, address TEXT)",
           "CREATE TABLE contact (id INTEGER PRIMARY KEY, email TEXT, name TEXT, "
           "household_id INTEGER REFERENCES household(id))",
           "CREATE TABLE newsletter (id INTEGER PRIMARY KEY, address TEXT, topic TEXT)",
           "CREATE TABLE note (id INTEGER PRIMARY KEY, entity_table TEXT, entity_id INTEGER, "
           "body TEXT)",
           // Ids of contacts kept as text: the link matches by value, whatever the types.
           "CREATE TABLE orders (id INTEGER PRIMARY KEY, contact_ref TEXT, total REAL)",
           "CREATE TABLE tag (id INTEGER PRIMARY KEY, label TEXT)",
           "CREATE TABLE contact_tag (contact_id INTEGER, tag_id INTEGER, "
           "PRIMARY KEY (contact_id, tag_id))",
           "INSERT INTO household VALUES (10, '1 Main Street'), (11, '2 Side Street')",
           "INSERT INTO contact VALUES (1, 'ann@example.com', 'Ann', 10), "
           "(2, 'bob@example.com', 'Bob', 10), (3, 'cat@example.com', 'Cat', 11)",
           "INSERT INTO newsletter VALUES (1, 'ann@example.com', 'news'), "
           "(2, 'bob@example.com', 'deals'), (3, 'ann@example.com', 'deals')",
           "INSERT INTO note VALUES (1, 'contact', 1, 'called Ann'), (2, 'contact', 2, 'called "
           "Bob'), "
           "(3, 'orders', 100, 'Ann''s order'), (4, 'orders', 101, 'Bob''s order'), "
           "(5, 'invoice', 1, 'invoice 1, not contact 1')",
           "INSERT INTO orders VALUES (100, '1', 20.5), (101, '2', 10), (102, '1', 5)",
           "INSERT INTO tag VALUES (1, 'vip'), (2, 'churn risk'), (3, 'unused')",
           "INSERT INTO contact_tag VALUES (1, 1), (1, 2), (2, 1)",
       }) {
    db << statement;
  }
}

}  // namespace dsrflow::testing
