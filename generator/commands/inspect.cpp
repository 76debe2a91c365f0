// `emgen inspect`: payloads read as a type of any schema set, with no compiled bindings (emgen::dynamic): the
// value printed as JSON, what a lenient read let through printed located, FILE:LINE:COL: path: message.
// tools/em-inspect.cpp is the same command under another name, with --schemas defaulting to EM's schemas.

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "commands/command.hpp"
#include "dynamic/codec.hpp"

namespace emgen::gen::commands {
namespace {

std::string read_payload(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool looks_like_json(std::string_view text) {
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
}

std::string_view root_element(std::string_view xml) {
  for (std::size_t at = xml.find('<'); at != std::string_view::npos; at = xml.find('<', at + 1)) {
    const char next = at + 1 < xml.size() ? xml[at + 1] : '\0';
    if (next == '?' || next == '!') continue;
    const std::size_t end = xml.find_first_of(" \t\r\n/>", at + 1);
    std::string_view name = xml.substr(at + 1, end == std::string_view::npos ? std::string_view::npos : end - at - 1);
    if (const std::size_t colon = name.rfind(':'); colon != std::string_view::npos) name.remove_prefix(colon + 1);
    return name;
  }
  return {};
}

class Inspect : public Command {
 public:
  Inspect(CLI::App& app, std::string program, const std::string& default_schemas)
      : Command(app.add_subcommand("inspect", "Read payloads as a type of a schema set and print the value as JSON")),
        program_(std::move(program)) {
    set_.add_schemas(app_);
    if (!default_schemas.empty()) {
      set_.schemas = default_schemas;
      app_->get_option("--schemas")->required(false)->default_str(default_schemas);
    }
    set_.add_imports(app_);
    app_->add_flag("--list", list_, "Print the document types of the schema set (and its imports): NAME<TAB><ELEMENT>");
    app_->add_flag("--strict", strict_, "Unknown elements, attributes, members and enum values are errors");
    app_->add_flag("--fail-on-warning", fail_on_warning_, "Exit 1 when a lenient read gave a warning");
    app_->add_option("--format", format_, "Payload format (default: JSON if the file starts with { or [, else XML)")
        ->check(CLI::IsMember({"xml", "json"}));
    app_->add_option("--json-style", json_style_, "Member names of the JSON printed: pascal (default) or camel")
        ->check(CLI::IsMember({"pascal", "camel"}));
    app_->add_option("TYPE", type_, "The type, e.g. BackupJobSession; auto: the type whose element is the XML root");
    app_->add_option("FILE", files_, "Payload files")->check(CLI::ExistingFile);
    app_->footer(
        "EXIT STATUS\n  0 every payload read (or --list); 1 a payload does not read as TYPE (or, with "
        "--fail-on-warning, read "
        "with warnings); 2 usage errors (an unknown type among them).\n\n"
        "EXAMPLES\n  emgen inspect --schemas schemas BackupJobSession response.xml\n"
        "  emgen inspect --schemas my_schemas --import emgen/schemas=veeam::em --strict auto captured/*.xml");
  }

  int run() override {
    cpp::Options options;
    std::vector<pipeline::ImportOption> imports;
    if (!set_.resolve(false, options, imports)) return kUsageError;
    if (!list_ && (type_.empty() || files_.empty())) {
      std::cerr << program_ << ": give TYPE and FILE, or --list\n" << app_->help();
      return kUsageError;
    }
    return reporting_errors([&] {
      pipeline::ImportedSets imported;
      pipeline::load_imports(imports, set_.allow_version_mismatch, imported);
      ir::Model model;
      pipeline::load(set_.schemas, model, imported.imports);
      sets_.push_back(&model);
      for (const ir::Model& set : imported.models) sets_.push_back(&set);
      if (list_) {
        for (const auto& [name, element] : document_types()) std::cout << name << "\t<" << element << ">\n";
        return 0;
      }
      int status = 0;
      for (const std::string& file : files_) status = std::max(status, inspect(file));
      return status;
    });
  }

 private:
  // Every document type of the set and its imports, by name: the order of the generated index
  // (document_types()), which the fuzz corpora number their seeds by.
  std::map<std::string, std::string> document_types() const {
    std::map<std::string, std::string> types;
    for (const ir::Model* set : sets_)
      for (const ir::Type& type : set->types)
        if (type.element) types.emplace(type.name, *type.element);
    return types;
  }

  // The set that defines type (the set's own first, then the imported ones); nullptr and a message otherwise.
  const ir::Model* set_of(const std::string& type) const {
    for (const ir::Model* set : sets_)
      for (const ir::Type& candidate : set->types)
        if (candidate.name == type) return set;
    try {
      static_cast<void>(dynamic::find_type(*sets_.front(), type));
    } catch (const std::invalid_argument& e) {
      std::cerr << program_ << ": " << e.what() << "; document types:";
      for (const auto& [name, element] : document_types()) std::cerr << ' ' << name;
      std::cerr << '\n';
    }
    return nullptr;
  }

  // `auto`: the document types whose element is the root's name; a message naming them when there is not one.
  std::string type_for(const std::string& file, std::string_view text, bool json) const {
    if (type_ != "auto") return type_;
    if (json) {
      std::cerr << file
                << ": --type auto needs XML, whose root element names the type; name the type of a JSON payload\n";
      return {};
    }
    const std::string_view root = root_element(text);
    std::vector<std::string> candidates;
    for (const ir::Model* set : sets_)
      for (const ir::Type& type : set->types)
        if (type.element && *type.element == root) candidates.push_back(type.name);
    if (candidates.size() == 1) return candidates.front();
    std::cerr << file << ": the root element <" << root << "> is the element of "
              << (candidates.empty() ? std::string("no type") : std::to_string(candidates.size()) + " types:");
    for (const auto& name : candidates) std::cerr << ' ' << name;
    std::cerr << "; name the type\n";
    return {};
  }

  int inspect(const std::string& file) const {
    const std::string text = read_payload(file);
    const bool json = format_.empty() ? looks_like_json(text) : format_ == "json";
    const std::string type = type_for(file, text, json);
    if (type.empty()) return type_ == "auto" ? 1 : kUsageError;
    const ir::Model* set = set_of(type);
    if (set == nullptr) return kUsageError;
    ReadWarnings warnings;
    const ReadMode mode = strict_ ? ReadMode::strict : ReadMode::lenient;
    // Printed whether or not the read then fails: what was let through on the way can explain the failure.
    const auto print_warnings = [&] {
      for (const ReadWarning& warning : warnings)
        std::cerr << file << (warning.line > 0 ? ":" : ": ") << warning.to_string() << '\n';
      if (warnings.not_kept() > 0) std::cerr << file << ": " << warnings.not_kept() << " more warning(s) counted\n";
      if (warnings.total() > 0)
        std::cerr << program_ << ": " << file << ": " << warnings.total()
                  << (warnings.total() == 1 ? " warning" : " warnings")
                  << " (read leniently; --strict makes them errors)\n";
    };
    try {
      const dynamic::Value value = json ? dynamic::read_json(*set, type, text, mode, &warnings)
                                        : dynamic::read_xml(*set, type, text, mode, &warnings);
      print_warnings();
      std::cout << dynamic::write_json(*set, type, value, json_style_ == "camel" ? JsonStyle::camel : JsonStyle::pascal,
                                       true)
                << '\n';
      return fail_on_warning_ && warnings.total() > 0 ? kSchemaError : 0;
    } catch (const ParseError& error) {
      print_warnings();
      std::cerr << file << (error.line() > 0 ? ":" : ": ") << error.what() << '\n';
      return kSchemaError;
    } catch (const std::invalid_argument& error) {
      std::cerr << file << ": " << error.what() << '\n';
      return kUsageError;
    }
  }

  std::string program_;
  SchemaSetOptions set_;
  bool strict_ = false, fail_on_warning_ = false, list_ = false;
  std::string format_, json_style_ = "pascal", type_;
  std::vector<std::string> files_;
  std::vector<const ir::Model*> sets_;
};

}  // namespace

std::unique_ptr<Command> add_inspect(CLI::App& app, const std::string& program, const std::string& default_schemas) {
  return std::make_unique<Inspect>(app, program, default_schemas);
}

}  // namespace emgen::gen::commands
