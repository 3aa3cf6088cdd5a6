// What the writer writes, the loader reads back as the same dataset.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/dataset/dataset_loader.hpp"
#include "sql/dataset/dataset_writer.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kEverything = R"(dataset: shop
description: "Shop: customers and orders"
schema: public
tables:
  - name: customer
    erasure: {retain: {basis: "HGB §257", rule: "10 years from the end of the calendar year"}}
    suppress: {field: opt_out, value: true}
    restrict: {field: note, value: "restricted: yes"}
    fields:
      - {name: id, primary_key: true, categories: [user.unique_id], origin: observed}
      - name: email
        description: "Primary e-mail # as typed"
        categories: [user.contact.email, user.account]
        origin: provided
        identity: email
        erasure: set_null
      - {name: name, categories: [user.name], origin: provided, erasure: {rewrite: "true"}}
      - {name: score, categories: [user.behavior], origin: inferred, erasure: {rewrite: 0}}
      - {name: opt_out}
      - {name: note, categories: [user.content], origin: provided, erasure: pseudonymise}
  - name: invoice
    erasure: {retain: {basis: "AO §147 (1) 4", years: 8, from: issued}}
    restrict: {field: restricted_at, now: true}
    fields:
      - {name: id, primary_key: true}
      - {name: issued}
      - {name: restricted_at}
  - name: customer_tag
    skip: true
    link_table: {left: customer_id, right: tag}
    polymorphic:
      - type_field: kind
        id_field: tag
        direction: to
        targets: {"1": customer.id, "yes": customer.id}
    fields:
      - name: customer_id
        references: [{field: customer.id, direction: from}, {field: other.x.y, direction: both}]
      - name: tag
        references: [{field: customer.id, direction: to}]
      - name: kind
)";

TEST(DatasetWriter, WritesWhatTheLoaderReadsBack) {
  auto original = parseDataset(kEverything, "shop.yaml");
  ASSERT_TRUE(original.ok()) << original.error().message;
  const std::string written = writeDataset(*original, "Line one\n\nLine three");
  EXPECT_THAT(written, StartsWith("# Line one\n#\n# Line three\ndataset: shop\n"));
  EXPECT_THAT(written, HasSubstr("categories: [user.contact.email, user.account]"));

  auto reread = parseDataset(written, "written.yaml");
  ASSERT_TRUE(reread.ok()) << reread.error().message << "\n" << written;
  EXPECT_EQ(writeDataset(*reread), writeDataset(*original));

  const Table& customer = reread->tables[0];
  EXPECT_EQ(customer.erasure->retention.rule, "10 years from the end of the calendar year");
  EXPECT_FALSE(customer.erasure->retention.years);
  const Table& invoice = reread->tables[1];
  EXPECT_EQ(invoice.erasure->retention.years, 8);
  EXPECT_EQ(invoice.erasure->retention.from, "issued");
  EXPECT_TRUE(invoice.restrict->now);
  EXPECT_EQ(customer.restrict->value, Literal::string("restricted: yes"));
  EXPECT_EQ(customer.suppress->value, (Literal{Literal::Kind::kBool, "true"}));
  EXPECT_EQ(customer.fieldAt("name").erasure->rewriteValue, Literal::string("true"));
  EXPECT_EQ(customer.fieldAt("score").erasure->rewriteValue,
            (Literal{Literal::Kind::kInteger, "0"}));
  EXPECT_EQ(customer.fieldAt("email").description, "Primary e-mail # as typed");
  EXPECT_EQ(reread->description, "Shop: customers and orders");
  const Table& link = reread->tables[2];
  EXPECT_TRUE(link.skip);
  EXPECT_EQ(link.polymorphic[0].targets[0].typeValue, "1");
  EXPECT_EQ(link.polymorphic[0].targets[1].typeValue, "yes");
  EXPECT_EQ(link.polymorphic[0].direction, Direction::kTo);
  EXPECT_EQ(link.fields[0].references[1].target.text(), "other.x.y");
  EXPECT_EQ(link.fields[0].references[1].direction, Direction::kBoth);
}

}  // namespace
}  // namespace dsrflow::sql
