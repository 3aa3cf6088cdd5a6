#pragma once
// The demo's two SQLite databases, generated so that a newcomer can run access and erasure
// requests against real SQL systems through the SQL connector: a web shop (customers,
// addresses, orders with items, support tickets that copy an e-mail address without a foreign
// key) and a newsletter/marketing tool (contacts, consents, tracked events, list memberships).
// Their datasets ship as connectors/sql/examples/demo_{shop,marketing}.yaml.
//
// The data is made up and deterministic: Ada (ada@example.com) and Grace (grace@example.com)
// have something everywhere, 40 other customers fill the tables around them.

#include <filesystem>

#include "model/result.hpp"

namespace dsrflow::app {

//! Creates DIR/shop.db and DIR/marketing.db unless they exist.
Status createDemoDatabases(const std::filesystem::path& dir);

}  // namespace dsrflow::app
