#include "sql/dataset/schema_inference.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <set>

#include "sql/dataset/fides_importer.hpp"
#include "sql/dataset/names.hpp"

namespace dsrflow::sql {
namespace {

// A column name's words, lower-case: `billingEmail`, `billing_email` and `BILLING-EMAIL` all
// give {billing, email}; digits end a word (address_line1 gives address, line, 1).
std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back(word);
    word.clear();
  };
  for (std::size_t i = 0; i < name.size(); ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (std::isalpha(c) == 0 && std::isdigit(c) == 0) {
      flush();
      continue;
    }
    const bool upper = std::isupper(c) != 0;
    const bool digit = std::isdigit(c) != 0;
    if (!word.empty()) {
      const auto previous = static_cast<unsigned char>(name[i - 1]);
      if ((upper && std::islower(previous) != 0) || digit != (std::isdigit(previous) != 0)) {
        flush();
      }
    }
    word += static_cast<char>(std::tolower(c));
  }
  flush();
  return out;
}

class Words {
 public:
  explicit Words(std::string_view column) : words_(words(column)) {
    for (const std::string& w : words_) joined_ += w;
  }
  [[nodiscard]] bool any(std::initializer_list<const char*> candidates) const {
    return std::any_of(words_.begin(), words_.end(), [&](const std::string& w) {
      return std::find(candidates.begin(), candidates.end(), w) != candidates.end();
    });
  }
  [[nodiscard]] bool is(const char* whole) const { return joined_ == whole; }
  [[nodiscard]] bool joinedHas(const char* part) const {
    return joined_.find(part) != std::string::npos;
  }
  [[nodiscard]] const std::string& first() const { return words_.front(); }
  [[nodiscard]] const std::string& last() const { return words_.back(); }
  [[nodiscard]] bool empty() const { return words_.empty(); }

 private:
  std::vector<std::string> words_;
  std::string joined_;
};

// A person's name: `name` alone, or `first_name`, `billing_name`, `surname`, ...
bool isPersonName(const Words& w) {
  if (w.is("name") || w.any({"surname", "firstname", "lastname", "fullname", "forename",
                             "givenname", "familyname", "middlename", "nickname"})) {
    return true;
  }
  return w.last() == "name" &&
         w.any({"first", "last", "given", "family", "full", "middle", "maiden", "billing",
                "shipping", "contact", "customer", "display", "person"});
}

std::string guessCategory(const Words& w) {
  if (w.empty()) return "";
  // Flags about contact (do_not_email, newsletter_opt_in) are choices, not contact data;
  // other flags (is_active, has_paid) are no guess at all.
  if (w.any({"do", "opt", "optin", "optout", "consent", "unsubscribed", "subscribed"})) {
    return "user.privacy_preferences";
  }
  if (w.first() == "is" || w.first() == "has") return "";
  if (w.any({"email", "mail"}) || w.joinedHas("email")) return "user.contact.email";
  if (w.any({"ip", "ipv4", "ipv6"}) || w.joinedHas("ipaddress")) return "user.device.ip_address";
  if (w.any({"phone", "mobile", "fax", "tel", "telephone", "cell", "cellphone"}) ||
      w.joinedHas("phone")) {
    return "user.contact.phone_number";
  }
  if (w.any({"username", "login"}) || w.is("username")) return "user.account.username";
  if (isPersonName(w)) return "user.name";
  if (w.any({"birth", "dob", "birthday", "birthdate"}) || w.joinedHas("birth")) {
    return "user.demographic.date_of_birth";
  }
  if (w.any({"street", "streetname"}) || w.is("housenumber")) return "user.contact.address.street";
  if (w.any({"city", "town"})) return "user.contact.address.city";
  if (w.any({"postcode", "postal", "zip", "zipcode", "plz"})) {
    return "user.contact.address.postal_code";
  }
  if (w.any({"country"})) return "user.contact.address.country";
  if (w.any({"address", "addr"})) return "user.contact.address";
  // `account_id` or `card_type` name a thing, not the number.
  if (w.last() != "id" && w.last() != "type") {
    if (w.any({"card", "cc", "pan"})) return "user.financial.credit_card";
    if (w.any({"iban", "bic", "bank", "account"})) return "user.financial.bank_account";
  }
  if (w.any({"gender", "sex"})) return "user.demographic.gender";
  if (w.any({"ssn", "passport"}) || w.is("nationalid") || w.is("taxid")) {
    return "user.government_id";
  }
  if (w.any({"password", "passwd", "pwd"})) return "user.authorization.credentials";
  if (w.any({"latitude", "longitude", "lat", "lng", "geo", "geolocation"})) return "user.location";
  if (w.is("useragent")) return "user.device";
  if (w.any({"cookie"})) return "user.device.cookie_id";
  return "";
}

class Drafter {
 public:
  Drafter(const DatabaseSchema& schema, InferredDataset& out) : schema_(schema), out_(out) {}

  void run(const std::string& name, const std::string& schemaName) {
    Dataset& d = out_.dataset;
    d.name = name;
    d.schema = schemaName;
    d.description = "Drafted from the database's catalog; review before use";
    for (const TableSchema& table : schema_.tables) {
      if (!isValidIdentifier(table.name)) {
        note("table '" + table.name + "' left out: its name cannot be quoted safely");
        continue;
      }
      drafted_.insert(table.name);
    }
    for (const TableSchema& table : schema_.tables) {
      if (drafted_.count(table.name) != 0) d.tables.push_back(draftTable(table));
    }
  }

