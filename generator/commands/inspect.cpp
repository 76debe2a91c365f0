// `emgen inspect`: payloads read as a type of any schema set, with no compiled bindings (emgen::dynamic): the
// value printed as JSON, what a lenient read let through printed located, FILE:LINE:COL: path: message. With
// --recorded, every body of a folder that `emgen-sim record` wrote, each read as the type its endpoint answers,
// and what the schemas did not know summarised by type and member. tools/em-inspect.cpp is the same command
// under another name, with --schemas defaulting to EM's schemas.

#include <yaml-cpp/yaml.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

#include "commands/command.hpp"
#include "dynamic/codec.hpp"
#include "precompile/closure.hpp"
#include "text/text.hpp"

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

// ---- Recorded folders -------------------------------------------------------------------------------------------

struct RecordedExchange {
  int seq = 0;
  std::string method;
  std::string target;
  int status = 0;
  std::string content_type;
  std::string body;   // relative to the folder; empty for none
  std::string where;  // index.yaml:LINE:COL of the exchange
};

class FolderError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The exchanges of DIR/index.yaml (its format: tools/emgen-sim/src/record.hpp); FolderError at the line and column.
std::vector<RecordedExchange> read_recorded_index(const std::filesystem::path& dir) {
  const std::string name = (dir / "index.yaml").string();
  const std::optional<std::string> text = text::read_file(dir / "index.yaml");
  if (!text) throw FolderError(name + ": cannot read the index of a recorded folder (emgen-sim record writes it)");
  const auto at = [&](const YAML::Mark& mark) {
    return name + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  };
  YAML::Node root;
  try {
    root = YAML::Load(*text);
  } catch (const YAML::ParserException& error) {
    throw FolderError(at(error.mark) + ": " + error.msg);
  }
  std::vector<RecordedExchange> out;
  if (!root.IsDefined() || root.IsNull()) return out;
  if (!root.IsSequence()) throw FolderError(at(root.Mark()) + ": expected a list of exchanges");
  for (const YAML::Node& node : root) {
    if (!node.IsMap()) throw FolderError(at(node.Mark()) + ": an exchange must be a map");
    const auto scalar = [&](const char* key, bool required) -> std::string {
      const YAML::Node value = node[key];
      if (!value) {
        if (required) throw FolderError(at(node.Mark()) + ": the exchange has no " + key);
        return {};
      }
      if (!value.IsScalar()) throw FolderError(at(value.Mark()) + ": " + key + " must be a single value");
      return value.Scalar();
    };
    RecordedExchange exchange;
    exchange.where = at(node.Mark());
    exchange.method = scalar("method", true);
    exchange.target = scalar("target", true);
    const std::string status = scalar("status", true);
    const auto [end, error] = std::from_chars(status.data(), status.data() + status.size(), exchange.status);
    if (error != std::errc() || end != status.data() + status.size() || exchange.status < 100 || exchange.status > 599)
      throw FolderError(at(node["status"].Mark()) + ": status must be an HTTP status 100-599, not \"" + status + "\"");
    const std::string seq = scalar("seq", false);
    std::from_chars(seq.data(), seq.data() + seq.size(), exchange.seq);
    if (exchange.seq == 0) exchange.seq = static_cast<int>(out.size()) + 1;
    exchange.content_type = scalar("content_type", false);
    exchange.body = scalar("body", false);
    const std::filesystem::path relative(exchange.body);
    if (!exchange.body.empty() &&
        (relative.is_absolute() || std::find(relative.begin(), relative.end(), "..") != relative.end()))
      throw FolderError(at(node["body"].Mark()) + ": body must name a file inside the folder, not \"" + exchange.body +
                        "\"");
    out.push_back(std::move(exchange));
  }
  return out;
}

std::map<std::string, std::string> query_parameters(std::string_view query) {
  std::map<std::string, std::string> out;
  std::size_t start = 0;
  while (start < query.size()) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    const std::size_t equals = pair.find('=');
    out[text::to_lower(text::percent_decode(pair.substr(0, equals), true))] =
        equals == std::string_view::npos ? std::string() : text::percent_decode(pair.substr(equals + 1), true);
  }
  return out;
}

std::vector<std::string> path_segments(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) out.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

