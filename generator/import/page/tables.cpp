#include "import/page/tables.hpp"

#include "format/vocabulary.hpp"
#include "import/page/markdown.hpp"
#include "naming.hpp"
#include "text/text.hpp"

namespace emgen::gen::import::help_page {

std::string primitive_of(const std::string& table_type) {
  return std::string(format::vocabulary::primitive_named(table_type).value_or(""));
}

PossibleValues possible_values(const std::string& description) {
  PossibleValues result;
  const std::size_t at = description.find("Possible values:");
  if (at == std::string::npos) {
    result.doc = plain_text(description);
    return result;
  }
  result.doc = plain_text(description.substr(0, at));
  std::string rest = description.substr(at + 16);
  std::vector<std::string> items;
  std::size_t position = rest.find("* ");
  while (position != std::string::npos) {
    const std::size_t next = rest.find(" * ", position + 2);
    items.push_back(rest.substr(position + 2, next == std::string::npos ? std::string::npos : next - position - 2));
    position = next == std::string::npos ? next : next + 1;
  }
  for (const std::string& raw : items) {
    const std::string item = plain_text(raw);
    const std::size_t dash = item.find(" \xE2\x80\x94 ");  // an em dash separates a value from its doc
    DraftEnumValue value;
    value.wire = emgen::text::trim(dash == std::string::npos ? item : item.substr(0, dash));
    if (dash != std::string::npos) value.doc = emgen::text::trim(item.substr(dash + 5));
    // A trailing sentence after the list ("If the request does not contain ...") is not a value.
    if (value.wire.empty() || value.wire.find(' ') != std::string::npos) break;
    if (!is_identifier(value.wire)) value.name = identifier_words(value.wire);
    result.values.push_back(value);
  }
  return result;
}

}  // namespace emgen::gen::import::help_page
