#include "diff/report.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <sstream>

#include "emgen/json_writer.hpp"
#include "format/loader.hpp"
#include "text/text.hpp"

namespace emgen::gen::diff {
namespace {

Location at(const std::string& file, const YAML::Node& node, const std::string& path) {
  const YAML::Mark mark = node.Mark();
  return Location{file, mark.line + 1, mark.column + 1, path};
}

std::string place(const std::optional<Location>& where) {
  if (!where) return "-";
  return where->line > 0 ? where->file + ":" + std::to_string(where->line) : where->file;
}

std::string breaks(const Change& change) {
  std::string text;
  const auto add = [&](bool broken, const char* what) {
    if (broken) text += (text.empty() ? "" : ", ") + std::string(what);
  };
  add(change.breaks_source, "source");
  add(change.breaks_old_payloads, "old payloads");
  add(change.breaks_new_payloads, "new payloads");
  add(change.breaks_importers, "importers");
  return text.empty() ? "nothing" : text;
}

struct Counts {
  std::size_t error = 0, warning = 0, info = 0;
};

Counts count(const std::vector<Change>& changes) {
  Counts counts;
  for (const Change& change : changes)
    (change.severity == Severity::error     ? counts.error
     : change.severity == Severity::warning ? counts.warning
                                            : counts.info)++;
  return counts;
}

std::string plural(std::size_t n, const std::string& word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

std::string side_text(const Side& side) {
  return side.label + " (" + side.version +
         (side.build.empty() || side.build == side.version ? "" : ", build " + side.build) + ")";
}

std::string summary(const Report& report) {
  const Counts counts = count(report.changes);
  std::string text =
      plural(counts.error, "error") + ", " + plural(counts.warning, "warning") + ", " + plural(counts.info, "info");
  if (!report.ignored.empty()) text += "; " + std::to_string(report.ignored.size()) + " ignored";
  if (report.left_out > 0)
    text += "; " + std::to_string(report.left_out) + " types and enums only one side has left out (--shared-only)";
  return text;
}

const Severity kSeverities[] = {Severity::error, Severity::warning, Severity::info};

std::string render_text(const Report& report) {
  std::ostringstream out;
  out << "emgen diff: " << side_text(report.old_side) << " -> " << side_text(report.new_side) << ": " << summary(report)
      << "\n";
  for (const Severity severity : kSeverities) {
    bool heading = false;
    for (const Change& change : report.changes) {
      if (change.severity != severity) continue;
      if (!heading) out << "\n" << to_string(severity) << "\n";
      heading = true;
      out << "  " << id(change.rule) << "  " << change.subject << "\n"
          << "    " << change.message << "\n"
          << "    breaks: " << breaks(change) << "; old: " << place(change.old_at) << "; new: " << place(change.new_at)
          << "\n";
    }
  }
  if (!report.ignored.empty()) out << "\nIGNORED\n";
  for (const auto& [change, reason] : report.ignored)
    out << "  " << id(change.rule) << "  " << change.subject << "\n    " << reason << "\n";
  return out.str();
}

std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) out += c == '|' ? std::string("\\|") : std::string(1, c);
  return out;
}

std::string render_markdown(const Report& report) {
  std::ostringstream out;
  out << "## emgen diff: `" << report.old_side.label << "` (" << report.old_side.version << ") → `"
      << report.new_side.label << "` (" << report.new_side.version << ")\n\n**" << summary(report) << "**\n";
  const char* const titles[] = {"Errors", "Warnings", "Infos"};
  for (std::size_t i = 0; i < 3; ++i) {
    bool heading = false;
    for (const Change& change : report.changes) {
      if (change.severity != kSeverities[i]) continue;
      if (!heading)
        out << "\n### " << titles[i]
            << "\n\n| Rule | Subject | Change | Breaks | Old | New |\n|---|---|---|---|---|---|\n";
      heading = true;
      out << "| `" << id(change.rule) << "` | `" << cell(change.subject) << "` | " << cell(change.message) << " | "
          << breaks(change) << " | `" << place(change.old_at) << "` | `" << place(change.new_at) << "` |\n";
    }
  }
  if (!report.ignored.empty()) out << "\n### Ignored\n\n| Rule | Subject | Reason |\n|---|---|---|\n";
  for (const auto& [change, reason] : report.ignored)
    out << "| `" << id(change.rule) << "` | `" << cell(change.subject) << "` | " << cell(reason) << " |\n";
  return out.str();
}

/// GitHub's workflow-command escaping: data escapes %, CR and LF; property values also : and ,.
std::string github_escape(const std::string& data, bool property) {
  return emgen::text::percent_encode_only(data, property ? "%\r\n:," : "%\r\n");
}

std::string render_github(const Report& report) {
  std::ostringstream out;
  for (const Change& change : report.changes) {
    const char* command = change.severity == Severity::error     ? "error"
                          : change.severity == Severity::warning ? "warning"
                                                                 : "notice";
    const std::optional<Location>& where = change.new_at ? change.new_at : change.old_at;
    out << "::" << command;
    std::string properties;
    if (where) {
      properties += "file=" + github_escape(where->file, true);
      if (where->line > 0) properties += ",line=" + std::to_string(where->line);
      properties += ",";
    }
    properties += "title=" + github_escape(std::string(id(change.rule)) + " " + change.subject, true);
    out << " " << properties << "::" << github_escape(change.message + " (breaks: " + breaks(change) + ")", false)
        << "\n";
  }
  return out.str();
}

void write_location(json::Writer& out, const std::optional<Location>& where) {
  if (!where) {
    out.null();
    return;
  }
  out.begin_object();
  out.key("file");
  out.string(where->file);
  out.key("line");
  out.integer(where->line);
  out.end_object();
}

void write_change(json::Writer& out, const Change& change, const std::string* reason) {
  out.begin_object();
  out.key("rule");
  out.string(id(change.rule));
  out.key("severity");
  out.string(emgen::text::to_lower(to_string(change.severity)));
  out.key("subject");
  out.string(change.subject);
  out.key("message");
  out.string(change.message);
  out.key("breaks");
  out.begin_object();
  out.key("source");
  out.boolean(change.breaks_source);
  out.key("old_payloads");
  out.boolean(change.breaks_old_payloads);
  out.key("new_payloads");
  out.boolean(change.breaks_new_payloads);
  out.key("importers");
  out.boolean(change.breaks_importers);
  out.end_object();
  out.key("old");
  write_location(out, change.old_at);
  out.key("new");
  write_location(out, change.new_at);
  if (reason != nullptr) {
    out.key("ignored");
    out.string(*reason);
  }
  out.end_object();
}

std::string render_json(const Report& report) {
  json::Writer out(true);
  out.begin_object();
  out.key("format");
  out.string("emgen-diff/1");
  for (const auto* side : {&report.old_side, &report.new_side}) {
    out.key(side == &report.old_side ? "old" : "new");
    out.begin_object();
    out.key("schemas");
    out.string(side->label);
    out.key("version");
    out.string(side->version);
    out.key("build");
    out.string(side->build);
    out.end_object();
  }
  const Counts counts = count(report.changes);
  out.key("summary");
  out.begin_object();
  out.key("error");
  out.integer(static_cast<std::int64_t>(counts.error));
  out.key("warning");
  out.integer(static_cast<std::int64_t>(counts.warning));
  out.key("info");
  out.integer(static_cast<std::int64_t>(counts.info));
  out.key("ignored");
  out.integer(static_cast<std::int64_t>(report.ignored.size()));
  out.key("left_out");
  out.integer(static_cast<std::int64_t>(report.left_out));
  out.end_object();
  out.key("changes");
  out.begin_array();
  for (const Change& change : report.changes) write_change(out, change, nullptr);
  for (const auto& [change, reason] : report.ignored) write_change(out, change, &reason);
  out.end_array();
  out.end_object();
  return out.take() + "\n";
}

}  // namespace

