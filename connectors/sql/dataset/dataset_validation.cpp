#include "sql/dataset/dataset_validation.hpp"

#include <set>

#include "sql/dataset/dataset_error.hpp"
#include "sql/dataset/names.hpp"

namespace dsrflow::sql {
namespace {

// `where` narrowed to one of its keys, e.g. a field's mapping to its "name".
SourceLocation at(const SourceLocation& where, const std::string& key) {
  SourceLocation out = where;
  if (!key.empty()) out.key = out.key.empty() ? key : out.key + "." + key;
  return out;
}

[[noreturn]] void fail(const SourceLocation& where, const std::string& problem) {
  throw DatasetError(where, problem);
}

void requireIdentifier(const SourceLocation& where, const std::string& what,
                       const std::string& name) {
  if (!isValidIdentifier(name)) {
    fail(where,
         "'" + name + "' is not a valid " + what +
             " name (1-128 characters without quotes, backticks, dots, backslashes, colons or "
             "control characters)");
  }
}

const Dataset* findDataset(const std::vector<const Dataset*>& scope, const std::string& name) {
  for (const Dataset* d : scope) {
    if (d->name == name) return d;
  }
  return nullptr;
}

// Empty when `ref` resolves within `scope`, else what is missing. References into datasets
// outside the scope are not judged (empty) unless `requireAll`.
std::string problemWith(const std::vector<const Dataset*>& scope, const Dataset& owner,
                        const FieldRef& ref, bool requireAll) {
  const std::string datasetName = ref.dataset.empty() ? owner.name : ref.dataset;
  const Dataset* dataset = findDataset(scope, datasetName);
  if (dataset == nullptr) {
    if (!requireAll) return "";
    return "refers to dataset '" + datasetName + "', which is not among the datasets loaded " +
           "together with '" + owner.name + "'";
  }
  const Table* table = dataset->table(ref.table);
  if (table == nullptr) {
    return "refers to table '" + ref.table + "', which dataset '" + dataset->name +
           "' does not have";
  }
  if (table->field(ref.field) == nullptr) {
    return "refers to field '" + ref.table + "." + ref.field + "', which table '" + ref.table +
           "' does not declare";
  }
  return "";
}

class DatasetChecker {
 public:
  DatasetChecker(const Dataset& dataset, std::vector<const Dataset*> scope, bool requireAll)
      : dataset_(dataset), scope_(std::move(scope)), requireAll_(requireAll) {}

  void run() {
    if (!isValidDatasetName(dataset_.name)) {
      fail(dataset_.where,
           "'" + dataset_.name + "' is not a valid dataset name (letters, digits, _ and -)");
    }
    if (!dataset_.schema.empty()) requireIdentifier(topLevel("schema"), "schema", dataset_.schema);
    if (dataset_.tables.empty()) fail(topLevel("tables"), "at least one table is required");
    std::set<std::string> names;
    for (const Table& table : dataset_.tables) {
      if (!names.insert(table.name).second) {
        fail(at(table.where, "name"), "table '" + table.name + "' is declared twice");
      }
      checkTable(table);
    }
  }

 private:
  // A top-level key of the dataset file (the name's line stands for it).
  [[nodiscard]] SourceLocation topLevel(const std::string& key) const {
    return SourceLocation{dataset_.where.file, dataset_.where.line, key};
  }

  void checkLink(const SourceLocation& where, const FieldRef& ref) const {
    if (std::string problem = problemWith(scope_, dataset_, ref, requireAll_); !problem.empty()) {
      fail(where, problem);
    }
  }

  void checkTable(const Table& table) const {
    requireIdentifier(at(table.where, "name"), "table", table.name);
    if (!table.schema.empty()) requireIdentifier(at(table.where, "schema"), "schema", table.schema);
    if (table.fields.empty()) fail(at(table.where, "fields"), "at least one field is required");
    std::set<std::string> names;
    for (const Field& field : table.fields) {
      if (!names.insert(field.name).second) {
        fail(at(field.where, "name"), "field '" + field.name + "' is declared twice");
      }
      checkField(table, field);
    }
    for (const PolymorphicLink& link : table.polymorphic) checkPolymorphic(table, link);
    if (table.linkTable) checkLinkTable(table, *table.linkTable);
    if (table.erasure && table.erasure->kind != ErasureKind::kDeleteRow &&
        table.erasure->kind != ErasureKind::kRetain) {
      fail(table.erasure->where, "a table's erasure is delete_row or retain; " +
                                     std::string(toString(table.erasure->kind)) +
                                     " belongs on its fields");
    }
    if (table.erasure) checkRetention(table, *table.erasure);
    for (const auto* flag : {&table.suppress, &table.restrict}) {
      if (*flag && table.field((*flag)->field) == nullptr) {
        fail((*flag)->where, "names field '" + (*flag)->field + "', which table '" + table.name +
                                 "' does not declare");
      }
    }
  }

