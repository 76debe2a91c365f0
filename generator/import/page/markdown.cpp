#include "import/page/markdown.hpp"

#include <algorithm>
#include <optional>
#include <pugixml.hpp>
#include <set>

#include "import/xsd.hpp"
#include "text/text.hpp"

namespace emgen::gen::import::help_page {
namespace {

bool is_single_token(const std::string& line) { return !line.empty() && line.find(' ') == std::string::npos; }

/// Lines of a plain-text page that are no table cells: the section headings of the help pages.
bool is_heading(const std::string& line) {
  static const std::set<std::string> kHeadings = {
      "Request",           "HTTP Request",   "Request Headers",  "Request Body",
      "Response",          "Response Codes", "Response Headers", "Response Body",
      "Parameters",        "Links",          "Example",          "Supported Platforms",
      "Related Resources", "Methods",        "Resource URL",     "Resource Representation"};
  return kHeadings.count(line) > 0;
}

/// The plain-text form of a page (what a browser's copy gives, as seed 002): every table cell is a paragraph of
/// its own. Turned into the markdown form's tables, so that one reader serves both.
void read_plain_text(Page& page) {
  struct Line {
    std::string text;
    int number;
  };
  std::vector<Line> lines;
  for (std::size_t i = 0; i < page.lines.size(); ++i) {
    const std::string text(emgen::text::trim(page.lines[i]));
    // A line of no-break spaces alone separates paragraphs too.
    if (!text.empty() && text != "\xC2\xA0") lines.push_back({text, static_cast<int>(i) + 1});
  }
  if (lines.empty()) return;
  page.title = lines[0].text;
  if (lines.size() > 1) page.description = plain_text(lines[1].text);
  const auto cell_of = [](const std::vector<std::string>& parts) {
    std::string cell;
    for (std::string part : parts) {
      if (part.rfind("\xE2\x80\xA2", 0) == 0) part = "*" + part.substr(3);  // a bullet (U+2022)
      cell += (cell.empty() ? "" : " ") + part;
    }
    return cell;
  };
  const auto header_at = [&](std::size_t i, std::initializer_list<const char*> names) {
    std::size_t k = 0;
    for (const char* name : names) {
      if (i + k >= lines.size() || lines[i + k].text != name) return false;
      ++k;
    }
    return true;
  };
  const auto starts_table = [&](std::size_t i) {
    return header_at(i, {"Element", "Type", "Description"}) ||
           header_at(i, {"Reference", "Relationship", "Description"}) ||
           header_at(i, {"Header", "Required", "Description"}) || header_at(i, {"Header", "Description"});
  };
  const auto ends_cell = [&](std::size_t j) {
    return j >= lines.size() || is_heading(lines[j].text) || starts_table(j) ||
           (j + 1 < lines.size() && starts_table(j + 1));
  };
  for (std::size_t i = 1; i < lines.size(); ++i) {
    if (lines[i].text == "HTTP Request" && i + 1 < lines.size()) {
      page.tables.push_back(Table{
          lines[i + 1].number, "HTTP Request", {"HTTP Request"}, {""}, {{lines[i + 1].text}}, {lines[i + 1].number}});
      continue;
    }
    const bool elements = header_at(i, {"Element", "Type", "Description"});
    const bool links = header_at(i, {"Reference", "Relationship", "Description"});
    if (elements || links) {
      Table table;
      table.line = lines[i].number;
      table.caption = i > 0 ? lines[i - 1].text : "";
      table.context = {table.caption};
      table.header = elements ? std::vector<std::string>{"Element", "Type", "Description"}
                              : std::vector<std::string>{"Reference", "Relationship", "Description"};
      std::size_t j = i + 3;
      while (j + 1 < lines.size() && !ends_cell(j)) {
        const bool row_start = elements ? is_single_token(lines[j].text) && is_single_token(lines[j + 1].text)
                                        : lines[j].text.starts_with('/') && is_single_token(lines[j + 1].text);
        if (!row_start) break;
        std::vector<std::string> description;
        std::size_t k = j + 2;
        for (; k < lines.size() && !ends_cell(k); ++k) {
          const bool next_row = elements ? k + 1 < lines.size() && is_single_token(lines[k].text) &&
                                               is_single_token(lines[k + 1].text) &&
                                               !lines[k].text.starts_with("\xE2\x80\xA2")
                                         : lines[k].text.starts_with('/');
          if (next_row && !description.empty()) break;
          description.push_back(lines[k].text);
        }
        table.rows.push_back({lines[j].text, lines[j + 1].text, cell_of(description)});
        table.row_lines.push_back(lines[j].number);
        j = k;
      }
      page.tables.push_back(std::move(table));
      i = j - 1;
      continue;
    }
    // An example payload: from its first tag to the line that closes the root element.
    if (lines[i].text.starts_with("<?xml") || (lines[i].text.starts_with('<') && lines[i].text.size() > 1 &&
                                               std::isalpha(static_cast<unsigned char>(lines[i].text[1])))) {
      const std::size_t first_line = static_cast<std::size_t>(lines[i].number) - 1;
      std::string text;
      std::size_t j = first_line;
      for (; j < page.lines.size(); ++j) {
        text += (text.empty() ? "" : "\n") + page.lines[j];
        pugi::xml_document document;
        if (document.load_buffer(text.data(), text.size(), pugi::parse_default & ~pugi::parse_doctype) &&
            document.document_element())
          break;
      }
      const std::string caption = i > 0 ? lines[i - 1].text : "";
      page.tables.push_back(Table{lines[i].number, caption, {caption}, {""}, {{text}}, {lines[i].number}});
      while (i + 1 < lines.size() && static_cast<std::size_t>(lines[i + 1].number) <= j + 1) ++i;
    }
  }
}

}  // namespace

std::string unescape_markdown(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() &&
        std::string_view("_*[]|`#").find(text[i + 1]) != std::string_view::npos)
      ++i;
    out += text[i];
  }
  return out;
}

