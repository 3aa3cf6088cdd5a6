#include "model/identity.hpp"

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <cstddef>
#include <set>
#include <string>

namespace dsrflow {
namespace {

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

constexpr std::size_t kMaxValueLength = 256;
constexpr std::size_t kMaxEmailLength = 254;  // RFC 5321 path limit minus the angle brackets
constexpr std::size_t kMaxEmailLocalLength = 64;
constexpr std::size_t kMaxDomainLabelLength = 63;
constexpr std::size_t kMaxPhoneLength = 64;
constexpr std::size_t kMaxSubtypeLength = 64;

bool isAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && isAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

char asciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

std::string asciiLowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), asciiLower);
  return out;
}

bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool isAsciiLowerAlnum(char c) { return (c >= 'a' && c <= 'z') || isAsciiDigit(c); }
bool isHexDigit(char c) {
  return isAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

enum class TextProblem { kNone, kBadEncoding, kControlCharacter };

// Values end up in JSON answers and databases, so beyond C0/C1 control characters we also
// refuse byte sequences that are not well-formed UTF-8 (overlong forms, surrogates, > U+10FFFF).
TextProblem checkText(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    char32_t cp = 0;
    std::size_t len = 0;
    if (b0 < 0x80) {
      cp = b0;
      len = 1;
    } else if (b0 >= 0xC2 && b0 <= 0xDF) {
      cp = b0 & 0x1Fu;
      len = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      cp = b0 & 0x0Fu;
      len = 3;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      cp = b0 & 0x07u;
      len = 4;
    } else {
      return TextProblem::kBadEncoding;
    }
    if (i + len > s.size()) return TextProblem::kBadEncoding;
    for (std::size_t k = 1; k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      if ((b & 0xC0u) != 0x80u) return TextProblem::kBadEncoding;
      cp = (cp << 6) | (b & 0x3Fu);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return TextProblem::kBadEncoding;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F)) return TextProblem::kControlCharacter;
    i += len;
  }
  return TextProblem::kNone;
}

bool isLowerSnakeCase(std::string_view s) {
  if (s.empty() || s.size() > kMaxSubtypeLength) return false;
  if (s.front() < 'a' || s.front() > 'z' || s.back() == '_') return false;
  char prev = '\0';
  for (char c : s) {
    if (!isAsciiLowerAlnum(c) && c != '_') return false;
    if (c == '_' && prev == '_') return false;
    prev = c;
  }
  return true;
}

Error fail(std::string_view what, std::string_view problem) {
  std::string msg(what);
  msg += ": ";
  msg += problem;
  return invalidArgument(std::move(msg));
}

std::size_t hexLength(IdentityFormat format) {
  switch (format) {
    case IdentityFormat::kSha256:
      return 64;
    case IdentityFormat::kSha1:
      return 40;
    case IdentityFormat::kMd5:
      return 32;
    case IdentityFormat::kRaw:
      break;
  }
  return 0;
}

Result<std::string> normalizeHash(std::string_view what, IdentityFormat format,
                                  std::string_view value) {
  const std::size_t expected = hexLength(format);
  if (value.size() != expected) {
    return fail(what, std::string(toString(format)) + " value must be " + std::to_string(expected) +
                          " hex digits");
  }
  if (!std::all_of(value.begin(), value.end(), isHexDigit)) {
    return fail(what, std::string(toString(format)) + " value must contain only hex digits");
  }
  return asciiLowered(value);
}

bool isValidDomainLabel(std::string_view label) {
  if (label.empty() || label.size() > kMaxDomainLabelLength) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  // Non-ASCII bytes are internationalised labels (already checked as UTF-8 by the caller).
  return std::all_of(label.begin(), label.end(), [](char c) {
    return isAsciiLowerAlnum(c) || c == '-' || static_cast<unsigned char>(c) >= 0x80;
  });
}

bool isValidLocalPart(std::string_view local) {
  if (local.empty() || local.size() > kMaxEmailLocalLength) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  if (local.find("..") != std::string_view::npos) return false;
  // RFC 5322 dot-atom characters; quoted local parts are not accepted.
  constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~.";
  return std::all_of(local.begin(), local.end(), [&](char c) {
    return isAsciiLowerAlnum(c) || kSpecials.find(c) != std::string_view::npos ||
           static_cast<unsigned char>(c) >= 0x80;
  });
}

Result<std::string> normalizeEmail(std::string_view what, std::string_view value) {
  if (value.size() > kMaxEmailLength) return fail(what, "address is too long");
  std::string email = asciiLowered(value);
  const auto at = email.find('@');
  if (at == std::string::npos) return fail(what, "address has no '@'");
  if (email.find('@', at + 1) != std::string::npos) return fail(what, "address has several '@'");
  const std::string_view local = std::string_view(email).substr(0, at);
  const std::string_view domain = std::string_view(email).substr(at + 1);
  if (!isValidLocalPart(local)) return fail(what, "invalid local part");
  if (domain.find('.') == std::string_view::npos) return fail(what, "domain has no dot");
  std::size_t start = 0;
  while (start <= domain.size()) {
    const auto dot = domain.find('.', start);
    const auto end = dot == std::string_view::npos ? domain.size() : dot;
    if (!isValidDomainLabel(domain.substr(start, end - start))) {
      return fail(what, "invalid domain");
    }
    start = end + 1;
  }
  return email;
}

