// The dataset file format: everything it can say is read into the model, and every mistake is
// reported as FILE:LINE: KEY: problem.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/dataset/dataset_loader.hpp"
#include "sql/dataset/dataset_validation.hpp"
#include "support/temp_dir.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kShop = R"yaml(dataset: shop
description: The web shop's customers
schema: public
origin: provided
tables:
  - name: customer
    erasure: delete_row
    suppress: {field: marketing_opt_out, value: true}
    restrict: {field: restricted, value: 1}
    fields:
      - name: id
        primary_key: true
        categories: [user.unique_id]
        origin: observed
      - name: email
        categories: [user.contact.email]
        identity: email
        erasure: set_null
      - name: name
        categories: [user.name]
        erasure: {rewrite: "(erased)"}
      - name: marketing_opt_out
      - name: restricted
  - name: orders
    origin: observed
    fields:
      - name: id
        primary_key: true
      - name: customer_id
        references:
          - {field: customer.id, direction: from}
      - name: ordered_on
      - name: invoice_total
        categories: [user.financial]
        erasure:
          retain: {basis: "HGB §257 (1) 4", years: 10, from: ordered_on, rule: "books"}
  - name: newsletter
    fields:
      - name: email
        categories: [user.contact.email]
        references:
          - {field: customer.email, direction: from}
        erasure: pseudonymise
  - name: tag
    skip: true
    fields:
      - name: id
        primary_key: true
  - name: customer_tag
    link_table: {left: customer_id, right: tag_id}
    fields:
      - name: customer_id
        references: [{field: customer.id, direction: from}]
      - name: tag_id
        references: [{field: tag.id, direction: to}]
  - name: note
    polymorphic:
      - type_field: entity_table
        id_field: entity_id
        targets:
          customer: customer.id
          orders: orders.id
    fields:
      - name: entity_table
      - name: entity_id
      - name: body
        categories: [user.content]
)yaml";

Result<Dataset> parse(const std::string& text) { return parseDataset(text, "shop.yaml"); }

// The error for `text`, or a failure when it loads.
std::string errorOf(const std::string& text) {
  auto dataset = parse(text);
  if (dataset.ok()) return "(no error)";
  EXPECT_EQ(dataset.error().code, ErrorCode::kInvalidArgument);
  return dataset.error().message;
}

