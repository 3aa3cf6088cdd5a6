// SQLite schema history. A released migration never changes; add a new one instead.

#include <array>
#include <string_view>

#include "store/dialect.hpp"

namespace dsrflow::detail {
namespace {

constexpr auto kV1 = std::to_array<std::string_view>({
    "CREATE TABLE requests ("
    "  id TEXT PRIMARY KEY,"
    "  type TEXT NOT NULL,"
    "  regulation TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  held_from TEXT,"
    "  channel TEXT NOT NULL,"
    "  language TEXT NOT NULL,"
    "  controller_id TEXT NOT NULL,"
    "  external_reference TEXT,"
    "  received_at BIGINT NOT NULL,"
    "  due_at BIGINT NOT NULL,"
    "  extended_due_at BIGINT,"
    "  effective_due_at BIGINT NOT NULL,"
    "  extension_reason TEXT,"
    "  created_at BIGINT NOT NULL,"
    "  updated_at BIGINT NOT NULL,"
    "  version BIGINT NOT NULL)",
    "CREATE INDEX requests_created ON requests (created_at, id)",
    "CREATE INDEX requests_status_due ON requests (status, effective_due_at)",
    "CREATE INDEX requests_due ON requests (effective_due_at)",
    "CREATE INDEX requests_external_reference ON requests (external_reference)",

    "CREATE TABLE identities ("
    "  id TEXT PRIMARY KEY,"
    "  request_id TEXT NOT NULL REFERENCES requests (id),"
    "  type TEXT NOT NULL,"
    "  format TEXT NOT NULL,"
    "  ciphertext TEXT NOT NULL,"
    "  enc_key_id TEXT NOT NULL,"
    "  lookup_hash TEXT NOT NULL,"
    "  hash_key_id TEXT NOT NULL,"
    "  position INTEGER NOT NULL)",
    "CREATE INDEX identities_request ON identities (request_id, position)",
    "CREATE INDEX identities_lookup ON identities (lookup_hash, hash_key_id)",

    "CREATE TABLE tasks ("
    "  id TEXT PRIMARY KEY,"
    "  request_id TEXT NOT NULL REFERENCES requests (id),"
    "  system_id TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  status TEXT NOT NULL,"
    "  outcome TEXT,"
    "  attempts INTEGER NOT NULL,"
    "  next_run_at BIGINT,"
    "  due_at BIGINT,"
    "  last_error TEXT,"
    "  created_at BIGINT NOT NULL,"
    "  updated_at BIGINT NOT NULL,"
    "  version BIGINT NOT NULL)",
    "CREATE INDEX tasks_request ON tasks (request_id, created_at)",
    "CREATE INDEX tasks_runnable ON tasks (status, next_run_at)",

    "CREATE TABLE task_results ("
    "  id TEXT PRIMARY KEY,"
    "  task_id TEXT NOT NULL REFERENCES tasks (id),"
    "  request_id TEXT NOT NULL REFERENCES requests (id),"
    "  seq BIGINT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  payload TEXT NOT NULL,"
    "  key_id TEXT NOT NULL,"
    "  created_at BIGINT NOT NULL,"
    "  UNIQUE (task_id, seq))",
    "CREATE INDEX task_results_request ON task_results (request_id)",

    // INTEGER PRIMARY KEY is the rowid: the cheapest ordered key SQLite has.
    "CREATE TABLE audit_events ("
    "  seq INTEGER PRIMARY KEY,"
    "  at BIGINT NOT NULL,"
    "  actor_type TEXT NOT NULL,"
    "  actor_id TEXT NOT NULL,"
    "  request_id TEXT,"
    "  event TEXT NOT NULL,"
    "  details_json TEXT NOT NULL,"
    "  prev_hash TEXT NOT NULL,"
    "  hash TEXT NOT NULL)",
    "CREATE INDEX audit_events_request ON audit_events (request_id, seq)",
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events "
    "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events "
    "BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",

    "CREATE TABLE users ("
    "  id TEXT PRIMARY KEY,"
    "  username TEXT NOT NULL UNIQUE,"
    "  display_name TEXT NOT NULL,"
    "  role TEXT NOT NULL,"
    "  password_hash TEXT NOT NULL,"
    "  disabled INTEGER NOT NULL,"
    "  created_at BIGINT NOT NULL)",

    "CREATE TABLE api_tokens ("
    "  id TEXT PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  token_hash TEXT NOT NULL UNIQUE,"
    "  scopes TEXT NOT NULL,"
    "  created_at BIGINT NOT NULL,"
    "  expires_at BIGINT,"
    "  revoked_at BIGINT,"
    "  last_used_at BIGINT)",
});

// Reasons for rejection, cancellation and holds, kept with the request.
constexpr auto kV2 = std::to_array<std::string_view>({
    "ALTER TABLE requests ADD COLUMN status_reason TEXT",
});

// Suppression and legal-hold lists, by keyed hash only.
constexpr auto kV3 = std::to_array<std::string_view>({
    "CREATE TABLE subject_lists ("
    "  id TEXT PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  identity_type TEXT NOT NULL,"
    "  lookup_hash TEXT NOT NULL,"
    "  hash_key_id TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  owner TEXT,"
    "  request_id TEXT,"
    "  review_at BIGINT,"
    "  created_at BIGINT NOT NULL,"
    "  removed_at BIGINT)",
    "CREATE INDEX subject_lists_lookup ON subject_lists (kind, lookup_hash, hash_key_id)",
    "CREATE INDEX subject_lists_created ON subject_lists (kind, created_at, id)",
});

// Workflow progress: the step a request stands at and the step (with its parameters) that
// created each task.
constexpr auto kV4 = std::to_array<std::string_view>({
    "ALTER TABLE requests ADD COLUMN step INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN step INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tasks ADD COLUMN params_json TEXT NOT NULL DEFAULT '{}'",
});

// Duplicate requests from one person are linked.
constexpr auto kV5 = std::to_array<std::string_view>({
    "ALTER TABLE requests ADD COLUMN duplicate_of TEXT",
});

// Workers share tasks through leases: the worker holding a running task renews its lease.
constexpr auto kV6 = std::to_array<std::string_view>({
    "ALTER TABLE tasks ADD COLUMN lease_owner TEXT",
});

// Review before release (Art. 15(4)): records excluded and fields masked, with reasons.
constexpr auto kV7 = std::to_array<std::string_view>({
    "CREATE TABLE review_redactions ("
    "  id TEXT PRIMARY KEY,"
    "  request_id TEXT NOT NULL REFERENCES requests (id),"
    "  task_id TEXT NOT NULL REFERENCES tasks (id),"
    "  seq BIGINT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  field TEXT NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  actor_type TEXT NOT NULL,"
    "  actor_id TEXT NOT NULL,"
    "  decided_at BIGINT NOT NULL,"
    "  UNIQUE (task_id, seq, kind, field))",
    "CREATE INDEX review_redactions_request ON review_redactions (request_id, decided_at)",
});

// Contested automated decisions (Art. 22(3)) go to a named reviewer with a due date of their own.
constexpr auto kV8 = std::to_array<std::string_view>({
    "CREATE TABLE reviewer_assignments ("
    "  request_id TEXT PRIMARY KEY REFERENCES requests (id),"
    "  reviewer TEXT,"
    "  role TEXT NOT NULL,"
    "  due_at BIGINT,"
    "  routed_at BIGINT,"
    "  finished_at BIGINT,"
    "  assigned_by TEXT NOT NULL,"
    "  updated_at BIGINT NOT NULL)",
    "CREATE INDEX reviewer_assignments_open ON reviewer_assignments (finished_at, due_at)",
});

// Erasures a legal hold held back are queued again when the hold ends.
constexpr auto kV9 = std::to_array<std::string_view>({
    "CREATE TABLE held_erasures ("
    "  request_id TEXT NOT NULL REFERENCES requests (id),"
    "  hold_id TEXT NOT NULL REFERENCES subject_lists (id),"
    "  held_at BIGINT NOT NULL,"
    "  resolved_at BIGINT,"
    "  resolution TEXT,"
    "  requeued_as TEXT,"
    "  PRIMARY KEY (request_id, hold_id))",
    "CREATE INDEX held_erasures_hold ON held_erasures (hold_id, resolved_at)",
    "CREATE INDEX held_erasures_requeued ON held_erasures (requeued_as)",
});

// An erasure request's pseudonymisation secret, deleted when the request closes.
constexpr auto kV10 = std::to_array<std::string_view>({
    "CREATE TABLE request_secrets ("
    "  request_id TEXT PRIMARY KEY REFERENCES requests (id),"
    "  sealed TEXT NOT NULL,"
    "  created_at BIGINT NOT NULL)",
});

constexpr auto kMigrations = std::to_array<Migration>({
    {1, "initial schema", kV1},
    {2, "request status reason", kV2},
    {3, "suppression and legal-hold lists", kV3},
    {4, "workflow progress", kV4},
    {5, "duplicate requests", kV5},
    {6, "task lease owners", kV6},
    {7, "review redactions", kV7},
    {8, "reviewer assignments", kV8},
    {9, "held erasures", kV9},
    {10, "request pseudonymisation secrets", kV10},
});

}  // namespace

std::span<const Migration> sqliteMigrations() { return kMigrations; }

}  // namespace dsrflow::detail
