/*
 * bad_records: access emits records that violate the record schema, ignores every refusal, emits
 * one valid record and claims success with outcome "completed". Written against plugin.h
 * directly, because the C++ SDK would turn a refused record into a failed call. The host must
 * count the refused records, pass on only the valid one, and never let the others through.
 */
#include "dsrflow/plugin.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct bad_instance {
  const dsrflow_host_services* services;
} bad_instance;

/* Every line but the last breaks the schema in its own way. */
static const char* const kRecords[] = {
    "{\"fields\": {\"a\": 1}}",
    "{\"collection\": \"\", \"fields\": {\"a\": 1}}",
    "{\"collection\": \"c\", \"fields\": [1, 2]}",
    "{\"collection\": \"c\", \"fields\": {\"email\": \"x\"},"
    " \"categories\": {\"email\": [\"User.Contact\"]}}",
    "{\"collection\": \"c\", \"fields\": {\"a\": 1}, \"origin\": {\"a\": \"guessed\"}}",
    "not json at all",
    "[\"collection\", \"c\"]",
    "{\"collection\": \"c\", \"fields\": {\"a\": 1}}",
};

static const char kConfigSchema[] = "{\"type\": \"object\"}";
static const char kManifest[] =
    "{\"system_kind\": \"other\", \"role\": \"processor\","
    " \"purposes\": [{\"name\": \"testing\", \"legal_basis\": \"art6_1_f\"}],"
    " \"data_categories\": [{\"category\": \"user.contact.email\", \"origin\": \"provided\"}]}";

static dsrflow_str str(const char* text) {
  dsrflow_str s;
  s.data = text;
  s.size = strlen(text);
  return s;
}

static dsrflow_instance* bad_create(const dsrflow_host_services* services, dsrflow_call* call,
                                    dsrflow_str config_json) {
  bad_instance* instance = (bad_instance*)malloc(sizeof(bad_instance));
  (void)call;
  (void)config_json;
  if (instance != NULL) instance->services = services;
  return (dsrflow_instance*)instance;
}

static void bad_destroy(dsrflow_instance* instance) { free(instance); }

static dsrflow_status bad_invoke(dsrflow_instance* handle, dsrflow_call* call,
                                 dsrflow_str request_json) {
  const dsrflow_host_services* services = ((const bad_instance*)handle)->services;
  size_t i;
  (void)request_json;
  for (i = 0; i < sizeof kRecords / sizeof kRecords[0]; ++i) {
    (void)services->emit_record(call, str(kRecords[i])); /* refusals ignored on purpose */
  }
  (void)services->set_outcome(call, str("{\"outcome\": \"completed\"}"));
  return DSRFLOW_OK;
}

static const dsrflow_plugin_descriptor kDescriptor = {
    sizeof(dsrflow_plugin_descriptor),
    DSRFLOW_ABI_MAJOR,
    DSRFLOW_ABI_MINOR,
    "org.dsrflow.test.bad_records",
    "1.0.0",
    DSRFLOW_ACTION_ACCESS,
    kConfigSchema,
    kManifest,
    bad_create,
    bad_destroy,
    bad_invoke,
    NULL,
};

DSRFLOW_PLUGIN_EXPORT const dsrflow_plugin_descriptor* dsrflow_plugin_entry(void);
DSRFLOW_PLUGIN_EXPORT const dsrflow_plugin_descriptor* dsrflow_plugin_entry(void) {
  return &kDescriptor;
}
