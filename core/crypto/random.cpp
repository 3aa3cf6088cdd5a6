#include "crypto/random.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <climits>
#include <stdexcept>

#include "crypto/openssl_util.hpp"

namespace dsrflow::crypto {

Bytes randomBytes(std::size_t n) {
  Bytes out(n);
  std::size_t done = 0;
  while (done < n) {
    const std::size_t chunk = std::min<std::size_t>(n - done, INT_MAX);
    if (RAND_bytes(out.data() + done, static_cast<int>(chunk)) != 1) {
      throw std::runtime_error(detail::openSslFailure("RAND_bytes").message);
    }
    done += chunk;
  }
  return out;
}

}  // namespace dsrflow::crypto
