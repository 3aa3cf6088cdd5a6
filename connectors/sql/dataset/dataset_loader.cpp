#include "sql/dataset/dataset_loader.hpp"

#include "sql/dataset/dataset_error.hpp"
#include "sql/dataset/dataset_validation.hpp"
#include "sql/dataset/yaml_map.hpp"

namespace dsrflow::sql {
namespace {

template <typename E, std::size_t N>
std::optional<E> readEnum(YamlMap& m, const std::string& key, const EnumNameTable<E, N>& names) {
  std::optional<std::string> text = m.text(key);
  if (!text) return std::nullopt;
  if (std::optional<E> value = enumParse(names, *text)) return value;
  std::string expected;
  for (std::size_t i = 0; i < N; ++i) {
    expected += (i == 0 ? "" : i + 1 == N ? " or " : ", ") + std::string(names[i].second);
  }
  m.fail(key, "expected " + expected + ", found '" + *text + "'");
}

FieldRef readFieldRef(YamlMap& m, const std::string& key) {
  const std::string text = m.requiredText(key);
  std::optional<FieldRef> ref = parseFieldRef(text);
  if (!ref) m.fail(key, "expected table.field or dataset.table.field, found '" + text + "'");
  return *ref;
}

Retention readRetention(YamlMap retain) {
  Retention r;
  r.basis = retain.requiredText("basis");
  r.rule = retain.text("rule").value_or("");
  if (std::optional<Literal> years = retain.literal("years")) {
    const bool whole = years->kind == Literal::Kind::kInteger && years->text.size() <= 3;
    const int n = whole ? std::stoi(years->text) : 0;
    if (n < 1 || n > 100) {
      retain.fail("years",
                  "expected a whole number of years from 1 to 100, found '" + years->text + "'");
    }
    r.years = n;
    r.from = retain.requiredText("from");
  } else if (retain.has("from")) {
    retain.fail("years", "is required with from (the retention period in years)");
  } else if (r.rule.empty()) {
    retain.fail("",
                "needs years and from (the period and the date column it counts from) or a "
                "rule saying how long the data is kept");
  }
  retain.finish();
  return r;
}

std::optional<ErasureStrategy> readErasure(YamlMap& m, const std::string& key) {
  const YAML::Node node = m.raw(key);
  if (!node.IsDefined() || node.IsNull()) return std::nullopt;
  ErasureStrategy strategy;
  strategy.where = m.at(key);
  if (node.IsScalar()) {
    std::optional<ErasureKind> kind = enumParse(kErasureKindNames, node.Scalar());
    if (kind == ErasureKind::kRewrite) m.fail(key, "rewrite needs a value: rewrite: VALUE");
    if (kind == ErasureKind::kRetain) {
      m.fail(key,
             "retain needs its legal basis and period: retain: {basis: ..., years: N, from: "
             "DATE_FIELD} (or rule: ... instead of years and from)");
    }
    if (!kind) {
      m.fail(key,
             "expected delete_row, set_null, pseudonymise, rewrite: VALUE or retain: "
             "{basis, years, from}, found '" +
                 node.Scalar() + "'");
    }
    strategy.kind = *kind;
    return strategy;
  }
  YamlMap spec = m.mapping(key);
  if (spec.keys().size() != 1) {
    spec.fail("", "expected exactly one of rewrite: VALUE or retain: {basis, years, from}");
  }
  const std::string which = spec.keys().front();
  if (which == "rewrite") {
    strategy.kind = ErasureKind::kRewrite;
    strategy.rewriteValue = spec.literal("rewrite").value_or(Literal::null());
  } else if (which != "retain") {
    spec.fail(which, "expected rewrite: VALUE or retain: {basis, years, from}");
  } else {
    strategy.kind = ErasureKind::kRetain;
    strategy.retention = readRetention(spec.mapping("retain"));
  }
  spec.finish();
  return strategy;
}

std::optional<FlagSetting> readFlag(YamlMap& m, const std::string& key) {
  if (!m.has(key)) {
    (void)m.raw(key);
    return std::nullopt;
  }
  YamlMap spec = m.mapping(key);
  FlagSetting flag;
  flag.where = m.at(key);
  flag.field = spec.requiredText("field");
  flag.now = spec.flag("now").value_or(false);
  std::optional<Literal> value = spec.literal("value");
  if (flag.now && value) spec.fail("now", "either value or now: true, not both");
  if (!flag.now && !value) {
    spec.fail("value", "is required (the value the action sets, or now: true for the time)");
  }
  if (value) flag.value = *value;
  spec.finish();
  return flag;
}

Field readField(YamlMap& m, std::optional<Origin> defaultOrigin) {
  Field f;
  f.where = m.location();
  f.name = m.requiredText("name");
  f.description = m.text("description").value_or("");
  f.categories = m.textList("categories");
  f.origin = readEnum(m, "origin", kOriginNames);
  if (!f.origin && !f.categories.empty()) f.origin = defaultOrigin;
  f.primaryKey = m.flag("primary_key").value_or(false);
  f.identity = m.text("identity").value_or("");
  m.eachMapping("references", [&](YamlMap& r) {
    Reference ref;
    ref.where = r.location();
    ref.target = readFieldRef(r, "field");
    std::optional<Direction> direction = readEnum(r, "direction", kDirectionNames);
    if (!direction) r.fail("direction", "is required (from, to or both)");
    ref.direction = *direction;
    f.references.push_back(std::move(ref));
  });
  f.erasure = readErasure(m, "erasure");
  return f;
}

PolymorphicLink readPolymorphic(YamlMap& m) {
  PolymorphicLink link;
  link.where = m.location();
  link.typeField = m.requiredText("type_field");
  link.idField = m.requiredText("id_field");
  link.direction = readEnum(m, "direction", kDirectionNames).value_or(Direction::kFrom);
  if (!m.has("targets")) m.fail("targets", "is required (type value: table.field, ...)");
  YamlMap targets = m.mapping("targets");
  for (const std::string& value : targets.keys()) {
    link.targets.push_back(
        PolymorphicTarget{value, readFieldRef(targets, value), targets.at(value)});
  }
  targets.finish();
  return link;
}

Table readTable(YamlMap& m, std::optional<Origin> datasetOrigin) {
  Table t;
  t.where = m.location();
  t.name = m.requiredText("name");
  t.schema = m.text("schema").value_or("");
  t.description = m.text("description").value_or("");
  t.skip = m.flag("skip").value_or(false);
  std::optional<Origin> origin = readEnum(m, "origin", kOriginNames);
  if (!origin) origin = datasetOrigin;
  if (!m.has("fields")) m.fail("fields", "is required");
  m.eachMapping("fields", [&](YamlMap& f) { t.fields.push_back(readField(f, origin)); });
  m.eachMapping("polymorphic", [&](YamlMap& p) { t.polymorphic.push_back(readPolymorphic(p)); });
  if (m.has("link_table")) {
    YamlMap link = m.mapping("link_table");
    t.linkTable =
        LinkTable{link.requiredText("left"), link.requiredText("right"), m.at("link_table")};
    link.finish();
  } else {
    (void)m.raw("link_table");
  }
  t.erasure = readErasure(m, "erasure");
  t.suppress = readFlag(m, "suppress");
  t.restrict = readFlag(m, "restrict");
  return t;
}

Dataset readDataset(const YAML::Node& root, const std::string& file) {
  YamlMap top(root, file, "", 1);
  Dataset d;
  d.file = file;
  d.name = top.requiredText("dataset");
  d.where = top.at("dataset");
  d.description = top.text("description").value_or("");
  d.schema = top.text("schema").value_or("");
  std::optional<Origin> origin = readEnum(top, "origin", kOriginNames);
  if (!top.has("tables")) top.fail("tables", "is required");
  top.eachMapping("tables", [&](YamlMap& t) { d.tables.push_back(readTable(t, origin)); });
  top.finish();
  return d;
}

}  // namespace

Result<Dataset> parseDataset(const std::string& text, const std::string& file) {
  try {
    Dataset dataset = readDataset(loadYamlText(text, file), file);
    checkDataset(dataset);
    return dataset;
  } catch (const DatasetError& e) {
    return invalidArgument(e.what());
  }
}

Result<Dataset> loadDataset(const std::string& file) {
  try {
    Dataset dataset = readDataset(loadYamlFile(file), file);
    checkDataset(dataset);
    return dataset;
  } catch (const DatasetError& e) {
    return invalidArgument(e.what());
  }
}

}  // namespace dsrflow::sql
