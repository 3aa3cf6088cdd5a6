#include "crypto/key_ring_file.hpp"

#include <Poco/Exception.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "crypto/base64.hpp"
#include "crypto/private_files.hpp"

namespace dsrflow::crypto {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Object;

const std::set<std::string> kTopFields{"format", "version", "keys"};
const std::set<std::string> kKeyFields{"id", "kind", "status", "created_at", "material"};

std::string quote(std::string_view s) { return "'" + std::string(s) + "'"; }

// Echoes a value from the file in an error only when it is short and plain; anything else
// might be key material pasted into the wrong place.
std::string echo(std::string_view s) {
  const bool plain =
      s.size() <= 24 && std::all_of(s.begin(), s.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.';
      });
  return plain ? quote(s) : std::string("(value not shown)");
}

// A reference into the parsed tree (Object::get returns a deep copy, which for the material
// would be one more copy of the key left unwiped). The field must exist (see checkFields).
const Var& field(const Object& object, const std::string& name) {
  return std::find_if(object.begin(), object.end(), [&](const auto& e) { return e.first == name; })
      ->second;
}

// Reads key material and wipes the parser's copy inside the JSON tree we own, so one fewer
// copy of the key outlives parsing. (The parser's own scratch buffer is beyond our reach.)
Result<Bytes> takeMaterial(const Var& value) {
  auto& text = const_cast<std::string&>(value.extract<std::string>());
  auto decoded = base64Decode(text);
  secureErase(text);
  if (!decoded) return invalidArgument("material is not valid base64");
  return decoded;
}

// The JSON parser quotes the offending byte ("unexpected byte 'x'"), which could be part of a
// key; keep the description, drop the quoted text.
std::string withoutQuotedText(const std::string& message) {
  std::string out;
  bool inQuote = false;
  for (const char c : message) {
    if (c == '\'') {
      inQuote = !inQuote;
      if (inQuote) out += "'...'";
    } else if (!inQuote) {
      out += c;
    }
  }
  return out;
}

Status checkFields(const Object& object, const std::set<std::string>& allowed,
                   const std::string& where) {
  for (const auto& [name, value] : object) {
    if (allowed.count(name) == 0) return invalidArgument(where + ": unknown field " + echo(name));
  }
  for (const auto& name : allowed) {
    if (!object.has(name)) return invalidArgument(where + ": missing field " + quote(name));
  }
  return Ok{};
}

Result<std::string> stringField(const Object& object, const std::string& name,
                                const std::string& where) {
  const Var& value = field(object, name);
  if (!value.isString()) return invalidArgument(where + ": " + quote(name) + " must be a string");
  return value.extract<std::string>();
}

Result<KeyRecord> parseKey(const Var& value, std::size_t index) {
  std::string where = "keys[" + std::to_string(index) + "]";
  if (value.type() != typeid(Object::Ptr)) return invalidArgument(where + " must be an object");
  const Object& object = *value.extract<Object::Ptr>();

  // Name the key by id in every later message, once the id is known to be a string.
  auto id = stringField(object, "id", where);
  const auto parts = id ? parseKeyId(*id) : std::nullopt;
  if (parts) where += " (id " + quote(*id) + ")";
  if (auto s = checkFields(object, kKeyFields, where); !s) return s.error();
  if (!id) return id.error();

  KeyRecord record;
  if (!parts) {
    return invalidArgument(where + ": id " + echo(*id) +
                           " must look like enc-N, hash-N or sig-N (N >= 1)");
  }
  record.info.id = *id;
  record.info.version = parts->version;

  auto kind = stringField(object, "kind", where);
  if (!kind) return kind.error();
  const auto parsedKind = parseKeyKind(*kind);
  if (!parsedKind) {
    return invalidArgument(where + ": unknown kind " + echo(*kind) +
                           " (expected encryption, lookup_hash or signing)");
  }
  record.info.kind = *parsedKind;

  auto status = stringField(object, "status", where);
  if (!status) return status.error();
  const auto parsedStatus = parseKeyStatus(*status);
  if (!parsedStatus) {
    return invalidArgument(where + ": unknown status " + echo(*status) +
                           " (expected active or retired)");
  }
  record.info.status = *parsedStatus;

  auto created = stringField(object, "created_at", where);
  if (!created) return created.error();
  const auto createdAt = parseKeyTimestamp(*created);
  if (!createdAt) {
    return invalidArgument(where + ": created_at must be a UTC timestamp like " +
                           "2024-05-01T10:00:00.000Z");
  }
  record.info.createdAt = *createdAt;

  const Var& material = field(object, "material");
  if (!material.isString()) return invalidArgument(where + ": 'material' must be a string");
  auto bytes = takeMaterial(material);
  if (!bytes) return invalidArgument(where + ": " + bytes.error().message);
  record.material = SecretBytes(std::move(bytes).value());
  return record;
}

