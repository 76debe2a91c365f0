#include "output/render.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>

#include "text/text.hpp"

namespace emgen::gen::output {
namespace fs = std::filesystem;
namespace {

/// Generated files found under out_directory that are not in keep.
std::vector<std::string> leftovers(const std::vector<RenderedFile>& keep, const std::string& out_directory) {
  std::set<std::string> wanted;
  for (const auto& file : keep) wanted.insert(file.path);
  std::vector<std::string> found;
  std::error_code error;
  if (!fs::is_directory(out_directory, error)) return found;
  for (auto it = fs::recursive_directory_iterator(out_directory, error); !error && it != fs::end(it);
       it.increment(error)) {
    if (!it->is_regular_file()) continue;
    const std::string relative = fs::relative(it->path(), out_directory).generic_string();
    if (wanted.count(relative)) continue;
    const auto content = emgen::text::read_file(it->path());
    if (content && content->rfind(kGeneratedBanner, 0) == 0) found.push_back(relative);
  }
  std::sort(found.begin(), found.end());
  return found;
}

/// Marks an empty template line, so that kainjow cannot take it for part of a standalone tag line.
constexpr char kBlankLine = '\x01';

/// The Mustache spec removes a line that holds only a section or comment tag. kainjow does so for sections it
/// renders but leaves an empty line for sections it skips, and it also swallows an empty line that follows a
/// tag. Applying the rule here (joining each such tag to the next line, and marking empty lines until
/// rendering is done) gives the spec's output whatever kainjow does.
std::string join_standalone_tags(const std::string& text) {
  static const std::regex standalone(R"(^[ \t]*(\{\{[#^/!][^}]*\}\})[ \t]*$)");
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const bool has_newline = end != std::string::npos;
    if (!has_newline) end = text.size();
    const std::string line = text.substr(start, end - start);
    std::smatch match;
    if (std::regex_match(line, match, standalone))
      out += match[1].str();
    else if (line.empty() && has_newline)
      out += std::string(1, kBlankLine) + "\n";
    else
      out += line + (has_newline ? "\n" : "");
    start = end + 1;
  }
  return out;
}

}  // namespace

std::vector<RenderedFile> render(const std::vector<cpp::FileView>& views, const std::string& template_directory) {
  std::map<std::string, kainjow::mustache::mustache> templates;
  std::vector<RenderedFile> rendered;
  for (const auto& view : views) {
    auto found = templates.find(view.template_name);
    if (found == templates.end()) {
      const fs::path path = fs::path(template_directory) / (view.template_name + ".mustache");
      const auto text = emgen::text::read_file(path);
      if (!text) throw TemplateError(path.generic_string() + ": cannot read template");
      kainjow::mustache::mustache compiled(join_standalone_tags(*text));
      if (!compiled.is_valid()) throw TemplateError(path.generic_string() + ": " + compiled.error_message());
      // The output is C++, not HTML: values are inserted as they are.
      compiled.set_custom_escape([](const std::string& value) { return value; });
      found = templates.emplace(view.template_name, std::move(compiled)).first;
    }
    std::string content = found->second.render(*view.data);
    content.erase(std::remove(content.begin(), content.end(), kBlankLine), content.end());
    if (!found->second.is_valid())
      throw TemplateError(view.template_name + ".mustache: " + found->second.error_message());
    rendered.push_back(RenderedFile{view.path, std::move(content)});
  }
  return rendered;
}

WriteReport write_files(const std::vector<RenderedFile>& files, const std::string& out_directory) {
  WriteReport report;
  for (const auto& file : files) {
    const fs::path path = fs::path(out_directory) / file.path;
    if (emgen::text::read_file(path) == file.content) {
      report.unchanged.push_back(file.path);
      continue;
    }
    fs::create_directories(path.parent_path());
    // Write beside the target and rename, so that a reader never sees half a file.
    const fs::path temporary = path.string() + ".emgen-tmp";
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out << file.content;
      if (!out.flush()) throw std::runtime_error(temporary.generic_string() + ": cannot write");
    }
    fs::rename(temporary, path);
    report.written.push_back(file.path);
  }
  for (const auto& stale : leftovers(files, out_directory)) {
    fs::remove(fs::path(out_directory) / stale);
    report.removed.push_back(stale);
  }
  return report;
}

std::vector<std::string> stale_files(const std::vector<RenderedFile>& files, const std::string& out_directory) {
  std::vector<std::string> stale;
  for (const auto& file : files)
    if (emgen::text::read_file(fs::path(out_directory) / file.path) != file.content) stale.push_back(file.path);
  for (const auto& extra : leftovers(files, out_directory)) stale.push_back(extra);
  std::sort(stale.begin(), stale.end());
  return stale;
}

}  // namespace emgen::gen::output
