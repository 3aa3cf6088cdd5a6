/*
 * dsrflow plugin ABI: the stable C contract between the dsrflow host and connector plugins.
 *
 * Why C: vendors build plugins with other compilers and standard libraries than the host, so
 * nothing crosses this boundary but C types: fixed-width integers, pointers to UTF-8 bytes with
 * explicit lengths, and function pointers. No exception, no std:: type and no memory owned by
 * one side is ever freed by the other.
 *
 * Versioning: DSRFLOW_ABI_MAJOR changes only when the contract breaks; the host refuses a
 * plugin whose major differs or whose minor is newer than the host's. Structs only ever grow by
 * appending fields, and each carries struct_size so either side can tell which fields exist
 * (DSRFLOW_HAS_FIELD). A plugin built against ABI 1.0 keeps working with every 1.x host.
 *
 * Ownership, in the names:
 *   - dsrflow_str is a borrowed view: valid only during the call that passes it; copy to keep.
 *   - Everything the plugin returns from its descriptor (strings, schema, manifest) is static:
 *     it must live as long as the library is loaded.
 *   - Values the host hands out on request (secrets, blobs, callback URLs) arrive through a
 *     caller-supplied dsrflow_sink, called during the request; copy inside the sink.
 *
 * Threading: the host may call invoke() on different instances concurrently, and on one
 * instance from one thread at a time. Host services may be called from the invoking thread
 * only, and only during invoke()/create()/on_callback().
 *
 * Data: records, outcomes and requests are UTF-8 JSON in the shapes of dsrflow-plugin.schema.json
 * (shipped beside this header, versioned with the ABI).
 */
#ifndef DSRFLOW_PLUGIN_H
#define DSRFLOW_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DSRFLOW_ABI_MAJOR 1
#define DSRFLOW_ABI_MINOR 0

/* The one symbol a plugin exports (see dsrflow_plugin_entry_fn). */
#define DSRFLOW_PLUGIN_ENTRY_SYMBOL "dsrflow_plugin_entry"

#if defined(_WIN32)
#define DSRFLOW_PLUGIN_EXPORT __declspec(dllexport)
#else
#define DSRFLOW_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* The size of a struct member without an object; C++ spells it without a cast so that code
 * built with -Wold-style-cast stays warning-free. */
#ifdef __cplusplus
#define DSRFLOW_FIELD_SIZE(type, field) sizeof(type::field)
#else
#define DSRFLOW_FIELD_SIZE(type, field) sizeof(((type*)0)->field)
#endif

/* True when a struct passed by the other side is large enough to contain `field`. */
#define DSRFLOW_HAS_FIELD(ptr, type, field) \
  ((ptr) != NULL && (ptr)->struct_size >= offsetof(type, field) + DSRFLOW_FIELD_SIZE(type, field))

/* A borrowed UTF-8 byte range; not NUL-terminated; valid only during the call. */
typedef struct dsrflow_str {
  const char* data;
  size_t size;
} dsrflow_str;

/* Receives a value the host hands out; copy `value` before returning. */
typedef void (*dsrflow_sink)(void* context, dsrflow_str value);

/* Result codes of every call in both directions. */
typedef enum dsrflow_status {
  DSRFLOW_OK = 0,
  DSRFLOW_ERROR = 1,       /* failed; the reason was given through set_error */
  DSRFLOW_CANCELLED = 2,   /* the host cancelled the call or its deadline passed: stop now */
  DSRFLOW_UNAVAILABLE = 3, /* the host does not offer this service (yet) */
  DSRFLOW_NOT_FOUND = 4,   /* e.g. no such secret or blob */
  DSRFLOW_INVALID = 5      /* the argument was malformed, e.g. a record not matching the schema */
} dsrflow_status;

/* Actions a plugin can perform (descriptor.actions is a bit set of these). */
typedef enum dsrflow_action {
  DSRFLOW_ACTION_ACCESS = 1u << 0,
  DSRFLOW_ACTION_ERASE = 1u << 1,
  DSRFLOW_ACTION_RECTIFY = 1u << 2,
  DSRFLOW_ACTION_RESTRICT = 1u << 3,
  DSRFLOW_ACTION_SUPPRESS = 1u << 4,
  DSRFLOW_ACTION_EXPLAIN = 1u << 5,
  DSRFLOW_ACTION_STATUS = 1u << 6,
  DSRFLOW_ACTION_TEST_CONNECTION = 1u << 7
} dsrflow_action;

typedef enum dsrflow_log_level {
  DSRFLOW_LOG_DEBUG = 0,
  DSRFLOW_LOG_INFO = 1,
  DSRFLOW_LOG_WARN = 2,
  DSRFLOW_LOG_ERROR = 3
} dsrflow_log_level;

/* The host's context of one call (create, invoke, on_callback); opaque to the plugin. */
typedef struct dsrflow_call dsrflow_call;

/* A plugin's instance for one configured system; opaque to the host. */
typedef struct dsrflow_instance dsrflow_instance;

