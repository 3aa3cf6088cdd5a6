// fideslang datasets in, dsrflow datasets out: Fides' own example dataset (third-party
// fixture) and the corner cases of the format.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/dataset/dataset_graph.hpp"
#include "sql/dataset/dataset_loader.hpp"
#include "sql/dataset/dataset_writer.hpp"
#include "sql/dataset/fides_importer.hpp"
#include "support/fixtures.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::SizeIs;

std::string fidesFile(const char* name) {
  return (*testing::fixturesDir() / "fides" / name).string();
}

TEST(FidesImporter, ImportsFidesExamplePostgresDataset) {
  DSRFLOW_REQUIRE_FIXTURES();
  auto imported = importFides(fidesFile("postgres_example_test_dataset.yml"));
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  ASSERT_THAT(imported->datasets, SizeIs(1));
  const Dataset& d = imported->datasets[0];
  EXPECT_EQ(d.name, "postgres_example_test_dataset");
  ASSERT_THAT(d.tables, SizeIs(11));

  const Table& customer = d.tableAt("customer");
  EXPECT_EQ(customer.fieldAt("email").identity, "email");
  EXPECT_EQ(customer.fieldAt("email").origin, Origin::kProvided);
  EXPECT_TRUE(customer.fieldAt("id").primaryKey);
  EXPECT_EQ(customer.fieldAt("id").origin, Origin::kObserved);  // user.unique_id
  const Reference& address = customer.fieldAt("address_id").references.at(0);
  EXPECT_EQ(address.target, (FieldRef{"", "address", "id"}));
  EXPECT_EQ(address.direction, Direction::kTo);
  EXPECT_EQ(d.tableAt("login").fieldAt("customer_id").references.at(0).direction, Direction::kFrom);
  // Both e-mail columns of service_request seed the search.
  EXPECT_EQ(d.tableAt("service_request").fieldAt("alt_email").identity, "email");
  EXPECT_EQ(d.tableAt("service_request").fieldAt("email").identity, "email");

  const std::optional<ErasureStrategy>& rewrite = d.tableAt("employee").fieldAt("name").erasure;
  ASSERT_TRUE(rewrite.has_value());
  EXPECT_EQ(rewrite.value().kind, ErasureKind::kRewrite);
  EXPECT_EQ(rewrite.value().rewriteValue, Literal::string("testing"));
  EXPECT_THAT(imported->notes,
              ElementsAre(HasSubstr("format_preservation: ignored: the rewrite value is written "
                                    "as it is")));

  auto graph = DatasetGraph::build(imported->datasets);
  ASSERT_TRUE(graph.ok()) << graph.error().message;
  EXPECT_THAT(graph->unreachableTables(), IsEmpty());
}

TEST(FidesImporter, TheWrittenDatasetLoadsBackUnchanged) {
  DSRFLOW_REQUIRE_FIXTURES();
  for (const char* file :
       {"postgres_example_test_dataset.yml", "postgres_example_test_extended_dataset.yml"}) {
    auto imported = importFides(fidesFile(file));
    ASSERT_TRUE(imported.ok()) << imported.error().message;
    const Dataset& d = imported->datasets.at(0);
    const std::string written = writeDataset(d, importComment(fidesFile(file), d));
    auto reread = parseDataset(written, "imported.yaml");
    ASSERT_TRUE(reread.ok()) << reread.error().message << "\n" << written;
    EXPECT_EQ(writeDataset(*reread), writeDataset(d)) << file;
  }
  auto extended = importFides(fidesFile("postgres_example_test_extended_dataset.yml"));
  ASSERT_TRUE(extended.ok());
  EXPECT_EQ(extended->datasets.at(0).tableAt("loyalty").fieldAt("id").identity, "loyalty_id");
}

Result<FidesImport> importText(const std::string& text) {
  return importFidesText(text, "fides.yml");
}

