#include "store/soci_held_erasure_repository.hpp"

namespace dsrflow::detail {
namespace {

const std::string kColumns =
    "h.request_id, h.hold_id, h.held_at, h.resolved_at, h.resolution, h.requeued_as";
const std::string kInsert =
    "INSERT INTO held_erasures (request_id, hold_id, held_at, resolved_at, resolution, "
    "requeued_as) VALUES (:request_id, :hold_id, :held_at, :resolved_at, :resolution, "
    ":requeued_as)";
const std::string kByRequest = "SELECT " + kColumns +
                               " FROM held_erasures h WHERE h.request_id = :request_id "
                               "ORDER BY h.hold_id";
const std::string kReleased = "SELECT " + kColumns +
                              " FROM held_erasures h JOIN subject_lists s ON s.id = h.hold_id "
                              "WHERE h.resolved_at IS NULL AND s.removed_at IS NOT NULL "
                              "ORDER BY h.held_at, h.request_id, h.hold_id LIMIT :limit";
const std::string kResolve =
    "UPDATE held_erasures SET resolved_at = :at, resolution = :resolution, "
    "requeued_as = :requeued_as WHERE request_id = :request_id AND resolved_at IS NULL";
const std::string kByRequeued = "SELECT " + kColumns +
                                " FROM held_erasures h WHERE h.requeued_as = :requeued_as "
                                "ORDER BY h.hold_id";

}  // namespace

void SociHeldErasureRepository::intoRow(soci::statement& st) {
  st.exchange(soci::into(row_.requestId));
  st.exchange(soci::into(row_.holdId));
  st.exchange(soci::into(row_.heldAt));
  st.exchange(soci::into(row_.resolvedAt.value, row_.resolvedAt.ind));
  st.exchange(soci::into(row_.resolution.value, row_.resolution.ind));
  st.exchange(soci::into(row_.requeuedAs.value, row_.requeuedAs.ind));
}

HeldErasure SociHeldErasureRepository::toModel() const {
  return HeldErasure{row_.requestId,
                     row_.holdId,
                     fromMillis(row_.heldAt),
                     row_.resolvedAt.get(),
                     row_.resolution.getOrEmpty(),
                     row_.requeuedAs.getOrEmpty()};
}

Status SociHeldErasureRepository::add(const HeldErasure& held) {
  return db_.run("recording an erasure held back by a legal hold", [&]() -> Status {
    row_.requestId = held.requestId;
    row_.holdId = held.holdId;
    row_.heldAt = toMillis(held.heldAt);
    row_.resolvedAt.set(held.resolvedAt);
    row_.resolution.set(std::string_view(held.resolution));
    row_.requeuedAs.set(std::string_view(held.requeuedAs));
    auto& st = insert_.get(db_.sql(), kInsert, [&](soci::statement& s) {
      s.exchange(soci::use(row_.requestId));
      s.exchange(soci::use(row_.holdId));
      s.exchange(soci::use(row_.heldAt));
      s.exchange(soci::use(row_.resolvedAt.value, row_.resolvedAt.ind));
      s.exchange(soci::use(row_.resolution.value, row_.resolution.ind));
      s.exchange(soci::use(row_.requeuedAs.value, row_.requeuedAs.ind));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<std::vector<HeldErasure>> SociHeldErasureRepository::listForRequest(
    std::string_view requestId) {
  using Rows = std::vector<HeldErasure>;
  return db_.run("listing a request's held erasures", [&]() -> Result<Rows> {
    key_ = requestId;
    auto& st = byRequest_.get(db_.sql(), kByRequest, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    return fetchAll<HeldErasure>(st, [&]() -> Result<HeldErasure> { return toModel(); });
  });
}

Result<std::vector<HeldErasure>> SociHeldErasureRepository::listReleased(std::size_t limit) {
  if (auto ok = checkLimit(limit); !ok) return ok.error();
  using Rows = std::vector<HeldErasure>;
  return db_.run("listing erasures whose legal hold ended", [&]() -> Result<Rows> {
    limit_ = static_cast<long long>(limit);
    auto& st = released_.get(db_.sql(), kReleased, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(limit_));
    });
    return fetchAll<HeldErasure>(st, [&]() -> Result<HeldErasure> { return toModel(); });
  });
}

Result<bool> SociHeldErasureRepository::resolve(std::string_view requestId,
                                                std::string_view resolution,
                                                std::string_view requeuedAs, TimePoint at) {
  return db_.run("resolving a held erasure", [&]() -> Result<bool> {
    row_.requestId = requestId;
    row_.resolvedAt.set(at);
    row_.resolution.set(resolution);
    row_.requeuedAs.set(requeuedAs);
    auto& st = resolve_.get(db_.sql(), kResolve, [&](soci::statement& s) {
      s.exchange(soci::use(row_.resolvedAt.value, row_.resolvedAt.ind));
      s.exchange(soci::use(row_.resolution.value, row_.resolution.ind));
      s.exchange(soci::use(row_.requeuedAs.value, row_.requeuedAs.ind));
      s.exchange(soci::use(row_.requestId));
    });
    return executeChange(st) > 0;
  });
}

Result<std::optional<HeldErasure>> SociHeldErasureRepository::findRequeuedAs(
    std::string_view requestId) {
  using Found = std::optional<HeldErasure>;
  return db_.run("finding a re-queued erasure's origin", [&]() -> Result<Found> {
    key_ = requestId;
    auto& st = byRequeued_.get(db_.sql(), kByRequeued, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    if (!executeSingle(st)) return Found{};
    return Found{toModel()};
  });
}

}  // namespace dsrflow::detail
