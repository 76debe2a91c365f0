#pragma once
// Retrying what is safe to retry. A monitoring job against a busy Enterprise Manager meets refused and reset
// connections, timeouts, 502/503/504 from a proxy in front of EM, and 429: each may pass if the same request is
// sent again a little later. A request that changes something is not sent twice unless its caller says that is
// safe.

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "emgen/http.hpp"

namespace emgen {

/// How a Session retries. The defaults suit a job that runs every few minutes: up to 4 attempts within 30 s,
/// waits drawn from [0, 250 ms], [0, 500 ms], [0, 1 s] ("full jitter": clients that failed together do not
/// retry together), or what the server's Retry-After asks for.
struct RetryPolicy {
  /// Attempts in all, the first included; 1 never retries.
  int max_attempts = 4;
  /// The ceiling of the wait before the first retry; it grows by multiplier per retry, up to max_backoff.
  std::chrono::milliseconds initial_backoff{250};
  std::chrono::milliseconds max_backoff{8000};
  double multiplier = 2.0;
  /// No retry starts later than this after the first attempt began; a Retry-After that would pass it ends
  /// the retries.
  std::chrono::milliseconds budget{30000};
  /// Draws the wait from its ceiling; empty: uniformly from [0, ceiling]. Tests set it to make waits exact.
  std::function<std::chrono::milliseconds(std::chrono::milliseconds ceiling)> jitter;

  /// One attempt, no retry.
  static RetryPolicy none() {
    RetryPolicy policy;
    policy.max_attempts = 1;
    return policy;
  }
};

/// GET, HEAD and DELETE: sending them twice does what sending them once does. A POST or PUT is retried only
/// when its call says it is idempotent (CallOptions::idempotent).
bool is_idempotent_method(std::string_view method) noexcept;

/// Why an answer may pass on a retry, e.g. `503 Service Unavailable`: 429, 502, 503 and 504. nullopt for any
/// other status: a 4xx says the request is wrong (401 is the Session's re-logon, not a retry), and EM answers
/// 500 for errors that repeat.
std::optional<std::string> retryable_status(int status);

/// Why a failure to get an answer may pass on a retry: a refused or reset connection, a timeout. nullopt for
/// TLS and name resolution failures, which a retry repeats.
std::optional<std::string> retryable_failure(const TransportError& error);

/// The wait a 429 or 503 asks for in its Retry-After header, in seconds or as an HTTP date (then relative to
/// now), at most a day; nullopt without one, or when it is neither.
std::optional<std::chrono::milliseconds> retry_after(
    const Response& response, std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

/// The ceiling of the wait before retry number `retry` (1 for the first): initial_backoff × multiplierʳᵉᵗʳʸ⁻¹,
/// at most max_backoff.
std::chrono::milliseconds backoff_ceiling(const RetryPolicy& policy, int retry) noexcept;

}  // namespace emgen
