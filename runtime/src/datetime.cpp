#include "emgen/datetime.hpp"

#include <cstdint>

namespace emgen {
namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

// A cursor over the input that never reads past its end, so any byte string is safe to feed in.
class Scanner {
 public:
  explicit Scanner(std::string_view text) noexcept : text_(text) {}

  bool done() const noexcept { return pos_ == text_.size(); }
  char peek() const noexcept { return done() ? '\0' : text_[pos_]; }

  bool consume(char expected) noexcept {
    if (done() || text_[pos_] != expected) return false;
    ++pos_;
    return true;
  }

  // Exactly `count` ASCII digits; anything shorter or longer is a different format, not this field.
  bool digits(int count, int& out) noexcept {
    int value = 0;
    for (int i = 0; i < count; ++i) {
      if (done() || !is_digit(text_[pos_])) return false;
      value = value * 10 + (text_[pos_] - '0');
      ++pos_;
    }
    out = value;
    return true;
  }

  static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil), in 64-bit so
// that format_datetime's inverse below covers every representable microsecond count.
constexpr std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

struct Civil {
  std::int64_t year;
  unsigned month;
  unsigned day;
};

// std::chrono::year only spans +-32767, while DateTime spans +-292277 years; this does not wrap.
constexpr Civil civil_from_days(std::int64_t z) noexcept {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {era * 400 + yoe + (month <= 2 ? 1 : 0), month, day};
}

void append_padded(std::string& out, std::int64_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) out.append(static_cast<std::size_t>(width) - digits.size(), '0');
  out += digits;
}

}  // namespace

std::optional<DateTime> parse_datetime(std::string_view text) noexcept {
  Scanner in(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!in.digits(4, year) || !in.consume('-') || !in.digits(2, month) || !in.consume('-') || !in.digits(2, day))
    return std::nullopt;
  // RFC 3339 lets the separator and the zone letter be lower case; .NET never writes them, others might.
  if (!in.consume('T') && !in.consume('t')) return std::nullopt;
  if (!in.digits(2, hour) || !in.consume(':') || !in.digits(2, minute) || !in.consume(':') || !in.digits(2, second))
    return std::nullopt;

  // Year 0000 is not an xsd:dateTime year. Second 60 (a leap second) is refused: neither .NET nor
  // sys_time can represent one, and silently folding it into the next minute would reorder events.
  if (year < 1 || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;

  std::int64_t micros = 0;
  if (in.consume('.')) {
    int count = 0;
    std::int64_t scale = 100'000;
    while (Scanner::is_digit(in.peek())) {
      int digit = 0;
      in.digits(1, digit);
      if (++count > 7) return std::nullopt;
      // The 7th digit (100 ns) is dropped, not rounded, so a value never moves into the next second.
      if (scale > 0) micros += digit * scale;
      scale /= 10;
    }
    if (count == 0) return std::nullopt;
  }

  std::int64_t offset_seconds = 0;
  if (in.consume('Z') || in.consume('z')) {
    // UTC.
  } else if (in.peek() == '+' || in.peek() == '-') {
    const bool negative = in.peek() == '-';
    in.consume(in.peek());
    int offset_hours = 0, offset_minutes = 0;
    if (!in.digits(2, offset_hours) || !in.consume(':') || !in.digits(2, offset_minutes)) return std::nullopt;
    if (offset_hours > 23 || offset_minutes > 59) return std::nullopt;
    offset_seconds = (offset_hours * 3600 + offset_minutes * 60) * (negative ? -1 : 1);
  }
  // No zone at all: EM's *UTC fields sometimes come without one and are UTC all the same.
  if (!in.done()) return std::nullopt;

  const std::int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const std::int64_t seconds = std::int64_t{hour} * 3600 + minute * 60 + second - offset_seconds;
  const DateTime value{std::chrono::microseconds{days * kMicrosPerDay + seconds * kMicrosPerSecond + micros}};
  // The year range is checked on the local time above; an offset can still move the instant out of
  // 0001..9999 UTC, which format_datetime could not write back in a form this function reads (.NET's
  // DateTime has the same range).
  const DateTime first{std::chrono::microseconds{days_from_civil(1, 1, 1) * kMicrosPerDay}};
  const DateTime past_last{std::chrono::microseconds{days_from_civil(10000, 1, 1) * kMicrosPerDay}};
  if (value < first || value >= past_last) return std::nullopt;
  return value;
}

std::string format_datetime(DateTime value) {
  const std::int64_t count = value.time_since_epoch().count();
  // Split with truncating division and fix up, rather than floor-dividing by multiplication, which
  // would overflow for counts near INT64_MIN.
  std::int64_t days = count / kMicrosPerDay;
  std::int64_t rest = count % kMicrosPerDay;
  if (rest < 0) {
    rest += kMicrosPerDay;
    --days;
  }
  const Civil date = civil_from_days(days);
  const std::int64_t seconds_of_day = rest / kMicrosPerSecond;
  std::int64_t fraction = rest % kMicrosPerSecond;

  std::string out;
  out.reserve(32);
  if (date.year < 0) out += '-';
  append_padded(out, date.year < 0 ? -date.year : date.year, 4);
  out += '-';
  append_padded(out, date.month, 2);
  out += '-';
  append_padded(out, date.day, 2);
  out += 'T';
  append_padded(out, seconds_of_day / 3600, 2);
  out += ':';
  append_padded(out, seconds_of_day / 60 % 60, 2);
  out += ':';
  append_padded(out, seconds_of_day % 60, 2);
  if (fraction != 0) {
    int width = 6;
    while (fraction % 10 == 0) {
      fraction /= 10;
      --width;
    }
    out += '.';
    append_padded(out, fraction, width);
  }
  out += 'Z';
  return out;
}

}  // namespace emgen
