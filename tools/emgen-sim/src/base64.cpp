#include "base64.hpp"

#include <openssl/evp.h>

namespace emgen::sim {

std::optional<std::string> decode_base64(std::string_view encoded) {
  if (encoded.empty() || encoded.size() % 4 != 0) return std::nullopt;
  std::string decoded(encoded.size() / 4 * 3, '\0');
  const int size =
      EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                      reinterpret_cast<const unsigned char*>(encoded.data()), static_cast<int>(encoded.size()));
  if (size < 0) return std::nullopt;
  // EVP_DecodeBlock counts the padding as zero bytes.
  std::size_t length = static_cast<std::size_t>(size);
  if (encoded.ends_with("=="))
    length -= 2;
  else if (encoded.ends_with('='))
    length -= 1;
  decoded.resize(length);
  return decoded;
}

}  // namespace emgen::sim
