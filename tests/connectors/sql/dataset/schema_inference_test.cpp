// Drafting a dataset from a catalog: categories guessed from column names, keys, foreign keys as
// `from` references, link tables, and what cannot be drafted left out with a note. The draft
// must be a valid dataset that reads back as written.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/dataset/dataset_loader.hpp"
#include "sql/dataset/dataset_validation.hpp"
#include "sql/dataset/dataset_writer.hpp"
#include "sql/dataset/schema_inference.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using Categories = std::vector<std::string>;

TEST(SchemaInference, GuessesCategoriesFromColumnNames) {
  EXPECT_EQ(guessCategories("email"), Categories{"user.contact.email"});
  EXPECT_EQ(guessCategories("billingEmail"), Categories{"user.contact.email"});
  EXPECT_EQ(guessCategories("EMAIL_ADDRESS"), Categories{"user.contact.email"});
  EXPECT_EQ(guessCategories("mobile"), Categories{"user.contact.phone_number"});
  EXPECT_EQ(guessCategories("fax"), Categories{"user.contact.phone_number"});
  EXPECT_EQ(guessCategories("first_name"), Categories{"user.name"});
  EXPECT_EQ(guessCategories("lastName"), Categories{"user.name"});
  EXPECT_EQ(guessCategories("name"), Categories{"user.name"});
  EXPECT_EQ(guessCategories("street"), Categories{"user.contact.address.street"});
  EXPECT_EQ(guessCategories("city"), Categories{"user.contact.address.city"});
  EXPECT_EQ(guessCategories("zip"), Categories{"user.contact.address.postal_code"});
  EXPECT_EQ(guessCategories("postcode"), Categories{"user.contact.address.postal_code"});
  EXPECT_EQ(guessCategories("country"), Categories{"user.contact.address.country"});
  EXPECT_EQ(guessCategories("address_line1"), Categories{"user.contact.address"});
  EXPECT_EQ(guessCategories("birth_date"), Categories{"user.demographic.date_of_birth"});
  EXPECT_EQ(guessCategories("dob"), Categories{"user.demographic.date_of_birth"});
  EXPECT_EQ(guessCategories("ip_address"), Categories{"user.device.ip_address"});
  EXPECT_EQ(guessCategories("iban"), Categories{"user.financial.bank_account"});
  EXPECT_EQ(guessCategories("card_number"), Categories{"user.financial.credit_card"});
  EXPECT_EQ(guessCategories("do_not_email"), Categories{"user.privacy_preferences"});
  // Names of things, keys and flags are no guess.
  EXPECT_THAT(guessCategories("account_id"), IsEmpty());
  EXPECT_THAT(guessCategories("product_name"), IsEmpty());
  EXPECT_THAT(guessCategories("is_active"), IsEmpty());
  EXPECT_THAT(guessCategories("total"), IsEmpty());
  EXPECT_THAT(guessCategories("id"), IsEmpty());
  EXPECT_THAT(guessCategories("zipper"), IsEmpty());
}

DatabaseSchema shopSchema() {
  DatabaseSchema s;
  s.schema = "shop";
  s.tables = {
      {"customer",
       {"id", "email", "backup_email", "phone", "fax", "first_name", "ip_address"},
       {"id"},
       {}},
      {"orders",
       {"id", "customer_id", "region", "code"},
       {"id"},
       {{{"customer_id"}, "", "customer", {"id"}},
        {{"region", "code"}, "", "price_list", {"region", "code"}},
        {{"code"}, "billing", "ledger", {"code"}}}},
      {"tag", {"id", "label"}, {"id"}, {}},
      {"customer_tag",
       {"customer_id", "tag_id"},
       {"customer_id", "tag_id"},
       {{{"customer_id"}, "", "customer", {"id"}}, {{"tag_id"}, "shop", "tag", {"id"}}}},
      {"bad\"name", {"id"}, {}, {}},
      {"audit", {"id", "odd:column"}, {"id"}, {}},
  };
  return s;
}

