#include "store/soci_subject_list_repository.hpp"

#include <algorithm>

namespace dsrflow::detail {
namespace {

const std::string kColumns =
    "id, kind, identity_type, lookup_hash, hash_key_id, reason, owner, request_id, review_at, "
    "created_at, removed_at";
const std::string kInsert = "INSERT INTO subject_lists (" + kColumns +
                            ") VALUES (:id, :kind, :identity_type, :lookup_hash, :hash_key_id, "
                            ":reason, :owner, :request_id, :review_at, :created_at, :removed_at)";
const std::string kSelectByHash =
    "SELECT " + kColumns +
    " FROM subject_lists WHERE kind = :kind AND lookup_hash = :hash AND hash_key_id = :key "
    "AND removed_at IS NULL ORDER BY created_at, id";
const std::string kSelectActive = "SELECT " + kColumns +
                                  " FROM subject_lists WHERE kind = :kind AND removed_at IS NULL "
                                  "ORDER BY created_at, id";
const std::string kSelectAll =
    "SELECT " + kColumns + " FROM subject_lists WHERE kind = :kind ORDER BY created_at, id";
const std::string kSelectById = "SELECT " + kColumns + " FROM subject_lists WHERE id = :id";
const std::string kEnd =
    "UPDATE subject_lists SET removed_at = :at WHERE id = :id AND removed_at IS NULL";
const std::string kCountById = "SELECT count(*) FROM subject_lists WHERE id = :id";

}  // namespace

void SociSubjectListRepository::intoRow(soci::statement& st) {
  st.exchange(soci::into(row_.id));
  st.exchange(soci::into(row_.kind));
  st.exchange(soci::into(row_.identityType));
  st.exchange(soci::into(row_.lookupHash));
  st.exchange(soci::into(row_.hashKeyId));
  st.exchange(soci::into(row_.reason));
  st.exchange(soci::into(row_.owner.value, row_.owner.ind));
  st.exchange(soci::into(row_.requestId.value, row_.requestId.ind));
  st.exchange(soci::into(row_.reviewAt.value, row_.reviewAt.ind));
  st.exchange(soci::into(row_.createdAt));
  st.exchange(soci::into(row_.removedAt.value, row_.removedAt.ind));
}

Result<SubjectListEntry> SociSubjectListRepository::toModel() const {
  auto kind = parseColumn(kSubjectListKindNames, row_.kind, "subject_lists.kind");
  if (!kind) return kind.error();
  SubjectListEntry e;
  e.id = row_.id;
  e.kind = *kind;
  e.identityType = row_.identityType;
  e.lookupHash = row_.lookupHash;
  e.hashKeyId = row_.hashKeyId;
  e.reason = row_.reason;
  e.owner = row_.owner.getOrEmpty();
  e.requestId = row_.requestId.get();
  e.reviewAt = row_.reviewAt.get();
  e.createdAt = fromMillis(row_.createdAt);
  e.removedAt = row_.removedAt.get();
  return e;
}

Status SociSubjectListRepository::add(const SubjectListEntry& e) {
  return db_.run("adding a subject list entry", [&]() -> Status {
    row_.id = e.id;
    row_.kind = toString(e.kind);
    row_.identityType = e.identityType;
    row_.lookupHash = e.lookupHash;
    row_.hashKeyId = e.hashKeyId;
    row_.reason = e.reason;
    row_.owner.set(std::string_view(e.owner));
    row_.requestId.set(e.requestId);
    row_.reviewAt.set(e.reviewAt);
    row_.createdAt = toMillis(e.createdAt);
    row_.removedAt.set(e.removedAt);
    auto& st = insert_.get(db_.sql(), kInsert, [&](soci::statement& s) {
      s.exchange(soci::use(row_.id));
      s.exchange(soci::use(row_.kind));
      s.exchange(soci::use(row_.identityType));
      s.exchange(soci::use(row_.lookupHash));
      s.exchange(soci::use(row_.hashKeyId));
      s.exchange(soci::use(row_.reason));
      s.exchange(soci::use(row_.owner.value, row_.owner.ind));
      s.exchange(soci::use(row_.requestId.value, row_.requestId.ind));
      s.exchange(soci::use(row_.reviewAt.value, row_.reviewAt.ind));
      s.exchange(soci::use(row_.createdAt));
      s.exchange(soci::use(row_.removedAt.value, row_.removedAt.ind));
    });
    st.execute(true);
    return Ok{};
  });
}

Result<std::vector<SubjectListEntry>> SociSubjectListRepository::findActive(
    SubjectListKind kind, std::span<const LookupHash> hashes) {
  using Entries = std::vector<SubjectListEntry>;
  return db_.run("looking up a subject list", [&]() -> Result<Entries> {
    auto& st = byHash_.get(db_.sql(), kSelectByHash, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(kindFilter_));
      s.exchange(soci::use(key_));
      s.exchange(soci::use(hashKey_));
    });
    kindFilter_ = toString(kind);
    Entries out;
    for (const auto& hash : hashes) {
      key_ = hash.hex;
      hashKey_ = hash.keyId;
      auto found = fetchAll<SubjectListEntry>(st, [&] { return toModel(); });
      if (!found) return found.error();
      for (auto& e : found.value()) {
        auto same = [&](const SubjectListEntry& x) { return x.id == e.id; };
        if (std::none_of(out.begin(), out.end(), same)) out.push_back(std::move(e));
      }
    }
    return out;
  });
}

Result<std::vector<SubjectListEntry>> SociSubjectListRepository::list(SubjectListKind kind,
                                                                      bool includeEnded) {
  using Entries = std::vector<SubjectListEntry>;
  return db_.run("listing a subject list", [&]() -> Result<Entries> {
    auto& cached = includeEnded ? listAll_ : listActive_;
    auto& st =
        cached.get(db_.sql(), includeEnded ? kSelectAll : kSelectActive, [&](soci::statement& s) {
          intoRow(s);
          s.exchange(soci::use(kindFilter_));
        });
    kindFilter_ = toString(kind);
    return fetchAll<SubjectListEntry>(st, [&] { return toModel(); });
  });
}

Result<SubjectListEntry> SociSubjectListRepository::get(std::string_view id) {
  return db_.run("reading a subject list entry", [&]() -> Result<SubjectListEntry> {
    key_ = id;
    auto& st = get_.get(db_.sql(), kSelectById, [&](soci::statement& s) {
      intoRow(s);
      s.exchange(soci::use(key_));
    });
    return fetchOne(
        st, [&] { return toModel(); }, "no subject list entry with id " + key_);
  });
}

Status SociSubjectListRepository::end(std::string_view id, TimePoint at) {
  return db_.run("ending a subject list entry", [&]() -> Status {
    key_ = id;
    at_ = toMillis(at);
    auto& st = end_.get(db_.sql(), kEnd, [&](soci::statement& s) {
      s.exchange(soci::use(at_));
      s.exchange(soci::use(key_));
    });
    if (executeChange(st) == 1) return Ok{};
    auto& exists = exists_.get(db_.sql(), kCountById, [&](soci::statement& s) {
      s.exchange(soci::into(count_));
      s.exchange(soci::use(key_));
    });
    executeSingle(exists);
    if (count_ == 0) return notFound("no subject list entry with id " + key_);
    return conflict("subject list entry " + key_ + " has already ended");
  });
}

}  // namespace dsrflow::detail