 private:
  void note(std::string text) { out_.notes.push_back(std::move(text)); }

  [[nodiscard]] bool sameSchema(const ForeignKeySchema& key) const {
    return key.referencedSchema.empty() || key.referencedSchema == schema_.schema;
  }

  Table draftTable(const TableSchema& source) {
    Table t;
    t.name = source.name;
    bool emailIdentity = false;
    bool phoneIdentity = false;
    for (const std::string& column : source.columns) {
      if (!isValidIdentifier(column)) {
        note("column '" + source.name + "." + column +
             "' left out: its name cannot be quoted safely");
        continue;
      }
      Field f;
      f.name = column;
      f.primaryKey = std::find(source.primaryKey.begin(), source.primaryKey.end(), column) !=
                     source.primaryKey.end();
      const std::string category = guessCategory(Words(column));
      if (!category.empty()) {
        f.categories = {category};
        f.origin = guessOrigin(f.categories);
      }
      // The first e-mail and phone column of a table seed the search; a fax number does not.
      if (category == "user.contact.email" && !emailIdentity) {
        f.identity = "email";
        emailIdentity = true;
      } else if (category == "user.contact.phone_number" && !phoneIdentity &&
                 !Words(column).any({"fax"})) {
        f.identity = "phone";
        phoneIdentity = true;
      }
      t.fields.push_back(std::move(f));
    }
    for (const ForeignKeySchema& key : source.foreignKeys) addReference(source, t, key);
    markLinkTable(t);
    return t;
  }

  void addReference(const TableSchema& source, Table& t, const ForeignKeySchema& key) {
    const std::string text = source.name + " (" + joined(key.columns) + ") -> " +
                             (sameSchema(key) ? "" : key.referencedSchema + ".") +
                             key.referencedTable + " (" + joined(key.referencedColumns) + ")";
    if (!sameSchema(key)) {
      note("foreign key " + text + " not drafted: it leaves the schema (add a second dataset)");
      return;
    }
    if (key.columns.size() != 1 || key.referencedColumns.size() != 1) {
      note("foreign key " + text +
           " not drafted: a reference matches one column; add the columns that identify "
           "the row by hand");
      return;
    }
    const TableSchema* target = tableSchema(key.referencedTable);
    Field* field = fieldOf(t, key.columns[0]);
    if (target == nullptr || field == nullptr || drafted_.count(target->name) == 0 ||
        !isValidIdentifier(key.referencedColumns[0])) {
      note("foreign key " + text + " not drafted: a table or column of it was left out");
      return;
    }
    const FieldRef ref{"", key.referencedTable, key.referencedColumns[0]};
    for (const Reference& existing : field->references) {
      if (existing.target == ref) return;
    }
    field->references.push_back(Reference{ref, Direction::kFrom, {}});
  }

  // A table of just two columns that both refer elsewhere only joins rows (many-to-many).
  static void markLinkTable(Table& t) {
    if (t.fields.size() != 2) return;
    for (const Field& f : t.fields) {
      if (f.references.empty()) return;
    }
    t.linkTable = LinkTable{t.fields[0].name, t.fields[1].name, {}};
  }

  [[nodiscard]] const TableSchema* tableSchema(const std::string& name) const {
    for (const TableSchema& table : schema_.tables) {
      if (table.name == name) return &table;
    }
    return nullptr;
  }

  static Field* fieldOf(Table& t, const std::string& name) {
    for (Field& f : t.fields) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }

  static std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
  }

  const DatabaseSchema& schema_;
  InferredDataset& out_;
  std::set<std::string> drafted_;
};

}  // namespace

std::vector<std::string> guessCategories(std::string_view column) {
  std::string category = guessCategory(Words(column));
  if (category.empty()) return {};
  return {std::move(category)};
}

InferredDataset inferDataset(const DatabaseSchema& schema, const std::string& name,
                             const std::string& schemaName) {
  InferredDataset out;
  Drafter(schema, out).run(name, schemaName);
  return out;
}

std::string inferComment(const std::string& source, const InferredDataset& inferred) {
  std::string text =
      "DRAFT written by `dsrflow dataset infer` from " + source +
      ".\n\nReview before use: this is a guess, not a finding.\n"
      "- Data categories were guessed from column names only; columns without a guess have\n"
      "  none (they are read only to follow links). Add the personal data the names hide.\n"
      "- Origins were guessed from the categories (system.*, user.behavior, user.device,\n"
      "  user.location, user.sensor and user.unique_id as observed, everything else provided).\n"
      "- Identities: the first e-mail and phone column of each table seed the search.\n"
      "- Foreign keys became references in direction `from` (the referenced row finds the\n"
      "  rows referring to it); turn a link to `to` where the person's row refers to theirs\n"
      "  (e.g. a customer's address), and add links the schema does not declare (copied\n"
      "  e-mails, entity_table/entity_id columns).\n"
      "- No erasure strategies were drafted: add retain where law requires keeping data.\n"
      "Check `dsrflow dataset check` after editing.";
  if (!inferred.notes.empty()) text += "\n\nNotes:";
  for (const std::string& n : inferred.notes) text += "\n- " + n;
  return text;
}

}  // namespace dsrflow::sql
