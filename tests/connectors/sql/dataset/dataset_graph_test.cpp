// References, polymorphic links and identities become lookups, edges and seeds.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "sql/dataset/dataset_graph.hpp"
#include "sql/dataset/dataset_loader.hpp"

namespace dsrflow::sql {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

Dataset load(const std::string& text, const std::string& file) {
  auto dataset = parseDataset(text, file);
  EXPECT_TRUE(dataset.ok()) << dataset.error().message;
  return dataset.ok() ? *dataset : Dataset{};
}

constexpr const char* kCrm = R"(dataset: crm
origin: provided
tables:
  - name: contact
    fields:
      - {name: id, primary_key: true}
      - {name: email, categories: [user.contact.email], identity: email}
  - name: note
    polymorphic:
      - type_field: entity_table
        id_field: entity_id
        targets: {contact: contact.id, activity: activity.id}
      - type_field: entity_table
        id_field: entity_id
        direction: to
        targets: {tag: tag.id}
    fields:
      - {name: entity_table}
      - {name: entity_id}
  - name: activity
    fields:
      - {name: id}
      - name: contact_id
        references: [{field: contact.id, direction: from}]
  - name: tag
    fields:
      - {name: id}
  - name: archive
    skip: true
    fields:
      - name: contact_id
        references: [{field: contact.id, direction: from}]
  - name: orphan
    fields:
      - {name: id}
)";

// "table.field[condition]" for a lookup, for readable expectations.
std::string describe(const DatasetGraph& graph, const Lookup& lookup) {
  std::string out = graph.tableOf(lookup.table).name + "." + lookup.field;
  if (lookup.condition) out += "[" + lookup.condition->field + "=" + lookup.condition->value + "]";
  return out;
}

std::vector<std::string> edges(const DatasetGraph& graph) {
  std::vector<std::string> out;
  for (const Edge& e : graph.edges()) {
    std::string from = graph.tableOf(e.table).name + "." + e.field;
    if (e.condition) from += "[" + e.condition->field + "=" + e.condition->value + "]";
    out.push_back(from + " -> " + describe(graph, graph.lookups()[e.lookup]));
  }
  return out;
}

TEST(DatasetGraph, LinksBecomeEdgesBetweenLookups) {
  auto graph = DatasetGraph::build({load(kCrm, "crm.yaml")});
  ASSERT_TRUE(graph.ok()) << graph.error().message;
  // archive is skipped: no node, no edges.
  ASSERT_EQ(graph->tables().size(), 5U);
  EXPECT_EQ(graph->tables()[0].collection, "contact");
  EXPECT_THAT(edges(*graph),
              UnorderedElementsAre("contact.id -> note.entity_id[entity_table=contact]",
                                   "activity.id -> note.entity_id[entity_table=activity]",
                                   "note.entity_id[entity_table=tag] -> tag.id",
                                   "contact.id -> activity.contact_id"));
  ASSERT_EQ(graph->seeds().size(), 1U);
  EXPECT_EQ(graph->seeds()[0].identity, "email");
  EXPECT_EQ(describe(*graph, graph->lookups()[graph->seeds()[0].lookup]), "contact.email");
  // The note table is found two ways: its lookups are kept apart by their conditions.
  EXPECT_EQ(graph->tables()[1].lookups.size(), 2U);

  std::vector<std::string> unreachable;
  for (std::size_t i : graph->unreachableTables()) unreachable.push_back(graph->tableOf(i).name);
  EXPECT_THAT(unreachable, ElementsAre("orphan"));
}

TEST(DatasetGraph, DirectionsDecideWhichWayValuesFlow) {
  auto graph = DatasetGraph::build({load(R"(dataset: d
tables:
  - name: a
    fields:
      - {name: id, identity: customer_id}
  - name: b
    fields:
      - name: a_id
        references: [{field: a.id, direction: both}]
      - name: c_id
        references: [{field: c.id, direction: to}]
  - name: c
    fields:
      - {name: id}
)",
                                         "d.yaml")});
  ASSERT_TRUE(graph.ok()) << graph.error().message;
  EXPECT_THAT(edges(*graph),
              UnorderedElementsAre("b.a_id -> a.id", "a.id -> b.a_id", "b.c_id -> c.id"));
  EXPECT_TRUE(graph->unreachableTables().empty());
}

TEST(DatasetGraph, DatasetsOfOneSystemLinkAndShareNamesQualified) {
  auto shop = load(R"(dataset: shop
tables:
  - name: contact
    fields:
      - name: email
        categories: [user.contact.email]
        origin: provided
        references: [{field: crm.contact.email, direction: from}]
)",
                   "shop.yaml");
  auto graph = DatasetGraph::build({load(kCrm, "crm.yaml"), shop});
  ASSERT_TRUE(graph.ok()) << graph.error().message;
  EXPECT_EQ(graph->tables().front().collection, "crm.contact");
  EXPECT_EQ(graph->tables().back().collection, "shop.contact");
  EXPECT_EQ(graph->tables()[1].collection, "note");
  EXPECT_THAT(edges(*graph), ::testing::Contains("contact.email -> contact.email"));

  auto alone = DatasetGraph::build({shop});
  ASSERT_FALSE(alone.ok());
  EXPECT_THAT(alone.error().message, HasSubstr("refers to dataset 'crm'"));
}

}  // namespace
}  // namespace dsrflow::sql
