/*
 * A minimal plugin in plain C, written directly against dsrflow/plugin.h: it proves the header
 * is C, and built with one of the RAW_* definitions below it breaks exactly one rule of the
 * ABI in a way the C++ SDK cannot express:
 *
 *   (none)             c_minimal: well-behaved; access answers not_found
 *   RAW_ABI_MAJOR=2    bad_abi_major: a major the host does not speak
 *   RAW_ABI_MINOR=99   newer_minor: a minor newer than the host's
 *   RAW_NULL_NAME      bad_descriptor_null_name: name is NULL
 *   RAW_NO_INVOKE      bad_descriptor_no_invoke: invoke is NULL
 *   RAW_SMALL_STRUCT   bad_descriptor_small_struct: struct_size ends before the functions
 *   RAW_NO_ENTRY       no_entry: a shared library without dsrflow_plugin_entry
 */
#include "dsrflow/plugin.h"

#include <stddef.h>
#include <stdlib.h>

#ifndef RAW_ABI_MAJOR
#define RAW_ABI_MAJOR DSRFLOW_ABI_MAJOR
#endif
#ifndef RAW_ABI_MINOR
#define RAW_ABI_MINOR DSRFLOW_ABI_MINOR
#endif

/* invoke() gets no services table, so each instance keeps the one create() was given. */
typedef struct raw_instance {
  const dsrflow_host_services* services;
} raw_instance;

static const char kConfigSchema[] = "{\"type\": \"object\"}";
static const char kManifest[] =
    "{\"system_kind\": \"other\", \"role\": \"processor\","
    " \"purposes\": [{\"name\": \"testing\", \"legal_basis\": \"art6_1_f\"}],"
    " \"data_categories\": [{\"category\": \"user.contact.email\", \"origin\": \"provided\"}]}";

static dsrflow_instance* raw_create(const dsrflow_host_services* services, dsrflow_call* call,
                                    dsrflow_str config_json) {
  raw_instance* instance = (raw_instance*)malloc(sizeof(raw_instance));
  (void)config_json;
  if (instance == NULL) {
    static const char message[] = "out of memory";
    if (DSRFLOW_HAS_FIELD(services, dsrflow_host_services, set_error)) {
      dsrflow_str text = {message, sizeof message - 1};
      services->set_error(call, 0, text);
    }
    return NULL;
  }
  instance->services = services;
  return (dsrflow_instance*)instance;
}

static void raw_destroy(dsrflow_instance* instance) { free(instance); }

#ifndef RAW_NO_INVOKE
static dsrflow_status raw_invoke(dsrflow_instance* handle, dsrflow_call* call,
                                 dsrflow_str request_json) {
  static const char outcome[] = "{\"outcome\": \"not_found\"}";
  const raw_instance* instance = (const raw_instance*)handle;
  dsrflow_str text = {outcome, sizeof outcome - 1};
  (void)request_json;
  if (!DSRFLOW_HAS_FIELD(instance->services, dsrflow_host_services, set_outcome)) {
    return DSRFLOW_ERROR;
  }
  return instance->services->set_outcome(call, text) == DSRFLOW_OK ? DSRFLOW_OK : DSRFLOW_ERROR;
}
#endif

static const dsrflow_plugin_descriptor kDescriptor = {
#ifdef RAW_SMALL_STRUCT
    offsetof(dsrflow_plugin_descriptor, create),
#else
    sizeof(dsrflow_plugin_descriptor),
#endif
    RAW_ABI_MAJOR,
    RAW_ABI_MINOR,
#ifdef RAW_NULL_NAME
    NULL,
#else
    "org.dsrflow.test.raw",
#endif
    "1.0.0",
    DSRFLOW_ACTION_ACCESS,
    kConfigSchema,
    kManifest,
    raw_create,
    raw_destroy,
#ifdef RAW_NO_INVOKE
    NULL,
#else
    raw_invoke,
#endif
    NULL,
};

#ifndef RAW_NO_ENTRY
DSRFLOW_PLUGIN_EXPORT const dsrflow_plugin_descriptor* dsrflow_plugin_entry(void);
DSRFLOW_PLUGIN_EXPORT const dsrflow_plugin_descriptor* dsrflow_plugin_entry(void) {
  return &kDescriptor;
}
#else
/* Exports something, just not the entry function (say, a misspelt one). */
DSRFLOW_PLUGIN_EXPORT const dsrflow_plugin_descriptor* dsrflow_plugin_entry_v1(void);
DSRFLOW_PLUGIN_EXPORT const dsrflow_plugin_descriptor* dsrflow_plugin_entry_v1(void) {
  return &kDescriptor;
}
#endif