// An endpoint or a link of a schema set, as a request is matched against it.
struct Route {
  std::string method;
  std::vector<std::string> segments;  // "{...}" for a parameter
  std::map<std::string, std::string> query;
  const ir::Type* returns = nullptr;
  const ir::Type* reference = nullptr;
  const ir::Type* entity = nullptr;
  const ir::Model* set = nullptr;
};

// The type and set a recorded request's answer is, by the endpoint (or link) of the schemas that serves it: the
// one whose literal segments and query parameters match the most. nullptr when none does.
std::pair<const ir::Type*, const ir::Model*> answer_type(const std::vector<Route>& routes, std::string_view base_path,
                                                         const RecordedExchange& exchange) {
  std::string_view target = exchange.target;
  const std::size_t question = target.find('?');
  const std::map<std::string, std::string> query =
      query_parameters(question == std::string_view::npos ? std::string_view() : target.substr(question + 1));
  std::string_view path = target.substr(0, question);
  if (path.starts_with(base_path)) path.remove_prefix(base_path.size());
  const std::vector<std::string> segments = path_segments(path);
  const std::string method = exchange.method == "HEAD" ? "GET" : exchange.method;
  const Route* best = nullptr;
  int best_score = -1;
  for (const Route& route : routes) {
    if (route.method != method || route.segments.size() != segments.size()) continue;
    int score = 0;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      if (route.segments[i].starts_with('{')) continue;
      matches = text::equals_ignoring_case(route.segments[i], segments[i]);
      score += 2;
    }
    if (!matches) continue;
    for (const auto& [key, value] : route.query) {
      const auto found = query.find(text::to_lower(key));
      if (found != query.end() && text::equals_ignoring_case(found->second, value)) ++score;
    }
    if (score > best_score) {
      best = &route;
      best_score = score;
    }
  }
  if (best == nullptr) return {nullptr, nullptr};
  if (best->returns != nullptr) return {best->returns, best->set};
  const auto format = query.find("format");
  const bool entity = format != query.end() && text::equals_ignoring_case(format->second, "Entity");
  return {entity ? best->entity : best->reference, best->set};
}

std::vector<Route> routes_of(const std::vector<const ir::Model*>& sets) {
  std::vector<Route> out;
  const auto add = [&](const ir::Model* set, std::string method, std::string_view path, const ir::Type* returns,
                       const ir::Type* reference, const ir::Type* entity) {
    Route route;
    route.method = method.empty() ? "GET" : std::move(method);
    const std::size_t question = path.find('?');
    for (std::string segment : path_segments(path.substr(0, question))) route.segments.push_back(std::move(segment));
    if (question != std::string_view::npos) route.query = query_parameters(path.substr(question + 1));
    route.returns = returns;
    route.reference = reference;
    route.entity = entity;
    route.set = set;
    if (returns != nullptr || reference != nullptr || entity != nullptr) out.push_back(std::move(route));
  };
  for (const ir::Model* set : sets)
    for (const ir::Type& type : set->types) {
      for (const ir::Endpoint& endpoint : type.endpoints)
        add(set, endpoint.method, endpoint.path, endpoint.returns, endpoint.reference, endpoint.entity);
      for (const ir::Link& link : type.links) add(set, link.method, link.path, link.returns, nullptr, nullptr);
    }
  return out;
}