TEST(SchemaInference, DraftsTablesKeysReferencesAndIdentities) {
  const InferredDataset inferred = inferDataset(shopSchema(), "shop", "shop");
  const Dataset& d = inferred.dataset;
  EXPECT_EQ(d.name, "shop");
  EXPECT_EQ(d.schema, "shop");
  ASSERT_EQ(d.tables.size(), 5U);  // bad"name left out
  EXPECT_EQ(d.table("bad\"name"), nullptr);

  const Table& customer = d.tableAt("customer");
  EXPECT_TRUE(customer.fieldAt("id").primaryKey);
  EXPECT_THAT(customer.fieldAt("id").categories, IsEmpty());
  EXPECT_FALSE(customer.fieldAt("id").origin.has_value());
  EXPECT_EQ(customer.fieldAt("email").identity, "email");
  EXPECT_EQ(customer.fieldAt("email").origin, Origin::kProvided);
  EXPECT_EQ(customer.fieldAt("backup_email").identity, "");  // the first e-mail column only
  EXPECT_EQ(customer.fieldAt("phone").identity, "phone");
  EXPECT_EQ(customer.fieldAt("fax").identity, "");
  EXPECT_THAT(customer.fieldAt("fax").categories, ElementsAre("user.contact.phone_number"));
  EXPECT_EQ(customer.fieldAt("ip_address").origin, Origin::kObserved);

  const Table& orders = d.tableAt("orders");
  ASSERT_EQ(orders.fieldAt("customer_id").references.size(), 1U);
  const Reference& ref = orders.fieldAt("customer_id").references[0];
  EXPECT_EQ(ref.target, (FieldRef{"", "customer", "id"}));
  EXPECT_EQ(ref.direction, Direction::kFrom);
  // Composite and cross-schema keys are not drafted, but said.
  EXPECT_THAT(orders.fieldAt("region").references, IsEmpty());
  EXPECT_THAT(orders.fieldAt("code").references, IsEmpty());

  const Table& link = d.tableAt("customer_tag");
  ASSERT_TRUE(link.linkTable.has_value());
  EXPECT_EQ(link.linkTable->left, "customer_id");
  EXPECT_EQ(link.linkTable->right, "tag_id");
  EXPECT_EQ(link.fieldAt("tag_id").references.at(0).target, (FieldRef{"", "tag", "id"}));
  EXPECT_THAT(d.tableAt("audit").fields, ::testing::SizeIs(1));

  ASSERT_EQ(inferred.notes.size(), 4U);
  EXPECT_THAT(inferred.notes[0], HasSubstr("table 'bad\"name' left out"));
  EXPECT_THAT(inferred.notes[1], HasSubstr("orders (region, code) -> price_list (region, code) "
                                           "not drafted: a reference matches one column"));
  EXPECT_THAT(
      inferred.notes[2],
      HasSubstr("orders (code) -> billing.ledger (code) not drafted: it leaves the schema"));
  EXPECT_THAT(inferred.notes[3], HasSubstr("column 'audit.odd:column' left out"));
}

TEST(SchemaInference, DraftIsValidAndReadsBackAsWritten) {
  const InferredDataset inferred = inferDataset(shopSchema(), "shop", "");
  Status valid = validateDataset(inferred.dataset);
  ASSERT_TRUE(valid.ok()) << valid.error().message;
  const std::string text =
      writeDataset(inferred.dataset, inferComment("postgresql://db/shop", inferred));
  EXPECT_THAT(text, HasSubstr("# DRAFT written by `dsrflow dataset infer` from "
                              "postgresql://db/shop.\n"));
  EXPECT_THAT(text, HasSubstr("\n# - foreign key orders (region, code) -> price_list"));
  auto reread = parseDataset(text, "shop.yaml");
  ASSERT_TRUE(reread.ok()) << reread.error().message;
  EXPECT_EQ(writeDataset(*reread), writeDataset(inferred.dataset));
}

}  // namespace
}  // namespace dsrflow::sql
