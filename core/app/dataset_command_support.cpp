#include "app/dataset_command_support.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace dsrflow::app {

std::string datasetSummary(const sql::Dataset& dataset) {
  std::size_t fields = 0;
  std::size_t personal = 0;
  std::size_t identities = 0;
  std::size_t links = 0;
  for (const sql::Table& table : dataset.tables) {
    fields += table.fields.size();
    for (const sql::PolymorphicLink& link : table.polymorphic) links += link.targets.size();
    for (const sql::Field& field : table.fields) {
      if (!field.categories.empty()) ++personal;
      if (!field.identity.empty()) ++identities;
      links += field.references.size();
    }
  }
  return "dataset " + dataset.name + ": " + std::to_string(dataset.tables.size()) + " table(s), " +
         std::to_string(fields) + " field(s) (" + std::to_string(personal) +
         " with data categories), " + std::to_string(identities) + " identity field(s), " +
         std::to_string(links) + " link(s)";
}

int writeDatasetOutput(CommandContext& ctx, const Arguments& args, const std::string& text,
                       const sql::Dataset& dataset) {
  auto output = args.value("--output");
  if (!output || *output == "-") {
    ctx.out << text;
    return kExitOk;
  }
  // A reviewed dataset is work: never overwrite one by accident.
  if (std::filesystem::exists(*output)) {
    ctx.err << "dsrflow: " << *output << " exists; remove it or choose another --output\n";
    return kExitUsage;
  }
  std::ofstream out(*output, std::ios::binary);
  out << text;
  out.close();
  if (!out) {
    ctx.err << "dsrflow: cannot write " << *output << '\n';
    return kExitFailure;
  }
  ctx.out << "wrote " << *output << " (" << datasetSummary(dataset) << ")\n";
  return kExitOk;
}

Result<sql::DatabaseUrl> databaseUrlOption(const Arguments& args) {
  const auto url = args.value("--url");
  if (!url) return invalidArgument("--url is required");
  std::string password;
  if (auto variable = args.value("--password-env")) {
    const char* value = std::getenv(variable->c_str());
    if (value == nullptr) {
      return invalidArgument("the environment variable " + *variable + " is not set");
    }
    password = value;
  }
  return sql::parseDatabaseUrl(*url, password);
}

std::unique_ptr<sql::SqlDatabase> openDatabaseOption(CommandContext& ctx, const Arguments& args,
                                                     sql::DatabaseUrl& url, int& exit) {
  auto parsed = databaseUrlOption(args);
  if (!parsed) {
    ctx.err << "dsrflow: " << parsed.error().message << '\n';
    exit = kExitUsage;
    return nullptr;
  }
  url = std::move(parsed).value();
  auto db = sql::SqlDatabase::open(url);
  if (!db) {
    ctx.err << "dsrflow: " << db.error().message << '\n';
    exit = kExitFailure;
    return nullptr;
  }
  return std::move(db).value();
}

}  // namespace dsrflow::app
