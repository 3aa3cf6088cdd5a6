#pragma once
// The repositories of one unit of work, handed to a Store::transact() or Store::read() callback.

#include "store/api_token_repository.hpp"
#include "store/audit_repository.hpp"
#include "store/held_erasure_repository.hpp"
#include "store/identity_repository.hpp"
#include "store/request_repository.hpp"
#include "store/request_secret_repository.hpp"
#include "store/review_repository.hpp"
#include "store/subject_list_repository.hpp"
#include "store/task_repository.hpp"
#include "store/task_result_repository.hpp"
#include "store/user_repository.hpp"

namespace dsrflow {

//! Access to every repository on one database connection. Owned by the Store; the reference
//! and the repositories it hands out are valid only during the callback, on the calling thread.
class StoreTx {
 public:
  virtual ~StoreTx() = default;

  //! Requests.
  virtual RequestRepository& requests() = 0;
  //! Encrypted identities and lookup hashes.
  virtual IdentityRepository& identities() = 0;
  //! Tasks.
  virtual TaskRepository& tasks() = 0;
  //! Encrypted task results.
  virtual TaskResultRepository& taskResults() = 0;
  //! The append-only audit log.
  virtual AuditRepository& audit() = 0;
  //! Staff users.
  virtual UserRepository& users() = 0;
  //! API token hashes.
  virtual ApiTokenRepository& apiTokens() = 0;
  //! Suppression and legal-hold lists (keyed hashes only).
  virtual SubjectListRepository& subjectLists() = 0;
  //! Review decisions: redactions before release.
  virtual ReviewRepository& review() = 0;
  //! Erasures held back by legal holds, to queue again when the holds end.
  virtual HeldErasureRepository& heldErasures() = 0;
  //! Erasure requests' pseudonymisation secrets, deleted when the requests close.
  virtual RequestSecretRepository& requestSecrets() = 0;
};

}  // namespace dsrflow