std::vector<Ignore> load_ignores(const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::BadFile&) {
    throw SchemaErrors({Diagnostic{Location{path, 0, 0, ""}, "cannot read the ignore file"}});
  } catch (const YAML::Exception& e) {
    throw SchemaErrors({Diagnostic{Location{path, e.mark.line + 1, e.mark.column + 1, ""},
                                   e.msg,
                                   Diagnostic::Severity::error,
                                   std::string(format::kYamlSyntax),
                                   {}}});
  }
  Diagnostics problems;
  std::vector<Ignore> ignores;
  const YAML::Node list = root.IsMap() ? root["ignore"] : YAML::Node();
  if (!root.IsMap() || !list || !list.IsSequence()) {
    problems.error(at(path, root, ""),
                   "an ignore file is a map with one key, ignore:, holding a list of {rule, subject, reason}",
                   kBadIgnoreFile);
    throw SchemaErrors(problems.sorted());
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const YAML::Node entry = list[i];
    const std::string yaml_path = "ignore[" + std::to_string(i) + "]";
    if (!entry.IsMap()) {
      problems.error(at(path, entry, yaml_path), "expected a map {rule, subject, reason}", kBadIgnoreFile);
      continue;
    }
    Ignore ignore;
    ignore.where = at(path, entry, yaml_path);
    for (const auto& item : entry) {
      const std::string key = item.first.Scalar();
      if (key != "rule" && key != "subject" && key != "reason") {
        problems.error(at(path, item.first, yaml_path + "." + key), "unknown key '" + key + "' (rule, subject, reason)",
                       kBadIgnoreFile);
        continue;
      }
      if (!item.second.IsScalar() || item.second.Scalar().empty()) {
        problems.error(at(path, item.second, yaml_path + "." + key), "'" + key + "' must be a non-empty text",
                       kBadIgnoreFile);
        continue;
      }
      (key == "rule" ? ignore.rule : key == "subject" ? ignore.subject : ignore.reason) = item.second.Scalar();
    }
    for (const auto& [key, value] : {std::pair<const char*, const std::string*>{"rule", &ignore.rule},
                                     {"subject", &ignore.subject},
                                     {"reason", &ignore.reason}})
      if (value->empty() && !entry[key])
        problems.error(ignore.where,
                       std::string("missing '") + key + "'" +
                           (std::string(key) == "reason" ? ": say why the change is accepted" : ""),
                       kBadIgnoreFile);
    ignores.push_back(ignore);
  }
  if (!problems.empty()) throw SchemaErrors(problems.sorted());
  return ignores;
}

