#pragma once
// What the hello connector tells the host before any of its code runs: the JSON Schema of its
// `config:` block and its manifest (schema "manifest" in dsrflow-plugin.schema.json). Both are
// static strings, as the ABI requires.

namespace hello {

inline constexpr char kConfigSchemaJson[] = R"json({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "Hello connector configuration",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "token_secret": {
      "type": "string",
      "minLength": 1,
      "description": "Name of the secret holding the API token; test_connection checks it is set."
    },
    "people": {
      "type": "array",
      "description": "The people the demo system holds; two sample people when absent.",
      "items": {
        "type": "object",
        "required": ["id", "email", "name"],
        "additionalProperties": false,
        "properties": {
          "id": { "type": "string", "minLength": 1 },
          "email": { "type": "string", "minLength": 3 },
          "name": { "type": "string" },
          "newsletter": { "type": "boolean" },
          "pages_viewed": { "type": "array", "items": { "type": "string" } },
          "segment": { "type": "string" }
        }
      }
    }
  }
})json";

inline constexpr char kManifestJson[] = R"json({
  "system_kind": "crm",
  "role": "processor",
  "legal_entity": {
    "name": "Hello CRM GmbH",
    "address": "Musterstraße 1, 10115 Berlin",
    "country": "DE",
    "purpose": "Hosted customer relationship management",
    "role": "processor"
  },
  "dpa": { "reference": "DPA-HELLO-2025-017", "date": "2025-03-01" },
  "certifications": [
    { "name": "ISO/IEC 27001:2022", "issuer": "TÜV Rheinland", "valid_until": "2027-05-31" }
  ],
  "data_location": ["DE", "IE"],
  "transfer_safeguard": "none_needed",
  "purposes": [
    {
      "name": "customer_service",
      "description": "Answering customer enquiries and keeping contact details",
      "legal_basis": "art6_1_b"
    },
    {
      "name": "newsletter",
      "description": "Sending the newsletter to subscribers",
      "legal_basis": "art6_1_a"
    },
    {
      "name": "segmentation",
      "description": "Grouping customers by browsing behaviour for offers",
      "legal_basis": "art6_1_f"
    }
  ],
  "data_categories": [
    { "category": "user.unique_id", "origin": "observed" },
    { "category": "user.contact.email", "origin": "provided" },
    { "category": "user.name", "origin": "provided" },
    { "category": "user.privacy_preferences", "origin": "provided" },
    { "category": "user.behavior.browsing_history", "origin": "observed",
      "source": "the shop's web analytics" },
    { "category": "user.behavior", "origin": "inferred",
      "source": "segmentation model on browsing history" }
  ],
  "recipients": [
    { "name": "Mailer Ltd", "address": "1 Dock Road, Dublin", "country": "IE",
      "purpose": "Newsletter delivery", "role": "processor" }
  ],
  "sub_processors": [
    { "name": "Cloud Hosting AG", "address": "Hafenweg 5, 20457 Hamburg", "country": "DE",
      "purpose": "Infrastructure hosting", "role": "sub-processor" }
  ],
  "retention": [
    { "category": "user.contact.email", "rule": "Until erasure is requested or 3 years after the last contact",
      "legal_basis": "Art. 6(1)(b) GDPR" },
    { "category": "user.behavior.browsing_history", "rule": "13 months",
      "legal_basis": "Art. 6(1)(f) GDPR" }
  ],
  "ai": {
    "automated_decisions": false,
    "profiling": true,
    "logic": "Customers are grouped into segments by the pages they viewed, to tailor offers.",
    "consequences": "Different offers may be shown; no legal or similarly significant effects.",
    "human_review": true
  }
})json";

}  // namespace hello
