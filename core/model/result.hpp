#pragma once
// Expected failures travel as values: Result<T> holds either a T or an Error.
// Exceptions are kept for programming errors and for unrecoverable start-up failures.

#include <stdexcept>
#include <string>
#include <utility>
#include <variant>

namespace dsrflow {

//! What kind of failure an Error is; callers branch on this, never on message text.
enum class ErrorCode {
  kInvalidArgument,  //!< input failed validation; the message says which field and why
  kNotFound,
  kConflict,     //!< e.g. a status transition the table does not allow
  kUnavailable,  //!< a dependency (database, system) could not be reached
  kPermissionDenied,
  kInternal,
};

//! A failure described for a human: what was wrong and where.
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
};

inline Error invalidArgument(std::string message) {
  return {ErrorCode::kInvalidArgument, std::move(message)};
}
inline Error notFound(std::string message) { return {ErrorCode::kNotFound, std::move(message)}; }
inline Error conflict(std::string message) { return {ErrorCode::kConflict, std::move(message)}; }

//! Thrown by Result::value() when it holds an error; carries the Error.
class ResultError : public std::runtime_error {
 public:
  explicit ResultError(Error error) : std::runtime_error(error.message), error_(std::move(error)) {}
  [[nodiscard]] const Error& error() const noexcept { return error_; }

 private:
  Error error_;
};

//! Either a value or an Error. Intentionally minimal (std::expected is C++23).
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}      // NOLINT(implicit)
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(implicit)

  [[nodiscard]] bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  //! The value; throws ResultError when this holds an error.
  [[nodiscard]] const T& value() const& {
    if (!ok()) throw ResultError(std::get<1>(state_));
    return std::get<0>(state_);
  }
  [[nodiscard]] T&& value() && {
    if (!ok()) throw ResultError(std::get<1>(state_));
    return std::get<0>(std::move(state_));
  }
  [[nodiscard]] const T& operator*() const& { return value(); }
  [[nodiscard]] const T* operator->() const { return &value(); }

  //! The error; only valid when !ok().
  [[nodiscard]] const Error& error() const& { return std::get<1>(state_); }

 private:
  std::variant<T, Error> state_;
};

//! A Result without a value.
struct Ok {};
using Status = Result<Ok>;

}  // namespace dsrflow
