#include "emgen/error.hpp"

#include <algorithm>
#include <utility>

namespace emgen {
namespace {

std::string compose(const std::string& path, const std::string& message, std::size_t line, std::size_t column) {
  std::string out;
  if (line != 0) {
    out += std::to_string(line);
    out += ':';
    out += std::to_string(column);
    out += ": ";
  }
  if (!path.empty()) {
    out += path;
    out += ": ";
  }
  out += message;
  return out;
}

}  // namespace

ParseError::ParseError(std::string path, std::string message, std::size_t line, std::size_t column)
    : std::runtime_error(compose(path, message, line, column)),
      path_(std::move(path)),
      message_(std::move(message)),
      line_(line),
      column_(column) {}

std::string ReadWarning::to_string() const { return compose(path, message, line, column); }

TextPosition position_of(std::string_view text, std::size_t offset) noexcept {
  offset = std::min(offset, text.size());
  const std::string_view before = text.substr(0, offset);
  const std::size_t line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
  const std::size_t line_start = before.rfind('\n');
  const std::size_t column = line_start == std::string_view::npos ? offset + 1 : offset - line_start;
  return {line, column};
}

void ReadWarnings::add(ReadWarning warning) {
  if (keeps_another())
    push_back(std::move(warning));
  else
    ++not_kept_;
}

TextPosition LineIndex::position_of(std::size_t offset) const {
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    for (std::size_t at = text_.find('\n'); at != std::string_view::npos; at = text_.find('\n', at + 1))
      line_starts_.push_back(at + 1);
  }
  offset = std::min(offset, text_.size());
  // The last line start at or before offset.
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::size_t>(next - line_starts_.begin());
  return {line, offset - *(next - 1) + 1};
}

}  // namespace emgen
