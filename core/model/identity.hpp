#pragma once
// A subject identity: how the person is known in the systems (e-mail, phone, customer id, ...).
// Values are personal data: they are normalised here, encrypted at rest by the store layer and
// never written to logs (use redacted() for diagnostics).

#include <optional>
#include <string>
#include <string_view>

#include "model/enum_names.hpp"
#include "model/result.hpp"

namespace dsrflow {

enum class IdentityType { kEmail, kPhone, kCustomerId, kExternalId, kCustom };

//! How identity_value is given: in clear or as a hash of the normalised clear value (OpenDSR).
enum class IdentityFormat { kRaw, kSha256, kSha1, kMd5 };

inline constexpr EnumNameTable<IdentityType, 5> kIdentityTypeNames{{
    {IdentityType::kEmail, "email"},
    {IdentityType::kPhone, "phone"},
    {IdentityType::kCustomerId, "customer_id"},
    {IdentityType::kExternalId, "external_id"},
    {IdentityType::kCustom, "custom"},
}};

inline constexpr EnumNameTable<IdentityFormat, 4> kIdentityFormatNames{{
    {IdentityFormat::kRaw, "raw"},
    {IdentityFormat::kSha256, "sha256"},
    {IdentityFormat::kSha1, "sha1"},
    {IdentityFormat::kMd5, "md5"},
}};

constexpr std::string_view toString(IdentityType v) { return enumName(kIdentityTypeNames, v); }
constexpr std::string_view toString(IdentityFormat v) { return enumName(kIdentityFormatNames, v); }
constexpr std::optional<IdentityType> parseIdentityType(std::string_view s) {
  return enumParse(kIdentityTypeNames, s);
}
constexpr std::optional<IdentityFormat> parseIdentityFormat(std::string_view s) {
  return enumParse(kIdentityFormatNames, s);
}

//! A normalised, validated identity. Construct only through normalizeIdentity().
struct Identity {
  IdentityType type = IdentityType::kEmail;
  //! For kExternalId and kCustom: the namespace, e.g. "stripe_customer" or "loyalty_id";
  //! lower_snake_case. Empty for the built-in types.
  std::string subtype;
  IdentityFormat format = IdentityFormat::kRaw;
  std::string value;  //!< personal data: normalised clear value, or lower-case hex digest

  //! "email", "phone", or "external_id:stripe_customer" / "custom:loyalty_id".
  [[nodiscard]] std::string qualifiedType() const;
  //! A log-safe rendering that never shows the value, e.g. "email(raw, 17 chars)".
  [[nodiscard]] std::string redacted() const;

  friend bool operator==(const Identity&, const Identity&) = default;
};

//! Options for normalisation that come from the controller's configuration.
struct IdentityOptions {
  std::string defaultPhoneRegion = "DE";  //!< ISO 3166-1 alpha-2, for numbers without +CC
};

//! Validates and normalises an identity as given by a user, API or plugin:
//! - email: trimmed, lower-cased, syntactically checked (one @, a dotted domain, no spaces);
//! - phone: parsed with libphonenumber (default region from options) and formatted as E.164;
//! - customer_id / external_id / custom: trimmed, non-empty, at most 256 bytes;
//!   external_id and custom need a lower_snake_case subtype (at most 64 characters), the
//!   built-in types refuse one;
//! - hashed formats: the value must be lower- or upper-case hex of the right length and is
//!   lower-cased.
//! Every value must be well-formed UTF-8 without control characters (C0, DEL, C1).
//! Errors are kInvalidArgument with a message that names the identity type but not the value.
//! Thread-safe; libphonenumber's own logging is muted so nothing personal reaches stdout.
Result<Identity> normalizeIdentity(IdentityType type, std::string_view subtype,
                                   IdentityFormat format, std::string_view value,
                                   const IdentityOptions& options = {});

}  // namespace dsrflow
