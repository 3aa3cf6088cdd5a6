#pragma once
// Metadata shared by the test plugins: a config schema that accepts any object and a small but
// schema-valid manifest.

namespace dsrflow::test_plugins {

inline constexpr char kOpenConfigSchema[] = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "type": "object"
})";

inline constexpr char kManifest[] = R"({
  "system_kind": "other",
  "role": "processor",
  "purposes": [{"name": "testing", "legal_basis": "art6_1_f"}],
  "data_categories": [
    {"category": "user.unique_id", "origin": "observed"},
    {"category": "user.contact.email", "origin": "provided"},
    {"category": "user.name", "origin": "provided"},
    {"category": "user.behavior.purchase_history", "origin": "observed"}
  ]
})";

}  // namespace dsrflow::test_plugins
