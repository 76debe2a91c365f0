// em-inspect: parse a captured EM payload as a schema type and print the typed value as JSON.
//   em-inspect [--strict] [--fail-on-warning] [--format xml|json] [--json-style pascal|camel] TYPE FILE
//     exit 0 (what a lenient read let through is printed to stderr as warnings, with their count); 1 when FILE
//     does not match TYPE, or with --fail-on-warning when the read gave a warning; 2 on a usage error
//   em-inspect --list
// Without --format, a file whose first non-blank character is `{` or `[` is JSON, anything else XML.

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "text/text.hpp"
#include "veeam/em/index.hpp"

namespace {

constexpr int kMismatch = 1;
constexpr int kUsage = 2;

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"em-inspect: check a captured Enterprise Manager payload against the generated bindings"};
  bool strict = false, list = false, fail_on_warning = false;
  std::string type_name, file, format, json_style = "pascal";
  app.add_flag("--list", list, "Print the known document types");
  app.add_flag("--strict", strict, "Unknown elements, attributes and enum values are errors");
  app.add_flag("--fail-on-warning", fail_on_warning,
               "Exit 1 when the lenient read gave any warning (the value is still printed)");
  app.add_option("--format", format, "Payload format (default: JSON if the file starts with { or [, else XML)")
      ->check(CLI::IsMember({"xml", "json"}));
  app.add_option("--json-style", json_style,
                 "Member names of the JSON printed: pascal (EM up to 12.x, default) or camel (EM 13.x)")
      ->check(CLI::IsMember({"pascal", "camel"}));
  app.add_option("TYPE", type_name, "Document type, e.g. BackupJobSession (see --list)");
  app.add_option("FILE", file, "Payload file")->check(CLI::ExistingFile);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsage;
  }

  if (list) {
    for (const auto& type : veeam::em::document_types()) std::cout << type.name << "\t<" << type.element << ">\n";
    return 0;
  }
  if (type_name.empty() || file.empty()) {
    std::cerr << "em-inspect: give TYPE and FILE, or --list\n" << app.help();
    return kUsage;
  }
  const veeam::em::DocumentType* type = veeam::em::find_document_type(type_name);
  if (!type) {
    std::cerr << "em-inspect: unknown type '" << type_name << "'; known types:";
    for (const auto& known : veeam::em::document_types()) std::cerr << ' ' << known.name;
    std::cerr << '\n';
    return kUsage;
  }

  const std::optional<std::string> read = emgen::text::read_file(file);
  if (!read) {
    std::cerr << file << ": cannot be read\n";
    return kUsage;
  }
  const std::string& payload = *read;
  if (format.empty()) {
    const auto first = payload.find_first_not_of(" \t\r\n");
    const bool looks_like_json = first != std::string::npos && (payload[first] == '{' || payload[first] == '[');
    format = looks_like_json ? "json" : "xml";
  }
  emgen::ReadWarnings warnings;
  veeam::em::Conversion how;
  how.mode = strict ? emgen::ReadMode::strict : emgen::ReadMode::lenient;
  how.warnings = &warnings;
  how.style = json_style == "camel" ? emgen::JsonStyle::camel : emgen::JsonStyle::pascal;
  how.pretty = true;
  // Printed whether or not the read then fails: what was skipped on the way can explain the failure.
  const auto print_warnings = [&] {
    for (const emgen::ReadWarning& warning : warnings)
      std::cerr << file << (warning.line > 0 ? ":" : ": ") << warning.to_string() << '\n';
    if (warnings.not_kept() > 0)
      std::cerr << file << ": " << warnings.not_kept() << " more warning(s) counted, not printed (at most "
                << warnings.limit() << " are kept)\n";
    if (warnings.total() > 0)
      std::cerr << "em-inspect: " << warnings.total() << (warnings.total() == 1 ? " warning" : " warnings")
                << " (read leniently; --strict makes them errors)\n";
  };
  try {
    const std::string json = format == "json" ? type->json_to_json(payload, how) : type->xml_to_json(payload, how);
    print_warnings();
    std::cout << json << '\n';
    return fail_on_warning && warnings.total() > 0 ? kMismatch : 0;
  } catch (const emgen::ParseError& e) {
    print_warnings();
    // what() starts with LINE:COL when the position is known.
    std::cerr << file << (e.line() > 0 ? ":" : ": ") << e.what() << '\n';
  } catch (const std::exception& e) {
    std::cerr << file << ": " << e.what() << '\n';
  }
  return kMismatch;
}
