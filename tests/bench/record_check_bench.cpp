// Both ends of a record's trip from a plugin to the host, per record: the plugin building it
// with the SDK and writing it as JSON (what a connector's emit costs), and the host's check of
// it: the hand-written check the host runs (plugin_host/record_check.hpp) against the generic
// path it replaced (Poco's JSON DOM walked by the schema validator). Prints one table; not run
// by ctest.
//
//   record_check_bench [RECORDS=200000]

#include <chrono>
#include <cstdio>
#include <functional>
#include <iostream>
#include <string>

#include <dsrflow/sdk/record.hpp>

#include "plugin_host/plugin_schema.hpp"
#include "plugin_host/record_check.hpp"

using namespace dsrflow;

namespace {

// A row of a shop's order table as the SQL connector emits it.
const std::string kRecord =
    R"({"collection":"orders","fields":{"id":1234567,"customer_id":98765,)"
    R"("email":"ada.lovelace@example.com","total":"149.90","status":"shipped",)"
    R"("created":"2026-11-29 07:17:26","note":"leave at the door"},)"
    R"("categories":{"email":["user.contact.email"],"total":["user.financial"],)"
    R"("created":["user.behavior.purchase_history"],"note":["user.content"]},)"
    R"("origin":{"email":"provided","total":"observed","created":"observed","note":"provided"},)"
    R"("key":{"id":1234567}})";

// kRecord as a connector builds it, written out as the SDK's Call::emit does.
bool buildAndWrite(std::string& out) {
  namespace sdk = dsrflow::sdk;
  sdk::Record record("orders");
  record.key("id", 1234567);
  record.field("id", 1234567);
  record.field("customer_id", 98765);
  record.field("email", "ada.lovelace@example.com", "user.contact.email", sdk::Origin::provided);
  record.field("total", "149.90", "user.financial", sdk::Origin::observed);
  record.field("status", "shipped");
  record.field("created", "2026-11-29 07:17:26", "user.behavior.purchase_history",
               sdk::Origin::observed);
  record.field("note", "leave at the door", "user.content", sdk::Origin::provided);
  out.clear();
  record.writeJson(out);
  return out.size() == kRecord.size();
}

double microsPerRecord(int records, const std::function<bool()>& check) {
  const auto start = std::chrono::steady_clock::now();
  int accepted = 0;
  for (int i = 0; i < records; ++i) accepted += check() ? 1 : 0;
  const std::chrono::duration<double, std::micro> spent = std::chrono::steady_clock::now() - start;
  if (accepted != records) std::cerr << "record_check_bench: a check refused the record\n";
  return spent.count() / records;
}

}  // namespace

int main(int argc, char** argv) {
  const int records = argc > 1 ? std::stoi(argv[1]) : 200000;
  const auto& schema = plugin_host::PluginSchema::instance().record();
  const double generic =
      microsPerRecord(records, [&] { return schema.parseAndValidate(kRecord).ok(); });
  const double hand =
      microsPerRecord(records, [&] { return plugin_host::checkRecord(kRecord).ok(); });
  std::string written;
  const double build = microsPerRecord(records, [&] { return buildAndWrite(written); });
  std::printf("%-40s %10s %14s\n", "step", "records", "us_per_record");
  std::printf("%-40s %10d %14.2f\n", "plugin: SDK Record built and written", records, build);
  std::printf("%-40s %10d %14.2f\n", "Poco DOM + schema validator (before)", records, generic);
  std::printf("%-40s %10d %14.2f\n", "hand-written check (the host's)", records, hand);
  std::printf("(one %zu-byte record of 7 fields with categories, origins and key; ratio %.1fx)\n",
              kRecord.size(), generic / hand);
  return 0;
}
