#include "emgen/retry.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <ctime>

#include "emgen/api_error.hpp"

namespace emgen {
namespace {

// `Sun, 06 Nov 1994 08:49:37 GMT` (RFC 9110's IMF-fixdate, the form servers send).
std::optional<std::chrono::system_clock::time_point> parse_http_date(std::string_view text) {
  static constexpr std::string_view kMonths = "JanFebMarAprMayJunJulAugSepOctNovDec";
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") return std::nullopt;
  const auto number = [&](std::size_t at, std::size_t length, int& out) {
    const char* first = text.data() + at;
    const auto [end, error] = std::from_chars(first, first + length, out);
    return error == std::errc() && end == first + length;
  };
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  const std::size_t month = kMonths.find(text.substr(8, 3));
  if (month == std::string_view::npos || month % 3 != 0 || !number(5, 2, day) || !number(12, 4, year) ||
      !number(17, 2, hour) || !number(20, 2, minute) || !number(23, 2, second) || text[19] != ':' || text[22] != ':')
    return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(year),
                                         std::chrono::month(static_cast<unsigned>(month / 3 + 1)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return std::nullopt;
  return std::chrono::sys_days(date) + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         std::chrono::seconds(second);
}

}  // namespace

bool is_idempotent_method(std::string_view method) noexcept {
  return method == "GET" || method == "HEAD" || method == "DELETE";
}

std::optional<std::string> retryable_status(int status) {
  if (status == 429 || status == 502 || status == 503 || status == 504)
    return std::to_string(status) + " " + std::string(reason_phrase(status));
  return std::nullopt;
}

std::optional<std::string> retryable_failure(const TransportError& error) {
  switch (error.cause()) {
    case TransportError::Cause::refused:
      return "connection refused";
    case TransportError::Cause::timeout:
      return "timeout";
    case TransportError::Cause::other:
      return "connection failed or reset";
    case TransportError::Cause::tls:
    case TransportError::Cause::resolve:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> retry_after(const Response& response,
                                                     std::chrono::system_clock::time_point now) {
  const std::optional<std::string_view> header = response.headers.find("Retry-After");
  if (!header) return std::nullopt;
  std::string_view text = *header;
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  // A wait longer than a day ends any retry budget anyway; capping it keeps the arithmetic away from overflow.
  constexpr std::chrono::milliseconds kLongest = std::chrono::hours(24);
  long long seconds = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (end == text.data() + text.size() && !text.empty() && text.front() != '-') {
    if (error == std::errc::result_out_of_range) return kLongest;
    if (error == std::errc()) return seconds >= 24 * 3600 ? kLongest : std::chrono::milliseconds(seconds * 1000);
  }
  if (error == std::errc() && end == text.data() + text.size() && !text.empty()) return std::nullopt;  // negative
  const auto date = parse_http_date(text);
  if (!date) return std::nullopt;
  return std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(*date - now), std::chrono::milliseconds(0),
                    kLongest);
}

std::chrono::milliseconds backoff_ceiling(const RetryPolicy& policy, int retry) noexcept {
  const double factor = std::pow(std::max(policy.multiplier, 1.0), std::max(retry - 1, 0));
  const double ceiling = static_cast<double>(policy.initial_backoff.count()) * factor;
  const double limit = static_cast<double>(policy.max_backoff.count());
  return std::chrono::milliseconds(static_cast<long long>(std::min(ceiling, limit)));
}

}  // namespace emgen