  // A retention period counts from a date column of the same table.
  static void checkRetention(const Table& table, const ErasureStrategy& erasure) {
    if (erasure.kind != ErasureKind::kRetain || erasure.retention.from.empty()) return;
    if (table.field(erasure.retention.from) == nullptr) {
      fail(at(erasure.where, "retain.from"), "names field '" + erasure.retention.from +
                                                 "', which table '" + table.name +
                                                 "' does not declare");
    }
  }

  void checkField(const Table& table, const Field& field) const {
    requireIdentifier(at(field.where, "name"), "field", field.name);
    std::set<std::string> categories;
    for (const std::string& category : field.categories) {
      if (!isValidCategory(category)) {
        fail(at(field.where, "categories"),
             "'" + category + "' is not a data category key (such as user.contact.email)");
      }
      if (!categories.insert(category).second) {
        fail(at(field.where, "categories"), "'" + category + "' is listed twice");
      }
    }
    if (!field.categories.empty() && !field.origin) {
      fail(at(field.where, "origin"),
           "is required for a field with data categories (provided, observed or inferred; "
           "here or as the table's or dataset's origin)");
    }
    if (!field.identity.empty() && !isValidIdentityName(field.identity)) {
      fail(at(field.where, "identity"), "'" + field.identity +
                                            "' is not an identity name (a lower-case word such "
                                            "as email, phone, customer_id or loyalty_id)");
    }
    for (const Reference& ref : field.references) {
      const bool self = (ref.target.dataset.empty() || ref.target.dataset == dataset_.name) &&
                        ref.target.table == table.name && ref.target.field == field.name;
      if (self) fail(at(ref.where, "field"), "a field cannot refer to itself");
      checkLink(at(ref.where, "field"), ref.target);
    }
    if (field.erasure) checkRetention(table, *field.erasure);
    if (field.erasure && field.primaryKey &&
        (field.erasure->kind == ErasureKind::kSetNull ||
         field.erasure->kind == ErasureKind::kRewrite ||
         field.erasure->kind == ErasureKind::kPseudonymise)) {
      fail(field.erasure->where, "a primary key cannot be erased with " +
                                     std::string(toString(field.erasure->kind)) +
                                     " (use delete_row or retain)");
    }
  }

  void checkPolymorphic(const Table& table, const PolymorphicLink& link) const {
    for (const auto& [key, name] :
         {std::pair{"type_field", &link.typeField}, std::pair{"id_field", &link.idField}}) {
      if (table.field(*name) == nullptr) {
        fail(at(link.where, key),
             "names field '" + *name + "', which table '" + table.name + "' does not declare");
      }
    }
    if (link.typeField == link.idField) {
      fail(at(link.where, "id_field"), "must differ from type_field");
    }
    if (link.targets.empty()) fail(at(link.where, "targets"), "at least one target is required");
    std::set<std::string> values;
    for (const PolymorphicTarget& target : link.targets) {
      if (!values.insert(target.typeValue).second) {
        fail(target.where, "type value '" + target.typeValue + "' is listed twice");
      }
      checkLink(target.where, target.target);
    }
  }

  void checkLinkTable(const Table& table, const LinkTable& link) const {
    for (const auto& [key, name] :
         {std::pair{"left", &link.left}, std::pair{"right", &link.right}}) {
      const Field* field = table.field(*name);
      if (field == nullptr) {
        fail(at(link.where, key),
             "names field '" + *name + "', which table '" + table.name + "' does not declare");
      }
      if (field->references.empty()) {
        fail(at(link.where, key),
             "field '" + *name + "' of a link table must refer to the rows it links");
      }
    }
    if (link.left == link.right) fail(at(link.where, "right"), "must differ from left");
  }

  const Dataset& dataset_;
  std::vector<const Dataset*> scope_;
  bool requireAll_;
};

}  // namespace

void checkDataset(const Dataset& dataset) { DatasetChecker(dataset, {&dataset}, false).run(); }

Status validateDataset(const Dataset& dataset) {
  try {
    checkDataset(dataset);
  } catch (const DatasetError& e) {
    return invalidArgument(e.what());
  }
  return Ok{};
}

Status validateDatasets(const std::vector<Dataset>& datasets) {
  std::vector<const Dataset*> scope;
  for (const Dataset& d : datasets) scope.push_back(&d);
  try {
    std::set<std::string> names;
    for (const Dataset& d : datasets) {
      if (!names.insert(d.name).second) {
        fail(d.where, "dataset '" + d.name + "' is loaded twice for one system");
      }
      DatasetChecker(d, scope, true).run();
    }
  } catch (const DatasetError& e) {
    return invalidArgument(e.what());
  }
  return Ok{};
}

const Field* resolveField(const std::vector<Dataset>& datasets, const Dataset& owner,
                          const FieldRef& ref) {
  const std::string& name = ref.dataset.empty() ? owner.name : ref.dataset;
  for (const Dataset& d : datasets) {
    if (d.name != name) continue;
    const Table* table = d.table(ref.table);
    return table == nullptr ? nullptr : table->field(ref.field);
  }
  return nullptr;
}

}  // namespace dsrflow::sql