std::string plain_text(std::string_view cell) {
  std::string text = unescape_markdown(cell);
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '[') {
      const std::size_t close = text.find("](", i);
      const std::size_t end = close == std::string::npos ? std::string::npos : text.find(')', close);
      if (close != std::string::npos && end != std::string::npos && text.find('[', i + 1) > close) {
        out += text.substr(i + 1, close - i - 1);
        i = end;
        continue;
      }
    }
    out += text[i];
  }
  std::string collapsed;
  for (const char c : out) {
    if (emgen::text::is_whitespace(c) && (collapsed.empty() || collapsed.back() == ' ')) continue;
    collapsed += emgen::text::is_whitespace(c) ? ' ' : c;
  }
  return std::string(emgen::text::trim(collapsed));
}

std::vector<std::string> split_row(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  std::string body(emgen::text::trim(line));
  if (body.starts_with('|')) body.erase(0, 1);
  if (body.ends_with('|') && !body.ends_with("\\|")) body.pop_back();
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '|') {
      cell += "\\|";
      ++i;
      continue;
    }
    if (body[i] == '|') {
      cells.push_back(std::string(emgen::text::trim(cell)));
      cell.clear();
      continue;
    }
    cell += body[i];
  }
  cells.push_back(std::string(emgen::text::trim(cell)));
  return cells;
}

Page read_page(const std::string& path) {
  const std::optional<std::string> bytes = emgen::text::read_file(path);
  if (!bytes) throw ImportError(path + ": cannot be read");
  Page page;
  page.path = path;
  const std::size_t slash = path.find_last_of('/');
  page.file_name = path.substr(slash == std::string::npos ? 0 : slash + 1);
  page.stem = page.file_name;
  if (const std::size_t dot = page.stem.rfind('.'); dot != std::string::npos) page.stem.resize(dot);
  for (std::size_t start = 0; start < bytes->size();) {
    const std::size_t end = std::min(bytes->find('\n', start), bytes->size());
    page.lines.emplace_back(emgen::text::trim_end(std::string_view(*bytes).substr(start, end - start), "\r"));
    start = end + 1;
  }
  std::size_t start = 0;
  if (!page.lines.empty() && page.lines[0] == "---") {
    for (start = 1; start < page.lines.size() && page.lines[start] != "---"; ++start) {
      const std::string& line = page.lines[start];
      const std::size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string value(emgen::text::trim(line.substr(colon + 1)));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
      const std::string key(emgen::text::trim(line.substr(0, colon)));
      if (key == "title") page.title = value;
      if (key == "source_url") page.source_url = value;
    }
    ++start;
  }
  const bool markdown = start > 0 || std::any_of(page.lines.begin(), page.lines.end(), [](const std::string& line) {
                          return emgen::text::trim(line).starts_with("| ");
                        });
  if (!markdown) {
    read_plain_text(page);
    return page;
  }
  std::string caption;
  std::vector<std::string> context;
  for (std::size_t i = start; i < page.lines.size(); ++i) {
    const std::string line(emgen::text::trim(page.lines[i]));
    if (!line.starts_with('|')) {
      if (!line.empty()) {
        caption = line;
        context.push_back(line);
      }
      continue;
    }
    Table table;
    table.line = static_cast<int>(i) + 1;
    table.caption = caption;
    table.context = std::move(context);
    context.clear();
    table.header = split_row(line);
    ++i;
    if (i < page.lines.size() && emgen::text::trim(page.lines[i]).starts_with("| ---")) ++i;
    for (; i < page.lines.size() && emgen::text::trim(page.lines[i]).starts_with('|'); ++i) {
      table.rows.push_back(split_row(page.lines[i]));
      table.row_lines.push_back(static_cast<int>(i) + 1);
    }
    --i;
    page.tables.push_back(std::move(table));
  }
  return page;
}

}  // namespace emgen::gen::import::help_page
