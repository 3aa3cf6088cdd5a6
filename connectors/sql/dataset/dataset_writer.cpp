#include "sql/dataset/dataset_writer.hpp"

#include <yaml-cpp/yaml.h>

#include <sstream>

namespace dsrflow::sql {
namespace {

void writeLiteral(YAML::Emitter& out, const Literal& value) {
  switch (value.kind) {
    case Literal::Kind::kNull:
      out << YAML::Null;
      break;
    case Literal::Kind::kString:
      // Quoted, so text such as "true" or "12" reads back as text.
      out << YAML::DoubleQuoted << value.text;
      break;
    default:
      out << value.text;
  }
}

void writeText(YAML::Emitter& out, const char* key, const std::string& value) {
  if (!value.empty()) out << YAML::Key << key << YAML::Value << value;
}

void writeErasure(YAML::Emitter& out, const ErasureStrategy& erasure) {
  out << YAML::Key << "erasure" << YAML::Value;
  switch (erasure.kind) {
    case ErasureKind::kRewrite:
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "rewrite" << YAML::Value;
      writeLiteral(out, erasure.rewriteValue);
      out << YAML::EndMap;
      break;
    case ErasureKind::kRetain: {
      const Retention& r = erasure.retention;
      out << YAML::BeginMap << YAML::Key << "retain" << YAML::Value << YAML::BeginMap << YAML::Key
          << "basis" << YAML::Value << r.basis;
      if (r.years) {
        out << YAML::Key << "years" << YAML::Value << *r.years << YAML::Key << "from" << YAML::Value
            << r.from;
      }
      writeText(out, "rule", r.rule);
      out << YAML::EndMap << YAML::EndMap;
      break;
    }
    default:
      out << std::string(toString(erasure.kind));
  }
}

void writeFlag(YAML::Emitter& out, const char* key, const std::optional<FlagSetting>& flag) {
  if (!flag) return;
  out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "field"
      << YAML::Value << flag->field;
  if (flag->now) {
    out << YAML::Key << "now" << YAML::Value << true;
  } else {
    out << YAML::Key << "value" << YAML::Value;
    writeLiteral(out, flag->value);
  }
  out << YAML::EndMap;
}

void writeField(YAML::Emitter& out, const Field& field) {
  out << YAML::BeginMap;
  writeText(out, "name", field.name);
  writeText(out, "description", field.description);
  if (field.primaryKey) out << YAML::Key << "primary_key" << YAML::Value << true;
  if (!field.categories.empty()) {
    out << YAML::Key << "categories" << YAML::Value << YAML::Flow << field.categories;
  }
  if (field.origin) {
    out << YAML::Key << "origin" << YAML::Value << std::string(toString(*field.origin));
  }
  writeText(out, "identity", field.identity);
  if (!field.references.empty()) {
    out << YAML::Key << "references" << YAML::Value << YAML::BeginSeq;
    for (const Reference& ref : field.references) {
      out << YAML::Flow << YAML::BeginMap << YAML::Key << "field" << YAML::Value
          << ref.target.text() << YAML::Key << "direction" << YAML::Value
          << std::string(toString(ref.direction)) << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  if (field.erasure) writeErasure(out, *field.erasure);
  out << YAML::EndMap;
}

void writeTable(YAML::Emitter& out, const Table& table) {
  out << YAML::BeginMap;
  writeText(out, "name", table.name);
  writeText(out, "schema", table.schema);
  writeText(out, "description", table.description);
  if (table.skip) out << YAML::Key << "skip" << YAML::Value << true;
  if (table.erasure) writeErasure(out, *table.erasure);
  writeFlag(out, "suppress", table.suppress);
  writeFlag(out, "restrict", table.restrict);
  if (table.linkTable) {
    out << YAML::Key << "link_table" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key
        << "left" << YAML::Value << table.linkTable->left << YAML::Key << "right" << YAML::Value
        << table.linkTable->right << YAML::EndMap;
  }
  if (!table.polymorphic.empty()) {
    out << YAML::Key << "polymorphic" << YAML::Value << YAML::BeginSeq;
    for (const PolymorphicLink& link : table.polymorphic) {
      out << YAML::BeginMap << YAML::Key << "type_field" << YAML::Value << link.typeField
          << YAML::Key << "id_field" << YAML::Value << link.idField << YAML::Key << "direction"
          << YAML::Value << std::string(toString(link.direction)) << YAML::Key << "targets"
          << YAML::Value << YAML::BeginMap;
      for (const PolymorphicTarget& t : link.targets) {
        out << YAML::Key << YAML::DoubleQuoted << t.typeValue << YAML::Value << t.target.text();
      }
      out << YAML::EndMap << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::Key << "fields" << YAML::Value << YAML::BeginSeq;
  for (const Field& field : table.fields) writeField(out, field);
  out << YAML::EndSeq << YAML::EndMap;
}

}  // namespace

std::string writeDataset(const Dataset& dataset, const std::string& comment) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  writeText(out, "dataset", dataset.name);
  writeText(out, "description", dataset.description);
  writeText(out, "schema", dataset.schema);
  out << YAML::Key << "tables" << YAML::Value << YAML::BeginSeq;
  for (const Table& table : dataset.tables) writeTable(out, table);
  out << YAML::EndSeq << YAML::EndMap;

  std::ostringstream text;
  std::istringstream lines(comment);
  for (std::string line; std::getline(lines, line);) {
    text << (line.empty() ? "#" : "# " + line) << '\n';
  }
  text << out.c_str() << '\n';
  return text.str();
}

}  // namespace dsrflow::sql
