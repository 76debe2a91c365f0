#include "precompile/resolve.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <iterator>
#include <map>
#include <regex>
#include <set>

#include "emgen/scalar.hpp"
#include "format/vocabulary.hpp"
#include "naming.hpp"
#include "precompile/resolver.hpp"
#include "suggest.hpp"
#include "text/text.hpp"

namespace emgen::gen::precompile::resolving {

// The vocabulary lists the primitives in the order of ir::Primitive.
constexpr bool names_the_primitive(ir::Primitive primitive, std::string_view name) {
  return format::vocabulary::kPrimitiveTypes[static_cast<std::size_t>(primitive)] == name;
}
static_assert(names_the_primitive(ir::Primitive::String, "String") && names_the_primitive(ir::Primitive::Int, "Int") &&
              names_the_primitive(ir::Primitive::Long, "Long") &&
              names_the_primitive(ir::Primitive::Double, "Double") &&
              names_the_primitive(ir::Primitive::Bool, "Bool") &&
              names_the_primitive(ir::Primitive::DateTime, "DateTime") &&
              names_the_primitive(ir::Primitive::Uid, "Uid"));

const std::map<std::string, ir::Primitive>& primitives() {
  static const std::map<std::string, ir::Primitive> table = [] {
    std::map<std::string, ir::Primitive> by_name;
    for (std::size_t i = 0; i < format::vocabulary::kPrimitiveTypes.size(); ++i)
      by_name.emplace(format::vocabulary::kPrimitiveTypes[i], static_cast<ir::Primitive>(i));
    return by_name;
  }();
  return table;
}

bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_type_name(const std::string& name) {
  return is_word(
      name, [](char c) { return c >= 'A' && c <= 'Z'; }, [](char c) { return is_ascii_letter(c) || is_digit(c); });
}
bool is_version(const std::string& text) {
  return is_word(
      text, [](char c) { return is_ascii_letter(c) || is_digit(c) || c == '_' || c == '.'; },
      [](char c) { return is_ascii_letter(c) || is_digit(c) || c == '_' || c == '.'; });
}
bool is_count(const std::string& text) { return is_word(text, is_digit, is_digit); }

/// The local name of the first element of an XML file (prolog, comments and a byte order mark skipped); empty
/// when there is none to be found, which the example's generated test then reports.
std::string root_element_of(const std::filesystem::path& file) {
  const std::string text = emgen::text::read_file(file).value_or("");
  std::size_t at = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  while ((at = text.find('<', at)) != std::string::npos) {
    if (text.compare(at, 4, "<!--") == 0) {
      at = text.find("-->", at);
    } else if (text.compare(at, 2, "<?") == 0 || text.compare(at, 2, "<!") == 0) {
      at = text.find('>', at);
    } else {
      const std::size_t start = at + 1;
      const std::size_t end = text.find_first_of(" \t\r\n/>", start);
      const std::string name = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
      const std::size_t colon = name.rfind(':');
      return colon == std::string::npos ? name : name.substr(colon + 1);
    }
    if (at == std::string::npos) break;
  }
  return "";
}

void Resolver::read_api() {
  const format::FileAst* api_file = nullptr;
  for (const auto& file : schemas_.files)
    if (file.api) api_file = &file;
  if (!api_file) {
    diagnostics_.error(Location{schemas_.directory, 0, 0, ""},
                       "no api.yaml: the API version and XML namespace are declared there", kMissingApiFile);
    return;
  }
  const format::ApiAst& api = *api_file->api;
  api_version_ = api.version.where;
  model_.api =
      ir::Api{api.title.value, api.version.value, api.build.value, api.xml_namespace.value, api.base_path.value};
  if (!is_version(api.version.value))
    diagnostics_.error(api.version.where, "version '" + api.version.value + "' must be letters, digits, '_' or '.'",
                       kBadApiValue);
  if (api.xml_namespace.value.empty())
    diagnostics_.error(api.xml_namespace.where, "xml_namespace is empty", kBadApiValue);
  if (api.base_path.value.empty() || api.base_path.value.front() != '/')
    diagnostics_.error(api.base_path.where, "base_path must start with '/'", kBadApiValue);
}

void Resolver::resolve_areas() {
  const format::FileAst* api_file = nullptr;
  for (const auto& file : schemas_.files)
    if (file.api) api_file = &file;
  if (!api_file || api_file->areas.empty()) return;
  // Lower-case words, so that an area name is one argument of --areas and of CMake's AREAS as written.
  const auto is_area_name = [](const std::string& name) {
    const auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
    return is_word(name, lower, [&](char c) { return lower(c) || is_digit(c) || c == '_'; });
  };
  std::map<std::string, Location> first_of_name;
  std::set<const ir::Type*> listed;
  for (const format::AreaAst& ast : api_file->areas) {
    ir::Area area{ast.name.value, ast.doc, {}, ast.where};
    if (!is_area_name(ast.name.value))
      diagnostics_.error(ast.name.where,
                         "area name '" + ast.name.value +
                             "' must be lower-case letters, digits and '_', starting with a letter (it is given "
                             "to --areas and to AREAS as written)",
                         kBadAreaName);
    else if (const auto [first, added] = first_of_name.emplace(ast.name.value, ast.name.where); !added)
      diagnostics_.error(ast.name.where, "area '" + ast.name.value + "' is defined twice", kDuplicateArea,
                         {{"first defined at", first->second}});
    if (ast.types.empty())
      diagnostics_.error(ast.where, "area '" + ast.name.value + "' lists no type under 'types'", kBadAreaType);
    std::map<std::string, Location> in_this_area;
    for (const Text& name : ast.types) {
      if (const auto [first, added] = in_this_area.emplace(name.value, name.where); !added) {
        diagnostics_.error(name.where, "type '" + name.value + "' is listed twice in area '" + ast.name.value + "'",
                           kBadAreaType, {{"first listed at", first->second}});
        continue;
      }
      const ir::Type* type = find_type(name, "an area's type");
      if (type == nullptr) continue;
      if (const ir::Model* imported = names_.at(name.value).imported) {
        diagnostics_.error(name.where,
                           "type '" + name.value + "' is defined by the imported set " + imported->schema_directory +
                               "; an area lists types of this set",
                           kBadAreaType);
        continue;
      }
      area.types.push_back(type);
      listed.insert(type);
    }
    model_.areas.push_back(std::move(area));
  }

  std::vector<std::string> unlisted;
  for (const ir::Type& type : model_.types)
    if (type.element && !listed.count(&type)) unlisted.push_back(type.name);
  if (unlisted.empty()) return;
  std::sort(unlisted.begin(), unlisted.end());
  std::string names;
  for (const std::string& name : unlisted) names += (names.empty() ? "" : ", ") + name;
  const format::KeyPlace* areas_key = api_file->keys.find(format::vocabulary::Key::api_file_areas);
  model_.warnings.push_back(Diagnostic::warning(
      areas_key ? areas_key->at : api_file->where,
      std::to_string(unlisted.size()) + " document type(s) that no area lists: " + names, kTypeInNoArea));
}

bool Resolver::is_incomplete(const ir::Type* type) const {
  for (; type != nullptr; type = type->base)
    if (incomplete_.count(type)) return true;
  return false;
}

}  // namespace emgen::gen::precompile::resolving

namespace emgen::gen::precompile {

void resolve(const format::SchemaSetAst& schemas, ir::Model& model, const Imports& imports) {
  resolving::Resolver(schemas, model, imports).run();
}

}  // namespace emgen::gen::precompile

namespace emgen::gen::ir {

std::vector<const Field*> Type::all_fields() const {
  std::vector<const Field*> fields_in_order;
  if (base) fields_in_order = base->all_fields();
  for (const Field& field : fields) fields_in_order.push_back(&field);
  return fields_in_order;
}

}  // namespace emgen::gen::ir