// kShop with `from` replaced by `to` (once; the text must occur).
std::string shopWith(const std::string& from, const std::string& to) {
  std::string text = kShop;
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

TEST(DatasetLoader, ReadsEveryPartOfTheFormat) {
  auto loaded = parse(kShop);
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  const Dataset& d = *loaded;
  EXPECT_EQ(d.name, "shop");
  EXPECT_EQ(d.schema, "public");
  EXPECT_EQ(d.file, "shop.yaml");
  ASSERT_EQ(d.tables.size(), 6U);

  const Table& customer = d.tables[0];
  ASSERT_TRUE(customer.erasure);
  EXPECT_EQ(customer.erasure->kind, ErasureKind::kDeleteRow);
  ASSERT_TRUE(customer.suppress);
  EXPECT_EQ(customer.suppress->field, "marketing_opt_out");
  EXPECT_EQ(customer.suppress->value, (Literal{Literal::Kind::kBool, "true"}));
  ASSERT_TRUE(customer.restrict);
  EXPECT_EQ(customer.restrict->value, (Literal{Literal::Kind::kInteger, "1"}));
  ASSERT_EQ(customer.primaryKey().size(), 1U);
  EXPECT_EQ(customer.primaryKey()[0]->name, "id");

  const Field* id = customer.field("id");
  ASSERT_NE(id, nullptr);
  EXPECT_EQ(id->origin, Origin::kObserved);
  const Field* email = customer.field("email");
  ASSERT_NE(email, nullptr);
  EXPECT_EQ(email->identity, "email");
  EXPECT_THAT(email->categories, ElementsAre("user.contact.email"));
  EXPECT_EQ(email->origin, Origin::kProvided);  // the dataset's default
  EXPECT_EQ(email->erasure->kind, ErasureKind::kSetNull);
  EXPECT_EQ(email->where.line, 15);
  EXPECT_EQ(email->where.key, "tables[0].fields[1]");
  const Field* name = customer.field("name");
  EXPECT_EQ(name->erasure->kind, ErasureKind::kRewrite);
  EXPECT_EQ(name->erasure->rewriteValue, Literal::string("(erased)"));
  // A field without categories is read for links only and needs no origin.
  EXPECT_FALSE(customer.fieldAt("marketing_opt_out").origin.has_value());

  const Table& orders = d.tables[1];
  const Field* customerId = orders.field("customer_id");
  ASSERT_EQ(customerId->references.size(), 1U);
  EXPECT_EQ(customerId->references[0].target, (FieldRef{"", "customer", "id"}));
  EXPECT_EQ(customerId->references[0].direction, Direction::kFrom);
  const Field* total = orders.field("invoice_total");
  EXPECT_EQ(total->origin, Origin::kObserved);  // the table's default beats the dataset's
  EXPECT_EQ(total->erasure->kind, ErasureKind::kRetain);
  EXPECT_EQ(total->erasure->retention.basis, "HGB §257 (1) 4");
  EXPECT_EQ(total->erasure->retention.years, 10);
  EXPECT_EQ(total->erasure->retention.from, "ordered_on");
  EXPECT_EQ(total->erasure->retention.rule, "books");

  EXPECT_EQ(d.tables[2].fields[0].erasure->kind, ErasureKind::kPseudonymise);
  EXPECT_TRUE(d.tables[3].skip);

  const Table& link = d.tables[4];
  ASSERT_TRUE(link.linkTable);
  EXPECT_EQ(link.linkTable->left, "customer_id");
  EXPECT_EQ(link.linkTable->right, "tag_id");

  const Table& note = d.tables[5];
  ASSERT_EQ(note.polymorphic.size(), 1U);
  const PolymorphicLink& poly = note.polymorphic[0];
  EXPECT_EQ(poly.typeField, "entity_table");
  EXPECT_EQ(poly.idField, "entity_id");
  EXPECT_EQ(poly.direction, Direction::kFrom);
  ASSERT_EQ(poly.targets.size(), 2U);
  EXPECT_EQ(poly.targets[0].typeValue, "customer");
  EXPECT_EQ(poly.targets[0].target, (FieldRef{"", "customer", "id"}));
  EXPECT_EQ(poly.targets[1].typeValue, "orders");
}

TEST(DatasetLoader, LoadsFromAFileAndNamesAMissingOne) {
  testing::TempDir dir;
  testing::writeFile(dir / "shop.yaml", kShop);
  auto loaded = loadDataset((dir / "shop.yaml").string());
  ASSERT_TRUE(loaded.ok()) << loaded.error().message;
  EXPECT_EQ(loaded->tables.size(), 6U);

  auto missing = loadDataset((dir / "nope.yaml").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().message, (dir / "nope.yaml").string() + ": cannot read the file");
}

TEST(DatasetLoader, UnknownKeysAreErrorsAtTheirLine) {
  EXPECT_EQ(errorOf(shopWith("        identity: email", "        identiy: email")),
            "shop.yaml:17: tables[0].fields[1].identiy: unknown key (expected one of: "
            "categories, description, erasure, identity, name, origin, primary_key, "
            "references)");
  EXPECT_THAT(errorOf(shopWith("schema: public", "schemas: public")),
              StartsWith("shop.yaml:3: schemas: unknown key"));
  EXPECT_THAT(errorOf(shopWith("{field: customer.id, direction: from}",
                               "{field: customer.id, direction: from, kind: fk}")),
              StartsWith("shop.yaml:31: tables[1].fields[1].references[0].kind: unknown key"));
}

TEST(DatasetLoader, ReferencesToUnknownTablesOrFieldsAreErrors) {
  EXPECT_EQ(errorOf(shopWith("{field: customer.id, direction: from}",
                             "{field: customers.id, direction: from}")),
            "shop.yaml:31: tables[1].fields[1].references[0].field: refers to table "
            "'customers', which dataset 'shop' does not have");
  EXPECT_EQ(errorOf(shopWith("{field: customer.email, direction: from}",
                             "{field: customer.mail, direction: from}")),
            "shop.yaml:42: tables[2].fields[0].references[0].field: refers to field "
            "'customer.mail', which table 'customer' does not declare");
  EXPECT_EQ(errorOf(shopWith("orders: orders.id", "orders: orders.number")),
            "shop.yaml:62: tables[5].polymorphic[0].targets.orders: refers to field "
            "'orders.number', which table 'orders' does not declare");
  EXPECT_THAT(errorOf(shopWith("{field: customer.id, direction: from}",
                               "{field: customer, direction: from}")),
              HasSubstr("expected table.field or dataset.table.field, found 'customer'"));
  EXPECT_THAT(errorOf(shopWith("{field: customer.id, direction: from}",
                               "{field: customer.id, direction: sideways}")),
              HasSubstr("direction: expected from, to or both, found 'sideways'"));
  EXPECT_THAT(errorOf(shopWith("{field: customer.id, direction: from}", "{field: customer.id}")),
              HasSubstr("references[0].direction: is required (from, to or both)"));
  EXPECT_THAT(errorOf(shopWith("{field: customer.id, direction: from}",
                               "{field: orders.customer_id, direction: from}")),
              HasSubstr("a field cannot refer to itself"));
}

TEST(DatasetLoader, ReferencesIntoOtherDatasetsAreCheckedWhenLoadedTogether) {
  auto shop = parse(shopWith("{field: customer.email, direction: from}",
                             "{field: crm.contact.email, direction: from}"));
  ASSERT_TRUE(shop.ok()) << shop.error().message;  // crm is not known yet: not judged alone
  auto crm = parseDataset(R"(dataset: crm
tables:
  - name: contact
    fields:
      - {name: email, categories: [user.contact.email], origin: provided, identity: email}
)",
                          "crm.yaml");
  ASSERT_TRUE(crm.ok()) << crm.error().message;
  EXPECT_TRUE(validateDatasets({*shop, *crm}).ok());

  Status alone = validateDatasets({*shop});
  ASSERT_FALSE(alone.ok());
  EXPECT_EQ(alone.error().message,
            "shop.yaml:42: tables[2].fields[0].references[0].field: refers to dataset 'crm', "
            "which is not among the datasets loaded together with 'shop'");

  auto wrongField = parse(shopWith("{field: customer.email, direction: from}",
                                   "{field: crm.contact.phone, direction: from}"));
  ASSERT_TRUE(wrongField.ok());
  Status missing = validateDatasets({*wrongField, *crm});
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error().message, HasSubstr("refers to field 'contact.phone'"));

  Status twice = validateDatasets({*crm, *crm});
  ASSERT_FALSE(twice.ok());
  EXPECT_THAT(twice.error().message, HasSubstr("dataset 'crm' is loaded twice"));
}

