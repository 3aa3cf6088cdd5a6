#include "store/soci_request_secret_repository.hpp"

namespace dsrflow::detail {

Status SociRequestSecretRepository::put(std::string_view requestId, std::string_view sealed,
                                        TimePoint at) {
  return db_.run("storing a request's pseudonymisation secret", [&]() -> Status {
    requestId_ = requestId;
    sealed_ = sealed;
    createdAt_ = toMillis(at);
    auto& st = insert_.get(db_.sql(),
                           "INSERT INTO request_secrets (request_id, sealed, created_at) VALUES "
                           "(:request_id, :sealed, :created_at)",
                           [&](soci::statement& s) {
                             s.exchange(soci::use(requestId_));
                             s.exchange(soci::use(sealed_));
                             s.exchange(soci::use(createdAt_));
                           });
    st.execute(true);
    return Ok{};
  });
}

Result<std::optional<std::string>> SociRequestSecretRepository::get(std::string_view requestId) {
  using Found = std::optional<std::string>;
  return db_.run("reading a request's pseudonymisation secret", [&]() -> Result<Found> {
    requestId_ = requestId;
    auto& st =
        select_.get(db_.sql(), "SELECT sealed FROM request_secrets WHERE request_id = :request_id",
                    [&](soci::statement& s) {
                      s.exchange(soci::into(sealed_));
                      s.exchange(soci::use(requestId_));
                    });
    if (!executeSingle(st)) return Found{};
    return Found{sealed_};
  });
}

Result<bool> SociRequestSecretRepository::remove(std::string_view requestId) {
  return db_.run("destroying a request's pseudonymisation secret", [&]() -> Result<bool> {
    requestId_ = requestId;
    auto& st = delete_.get(db_.sql(), "DELETE FROM request_secrets WHERE request_id = :request_id",
                           [&](soci::statement& s) { s.exchange(soci::use(requestId_)); });
    return executeChange(st) > 0;
  });
}

}  // namespace dsrflow::detail
