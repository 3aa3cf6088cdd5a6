#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/held_erasure_repository.hpp"
#include "store/soci_session.hpp"
#include "store/soci_statement.hpp"

namespace dsrflow::detail {

//! HeldErasureRepository over one SOCI connection. Not thread-safe, like the connection.
class SociHeldErasureRepository final : public HeldErasureRepository {
 public:
  explicit SociHeldErasureRepository(DbSession& db) : db_(db) {}

  Status add(const HeldErasure& held) override;
  Result<std::vector<HeldErasure>> listForRequest(std::string_view requestId) override;
  Result<std::vector<HeldErasure>> listReleased(std::size_t limit) override;
  Result<bool> resolve(std::string_view requestId, std::string_view resolution,
                       std::string_view requeuedAs, TimePoint at) override;
  Result<std::optional<HeldErasure>> findRequeuedAs(std::string_view requestId) override;

 private:
  struct Row {
    std::string requestId, holdId;
    NullableText resolution, requeuedAs;
    NullableTime resolvedAt;
    long long heldAt = 0;
  };
  void intoRow(soci::statement& st);
  [[nodiscard]] HeldErasure toModel() const;

  DbSession& db_;
  Row row_;
  std::string key_;
  long long limit_ = 0;
  CachedStatement insert_, byRequest_, released_, resolve_, byRequeued_;
};

}  // namespace dsrflow::detail
