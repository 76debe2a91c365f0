#pragma once
// A self-signed certificate for the simulator's HTTPS, made at start-up so that no key is ever committed.

#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>
#include <string>

namespace emgen::sim::detail {

struct X509Deleter {
  void operator()(X509* cert) const noexcept { X509_free(cert); }
};
struct KeyDeleter {
  void operator()(EVP_PKEY* key) const noexcept { EVP_PKEY_free(key); }
};

struct SelfSigned {
  std::unique_ptr<X509, X509Deleter> cert;
  std::unique_ptr<EVP_PKEY, KeyDeleter> key;
  std::string cert_pem;
  std::string key_pem;
};

/// An EC P-256 key and a certificate for it, valid for one day: CN and subjectAltName IP:ip, CA:TRUE so
/// that it can be given to a client as its only trusted CA. Throws std::runtime_error with OpenSSL's reason.
SelfSigned make_self_signed(const std::string& ip);

}  // namespace emgen::sim::detail
