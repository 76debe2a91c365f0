#include "import/schema_text.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>
#include <stdexcept>

#include "import/xsd.hpp"

namespace emgen::gen::import {

SchemaText::SchemaText(std::string name, std::string display, std::string text)
    : name_(std::move(name)), display_(std::move(display)), text_(std::move(text)) {}

std::size_t SchemaText::offset_of(const Location& where) const {
  if (where.offset >= text_.size())
    throw std::logic_error(display_ + ": the merger edits at a place the loader did not locate (" +
                           gen::to_string(where) + ")");
  return where.offset;
}

bool SchemaText::is_flow(const Location& where) const {
  const char first = text_[offset_of(where)];
  return first == '{' || first == '[';
}

bool SchemaText::add_key(const Location& map, const std::string& key, const std::string& value) {
  const std::size_t at = offset_of(map);
  if (!added_keys_.insert({at, key}).second) return false;
  if (text_[at] == '{') {
    const std::size_t close = flow_close(at);
    std::size_t end = close;
    while (end > at + 1 && std::isspace(static_cast<unsigned char>(text_[end - 1]))) --end;
    insert(end, (text_[end - 1] == '{' ? "" : ", ") + key + ": " + value);
    return true;
  }
  const std::size_t column = column_of(map);
  insert_lines(block_end(at, column, false), std::string(column, ' ') + key + ": " + value + "\n");
  return true;
}

bool SchemaText::add_list(const Location& map, const std::string& key, const std::vector<std::string>& items) {
  const std::size_t at = offset_of(map);
  if (text_[at] == '{' || !added_keys_.insert({at, key}).second) return false;
  const std::size_t column = column_of(map);
  std::string lines = std::string(column, ' ') + key + ":\n";
  for (const std::string& item : items) lines += indented(item, column + 2);
  insert_lines(block_end(at, column, false), lines);
  return true;
}

bool SchemaText::append(const Location& sequence, const std::string& item) {
  const std::size_t at = offset_of(sequence);
  if (text_[at] == '[') {
    if (std::count(item.begin(), item.end(), '\n') != 1 || !item.starts_with("- ")) return false;
    const std::string flow = item.substr(2, item.size() - 3);
    const std::size_t close = flow_close(at);
    std::size_t end = close;
    while (end > at + 1 && std::isspace(static_cast<unsigned char>(text_[end - 1]))) --end;
    insert(end, (text_[end - 1] == '[' ? "" : ", ") + flow);
    return true;
  }
  const std::size_t column = column_of(sequence);
  insert_lines(block_end(at, column, true), indented(item, column));
  return true;
}

bool SchemaText::replace(const Location& scalar, const std::string& text, bool in_flow) {
  const std::size_t at = offset_of(scalar);
  if (!replaced_.insert(at).second) return false;
  std::size_t end = at;
  const char first = text_[at];
  if (first == '|' || first == '>') return false;
  if (first == '"') {
    for (end = at + 1; end < text_.size() && text_[end] != '"'; ++end)
      if (text_[end] == '\\') ++end;
    ++end;
  } else if (first == '\'') {
    for (end = at + 1; end < text_.size(); ++end)
      if (text_[end] == '\'') {
        if (end + 1 < text_.size() && text_[end + 1] == '\'')
          ++end;
        else
          break;
      }
    ++end;
  } else {
    const std::string stops = in_flow ? "\n,}]" : "\n";
    while (end < text_.size() && stops.find(text_[end]) == std::string::npos &&
           !(text_[end] == '#' && end > at && text_[end - 1] == ' '))
      ++end;
    while (end > at && std::isspace(static_cast<unsigned char>(text_[end - 1]))) --end;
  }
  edits_.push_back(Edit{at, std::min(end, text_.size()) - at, text, edits_.size()});
  return true;
}

bool SchemaText::replace_null(const Location& key, const std::string& name, const std::string& value, bool in_flow) {
  return replace(key, name + ": " + value, in_flow);
}

bool SchemaText::replace_null_list(const Location& key, const Location& map, const std::string& name,
                                   const std::vector<std::string>& items) {
  if (is_flow(map)) return false;
  std::string lines = name + ":\n";
  for (const std::string& item : items) lines += indented(item, column_of(map) + 2);
  lines.pop_back();  // the null's line keeps its own end
  return replace(key, lines, false);
}

std::string SchemaText::edited() const {
  std::vector<Edit> edits = edits_;
  // From the end backwards, so earlier positions stay valid; at one position, the first made ends up first.
  std::sort(edits.begin(), edits.end(),
            [](const Edit& a, const Edit& b) { return a.at != b.at ? a.at > b.at : a.order > b.order; });
  std::string text = text_;
  for (const Edit& edit : edits) text.replace(edit.at, edit.erase, edit.insert);
  return text;
}

void SchemaText::insert_lines(std::size_t at, std::string lines) {
  if (at == text_.size() && !text_.empty() && text_.back() != '\n') lines.insert(0, "\n");
  insert(at, std::move(lines));
}

std::string SchemaText::indented(const std::string& lines, std::size_t column) {
  std::string out;
  std::istringstream in(lines);
  for (std::string line; std::getline(in, line);) out += (line.empty() ? "" : std::string(column, ' ')) + line + "\n";
  return out;
}

std::size_t SchemaText::line_end(std::size_t at) const {
  const std::size_t newline = text_.find('\n', at);
  return newline == std::string::npos ? text_.size() : newline + 1;
}

std::size_t SchemaText::block_end(std::size_t at, std::size_t column, bool sequence) const {
  std::size_t end = line_end(at);
  for (std::size_t line = end; line < text_.size();) {
    const std::size_t next = line_end(line);
    std::size_t first = line;
    while (first < next && text_[first] == ' ') ++first;
    const std::size_t indent = first - line;
    if (first == next || text_[first] == '\n' || text_[first] == '\r' || text_[first] == '#') {
      line = next;
      continue;
    }
    if (indent < column || (sequence && indent == column && text_[first] != '-')) break;
    end = next;
    line = next;
  }
  return end;
}

std::size_t SchemaText::flow_close(std::size_t open) const {
  int depth = 0;
  char before = '{';  // the last character that is not a space
  for (std::size_t i = open; i < text_.size(); ++i) {
    const char c = text_[i];
    if ((c == '"' || c == '\'') && std::string("{[,:").find(before) != std::string::npos) {
      for (++i; i < text_.size(); ++i) {
        if (c == '"' && text_[i] == '\\')
          ++i;
        else if (c == '\'' && text_[i] == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'')
          ++i;
        else if (text_[i] == c)
          break;
      }
      before = c;
      continue;
    }
    if (c == '#' && std::isspace(static_cast<unsigned char>(text_[i - 1]))) {
      i = line_end(i) - 1;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (c == '{' || c == '[') ++depth;
    if ((c == '}' || c == ']') && --depth == 0) return i;
    before = c;
  }
  throw ImportError(display_ + ": a flow collection opened at offset " + std::to_string(open) + " is not closed");
}

}  // namespace emgen::gen::import
