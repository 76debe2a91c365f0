#pragma once
// Errors raised while reading payloads.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace emgen {

/// How strictly a payload is read.
enum class ReadMode {
  /// Skip unknown elements, attributes and properties; keep unlisted enum values (new server versions add them).
  lenient,
  /// Any of those is an error.
  strict,
};

/// A payload that does not match its schema.
/// what() is `LINE:COL: PATH: MESSAGE` (`PATH: MESSAGE` when the position is unknown), for example
/// `3:27: /BackupJobSession/Progress: "abc" is not an Int`.
class ParseError : public std::runtime_error {
 public:
  /// line and column are 1-based; 0 means unknown.
  ParseError(std::string path, std::string message, std::size_t line = 0, std::size_t column = 0);

  /// Element path such as `/BackupJobSession/Links/Link[2]/@Rel`, or a JSON path such as `$.Links[2].Rel`.
  const std::string& path() const noexcept { return path_; }
  /// What is wrong, without the position.
  const std::string& message() const noexcept { return message_; }
  std::size_t line() const noexcept { return line_; }
  std::size_t column() const noexcept { return column_; }

 private:
  std::string path_;
  std::string message_;
  std::size_t line_;
  std::size_t column_;
};

/// Something a lenient read let through without the schema knowing it: an unknown element, attribute or
/// member that was skipped, an enum value the schema does not list (kept with its wire text), an object none of
/// whose members was recognised. Strict reading turns each of these into a ParseError instead.
struct ReadWarning {
  /// Where, as in ParseError: the element or JSON path of the object that held it.
  std::string path;
  /// What was skipped or kept, e.g. `skipped unknown member "refs"`. Names and enum texts only: member
  /// values are never copied into a warning (they may be secrets).
  std::string message;
  /// 1-based; 0 when unknown.
  std::size_t line = 0;
  std::size_t column = 0;

  /// `LINE:COL: PATH: MESSAGE`, the same form as ParseError::what().
  std::string to_string() const;
  friend bool operator==(const ReadWarning&, const ReadWarning&) = default;
};

/// What a lenient read collects when asked to: `T::from_json(text, ReadMode::lenient, &warnings)`.
using ReadWarnings = std::vector<ReadWarning>;

/// 1-based line and column of a byte offset in text (column counts bytes).
struct TextPosition {
  std::size_t line = 0;
  std::size_t column = 0;
};
TextPosition position_of(std::string_view text, std::size_t offset) noexcept;

}  // namespace emgen
