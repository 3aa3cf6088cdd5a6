#include "crypto/key_token.hpp"

#include "crypto/key_info.hpp"

namespace dsrflow::crypto {

std::string formatKeyToken(std::string_view keyId, std::string_view payload) {
  std::string out;
  out.reserve(kKeyTokenVersion.size() + keyId.size() + payload.size() + 2);
  out += kKeyTokenVersion;
  out += ':';
  out += keyId;
  out += ':';
  out += payload;
  return out;
}

Result<KeyTokenParts> parseKeyToken(std::string_view token, std::string_view what) {
  const std::string shape = std::string(what) + " token is malformed: expected " +
                            std::string(kKeyTokenVersion) + ":<key id>:<base64>";
  const auto first = token.find(':');
  if (first == std::string_view::npos) return invalidArgument(shape);
  if (token.substr(0, first) != kKeyTokenVersion) {
    // Say which version only when it looks like one; never echo arbitrary input.
    const auto version = token.substr(0, first);
    const bool looksLikeVersion = version.size() <= 4 && version.size() >= 2 && version[0] == 'v';
    return invalidArgument(std::string(what) + " token has unsupported format version" +
                           (looksLikeVersion ? " '" + std::string(version) + "'" : std::string()) +
                           " (this build reads " + std::string(kKeyTokenVersion) + ")");
  }
  const auto second = token.find(':', first + 1);
  if (second == std::string_view::npos) return invalidArgument(shape);
  const auto keyId = token.substr(first + 1, second - first - 1);
  if (!parseKeyId(keyId)) return invalidArgument(shape);
  return KeyTokenParts{keyId, token.substr(second + 1)};
}

}  // namespace dsrflow::crypto
