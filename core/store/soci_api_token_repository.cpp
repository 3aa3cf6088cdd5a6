#include "store/soci_api_token_repository.hpp"

namespace dsrflow::detail {
namespace {

const std::string kColumns =
    "id, name, token_hash, scopes, created_at, expires_at, revoked_at, last_used_at";
const std::string kInsert = "INSERT INTO api_tokens (" + kColumns +
                            ") VALUES (:id, :name, :token_hash, :scopes, :created_at, "
                            ":expires_at, :revoked_at, :last_used_at)";
const std::string kSelectByHash =
    "SELECT " + kColumns + " FROM api_tokens WHERE token_hash = :token_hash";
const std::string kSelectAll = "SELECT " + kColumns + " FROM api_tokens ORDER BY created_at, id";
const std::string kRevoke =
    "UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, :at) WHERE id = :id";
const std::string kTouch = "UPDATE api_tokens SET last_used_at = :at WHERE id = :id";

}  // namespace

void SociApiTokenRepository::intoRow(soci::statement& st) {
  st.exchange(soci::into(row_.id));
  st.exchange(soci::into(row_.name));
  st.exchange(soci::into(row_.tokenHash));
  st.exchange(soci::into(row_.scopes));
  st.exchange(soci::into(row_.createdAt));
  st.exchange(soci::into(row_.expiresAt.value, row_.expiresAt.ind));
  st.exchange(soci::into(row_.revokedAt.value, row_.revokedAt.ind));
  st.exchange(soci::into(row_.lastUsedAt.value, row_.lastUsedAt.ind));
}

ApiToken SociApiTokenRepository::toModel() const {
  return ApiToken{row_.id,
                  row_.name,
                  row_.tokenHash,
                  row_.scopes,
                  fromMillis(row_.createdAt),
                  row_.expiresAt.get(),
                  row_.revokedAt.get(),
                  row_.lastUsedAt.get()};
}

Status SociApiTokenRepository::add(const ApiToken& token) {
  return db_.run("adding an API token", [&]() -> Status {
    row_.id = token.id;
    row_.name = token.name;
    row_.tokenHash = token.tokenHash;
    row_.scopes = token.scopes;
    row_.createdAt = toMillis(token.createdAt);
    row_.expiresAt.set(token.expiresAt);
    row_.revokedAt.set(token.revokedAt);
    row_.lastUsedAt.set(token.lastUsedAt);
    auto& st = insert_.get(db_.sql(), kInsert, [&](soci::statement& s) {
      s.exchange(soci::use(row_.id));
      s.exchange(soci::use(row_.name));
      s.exchange(soci::use(row_.tokenHash));
      s.exchange(soci::use(row_.scopes));
      s.exchange(soci::use(row_.createdAt));
      s.exchange(soci::use(row_.expiresAt.value, row_.expiresAt.ind));
      s.exchange(soci::use(row_.revokedAt.value, row_.revokedAt.ind));
      s.exchange(soci::use(row_.lastUsedAt.value, row_.lastUsedAt.ind));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<ApiToken> SociApiTokenRepository::findByHash(std::string_view tokenHash) {
  return db_.run("finding an API token", [&]() -> Result<ApiToken> {
    key_ = tokenHash;
    auto& st = byHash_.get(db_.sql(), kSelectByHash, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    return fetchOne(
        st, [&]() -> Result<ApiToken> { return toModel(); }, "no API token with that hash");
  });
}

Result<std::vector<ApiToken>> SociApiTokenRepository::list() {
  return db_.run("listing API tokens", [&]() -> Result<std::vector<ApiToken>> {
    auto& st = list_.get(db_.sql(), kSelectAll, [&](soci::statement& s) { intoRow(s); });
    return fetchAll<ApiToken>(st, [&]() -> Result<ApiToken> { return toModel(); });
  });
}

Status SociApiTokenRepository::revoke(std::string_view id, TimePoint at) {
  return db_.run("revoking an API token", [&]() -> Status {
    key_ = id;
    at_ = toMillis(at);
    auto& st = revoke_.get(db_.sql(), kRevoke, [&](soci::statement& s) {
      s.exchange(soci::use(at_));
      s.exchange(soci::use(key_));
    });
    if (executeChange(st) == 0) return notFound("no API token with id " + key_);
    return Ok{};
  });
}

Status SociApiTokenRepository::touch(std::string_view id, TimePoint at) {
  return db_.run("recording an API token use", [&]() -> Status {
    key_ = id;
    at_ = toMillis(at);
    auto& st = touch_.get(db_.sql(), kTouch, [&](soci::statement& s) {
      s.exchange(soci::use(at_));
      s.exchange(soci::use(key_));
    });
    if (executeChange(st) == 0) return notFound("no API token with id " + key_);
    return Ok{};
  });
}

}  // namespace dsrflow::detail
