#pragma once
// A help page as markdown: its lines, its front matter, and its tables (the plain-text form, as a browser
// copies it, turned into the same tables).

#include <string>
#include <string_view>
#include <vector>

namespace emgen::gen::import::help_page {

struct Table {
  int line = 0;
  std::string caption;
  /// Every line of text between the previous table and this one (the caption is the last).
  std::vector<std::string> context;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // raw cells (markdown)
  std::vector<int> row_lines;
};

struct Page {
  std::string path;
  std::string file_name;
  std::string description;  // the plain-text form's first paragraph
  std::string stem;
  std::string title;
  std::string source_url;
  std::vector<std::string> lines;
  std::vector<Table> tables;
};

/// Markdown escapes of punctuation (`\_`), and nothing else: `SRV12\Administrator` keeps its backslash.
std::string unescape_markdown(std::string_view text);

/// `[text](target)` → `text`, escapes undone, whitespace runs made one space.
std::string plain_text(std::string_view cell);

/// The cells of a markdown table row (an escaped `\|` stays in its cell).
std::vector<std::string> split_row(const std::string& line);

/// Reads a page, markdown or plain text. Throws ImportError for a file that cannot be read.
Page read_page(const std::string& path);

}  // namespace emgen::gen::import::help_page