TEST(DatasetLoader, FieldsNeedValidCategoriesAndAnOrigin) {
  EXPECT_EQ(errorOf(shopWith("categories: [user.unique_id]", "categories: [User.Unique-ID]")),
            "shop.yaml:11: tables[0].fields[0].categories: 'User.Unique-ID' is not a data "
            "category key (such as user.contact.email)");
  EXPECT_THAT(errorOf(shopWith("categories: [user.unique_id]",
                               "categories: [user.unique_id, user.unique_id]")),
              HasSubstr("'user.unique_id' is listed twice"));
  EXPECT_EQ(errorOf(shopWith("origin: provided\ntables", "tables")),
            "shop.yaml:14: tables[0].fields[1].origin: is required for a field with data "
            "categories (provided, observed or inferred; here or as the table's or dataset's "
            "origin)");
  EXPECT_THAT(errorOf(shopWith("origin: observed\n      - name: email",
                               "origin: guessed\n      - name: email")),
              HasSubstr("origin: expected provided, observed or inferred, found 'guessed'"));
  EXPECT_THAT(errorOf(shopWith("identity: email", "identity: E-Mail")),
              HasSubstr("identity: 'E-Mail' is not an identity name"));
}

TEST(DatasetLoader, NamesAreCheckedBeforeTheyCanReachSql) {
  EXPECT_THAT(errorOf(shopWith("- name: customer\n", "- name: 'cust\"omer'\n")),
              HasSubstr("tables[0].name: 'cust\"omer' is not a valid table name"));
  EXPECT_THAT(errorOf(shopWith("- name: body", "- name: \"bo.dy\"")),
              HasSubstr("is not a valid field name"));
  EXPECT_THAT(errorOf(shopWith("schema: public", "schema: \"pub`lic\"")),
              HasSubstr("schema: 'pub`lic' is not a valid schema name"));
  EXPECT_THAT(errorOf(shopWith("dataset: shop", "dataset: \"my shop\"")),
              StartsWith("shop.yaml:1: dataset: 'my shop' is not a valid dataset name"));
  EXPECT_THAT(errorOf(shopWith("  - name: orders", "  - name: customer")),
              HasSubstr("table 'customer' is declared twice"));
  EXPECT_THAT(errorOf(shopWith("      - name: restricted", "      - name: email")),
              HasSubstr("field 'email' is declared twice"));
}