/*
 * Services the host offers a plugin. The table outlives every instance. Call a service only if
 * DSRFLOW_HAS_FIELD says the host's table has it; a service the host has but does not offer in
 * this deployment answers DSRFLOW_UNAVAILABLE.
 */
typedef struct dsrflow_host_services {
  uint32_t struct_size;
  uint16_t abi_major;
  uint16_t abi_minor;

  /* Writes a log line attributed to the plugin. Never log personal data in clear. */
  void (*log)(dsrflow_call* call, dsrflow_log_level level, dsrflow_str message);

  /* Streams one result record (JSON, schema "record"). DSRFLOW_CANCELLED: stop and return. */
  dsrflow_status (*emit_record)(dsrflow_call* call, dsrflow_str record_json);

  /* Sets the call's outcome (JSON, schema "outcome"); the last one set before invoke returns
   * DSRFLOW_OK counts. */
  dsrflow_status (*set_outcome)(dsrflow_call* call, dsrflow_str outcome_json);

  /* Describes why the call failed; `retryable` non-zero when trying again later may succeed.
   * Messages must not contain personal data. */
  void (*set_error)(dsrflow_call* call, int32_t retryable, dsrflow_str message);

  /* Reads a secret named in the system's configuration (e.g. "api_token"). */
  dsrflow_status (*read_secret)(dsrflow_call* call, dsrflow_str name, dsrflow_sink sink,
                                void* context);

  /* Non-zero when the host asks the call to stop (cancellation, timeout, shutdown). */
  int32_t (*is_cancelled)(dsrflow_call* call);

  /* The call's deadline in milliseconds since the Unix epoch (UTC); 0 when none. */
  int64_t (*deadline_unix_ms)(dsrflow_call* call);

  /* A URL, unique to this task, whose incoming HTTP requests the host hands to on_callback. */
  dsrflow_status (*callback_url)(dsrflow_call* call, dsrflow_sink sink, void* context);

  /* Sends an e-mail through the host's mailer (JSON: to, subject, text, optional html). */
  dsrflow_status (*send_mail)(dsrflow_call* call, dsrflow_str message_json);

  /* Stores bytes encrypted at rest under `name`, scoped to this task. */
  dsrflow_status (*put_blob)(dsrflow_call* call, dsrflow_str name, dsrflow_str bytes);

  /* Fetches bytes stored with put_blob for this task. */
  dsrflow_status (*get_blob)(dsrflow_call* call, dsrflow_str name, dsrflow_sink sink,
                             void* context);

  /* Asks to be invoked again (with action "status") no earlier than `not_before_unix_ms`;
   * `state_json` comes back in that request. Use with a "deferred" outcome. */
  dsrflow_status (*poll_later)(dsrflow_call* call, int64_t not_before_unix_ms,
                               dsrflow_str state_json);
} dsrflow_host_services;

/*
 * What a plugin is, returned by its entry function. All pointers are static (library lifetime).
 */
typedef struct dsrflow_plugin_descriptor {
  uint32_t struct_size;           /* sizeof(dsrflow_plugin_descriptor) as the plugin was built */
  uint16_t abi_major;             /* DSRFLOW_ABI_MAJOR as the plugin was built */
  uint16_t abi_minor;             /* DSRFLOW_ABI_MINOR as the plugin was built */
  const char* name;               /* reverse-DNS, e.g. "com.example.crm"; NUL-terminated */
  const char* version;            /* the plugin's own version, e.g. "1.4.2" */
  uint32_t actions;               /* bit set of dsrflow_action */
  const char* config_schema_json; /* JSON Schema (draft 7) of the system's `config:` block */
  const char* manifest_json;      /* the manifest (schema "manifest") */

  /* Creates an instance for one configured system from its configuration (JSON, validated
   * against config_schema_json by the host first). Returns NULL on failure after set_error. */
  dsrflow_instance* (*create)(const dsrflow_host_services* services, dsrflow_call* call,
                              dsrflow_str config_json);

  /* Destroys an instance; no call on it is running or will run. */
  void (*destroy)(dsrflow_instance* instance);

  /* Performs one action (request JSON, schema "action_request"): streams records with
   * emit_record, sets the outcome with set_outcome and returns DSRFLOW_OK; or calls set_error
   * and returns DSRFLOW_ERROR; or returns DSRFLOW_CANCELLED when asked to stop. A subject the
   * system does not know is outcome "not_found", not an error. */
  dsrflow_status (*invoke)(dsrflow_instance* instance, dsrflow_call* call,
                           dsrflow_str request_json);

  /* Handles an HTTP request that reached this task's callback URL (JSON: method, path,
   * headers, body); may set an outcome. NULL when the plugin uses no callbacks. */
  dsrflow_status (*on_callback)(dsrflow_instance* instance, dsrflow_call* call,
                                dsrflow_str http_request_json);
} dsrflow_plugin_descriptor;

/* The entry function, exported as DSRFLOW_PLUGIN_ENTRY_SYMBOL. Must not fail or allocate
 * anything the host must free; returns a pointer to a static descriptor. */
typedef const dsrflow_plugin_descriptor* (*dsrflow_plugin_entry_fn)(void);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* DSRFLOW_PLUGIN_H */
