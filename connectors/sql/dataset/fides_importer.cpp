#include "sql/dataset/fides_importer.hpp"

#include "sql/dataset/dataset_error.hpp"
#include "sql/dataset/dataset_validation.hpp"
#include "sql/dataset/names.hpp"
#include "sql/dataset/yaml_map.hpp"

namespace dsrflow::sql {
namespace {

// fideslang keys read but not used: they describe purposes and subjects, not where data is.
constexpr const char* kDescriptiveKeys[] = {"data_uses",      "data_purposes", "data_subjects",
                                            "data_qualifier", "retention",     "tags"};

void skipDescriptiveKeys(YamlMap& m) {
  for (const char* key : kDescriptiveKeys) (void)m.raw(key);
}

// Fides accepts the older name fidesops_meta for fides_meta.
YamlMap fidesMeta(YamlMap& m) {
  if (m.has("fidesops_meta") && !m.has("fides_meta")) return m.mapping("fidesops_meta");
  (void)m.raw("fidesops_meta");
  return m.mapping("fides_meta");
}

class FidesReader {
 public:
  explicit FidesReader(std::string file) : file_(std::move(file)) {}

  FidesImport read(const YAML::Node& root) {
    YamlMap top(root, file_, "", 1);
    for (const std::string& key : top.keys()) {
      if (key != "dataset") {
        (void)top.raw(key);
        note(top.at(key), "ignored: only datasets are imported");
      }
    }
    if (!top.has("dataset")) top.fail("dataset", "is required (a list of fideslang datasets)");
    top.eachMapping("dataset", [&](YamlMap& d) { result_.datasets.push_back(readDataset(d)); });
    top.finish();
    for (const Dataset& d : result_.datasets) checkDataset(d);
    return std::move(result_);
  }

 private:
  void note(const SourceLocation& where, const std::string& text) {
    result_.notes.push_back(where.format(text));
  }

  // Accepts `key` and notes that it was not carried over.
  void ignore(YamlMap& m, const std::string& key, const std::string& why) {
    if (m.has(key)) note(m.at(key), why);
    (void)m.raw(key);
  }

  // What collections and fields both have.
  struct Described {
    SourceLocation where;
    std::string name;
    std::string description;
    std::vector<std::string> categories;  //!< inherited from the level above when absent
  };

  static Described readDescribed(YamlMap& m, const std::vector<std::string>& inherited) {
    Described out{m.location(), m.requiredText("name"), m.text("description").value_or(""),
                  m.textList("data_categories")};
    if (out.categories.empty()) out.categories = inherited;
    skipDescriptiveKeys(m);
    return out;
  }

  Dataset readDataset(YamlMap& m) {
    Dataset d;
    d.file = file_;
    d.name = m.requiredText("fides_key");
    d.where = m.at("fides_key");
    d.description = m.text("description").value_or("");
    (void)m.text("name");
    (void)m.text("organization_fides_key");
    (void)m.raw("meta");
    skipDescriptiveKeys(m);
    const std::vector<std::string> categories = m.textList("data_categories");
    YamlMap meta = fidesMeta(m);
    (void)meta.text("resource_id");
    (void)meta.text("redact");
    ignore(meta, "after", "ignored: dsrflow orders its search by links");
    YamlMap ns = meta.mapping("namespace");
    d.schema = ns.text("schema").value_or("");
    for (const std::string& key : ns.keys()) {
      if (key != "schema") {
        (void)ns.raw(key);
        note(ns.at(key), "ignored: the system's connection names the database");
      }
    }
    ns.finish();
    meta.finish();
    if (!m.has("collections")) m.fail("collections", "is required");
    m.eachMapping("collections",
                  [&](YamlMap& c) { d.tables.push_back(readCollection(c, d.name, categories)); });
    return d;
  }

  Table readCollection(YamlMap& m, const std::string& dataset,
                       const std::vector<std::string>& datasetCategories) {
    Table t;
    Described common = readDescribed(m, datasetCategories);
    t.where = common.where;
    t.name = common.name;
    t.description = common.description;
    const std::vector<std::string>& categories = common.categories;
    YamlMap meta = fidesMeta(m);
    t.skip = meta.flag("skip_processing").value_or(false);
    ignore(meta, "after", "ignored: dsrflow orders its search by links");
    ignore(meta, "erase_after", "ignored: dsrflow orders its search by links");
    ignore(meta, "partitioning", "ignored: not needed by dsrflow");
    (void)meta.text("redact");
    if (meta.has("masking_strategy_override")) {
      YamlMap masking = meta.mapping("masking_strategy_override");
      const std::string strategy = masking.requiredText("strategy");
      if (strategy != "delete")
        masking.fail("strategy", "expected delete, found '" + strategy + "'");
      t.erasure =
          ErasureStrategy{ErasureKind::kDeleteRow, {}, {}, meta.at("masking_strategy_override")};
      masking.finish();
    } else {
      (void)meta.raw("masking_strategy_override");
    }
    meta.finish();
    m.eachMapping("fields",
                  [&](YamlMap& f) { t.fields.push_back(readField(f, dataset, categories)); });
    return t;
  }

