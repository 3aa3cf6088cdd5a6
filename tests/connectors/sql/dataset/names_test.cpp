// The small rules the dataset format rests on: names, category keys, references, literals.

#include <gtest/gtest.h>

#include "sql/dataset/dataset.hpp"
#include "sql/dataset/names.hpp"
#include "sql/dataset/yaml_map.hpp"

namespace dsrflow::sql {
namespace {

TEST(DatasetNames, IdentifiersCannotCarryWhatEndsAQuotedName) {
  EXPECT_TRUE(isValidIdentifier("civicrm_contact"));
  EXPECT_TRUE(isValidIdentifier("Order Items"));
  EXPECT_TRUE(isValidIdentifier("größe"));
  EXPECT_FALSE(isValidIdentifier(""));
  EXPECT_FALSE(isValidIdentifier(std::string(129, 'a')));
  for (const char* bad : {"a\"b", "a`b", "a.b", "a\\b", "a:b", "a\nb", "a\x7f"}) {
    EXPECT_FALSE(isValidIdentifier(bad)) << bad;
  }
  EXPECT_TRUE(isValidDatasetName("postgres_example-test"));
  EXPECT_FALSE(isValidDatasetName("a.b"));
}

TEST(DatasetNames, CategoriesAreFideslangKeysCoveredByPrefixes) {
  EXPECT_TRUE(isValidCategory("user"));
  EXPECT_TRUE(isValidCategory("user.contact.address.postal_code"));
  EXPECT_TRUE(isValidCategory("user.unique_id.pseudonymous"));
  for (const char* bad : {"", "User", "user.", ".user", "user..name", "user.na-me", "1user"}) {
    EXPECT_FALSE(isValidCategory(bad)) << bad;
  }
  EXPECT_TRUE(categoryCovers("user", "user.contact.email"));
  EXPECT_TRUE(categoryCovers("user.contact", "user.contact"));
  EXPECT_FALSE(categoryCovers("user.contact", "user.contactless"));
  EXPECT_FALSE(categoryCovers("user.contact.email", "user.contact"));
  EXPECT_TRUE(isValidIdentityName("loyalty_id"));
  EXPECT_FALSE(isValidIdentityName("Loyalty"));
}

TEST(DatasetNames, FieldRefsHaveTwoOrThreeParts) {
  EXPECT_EQ(parseFieldRef("customer.id"), (FieldRef{"", "customer", "id"}));
  EXPECT_EQ(parseFieldRef("crm.contact.email"), (FieldRef{"crm", "contact", "email"}));
  EXPECT_EQ(parseFieldRef("crm.contact.email")->text(), "crm.contact.email");
  for (const char* bad : {"customer", "a.b.c.d", "a..b", ".a.b", "a.b."}) {
    EXPECT_FALSE(parseFieldRef(bad)) << bad;
  }
}

TEST(DatasetNames, LiteralsKeepTheirYamlKind) {
  const YAML::Node node = loadYamlText(
      "{a: true, b: False, c: 12, d: -1.5e3, e: '12', f: ~, g: text, h: \"true\"}", "x.yaml");
  EXPECT_EQ(literalOf(node["a"]), (Literal{Literal::Kind::kBool, "true"}));
  EXPECT_EQ(literalOf(node["b"]), (Literal{Literal::Kind::kBool, "false"}));
  EXPECT_EQ(literalOf(node["c"]), (Literal{Literal::Kind::kInteger, "12"}));
  EXPECT_EQ(literalOf(node["d"]), (Literal{Literal::Kind::kNumber, "-1.5e3"}));
  EXPECT_EQ(literalOf(node["e"]), Literal::string("12"));
  EXPECT_EQ(literalOf(node["f"]), Literal::null());
  EXPECT_EQ(literalOf(node["g"]), Literal::string("text"));
  EXPECT_EQ(literalOf(node["h"]), Literal::string("true"));
}

}  // namespace
}  // namespace dsrflow::sql