std::string describeKey(const KeyRecord& k) { return "key " + quote(k.info.id); }

}  // namespace

Status validateKeyRecords(const std::vector<KeyRecord>& keys) {
  if (keys.empty()) return invalidArgument("the key ring has no keys");
  std::set<std::string> ids;
  for (const KeyRecord& k : keys) {
    if (k.info.version == 0 || k.info.id != formatKeyId(k.info.kind, k.info.version)) {
      return invalidArgument(describeKey(k) + ": id does not match kind " +
                             std::string(toString(k.info.kind)) + " (expected prefix " +
                             std::string(enumName(kKeyIdPrefixes, k.info.kind)) + "-)");
    }
    if (k.material.size() != kKeyMaterialSize) {
      return invalidArgument(describeKey(k) + ": material must be " +
                             std::to_string(kKeyMaterialSize) + " bytes, got " +
                             std::to_string(k.material.size()));
    }
    if (!ids.insert(k.info.id).second) return invalidArgument(describeKey(k) + " appears twice");
  }
  for (const KeyKind kind : kAllKeyKinds) {
    if (std::none_of(keys.begin(), keys.end(),
                     [&](const KeyRecord& k) { return k.info.kind == kind; })) {
      return invalidArgument("the key ring has no " + std::string(toString(kind)) + " key");
    }
  }
  for (const KeyKind kind : kAllKeyKinds) {
    const KeyRecord* newest = nullptr;
    const KeyRecord* active = nullptr;
    for (const KeyRecord& k : keys) {
      if (k.info.kind != kind) continue;
      if (newest == nullptr || k.info.version > newest->info.version) newest = &k;
      if (k.info.status != KeyStatus::kActive) continue;
      if (active != nullptr) {
        return invalidArgument("two active " + std::string(toString(kind)) +
                               " keys: " + quote(active->info.id) + " and " + quote(k.info.id) +
                               " (only the newest may be active)");
      }
      active = &k;
    }
    if (active != newest) {
      return invalidArgument("the newest " + std::string(toString(kind)) + " key " +
                             quote(newest->info.id) + " must be active and all older ones " +
                             "retired" +
                             (active ? " (" + quote(active->info.id) + " is marked active)"
                                     : std::string(" (none is marked active)")));
    }
  }
  return Ok{};
}