TEST(FidesImporter, MapsMetaAndNotesWhatHasNoEquivalent) {
  auto imported = importText(R"(dataset:
  - fides_key: app
    data_categories: [user]
    fides_meta:
      namespace: {schema: crm, database_name: prod}
    collections:
      - name: person
        fides_meta:
          masking_strategy_override: {strategy: delete}
        fields:
          - name: id
            data_categories: [system.operations]
            fidesops_meta: {primary_key: True}
          - name: phone
            fides_meta: {identity: phone_number, masking_strategy_override: {strategy: null_rewrite}}
          - name: token
            data_categories: [user.unique_id]
            fides_meta:
              read_only: true
              masking_strategy_override: {strategy: hmac, configuration: {algorithm: SHA-512}}
          - name: partner_id
            data_categories: [system.operations]
            fides_meta:
              references:
                - {dataset: partner, field: account.id}
      - name: audit
        fides_meta: {skip_processing: true, after: [app.person]}
        fields:
          - name: person_id
            data_categories: [system.operations]
system:
  - fides_key: other
)");
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  const Dataset& d = imported->datasets.at(0);
  EXPECT_EQ(d.schema, "crm");
  const Table& person = d.tables.at(0);
  EXPECT_EQ(person.erasure.value().kind, ErasureKind::kDeleteRow);
  EXPECT_TRUE(person.fieldAt("id").primaryKey);
  const Field* phone = &person.fieldAt("phone");
  EXPECT_EQ(phone->identity, "phone");
  EXPECT_THAT(phone->categories, ElementsAre("user"));  // the dataset's categories
  EXPECT_EQ(phone->erasure->kind, ErasureKind::kSetNull);
  EXPECT_EQ(person.fieldAt("token").erasure->kind, ErasureKind::kPseudonymise);
  const Reference& partner = person.fieldAt("partner_id").references.at(0);
  EXPECT_EQ(partner.target, (FieldRef{"partner", "account", "id"}));
  EXPECT_EQ(partner.direction, Direction::kBoth);
  EXPECT_TRUE(d.tables.at(1).skip);
  EXPECT_THAT(imported->notes,
              ElementsAre(HasSubstr("fides.yml:31: system: ignored: only datasets are imported"),
                          HasSubstr("fides.yml:5: dataset[0].fides_meta.namespace.database_name: "
                                    "ignored"),
                          HasSubstr("fides_meta.read_only: ignored: dsrflow has no read_only"),
                          HasSubstr("hmac became pseudonymise"),
                          HasSubstr("collections[1].fides_meta.after: ignored")));
}

TEST(FidesImporter, RefusesWhatCannotBeASqlDataset) {
  auto nested = importText(R"(dataset:
  - fides_key: docs
    collections:
      - name: customer
        fields:
          - name: address
            fields:
              - {name: city, data_categories: [user.contact.address.city]}
)");
  ASSERT_FALSE(nested.ok());
  EXPECT_EQ(nested.error().message,
            "fides.yml:7: dataset[0].collections[0].fields[0].fields: nested fields (document "
            "databases) have no SQL column; import a relational dataset");

  auto typo = importText(R"(dataset:
  - fides_key: app
    collections:
      - name: customer
        fields:
          - name: email
            fides_meta: {identiy: email}
)");
  ASSERT_FALSE(typo.ok());
  EXPECT_THAT(typo.error().message,
              HasSubstr("fides.yml:7: dataset[0].collections[0].fields[0].fides_meta.identiy: "
                        "unknown key"));

  auto dangling = importText(R"(dataset:
  - fides_key: app
    collections:
      - name: orders
        fields:
          - name: customer_id
            fides_meta:
              references: [{dataset: app, field: customer.id, direction: from}]
)");
  ASSERT_FALSE(dangling.ok());
  EXPECT_THAT(dangling.error().message,
              HasSubstr("refers to table 'customer', which dataset 'app' does not have"));

  auto deep = importText(R"(dataset:
  - fides_key: app
    collections:
      - name: orders
        fields:
          - name: customer_id
            fides_meta:
              references: [{dataset: app, field: customer.address.id}]
)");
  ASSERT_FALSE(deep.ok());
  EXPECT_THAT(deep.error().message, HasSubstr("expected collection.field"));
  EXPECT_FALSE(importText("collections: []\n").ok());
}

TEST(FidesImporter, GuessesOriginsFromCategories) {
  EXPECT_EQ(guessOrigin({"user.contact.email"}), Origin::kProvided);
  EXPECT_EQ(guessOrigin({"system.operations"}), Origin::kObserved);
  EXPECT_EQ(guessOrigin({"user.behavior.browsing_history", "user.device.ip_address"}),
            Origin::kObserved);
  EXPECT_EQ(guessOrigin({"user.device.ip_address", "user.name"}), Origin::kProvided);
}

}  // namespace
}  // namespace dsrflow::sql
