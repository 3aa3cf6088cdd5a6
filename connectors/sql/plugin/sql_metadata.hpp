#pragma once
// What the SQL connector tells the host before any of its code runs: the JSON Schema of a
// system's `config:` block and the plugin's manifest. The manifest is generic (a SQL database
// can be anything): each system states its own in the configuration's `manifest:` block.

namespace dsrflow::sql {

inline constexpr char kConfigSchemaJson[] = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "SQL connector configuration",
  "type": "object",
  "additionalProperties": false,
  "required": ["url"],
  "anyOf": [{"required": ["dataset"]}, {"required": ["datasets"]}],
  "properties": {
    "url": {
      "type": "string",
      "minLength": 4,
      "description": "SOCI-style database URL: postgresql://user@host:port/db (or libpq key=value settings), sqlite3:///path/file.db, mysql://db=NAME host=HOST user=USER. Never a password."
    },
    "dataset": {
      "type": "string",
      "minLength": 1,
      "description": "The dataset file describing the database (absolute, or relative to dsrflow's working directory)."
    },
    "datasets": {
      "type": "array",
      "minItems": 1,
      "items": {"type": "string", "minLength": 1},
      "description": "Several dataset files of one system, e.g. one per schema; references may cross them."
    },
    "password_secret": {
      "type": "string",
      "minLength": 1,
      "description": "Name of the secret holding the database password (DSRFLOW_SECRET_<SYSTEM>_<NAME>)."
    },
    "chunk_size": {
      "type": "integer",
      "minimum": 1,
      "maximum": 10000,
      "description": "Most values bound in one statement's IN lists (default 500)."
    }
  }
})json";

inline constexpr char kManifestJson[] = R"json({
  "system_kind": "other",
  "role": "processor",
  "purposes": [],
  "data_categories": []
})json";

}  // namespace dsrflow::sql
