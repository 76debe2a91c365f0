#include "certificate.hpp"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/x509v3.h>

#include <stdexcept>

namespace emgen::sim::detail {
namespace {

[[noreturn]] void fail(const std::string& what) {
  char reason[256] = {};
  ERR_error_string_n(ERR_get_error(), reason, sizeof reason);
  throw std::runtime_error("emgen-sim: " + what + ": " + reason);
}

void check(int result, const char* what) {
  if (result <= 0) fail(what);
}

struct BioDeleter {
  void operator()(BIO* bio) const noexcept { BIO_free(bio); }
};

std::string pem_of(const std::unique_ptr<BIO, BioDeleter>& bio) {
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(size));
}

void add_extension(X509* cert, int nid, const char* value) {
  X509V3_CTX context;
  X509V3_set_ctx_nodb(&context);
  X509V3_set_ctx(&context, cert, cert, nullptr, nullptr, 0);
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
  if (extension == nullptr) fail(std::string("extension ") + value);
  const int added = X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
  check(added, "X509_add_ext");
}

}  // namespace

SelfSigned make_self_signed(const std::string& ip) {
  SelfSigned out;
  // P-256 rather than RSA 2048: key generation takes microseconds instead of up to a second per test.
  out.key.reset(EVP_EC_gen("P-256"));
  if (!out.key) fail("EC key generation");

  out.cert.reset(X509_new());
  if (!out.cert) fail("X509_new");
  X509* cert = out.cert.get();
  check(X509_set_version(cert, X509_VERSION_3), "X509_set_version");

  // A random serial: each run makes a new key, and some clients (NSS) reject a certificate whose issuer and
  // serial they have seen before with another key.
  std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), &BN_free);
  if (!serial) fail("BN_new");
  check(BN_rand(serial.get(), 63, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY), "BN_rand");
  if (BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert)) == nullptr) fail("serial number");

  // Backdated a minute so that a client whose clock is slightly behind still accepts it.
  if (X509_gmtime_adj(X509_getm_notBefore(cert), -60) == nullptr) fail("notBefore");
  if (X509_gmtime_adj(X509_getm_notAfter(cert), 24L * 60 * 60) == nullptr) fail("notAfter");
  check(X509_set_pubkey(cert, out.key.get()), "X509_set_pubkey");

  X509_NAME* name = X509_get_subject_name(cert);
  const auto* cn = reinterpret_cast<const unsigned char*>(ip.c_str());
  const auto* org = reinterpret_cast<const unsigned char*>("emgen-sim (made by the simulator)");
  check(X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, org, -1, -1, 0), "subject O");
  check(X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, cn, -1, -1, 0), "subject CN");
  check(X509_set_issuer_name(cert, name), "X509_set_issuer_name");

  add_extension(cert, NID_basic_constraints, "critical,CA:TRUE");
  add_extension(cert, NID_key_usage, "critical,digitalSignature,keyCertSign");
  add_extension(cert, NID_ext_key_usage, "serverAuth");
  add_extension(cert, NID_subject_key_identifier, "hash");
  // Clients match an IP address against the IP entries of subjectAltName, never against the CN.
  add_extension(cert, NID_subject_alt_name, ("IP:" + ip).c_str());

  if (X509_sign(cert, out.key.get(), EVP_sha256()) == 0) fail("X509_sign");

  std::unique_ptr<BIO, BioDeleter> cert_bio(BIO_new(BIO_s_mem()));
  std::unique_ptr<BIO, BioDeleter> key_bio(BIO_new(BIO_s_mem()));
  if (!cert_bio || !key_bio) fail("BIO_new");
  check(PEM_write_bio_X509(cert_bio.get(), cert), "PEM_write_bio_X509");
  check(PEM_write_bio_PrivateKey(key_bio.get(), out.key.get(), nullptr, nullptr, 0, nullptr, nullptr),
        "PEM_write_bio_PrivateKey");
  out.cert_pem = pem_of(cert_bio);
  out.key_pem = pem_of(key_bio);
  return out;
}

}  // namespace emgen::sim::detail
