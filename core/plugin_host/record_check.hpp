#pragma once
// The host's check of every record a plugin emits (schema "record" of
// plugins/sdk/schema/dsrflow-plugin.schema.json), written out by hand. It runs once per record,
// a million times for a large answer, where parsing into Poco's DOM and walking it with the
// generic schema validator cost 45 to 80 µs a record. The schema file stays the contract:
// tests/plugin_host/record_check_test.cpp runs a corpus of records through both and requires
// the same verdicts.

#include <string_view>

#include "model/result.hpp"

namespace dsrflow::plugin_host {

//! Whether `json` is a record: strict JSON (RFC 8259, valid UTF-8, limited nesting), an object
//! with a non-empty string `collection` and an object `fields`; `categories`, when present, an
//! object of arrays of category keys (user.contact.email); `origin` an object of provided,
//! observed or inferred; `key` an object. kInvalidArgument names the path and the rule broken,
//! never a value (records hold personal data).
Status checkRecord(std::string_view json);

}  // namespace dsrflow::plugin_host