TEST(DatasetLoader, ErasureStrategiesMustMakeSenseWhereTheyStand) {
  EXPECT_THAT(errorOf(shopWith("erasure: {rewrite: \"(erased)\"}", "erasure: rewrite")),
              HasSubstr("erasure: rewrite needs a value: rewrite: VALUE"));
  EXPECT_THAT(errorOf(shopWith("erasure: {rewrite: \"(erased)\"}", "erasure: retain")),
              HasSubstr("retain needs its legal basis and period"));
  EXPECT_THAT(errorOf(shopWith("erasure: {rewrite: \"(erased)\"}", "erasure: shred")),
              HasSubstr("expected delete_row, set_null, pseudonymise, rewrite: VALUE or retain: "
                        "{basis, years, from}, found 'shred'"));
  EXPECT_THAT(errorOf(shopWith("erasure: {rewrite: \"(erased)\"}", "erasure: {scramble: 1}")),
              HasSubstr("erasure.scramble: expected rewrite: VALUE or retain: {basis, years, "
                        "from}"));
  EXPECT_THAT(errorOf(shopWith(", years: 10, from: ordered_on, rule: \"books\"", "")),
              HasSubstr("erasure.retain: needs years and from (the period and the date column it "
                        "counts from) or a rule"));
  EXPECT_THAT(errorOf(shopWith("years: 10, from: ordered_on", "years: 10")),
              HasSubstr("erasure.retain.from: is required"));
  EXPECT_THAT(errorOf(shopWith("years: 10, from: ordered_on", "from: ordered_on")),
              HasSubstr("erasure.retain.years: is required with from"));
  EXPECT_THAT(errorOf(shopWith("years: 10,", "years: ten,")),
              HasSubstr("erasure.retain.years: expected a whole number of years from 1 to 100, "
                        "found 'ten'"));
  EXPECT_THAT(errorOf(shopWith("years: 10,", "years: 0,")),
              HasSubstr("expected a whole number of years from 1 to 100, found '0'"));
  EXPECT_THAT(errorOf(shopWith("from: ordered_on", "from: shipped_on")),
              HasSubstr("erasure.retain.from: names field 'shipped_on', which table 'orders' does "
                        "not declare"));
  EXPECT_THAT(errorOf(shopWith("    erasure: delete_row", "    erasure: set_null")),
              HasSubstr("tables[0].erasure: a table's erasure is delete_row or retain; set_null "
                        "belongs on its fields"));
  EXPECT_THAT(errorOf(shopWith("        origin: observed\n      - name: email",
                               "        origin: observed\n        erasure: set_null\n"
                               "      - name: email")),
              HasSubstr("a primary key cannot be erased with set_null"));
}

TEST(DatasetLoader, LinksAndFlagsMustNameDeclaredFields) {
  EXPECT_THAT(
      errorOf(shopWith("{field: marketing_opt_out, value: true}", "{field: opt_out, value: true}")),
      HasSubstr("tables[0].suppress: names field 'opt_out', which table 'customer' "
                "does not declare"));
  EXPECT_THAT(errorOf(shopWith("{field: restricted, value: 1}", "{field: restricted}")),
              HasSubstr("restrict.value: is required"));
  EXPECT_THAT(errorOf(shopWith("{field: restricted, value: 1}",
                               "{field: restricted, value: 1, now: true}")),
              HasSubstr("restrict.now: either value or now: true, not both"));
  EXPECT_THAT(errorOf(shopWith("type_field: entity_table", "type_field: entity_type")),
              HasSubstr("polymorphic[0].type_field: names field 'entity_type'"));
  EXPECT_THAT(errorOf(shopWith("id_field: entity_id", "id_field: entity_table")),
              HasSubstr("id_field: must differ from type_field"));
  EXPECT_THAT(errorOf(shopWith("          orders: orders.id\n", "          customer: orders.id\n")),
              HasSubstr("type value 'customer' is listed twice"));
  EXPECT_THAT(errorOf(shopWith("link_table: {left: customer_id, right: tag_id}",
                               "link_table: {left: customer_id, right: customer_ids}")),
              HasSubstr("link_table.right: names field 'customer_ids'"));
  EXPECT_THAT(errorOf(shopWith("        references: [{field: tag.id, direction: to}]\n", "")),
              HasSubstr("link_table.right: field 'tag_id' of a link table must refer to the "
                        "rows it links"));
}

TEST(DatasetLoader, ShapeErrorsNameWhatWasFound) {
  EXPECT_EQ(errorOf(""), "shop.yaml:1: dataset: is required");
  EXPECT_EQ(errorOf("dataset: shop\n"), "shop.yaml:1: tables: is required");
  EXPECT_EQ(errorOf("dataset: shop\ntables: []\n"),
            "shop.yaml:1: tables: at least one table is required");
  EXPECT_EQ(errorOf("dataset: shop\ntables:\n  - name: t\n"),
            "shop.yaml:3: tables[0].fields: is required");
  EXPECT_EQ(errorOf("dataset: shop\ntables: {customer: 1}\n"),
            "shop.yaml:2: tables: expected a list, found a mapping");
  EXPECT_EQ(errorOf("- a\n- b\n"), "shop.yaml:1: expected a mapping of keys, found a list");
  EXPECT_THAT(errorOf("dataset: [shop\n"), StartsWith("shop.yaml:2: not valid YAML: "));
  EXPECT_THAT(errorOf(shopWith("primary_key: true", "primary_key: maybe")),
              HasSubstr("primary_key: expected true or false, found 'maybe'"));
}

}  // namespace
}  // namespace dsrflow::sql
