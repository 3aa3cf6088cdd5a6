#include "store/soci_identity_repository.hpp"

#include <algorithm>

namespace dsrflow::detail {
namespace {

// position keeps insertion order per request without relying on a backend's row ids.
const std::string kInsert =
    "INSERT INTO identities (id, request_id, type, format, ciphertext, enc_key_id, lookup_hash, "
    "hash_key_id, position) VALUES (:id, :request_id, :type, :format, :ciphertext, :enc_key_id, "
    ":lookup_hash, :hash_key_id, (SELECT COALESCE(MAX(position), 0) + 1 FROM identities WHERE "
    "request_id = :request_id_again))";
const std::string kSelectByRequest =
    "SELECT id, request_id, type, format, ciphertext, enc_key_id, lookup_hash, hash_key_id FROM "
    "identities WHERE request_id = :request_id ORDER BY position, id";
const std::string kSelectByHash =
    "SELECT DISTINCT request_id FROM identities WHERE lookup_hash = :hash AND hash_key_id = :key "
    "ORDER BY request_id";
const std::string kDeleteByRequest = "DELETE FROM identities WHERE request_id = :request_id";

}  // namespace

Result<StoredIdentity> SociIdentityRepository::toModel() const {
  auto format = parseColumn(kIdentityFormatNames, row_.format, "identities.format");
  if (!format) return format.error();
  return StoredIdentity{row_.id,         row_.requestId, row_.type,       *format,
                        row_.ciphertext, row_.encKeyId,  row_.lookupHash, row_.hashKeyId};
}

Status SociIdentityRepository::add(const StoredIdentity& identity) {
  return db_.run("adding an identity", [&]() -> Status {
    row_ = Row{identity.id,         identity.requestId,
               identity.type,       std::string(toString(identity.format)),
               identity.ciphertext, identity.encKeyId,
               identity.lookupHash, identity.hashKeyId};
    auto& st = insert_.get(db_.sql(), kInsert, [&](soci::statement& s) {
      s.exchange(soci::use(row_.id));
      s.exchange(soci::use(row_.requestId));
      s.exchange(soci::use(row_.type));
      s.exchange(soci::use(row_.format));
      s.exchange(soci::use(row_.ciphertext));
      s.exchange(soci::use(row_.encKeyId));
      s.exchange(soci::use(row_.lookupHash));
      s.exchange(soci::use(row_.hashKeyId));
      s.exchange(soci::use(row_.requestId));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<std::vector<StoredIdentity>> SociIdentityRepository::listForRequest(
    std::string_view requestId) {
  return db_.run("listing identities", [&]() -> Result<std::vector<StoredIdentity>> {
    key_ = requestId;
    auto& st = byRequest_.get(db_.sql(), kSelectByRequest, [&](soci::statement& s) {
      s.exchange(soci::into(row_.id));
      s.exchange(soci::into(row_.requestId));
      s.exchange(soci::into(row_.type));
      s.exchange(soci::into(row_.format));
      s.exchange(soci::into(row_.ciphertext));
      s.exchange(soci::into(row_.encKeyId));
      s.exchange(soci::into(row_.lookupHash));
      s.exchange(soci::into(row_.hashKeyId));
      s.exchange(soci::use(key_));
    });
    return fetchAll<StoredIdentity>(st, [&] { return toModel(); });
  });
}

Result<std::vector<std::string>> SociIdentityRepository::requestIdsPerHash(
    soci::statement& st, std::span<const LookupHash> hashes) {
  std::vector<std::string> ids;
  for (const auto& hash : hashes) {
    key_ = hash.hex;
    hashKey_ = hash.keyId;
    auto found = fetchAll<std::string>(st, [&]() -> Result<std::string> { return row_.requestId; });
    if (!found) return found.error();
    for (auto& id : found.value()) {
      if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
  }
  return ids;
}

Result<std::vector<std::string>> SociIdentityRepository::findRequestIdsByLookupHash(
    std::span<const LookupHash> hashes) {
  return db_.run("looking up identities", [&]() -> Result<std::vector<std::string>> {
    // One execution per hash of a single prepared statement: the list is short (one hash per
    // key in use) and a variable IN list would defeat the statement cache.
    auto& st = byHash_.get(db_.sql(), kSelectByHash, [&](soci::statement& s) {
      s.exchange(soci::into(row_.requestId));
      s.exchange(soci::use(key_));
      s.exchange(soci::use(hashKey_));
    });
    return requestIdsPerHash(st, hashes);
  });
}

Result<std::vector<std::string>> SociIdentityRepository::findOpenRequestIdsByLookupHash(
    std::span<const LookupHash> hashes, RequestType type) {
  return db_.run("looking up open requests by identity", [&]() -> Result<std::vector<std::string>> {
    if (terminal_.empty()) {
      for (const auto& [status, name] : kRequestStatusNames) {
        if (isTerminal(status)) terminal_.emplace_back(name);
      }
    }
    std::string sql =
        "SELECT DISTINCT i.request_id FROM identities i JOIN requests r ON r.id = i.request_id "
        "WHERE i.lookup_hash = :hash AND i.hash_key_id = :key AND r.type = :type AND r.status "
        "NOT IN (";
    for (std::size_t i = 0; i < terminal_.size(); ++i)
      sql += (i == 0 ? ":t" : ", :t") + std::to_string(i);
    sql += ") ORDER BY i.request_id";
    auto& st = openByHash_.get(db_.sql(), sql, [&](soci::statement& s) {
      s.exchange(soci::into(row_.requestId));
      s.exchange(soci::use(key_));
      s.exchange(soci::use(hashKey_));
      s.exchange(soci::use(type_));
      for (auto& name : terminal_) s.exchange(soci::use(name));
    });
    type_ = toString(type);
    return requestIdsPerHash(st, hashes);
  });
}

Result<std::int64_t> SociIdentityRepository::deleteForRequest(std::string_view requestId) {
  return db_.run("deleting identities", [&]() -> Result<std::int64_t> {
    key_ = requestId;
    auto& st = delete_.get(db_.sql(), kDeleteByRequest,
                           [&](soci::statement& s) { s.exchange(soci::use(key_)); });
    return static_cast<std::int64_t>(executeChange(st));
  });
}

}  // namespace dsrflow::detail
