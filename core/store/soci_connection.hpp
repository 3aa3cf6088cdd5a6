#pragma once
// One database connection with its repositories and their prepared statements. The store hands
// a connection to one unit of work at a time.

#include <soci/soci.h>

#include <memory>

#include "model/result.hpp"
#include "store/dialect.hpp"
#include "store/soci_api_token_repository.hpp"
#include "store/soci_audit_repository.hpp"
#include "store/soci_held_erasure_repository.hpp"
#include "store/soci_identity_repository.hpp"
#include "store/soci_request_repository.hpp"
#include "store/soci_request_secret_repository.hpp"
#include "store/soci_review_repository.hpp"
#include "store/soci_session.hpp"
#include "store/soci_subject_list_repository.hpp"
#include "store/soci_task_repository.hpp"
#include "store/soci_task_result_repository.hpp"
#include "store/soci_user_repository.hpp"
#include "store/store_tx.hpp"

namespace dsrflow::detail {

//! A connection as a StoreTx. Not thread-safe: the store gives it to one caller at a time.
class SociConnection final : public StoreTx {
 public:
  //! `sql` must be open and outlive this object.
  SociConnection(soci::session& sql, const Dialect& dialect);
  ~SociConnection() override;
  SociConnection(const SociConnection&) = delete;
  SociConnection& operator=(const SociConnection&) = delete;

  RequestRepository& requests() override { return repos_->requests; }
  IdentityRepository& identities() override { return repos_->identities; }
  TaskRepository& tasks() override { return repos_->tasks; }
  TaskResultRepository& taskResults() override { return repos_->taskResults; }
  AuditRepository& audit() override { return repos_->audit; }
  UserRepository& users() override { return repos_->users; }
  ApiTokenRepository& apiTokens() override { return repos_->apiTokens; }
  SubjectListRepository& subjectLists() override { return repos_->subjectLists; }
  ReviewRepository& review() override { return repos_->review; }
  HeldErasureRepository& heldErasures() override { return repos_->heldErasures; }
  RequestSecretRepository& requestSecrets() override { return repos_->requestSecrets; }

  //! Reconnects a session the server dropped and forgets prepared statements when the schema
  //! changed since they were prepared (`schemaGeneration` differs from the last call).
  Status prepareForUse(long schemaGeneration);

  //! Starts a transaction (the dialect's BEGIN).
  Status begin();
  //! Commits; on failure the transaction is rolled back and the error returned.
  Status commit();
  //! Rolls back, logging (not returning) a failure: the caller already has an error to report.
  void rollback() noexcept;
  //! Starts an autocommit unit of work (Store::read()).
  void startAutocommit() { db_.startWork(false); }

  [[nodiscard]] DbSession& db() { return db_; }

 private:
  struct Repositories {
    explicit Repositories(DbSession& db)
        : requests(db),
          identities(db),
          tasks(db),
          taskResults(db),
          audit(db),
          users(db),
          apiTokens(db),
          subjectLists(db),
          review(db),
          heldErasures(db),
          requestSecrets(db) {}
    SociRequestRepository requests;
    SociIdentityRepository identities;
    SociTaskRepository tasks;
    SociTaskResultRepository taskResults;
    SociAuditRepository audit;
    SociUserRepository users;
    SociApiTokenRepository apiTokens;
    SociSubjectListRepository subjectLists;
    SociReviewRepository review;
    SociHeldErasureRepository heldErasures;
    SociRequestSecretRepository requestSecrets;
    CachedStatement begin, commit, rollback;
  };

  soci::session& sql_;
  DbSession db_;
  std::unique_ptr<Repositories> repos_;
  long schemaGeneration_ = 0;
};

}  // namespace dsrflow::detail
