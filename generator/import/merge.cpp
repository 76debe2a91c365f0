// `emgen import --into`: a draft merged into a schema directory a person keeps (merge.hpp). This file holds the
// entry points and the plan: which of the directory's types, enums and fields each of the draft's meets, by name,
// element or alias, through the bases of both. The Merger and its other concerns: merge/merger.hpp.

#include "import/merge.hpp"

#include <algorithm>
#include <dtl/dtl.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

#include "format/loader.hpp"
#include "import/merge/merger.hpp"
#include "text/text.hpp"

namespace emgen::gen::import {
namespace merging {

std::string read_bytes(const fs::path& path) {
  std::optional<std::string> bytes = emgen::text::read_file(path);
  if (!bytes) throw ImportError(path.generic_string() + ": cannot be read");
  return std::move(*bytes);
}

namespace {

std::vector<std::string> values_of(const std::vector<format::Text>& texts) {
  std::vector<std::string> values;
  for (const format::Text& text : texts) values.push_back(text.value);
  return values;
}

}  // namespace

Merge Merger::run() {
  load();
  index_draft();
  map_names();
  for (const DraftFile& file : draft_.files)
    for (const DraftType& type : file.types)
      if (mapped_.count(type.name) && types_.count(mapped_[type.name])) merge_type(type, types_[mapped_[type.name]]);
  for (const DraftFile& file : draft_.files)
    for (const DraftEnum& enumeration : file.enums)
      if (mapped_.count(enumeration.name) && enums_.count(mapped_[enumeration.name]))
        merge_enum(enumeration, enums_[mapped_[enumeration.name]]);
  add_missing();
  finish();
  return std::move(result_);
}

void Merger::load() {
  if (schemas_.files.empty())
    throw ImportError(directory_ + ": no schema files to merge into (import with --out instead)");
  for (const format::FileAst& ast : schemas_.files) {
    const std::string name = ast.stem + ".yaml";
    files_.push_back(std::make_unique<SchemaText>(name, directory_ + "/" + name, ast.text));
    SchemaText& file = *files_.back();
    file_by_stem_[ast.stem] = &file;
    asts_[&file] = &ast;
    if (ast.api) api_version_ = ast.api->version.value;
    for (const format::TypeAst& type : ast.types) read_type(file, type);
    for (const format::EnumAst& enumeration : ast.enums)
      enums_[enumeration.name.value] = EnumRef{&file, &enumeration, enumeration.name.value, enumeration.doc};
  }
}

void Merger::read_type(SchemaText& file, const format::TypeAst& ast) {
  TypeRef type{
      &file,   &ast, ast.name.value, ast.extends ? ast.extends->value : "", ast.element ? ast.element->value : "",
      ast.doc, {}};
  for (const format::FieldAst& field : ast.fields)
    type.fields.push_back(FieldRef{&file, &field, field.name.value, field.type.value, field.doc,
                                   values_of(field.aliases), field.attribute, field.optional, field.repeated});
  types_[type.name] = std::move(type);
}

void Merger::index_draft() {
  for (const DraftFile& file : draft_.files) {
    for (const DraftType& type : file.types) draft_types_[type.name] = {&type, file.stem};
    for (const DraftEnum& enumeration : file.enums) draft_enums_[enumeration.name] = {&enumeration, file.stem};
  }
}

std::vector<TypeRef*> Merger::chain(TypeRef& type) {
  std::vector<TypeRef*> chain{&type};
  for (std::string base = type.extends; !base.empty() && types_.count(base);) {
    TypeRef* next = &types_[base];
    if (std::find(chain.begin(), chain.end(), next) != chain.end()) break;
    chain.push_back(next);
    base = next->extends;
  }
  return chain;
}

std::pair<FieldRef*, TypeRef*> Merger::find_field(TypeRef& type, const DraftField& field) {
  for (TypeRef* owner : chain(type))
    for (FieldRef& candidate : owner->fields)
      if (candidate.answers_to(field)) return {&candidate, owner};
  return {nullptr, nullptr};
}

std::vector<DraftField> Merger::draft_fields(const DraftType& type) {
  std::vector<DraftField> fields;
  std::set<std::string> seen;
  for (const DraftType* at = &type; at != nullptr && seen.insert(at->name).second;) {
    fields.insert(fields.end(), at->fields.begin(), at->fields.end());
    at = draft_types_.count(at->extends) ? draft_types_[at->extends].type : nullptr;
  }
  return fields;
}

std::string Merger::renamed(const std::string& name) const {
  const auto it = mapped_.find(name);
  return it == mapped_.end() ? name : it->second;
}

void Merger::use(const std::string& name) {
  if ((draft_types_.count(name) || draft_enums_.count(name)) && !mapped_.count(name)) used_.insert(name);
}

void Merger::map_names() {
  std::vector<std::string> work;
  for (const DraftFile& file : draft_.files) {
    for (const DraftType& type : file.types) {
      if (types_.count(type.name)) {
        mapped_[type.name] = type.name;
      } else if (!type.element.empty()) {
        for (const auto& [name, existing] : types_)
          if (existing.element == type.element) {
            mapped_[type.name] = name;
            break;
          }
      }
      if (mapped_.count(type.name)) work.push_back(type.name);
    }
    for (const DraftEnum& enumeration : file.enums)
      if (enums_.count(enumeration.name)) mapped_[enumeration.name] = enumeration.name;
  }
  // A field that met one of the directory's fields brings its type along: the page's nested table `Session
  // Result` is the XSD's SessionResultInfo.
  while (!work.empty()) {
    const DraftType& draft = *draft_types_[work.back()].type;
    TypeRef& type = types_[mapped_[work.back()]];
    work.pop_back();
    for (const DraftField& field : draft_fields(draft)) {
      const auto [existing, owner] = find_field(type, field);
      if (existing == nullptr || mapped_.count(field.type)) continue;
      if (draft_types_.count(field.type) && types_.count(existing->type)) {
        mapped_[field.type] = existing->type;
        work.push_back(field.type);
      } else if (draft_enums_.count(field.type) && enums_.count(existing->type)) {
        mapped_[field.type] = existing->type;
      }
    }
  }
}

std::string Merger::renamed_path(const DraftType* draft, TypeRef* type, const std::string& path) {
  std::string out;
  std::istringstream segments(path);
  for (std::string segment; std::getline(segments, segment, '.');) {
    std::string name = segment;
    std::optional<DraftField> field;
    if (draft != nullptr)
      for (const DraftField& candidate : draft_fields(*draft))
        if (candidate.name == segment) field = candidate;
    FieldRef* existing = nullptr;
    if (field && type != nullptr) existing = find_field(*type, *field).first;
    if (existing != nullptr) name = existing->name;
    out += (out.empty() ? "" : ".") + name;
    draft = field && draft_types_.count(field->type) ? draft_types_[field->type].type : nullptr;
    type = existing != nullptr && types_.count(existing->type) ? &types_[existing->type] : nullptr;
  }
  return out;
}

void Merger::note(const SchemaText& file, const Location& where, const std::string& path, std::string message,
                  std::string_view code) {
  result_.notes.push_back(Diagnostic::warning(Location{file.display(), where.line, 0, path}, std::move(message), code));
}

}  // namespace merging

namespace {

namespace fs = std::filesystem;
using merging::Merger;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

Merge merge_draft(const Draft& draft, const std::string& directory) {
  if (!fs::is_directory(directory)) throw ImportError(directory + ": not a directory to merge into");
  Diagnostics loading;
  const format::SchemaSetAst schemas = format::load_schema_directory(directory, loading);
  // What the loader could not read at all stops the merge; a directory that does not check otherwise is merged
  // as far as it loaded (pipeline::merge_checked refuses it before).
  for (const Diagnostic& problem : loading.sorted())
    if (problem.code == format::kYamlSyntax || (problem.code == format::kUnreadable && problem.where.file != directory))
      throw ImportError(problem.to_string());
  return merge_draft(draft, schemas);
}

Merge merge_draft(const Draft& draft, const format::SchemaSetAst& schemas) { return Merger(draft, schemas).run(); }

std::string unified_diff(const FileChange& change, const std::string& directory) {
  const std::vector<std::string> before = lines_of(change.before), after = lines_of(change.after);
  dtl::Diff<std::string> diff(before, after);
  diff.onHuge();
  diff.compose();
  diff.composeUnifiedHunks();
  std::ostringstream out;
  const std::string path = (directory.starts_with("/") ? directory.substr(1) : directory) + "/" + change.file;
  out << "--- " << (change.created ? "/dev/null" : "a/" + path) << "\n";
  out << "+++ b/" << path << "\n";
  diff.printUnifiedFormat(out);
  return out.str();
}

void write_merge(const Merge& merge, const std::string& directory) {
  for (const FileChange& change : merge.changes) {
    const fs::path path = fs::path(directory) / change.file;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << change.after;
    if (!out) throw std::runtime_error(path.generic_string() + ": cannot be written");
  }
}

namespace {

using format::vocabulary::Key;

constexpr const char* kKept = "kept byte for byte; a new item takes the draft's";
constexpr const char* kFilled = "filled from the draft when the directory has none";
constexpr const char* kAdded = "the draft's items the directory lacks are added";
constexpr const char* kNewOnly = "kept as the directory has it; an item the merge adds carries the draft's";

constexpr format::vocabulary::KeyUse kMergedKeys[] = {
    {Key::api_file_api, "read for the version of new files; api.yaml is never edited"},
    {Key::api_title, kKept},
    {Key::api_version, "read: a new schema file declares it as its api_version"},
    {Key::api_build, kKept},
    {Key::api_xml_namespace, kKept},
    {Key::api_base_path, kKept},
    {Key::api_file_areas, "kept: api.yaml is never edited, so a drafted type joins no area until a person adds it"},
    {Key::area_name, kKept},
    {Key::area_doc, kKept},
    {Key::area_types, kKept},
    {Key::file_api_version, "written into a new file; kept in an existing one"},
    {Key::file_doc, kKept},
    {Key::file_enums, kAdded},
    {Key::file_types, kAdded},
    {Key::enum_name, "matches an enum of the draft to the directory's"},
    {Key::enum_doc, kFilled},
    {Key::enum_values, kAdded},
    {Key::value_wire, "matches a value of the draft to the directory's"},
    {Key::value_name, kNewOnly},
    {Key::value_doc, kFilled},
    {Key::type_name, "matches a type of the draft to the directory's"},
    {Key::type_doc, "filled when empty, or put before an XSD import's doc"},
    {Key::type_extends, "read: a base type's fields are matched too"},
    {Key::type_element, "read: the document a type's examples hold"},
    {Key::type_fields, kAdded},
    {Key::type_links, kAdded},
    {Key::type_endpoints, kAdded},
    {Key::type_examples, kAdded},
    {Key::field_name, "matches a field of the draft to the directory's (its aliases too)"},
    {Key::field_type, "String typed as the draft's enum; another disagreement is noted and kept"},
    {Key::field_doc, kFilled},
    {Key::field_attribute, "compared; a disagreement is noted and kept"},
    {Key::field_text, kKept},
    {Key::field_optional, "set when an example the draft adds lacks the field"},
    {Key::field_repeated, "read: a repeated field is never made optional"},
    {Key::field_item, kNewOnly},
    {Key::field_aliases, "the draft's names of a field in other letter case are added"},
    {Key::field_cpp_name, kKept},
    {Key::field_query, kNewOnly},
    {Key::field_json, kKept},
    {Key::json_name, kKept},
    {Key::json_list, kKept},
    {Key::link_rel, "compared for a link of the same path; a disagreement is noted and kept"},
    {Key::link_type, kKept},
    {Key::link_path, "matches a link of the draft to the directory's (parameter names aside)"},
    {Key::link_method, kKept},
    {Key::link_returns, kKept},
    {Key::link_doc, kNewOnly},
    {Key::endpoint_method, "matches an endpoint of the draft to the directory's, with its path"},
    {Key::endpoint_path, "matches an endpoint of the draft to the directory's (parameter names aside)"},
    {Key::endpoint_doc, kNewOnly},
    {Key::endpoint_client, kNewOnly},
    {Key::endpoint_client_name, kKept},
    {Key::endpoint_body, "a new endpoint's body, in the directory's name of the type"},
    {Key::endpoint_file_paths, kNewOnly},
    {Key::endpoint_returns, "a new endpoint's returns, in the directory's name of the type"},
    {Key::returns_reference, kKept},
    {Key::returns_entity, kKept},
    {Key::example_file, "matches an example of the draft to the directory's"},
    {Key::example_doc, kNewOnly},
    {Key::example_expect, "a new example's, in the directory's field names"},
    {Key::expectation_count, kKept},
    {Key::expectation_unlisted, kKept},
};

}  // namespace

std::span<const format::vocabulary::KeyUse> merged_keys() { return kMergedKeys; }

}  // namespace emgen::gen::import