// The singleton is created on first use. Its logger must be replaced before anything is parsed:
// the default one prints diagnostics to stdout, which could carry fragments of the number.
// SetLogger is not thread-safe, hence the function-local static (initialised exactly once).
const PhoneNumberUtil& phoneUtil() {
  static PhoneNumberUtil* const util = [] {
    PhoneNumberUtil* instance = PhoneNumberUtil::GetInstance();
    instance->SetLogger(new i18n::phonenumbers::NullLogger());  // takes ownership
    return instance;
  }();
  return *util;
}

const std::set<std::string>& supportedRegions() {
  static const std::set<std::string> regions = [] {
    std::set<std::string> out;
    phoneUtil().GetSupportedRegions(&out);
    return out;
  }();
  return regions;
}

Result<std::string> normalizePhone(std::string_view what, std::string_view value,
                                   const IdentityOptions& options) {
  if (value.size() > kMaxPhoneLength) return fail(what, "number is too long");
  std::string region(options.defaultPhoneRegion);
  std::transform(region.begin(), region.end(), region.begin(),
                 [](char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; });
  if (region.empty()) {
    region = "ZZ";  // unknown region: only numbers written with +<country code> parse
  } else if (supportedRegions().count(region) == 0) {
    return fail(what, "default region '" + region + "' is not a supported region code");
  }
  const PhoneNumberUtil& util = phoneUtil();
  PhoneNumber number;
  const auto parsed = util.Parse(std::string(value), region, &number);
  switch (parsed) {
    case PhoneNumberUtil::NO_PARSING_ERROR:
      break;
    case PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
      return fail(what, "number has no valid country code");
    case PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case PhoneNumberUtil::TOO_SHORT_NSN:
      return fail(what, "number is too short");
    case PhoneNumberUtil::TOO_LONG_NSN:
      return fail(what, "number is too long");
    case PhoneNumberUtil::NOT_A_NUMBER:
    default:
      return fail(what, "not a phone number");
  }
  // Parse accepts anything shaped like a number; only IsValidNumber checks the numbering plan.
  if (!util.IsValidNumber(number)) return fail(what, "not a valid number for its region");
  std::string e164;
  util.Format(number, PhoneNumberUtil::E164, &e164);
  return e164;
}

Result<std::string> normalizeOpaque(std::string_view what, std::string_view value) {
  if (value.size() > kMaxValueLength) {
    return fail(what, "value is longer than " + std::to_string(kMaxValueLength) + " bytes");
  }
  return std::string(value);
}

}  // namespace

std::string Identity::qualifiedType() const {
  std::string out(toString(type));
  if (!subtype.empty()) {
    out += ':';
    out += subtype;
  }
  return out;
}

std::string Identity::redacted() const {
  return qualifiedType() + "(" + std::string(toString(format)) + ", " +
         std::to_string(value.size()) + " chars)";
}

Result<Identity> normalizeIdentity(IdentityType type, std::string_view subtype,
                                   IdentityFormat format, std::string_view value,
                                   const IdentityOptions& options) {
  const std::string typeName(toString(type));
  const bool needsSubtype = type == IdentityType::kExternalId || type == IdentityType::kCustom;
  if (needsSubtype) {
    if (subtype.empty()) return fail(typeName, "subtype is required");
    if (!isLowerSnakeCase(subtype)) {
      return fail(typeName, "subtype must be lower_snake_case (a-z, 0-9, _), at most " +
                                std::to_string(kMaxSubtypeLength) + " characters");
    }
  } else if (!subtype.empty()) {
    return fail(typeName, "subtype is only allowed for external_id and custom");
  }

  Identity id;
  id.type = type;
  id.subtype = std::string(subtype);
  id.format = format;
  const std::string what = id.qualifiedType();

  const std::string_view trimmed = trim(value);
  if (trimmed.empty()) return fail(what, "value is empty");
  switch (checkText(trimmed)) {
    case TextProblem::kBadEncoding:
      return fail(what, "value is not valid UTF-8");
    case TextProblem::kControlCharacter:
      return fail(what, "value contains control characters");
    case TextProblem::kNone:
      break;
  }

  Result<std::string> normalised = [&]() -> Result<std::string> {
    if (format != IdentityFormat::kRaw) return normalizeHash(what, format, trimmed);
    switch (type) {
      case IdentityType::kEmail:
        return normalizeEmail(what, trimmed);
      case IdentityType::kPhone:
        return normalizePhone(what, trimmed, options);
      case IdentityType::kCustomerId:
      case IdentityType::kExternalId:
      case IdentityType::kCustom:
        break;
    }
    return normalizeOpaque(what, trimmed);
  }();
  if (!normalised) return normalised.error();
  id.value = std::move(normalised).value();
  return id;
}

}  // namespace dsrflow
