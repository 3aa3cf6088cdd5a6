#pragma once
// The shared vocabulary of dsrflow (see docs/architecture.md): regulations, request types,
// channels, languages and plugin actions. Wire names are the lower_snake_case strings below.

#include <optional>
#include <string_view>

#include "model/enum_names.hpp"

namespace dsrflow {

enum class Regulation { kGdpr, kCcpa };

enum class RequestType {
  // GDPR
  kAccess,           //!< Art. 15
  kPortability,      //!< Art. 20
  kErasure,          //!< Art. 17
  kRectification,    //!< Art. 16
  kRestriction,      //!< Art. 18
  kObjection,        //!< Art. 21
  kContestDecision,  //!< Art. 22(3)
  // CCPA/CPRA
  kKnow,
  kDelete,
  kCorrect,
  kOptOut,
  kLimit,
};

enum class Channel { kWeb, kApi, kOpenDsr, kEmail, kLetter, kPhone };

enum class Language { kDe, kEn };

//! What a connector plugin can be asked to do.
enum class Action {
  kAccess,
  kErase,
  kRectify,
  kRestrict,
  kSuppress,
  kExplain,
  kStatus,
  kTestConnection
};

inline constexpr EnumNameTable<Regulation, 2> kRegulationNames{{
    {Regulation::kGdpr, "gdpr"},
    {Regulation::kCcpa, "ccpa"},
}};

inline constexpr EnumNameTable<RequestType, 12> kRequestTypeNames{{
    {RequestType::kAccess, "access"},
    {RequestType::kPortability, "portability"},
    {RequestType::kErasure, "erasure"},
    {RequestType::kRectification, "rectification"},
    {RequestType::kRestriction, "restriction"},
    {RequestType::kObjection, "objection"},
    {RequestType::kContestDecision, "contest_decision"},
    {RequestType::kKnow, "know"},
    {RequestType::kDelete, "delete"},
    {RequestType::kCorrect, "correct"},
    {RequestType::kOptOut, "opt_out"},
    {RequestType::kLimit, "limit"},
}};

inline constexpr EnumNameTable<Channel, 6> kChannelNames{{
    {Channel::kWeb, "web"},
    {Channel::kApi, "api"},
    {Channel::kOpenDsr, "opendsr"},
    {Channel::kEmail, "email"},
    {Channel::kLetter, "letter"},
    {Channel::kPhone, "phone"},
}};

inline constexpr EnumNameTable<Language, 2> kLanguageNames{{
    {Language::kDe, "de"},
    {Language::kEn, "en"},
}};

inline constexpr EnumNameTable<Action, 8> kActionNames{{
    {Action::kAccess, "access"},
    {Action::kErase, "erase"},
    {Action::kRectify, "rectify"},
    {Action::kRestrict, "restrict"},
    {Action::kSuppress, "suppress"},
    {Action::kExplain, "explain"},
    {Action::kStatus, "status"},
    {Action::kTestConnection, "test_connection"},
}};

constexpr std::string_view toString(Regulation v) { return enumName(kRegulationNames, v); }
constexpr std::string_view toString(RequestType v) { return enumName(kRequestTypeNames, v); }
constexpr std::string_view toString(Channel v) { return enumName(kChannelNames, v); }
constexpr std::string_view toString(Language v) { return enumName(kLanguageNames, v); }
constexpr std::string_view toString(Action v) { return enumName(kActionNames, v); }

constexpr std::optional<Regulation> parseRegulation(std::string_view s) {
  return enumParse(kRegulationNames, s);
}
constexpr std::optional<RequestType> parseRequestType(std::string_view s) {
  return enumParse(kRequestTypeNames, s);
}
constexpr std::optional<Channel> parseChannel(std::string_view s) {
  return enumParse(kChannelNames, s);
}
constexpr std::optional<Language> parseLanguage(std::string_view s) {
  return enumParse(kLanguageNames, s);
}
constexpr std::optional<Action> parseAction(std::string_view s) {
  return enumParse(kActionNames, s);
}

//! The regulation a request type belongs to (each type exists under exactly one).
constexpr Regulation regulationOf(RequestType t) {
  switch (t) {
    case RequestType::kKnow:
    case RequestType::kDelete:
    case RequestType::kCorrect:
    case RequestType::kOptOut:
    case RequestType::kLimit:
      return Regulation::kCcpa;
    default:
      return Regulation::kGdpr;
  }
}

}  // namespace dsrflow