// A warning's path without list indices, so that one member of many items counts as one: /Refs/Ref[3]/x → /Refs/Ref/x.
std::string without_indices(std::string_view path) {
  std::string out;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close != std::string_view::npos &&
          path.substr(i + 1, close - i - 1).find_first_not_of("0123456789") == std::string_view::npos) {
        i = close;
        continue;
      }
    }
    out += path[i];
  }
  return out;
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
    app_->add_flag("--list-areas", list_areas_,
                   "Print the areas of the set's api.yaml: each one's doc, root types, and the size of what "
                   "emgen generate --areas keeps of it");
    app_->add_flag("--strict", strict_, "Unknown elements, attributes, members and enum values are errors");
    app_->add_flag(
        "--fail-on-warning", fail_on_warning_,
        "Exit 1 when a lenient read gave a warning (with --recorded, also when no endpoint answers a request)");
    app_->add_option("--format", format_, "Payload format (default: JSON if the file starts with { or [, else XML)")
        ->check(CLI::IsMember({"xml", "json"}));
    app_->add_option("--json-style", json_style_, "Member names of the JSON printed: pascal (default) or camel")
        ->check(CLI::IsMember({"pascal", "camel"}));
    app_->add_option("--recorded", recorded_,
                     "A folder written by emgen-sim record: each body read as its endpoint's type (or TYPE), and "
                     "what the schemas do not know summarised")
        ->check(CLI::ExistingDirectory);
    app_->add_option("TYPE", type_, "The type, e.g. BackupJobSession; auto: the type whose element is the XML root");
    app_->add_option("FILE", files_, "Payload files")->check(CLI::ExistingFile);
    app_->footer(
        "EXIT STATUS\n  0 every payload read (or --list, --list-areas); 1 a payload does not read as TYPE (or, with "
        "--fail-on-warning, read "
        "with warnings); 2 usage errors (an unknown type among them).\n\n"
        "EXAMPLES\n  emgen inspect --schemas schemas BackupJobSession response.xml\n"
        "  emgen inspect --schemas my_schemas --import emgen/schemas=veeam::em --strict auto captured/*.xml\n"
        "  emgen inspect --schemas schemas --recorded recording/\n"
        "  emgen inspect --schemas schemas --list-areas");
  }

  int run() override {
    cpp::Options options;
    std::vector<pipeline::ImportOption> imports;
    if (!set_.resolve(false, options, imports)) return kUsageError;
    if (!list_ && !list_areas_ && recorded_.empty() && (type_.empty() || files_.empty())) {
      std::cerr << program_ << ": give TYPE and FILE, --recorded DIR, --list or --list-areas\n" << app_->help();
      return kUsageError;
    }
    if (!recorded_.empty() && !files_.empty()) {
      std::cerr << program_ << ": --recorded reads the folder's bodies; give no FILE with it\n";
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
      if (list_areas_) {
        print_areas(model);
        return 0;
      }
      if (!recorded_.empty()) return inspect_recorded();
      int status = 0;
      for (const std::string& file : files_) status = std::max(status, inspect(file));
      return status;
    });
  }

 private:
  // Each area, and what generating it alone keeps (precompile::closure_of, as `generate --areas` does); then all
  // of them together against the whole set.
  void print_areas(const ir::Model& model) const {
    const auto counted = [](std::size_t count, const std::string& noun) {
      return std::to_string(count) + " " + (count == 1 ? noun : noun + "s");
    };
    if (model.areas.empty()) {
      std::cout << set_.schemas << "/api.yaml declares no areas\n";
      return;
    }
    const auto sizes = [&](const std::vector<std::string>& area_names) {
      const precompile::Closure closure = precompile::closure_of(model, precompile::area_types(model, area_names));
      return counted(closure.types.size(), "type") + ", " + counted(closure.enums.size(), "enum");
    };
    std::vector<std::string> every_area;
    for (const ir::Area& area : model.areas) {
      every_area.push_back(area.name);
      std::cout << area.name << ": " << (area.doc.empty() ? "(no doc)" : area.doc) << "\n  root types:";
      for (const ir::Type* type : area.types) std::cout << ' ' << type->name;
      std::cout << "\n  generated: " << sizes({area.name}) << '\n';
    }
    std::cout << "all " << model.areas.size() << " areas: " << sizes(every_area)
              << "; the whole set: " << counted(model.types.size(), "type") << ", "
              << counted(model.enums.size(), "enum") << '\n';
  }

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

  struct Finding {
    std::size_t count = 0;
    std::string example;  // FILE:LINE:COL of the first
  };

  int inspect_recorded() const {
    const std::filesystem::path dir(recorded_);
    std::vector<RecordedExchange> exchanges;
    try {
      exchanges = read_recorded_index(dir);
    } catch (const FolderError& error) {
      std::cerr << error.what() << '\n';
      return kUsageError;
    }
    const std::vector<Route> routes = routes_of(sets_);
    const ReadMode mode = strict_ ? ReadMode::strict : ReadMode::lenient;
    std::size_t read = 0, failed = 0, without_body = 0, unmatched = 0, warned = 0;
    // By type, then where and what; ordered, so that the summary is the same from run to run.
    std::map<std::string, std::map<std::pair<std::string, std::string>, Finding>> findings;
    std::map<std::string, std::size_t> bodies_of_type;
    for (const RecordedExchange& exchange : exchanges) {
      if (exchange.body.empty()) {
        ++without_body;
        continue;
      }
      const std::string file = (dir / exchange.body).string();
      const std::optional<std::string> body = text::read_file(dir / exchange.body);
      if (!body) {
        std::cerr << exchange.where << ": cannot read " << file << '\n';
        ++failed;
        continue;
      }
      const bool json = exchange.content_type.find("json") != std::string::npos ||
                        (exchange.content_type.empty() && looks_like_json(*body));
      std::string type;
      const ir::Model* set = nullptr;
      if (exchange.status >= 400 && type_ != "auto") {
        type = "Error";  // EM's error document, whatever the endpoint
        set = set_of(type);
      } else if (!type_.empty() && !(type_ == "auto" && json)) {
        type = type_for(file, *body, json);
        if (!type.empty()) set = set_of(type);
      } else {
        const auto [found, found_set] = answer_type(routes, sets_.front()->api.base_path, exchange);
        if (found != nullptr) {
          type = found->name;
          set = found_set;
        }
      }
      if (set == nullptr) {
        std::cerr << exchange.where << ": " << exchange.method << ' ' << exchange.target
                  << ": no endpoint of the schemas answers it; give TYPE to read its body\n";
        ++unmatched;
        continue;
      }
      ReadWarnings warnings;
      try {
        if (json)
          static_cast<void>(dynamic::read_json(*set, type, *body, mode, &warnings));
        else
          static_cast<void>(dynamic::read_xml(*set, type, *body, mode, &warnings));
        ++read;
        ++bodies_of_type[type];
      } catch (const ParseError& error) {
        std::cerr << file << (error.line() > 0 ? ":" : ": ") << error.what() << " (read as " << type << ", "
                  << exchange.method << ' ' << exchange.target << ")\n";
        ++failed;
      } catch (const std::invalid_argument& error) {
        std::cerr << file << ": " << error.what() << '\n';
        ++failed;
      }
      if (warnings.total() > 0) ++warned;
      for (const ReadWarning& warning : warnings) {
        Finding& finding = findings[type][{without_indices(warning.path), warning.message}];
        if (finding.count++ == 0)
          finding.example =
              file + (warning.line > 0 ? ":" + std::to_string(warning.line) + ":" + std::to_string(warning.column)
                                       : std::string());
      }
      if (warnings.not_kept() > 0) findings[type][{"", "more warnings, counted only"}].count += warnings.not_kept();
    }

    std::cout << recorded_ << ": " << exchanges.size() << " exchange(s); " << read << " bod"
              << (read == 1 ? "y" : "ies") << " read, " << failed << " did not read, " << unmatched
              << " answered by no endpoint of the schemas, " << without_body << " without a body\n";
    for (const auto& [type, count] : bodies_of_type) std::cout << "  " << type << ": " << count << '\n';
    if (findings.empty()) {
      std::cout << "Nothing unknown: every member and value is in the schemas.\n";
    } else {
      std::cout << "Unknown members and values in " << warned << " bod" << (warned == 1 ? "y" : "ies")
                << " (count, type, where, what, first at):\n";
      for (const auto& [type, by_member] : findings)
        for (const auto& [key, finding] : by_member)
          std::cout << std::setw(7) << finding.count << "  " << type << "  " << key.first << "  " << key.second
                    << (finding.example.empty() ? "" : "  " + finding.example) << '\n';
    }
    if (failed > 0) return kSchemaError;
    return fail_on_warning_ && (!findings.empty() || unmatched > 0) ? kSchemaError : 0;
  }

  std::string program_;
  SchemaSetOptions set_;
  std::string recorded_;
  bool strict_ = false, fail_on_warning_ = false, list_ = false, list_areas_ = false;
  std::string format_, json_style_ = "pascal", type_;
  std::vector<std::string> files_;
  std::vector<const ir::Model*> sets_;
};

}  // namespace

std::unique_ptr<Command> add_inspect(CLI::App& app, const std::string& program, const std::string& default_schemas) {
  return std::make_unique<Inspect>(app, program, default_schemas);
}

}  // namespace emgen::gen::commands