Report make_report(Side old_side, Side new_side, Comparison comparison, const std::vector<Ignore>& ignores) {
  Report report;
  report.old_side = std::move(old_side);
  report.new_side = std::move(new_side);
  report.left_out = comparison.left_out;
  std::vector<bool> used(ignores.size(), false);
  for (Change& change : comparison.changes) {
    const auto ignore = std::find_if(ignores.begin(), ignores.end(), [&](const Ignore& i) {
      return i.rule == id(change.rule) && i.subject == change.subject;
    });
    if (ignore == ignores.end()) {
      report.changes.push_back(std::move(change));
      continue;
    }
    used[static_cast<std::size_t>(ignore - ignores.begin())] = true;
    report.ignored.emplace_back(std::move(change), ignore->reason);
  }
  for (std::size_t i = 0; i < ignores.size(); ++i)
    if (!used[i]) report.unused_ignores.push_back(ignores[i]);
  return report;
}

std::string render(const Report& report, Format format) {
  switch (format) {
    case Format::json:
      return render_json(report);
    case Format::markdown:
      return render_markdown(report);
    case Format::github:
      return render_github(report);
    case Format::text:
      break;
  }
  return render_text(report);
}

bool fails(const Report& report, std::optional<Severity> threshold) {
  if (!threshold) return false;
  return std::any_of(report.changes.begin(), report.changes.end(),
                     [&](const Change& change) { return change.severity <= *threshold; });
}

}  // namespace emgen::gen::diff
