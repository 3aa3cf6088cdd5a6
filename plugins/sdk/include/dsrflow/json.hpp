#pragma once
// The SDK's self-contained JSON: json::Value, json::parse / tryParse, json::write.
// Plugins need no JSON library of their own (but may use one: the ABI only sees UTF-8 text).

#include "dsrflow/sdk/json_reader.hpp"
#include "dsrflow/sdk/json_value.hpp"
#include "dsrflow/sdk/json_writer.hpp"