Result<std::vector<KeyRecord>> parseKeyRingJson(std::string_view json, std::string_view source) {
  const std::string prefix = "key ring file " + quote(source) + ": ";
  Var root;
  std::string text(json);
  const ScopedErase eraseText(text);
  try {
    Poco::JSON::Parser parser;
    root = parser.parse(text);
  } catch (const Poco::Exception& e) {
    return invalidArgument(prefix + "not valid JSON (" + withoutQuotedText(e.message()) + ")");
  }
  if (root.type() != typeid(Object::Ptr)) return invalidArgument(prefix + "must be a JSON object");
  const Object& top = *root.extract<Object::Ptr>();
  if (auto s = checkFields(top, kTopFields, "top level"); !s) {
    return invalidArgument(prefix + s.error().message);
  }
  const Var& format = field(top, "format");
  if (!format.isString() || format.extract<std::string>() != kKeyRingFormat) {
    return invalidArgument(prefix + "'format' must be \"" + std::string(kKeyRingFormat) + "\"");
  }
  const Var& version = field(top, "version");
  if (!version.isInteger() || version.convert<long long>() != kKeyRingFormatVersion) {
    return invalidArgument(prefix + "unsupported 'version' (this build reads version " +
                           std::to_string(kKeyRingFormatVersion) + ")");
  }
  const Var& keysVar = field(top, "keys");
  if (keysVar.type() != typeid(Poco::JSON::Array::Ptr)) {
    return invalidArgument(prefix + "'keys' must be an array");
  }
  const auto& array = *keysVar.extract<Poco::JSON::Array::Ptr>();
  std::vector<KeyRecord> keys;
  keys.reserve(array.size());
  std::size_t index = 0;
  for (const Var& element : array) {
    auto key = parseKey(element, index++);
    if (!key) return invalidArgument(prefix + key.error().message);
    keys.push_back(std::move(key).value());
  }
  if (auto s = validateKeyRecords(keys); !s) return invalidArgument(prefix + s.error().message);
  return keys;
}

std::string serializeKeyRingJson(const std::vector<KeyRecord>& keys) {
  std::vector<const KeyRecord*> ordered;
  for (const KeyRecord& k : keys) ordered.push_back(&k);
  std::sort(ordered.begin(), ordered.end(), [](const KeyRecord* a, const KeyRecord* b) {
    return std::pair(a->info.kind, a->info.version) < std::pair(b->info.kind, b->info.version);
  });
  // Reserved once: reallocation would leave copies of the material in freed memory. Every
  // value written is plain ASCII (ids, enum names, timestamps, base64), so nothing needs escaping.
  std::string out;
  out.reserve(128 + keys.size() * 256);
  out += "{\n  \"format\": \"";
  out += kKeyRingFormat;
  out += "\",\n  \"version\": " + std::to_string(kKeyRingFormatVersion) + ",\n  \"keys\": [";
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    const KeyRecord& k = *ordered[i];
    std::string material = base64Encode(k.material.view());
    out += i == 0 ? "\n" : ",\n";
    out += "    {\"id\": \"" + k.info.id + "\", \"kind\": \"";
    out += toString(k.info.kind);
    out += "\", \"status\": \"";
    out += toString(k.info.status);
    out += "\", \"created_at\": \"" + formatKeyTimestamp(k.info.createdAt) + "\",\n";
    out += "     \"material\": \"";
    out += material;
    out += "\"}";
    secureErase(material);
  }
  out += "\n  ]\n}\n";
  return out;
}

std::filesystem::path keyRingFilePath(const std::filesystem::path& dir) {
  return dir / kKeyRingFileName;
}

Result<std::vector<KeyRecord>> readKeyRingFile(const std::filesystem::path& dir) {
  if (auto s = checkPrivateDirectory(dir); !s) return s.error();
  const auto file = keyRingFilePath(dir);
  auto text = readPrivateFile(file);
  if (!text) return text.error();
  std::string content = std::move(text).value();
  const ScopedErase erase(content);
  return parseKeyRingJson(content, file.string());
}

Status writeKeyRingFile(const std::filesystem::path& dir, const std::vector<KeyRecord>& keys) {
  if (auto s = validateKeyRecords(keys); !s) return s;
  if (auto s = checkPrivateDirectory(dir); !s) return s;
  std::string content = serializeKeyRingJson(keys);
  const ScopedErase erase(content);
  return writePrivateFileAtomically(keyRingFilePath(dir), content);
}

}  // namespace dsrflow::crypto