  Field readField(YamlMap& m, const std::string& dataset,
                  const std::vector<std::string>& collectionCategories) {
    Field f;
    Described common = readDescribed(m, collectionCategories);
    f.where = common.where;
    f.name = common.name;
    f.description = common.description;
    f.categories = common.categories;
    if (!f.categories.empty()) f.origin = guessOrigin(f.categories);
    if (m.has("fields")) {
      m.fail("fields",
             "nested fields (document databases) have no SQL column; import a "
             "relational dataset");
    }
    (void)m.raw("fields");
    YamlMap meta = fidesMeta(m);
    f.primaryKey = meta.flag("primary_key").value_or(false);
    f.identity = meta.text("identity").value_or("");
    // Fides calls the phone identity phone_number; dsrflow's identity type is phone.
    if (f.identity == "phone_number") f.identity = "phone";
    meta.eachMapping("references",
                     [&](YamlMap& r) { f.references.push_back(readReference(r, dataset)); });
    (void)meta.text("data_type");
    (void)meta.text("length");
    (void)meta.text("redact");
    (void)meta.flag("return_all_elements");
    for (const char* key : {"read_only", "custom_request_field"}) {
      ignore(meta, key,
             std::string("ignored: dsrflow has no ") + key +
                 "; give the field an erasure strategy (e.g. retain) by hand");
    }
    if (meta.has("masking_strategy_override")) {
      f.erasure = readMasking(meta);
    } else {
      (void)meta.raw("masking_strategy_override");
    }
    meta.finish();
    return f;
  }

  Reference readReference(YamlMap& m, const std::string& dataset) {
    Reference ref;
    ref.where = m.location();
    const std::string target = m.requiredText("dataset");
    const std::string field = m.requiredText("field");
    std::optional<FieldRef> parsed = parseFieldRef(field);
    if (!parsed || !parsed->dataset.empty()) {
      m.fail("field",
             "expected collection.field, found '" + field + "' (nested fields have no SQL column)");
    }
    ref.target = FieldRef{target == dataset ? "" : target, parsed->table, parsed->field};
    std::optional<std::string> direction = m.text("direction");
    if (!direction) {
      ref.direction = Direction::kBoth;
    } else if (*direction == "from") {
      ref.direction = Direction::kFrom;
    } else if (*direction == "to") {
      ref.direction = Direction::kTo;
    } else {
      m.fail("direction", "expected from or to, found '" + *direction + "'");
    }
    return ref;
  }

  // Fides masking strategies that mean what a dsrflow erasure strategy means; others are noted.
  std::optional<ErasureStrategy> readMasking(YamlMap& meta) {
    const SourceLocation where = meta.at("masking_strategy_override");
    YamlMap masking = meta.mapping("masking_strategy_override");
    const std::string strategy = masking.requiredText("strategy");
    YamlMap config = masking.mapping("configuration");
    std::optional<ErasureStrategy> out;
    if (strategy == "null_rewrite") {
      out = ErasureStrategy{ErasureKind::kSetNull, {}, {}, where};
    } else if (strategy == "string_rewrite" && config.has("rewrite_value")) {
      out = ErasureStrategy{ErasureKind::kRewrite, *config.literal("rewrite_value"), {}, where};
      if (config.has("format_preservation")) {
        note(config.at("format_preservation"), "ignored: the rewrite value is written as it is");
      }
      (void)config.raw("format_preservation");
    } else if (strategy == "hash" || strategy == "hmac" || strategy == "aes_encrypt") {
      out = ErasureStrategy{ErasureKind::kPseudonymise, {}, {}, where};
      note(where, strategy +
                      " became pseudonymise: dsrflow destroys the key when the request "
                      "closes");
    } else {
      note(where, "ignored: masking strategy " + strategy +
                      " has no dsrflow equivalent; choose an erasure strategy by hand");
    }
    for (const std::string& key : config.keys()) (void)config.raw(key);
    config.finish();
    masking.finish();
    return out;
  }

  std::string file_;
  FidesImport result_;
};

bool recordedBySystem(const std::string& category) {
  for (const char* prefix : {"system", "user.behavior", "user.device", "user.location",
                             "user.sensor", "user.user_sensor", "user.unique_id"}) {
    if (categoryCovers(prefix, category)) return true;
  }
  return false;
}

}  // namespace

Origin guessOrigin(const std::vector<std::string>& categories) {
  for (const std::string& category : categories) {
    if (!recordedBySystem(category)) return Origin::kProvided;
  }
  return categories.empty() ? Origin::kProvided : Origin::kObserved;
}

Result<FidesImport> importFidesText(const std::string& text, const std::string& file) {
  try {
    return FidesReader(file).read(loadYamlText(text, file));
  } catch (const DatasetError& e) {
    return invalidArgument(e.what());
  }
}

Result<FidesImport> importFides(const std::string& file) {
  try {
    return FidesReader(file).read(loadYamlFile(file));
  } catch (const DatasetError& e) {
    return invalidArgument(e.what());
  }
}

std::string importComment(const std::string& file, const Dataset& dataset) {
  return "Imported by `dsrflow dataset import-fides` from the fideslang dataset " + dataset.name +
         "\nin " + file +
         ".\n\nReview before use: fideslang has no origin, so each field's origin was guessed\n"
         "from its data categories (system.*, user.behavior, user.device, user.location,\n"
         "user.sensor and user.unique_id as observed, everything else as provided).\n"
         "Check `dsrflow dataset check` after editing.";
}

}  // namespace dsrflow::sql
