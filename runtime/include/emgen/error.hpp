#pragma once
// Errors raised while reading payloads.

#include <cstddef>
#include <initializer_list>
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

/// A document that is not the one asked for: an XML root element of another name, or a JSON root object that
/// has members but none the type knows (`{"Repositories": [...]}` read as an EntityReferences). Lenient reading
/// refuses it too: reading it would give an empty value, not a partial one.
class DocumentMismatch : public ParseError {
 public:
  using ParseError::ParseError;
};

/// What a lenient read collects when asked to: `T::from_json(text, warnings)`. It keeps at most limit()
/// warnings and counts the rest, so that a document with a million unknown members costs a counter, not a
/// million messages: not_kept() says how many were counted only, total() how many there were.
class ReadWarnings : public std::vector<ReadWarning> {
 public:
  static constexpr std::size_t kDefaultLimit = 1000;

  ReadWarnings() = default;
  explicit ReadWarnings(std::size_t limit) noexcept : limit_(limit) {}
  ReadWarnings(std::initializer_list<ReadWarning> warnings) : std::vector<ReadWarning>(warnings) {}

  std::size_t limit() const noexcept { return limit_; }
  /// Whether the next warning is kept; a reader asks first, so that a warning past the limit costs no message.
  bool keeps_another() const noexcept { return size() < limit_; }
  /// Adds warning while fewer than limit() are kept; counts it otherwise.
  void add(ReadWarning warning);
  /// Counts a warning that is not kept (past the limit).
  void count_not_kept() noexcept { ++not_kept_; }
  std::size_t not_kept() const noexcept { return not_kept_; }
  /// Every warning of the reads that used this collection, kept or counted.
  std::size_t total() const noexcept { return size() + not_kept_; }
  void clear() noexcept {
    std::vector<ReadWarning>::clear();
    not_kept_ = 0;
  }

 private:
  std::size_t limit_ = kDefaultLimit;
  std::size_t not_kept_ = 0;
};

/// 1-based line and column of a byte offset in text (column counts bytes).
struct TextPosition {
  std::size_t line = 0;
  std::size_t column = 0;
};
TextPosition position_of(std::string_view text, std::size_t offset) noexcept;

/// The line starts of a text, found on the first question, so that each later position costs a binary search
/// instead of a scan from the start: a reader that locates a thousand warnings in a 15 MB document reads it
/// once, not a thousand times.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) noexcept : text_(text) {}
  TextPosition position_of(std::size_t offset) const;

 private:
  std::string_view text_;
  mutable std::vector<std::size_t> line_starts_;
};

}  // namespace emgen
