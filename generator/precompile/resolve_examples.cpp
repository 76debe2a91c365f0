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

void Resolver::resolve_example(ir::Type& type, const format::ExampleAst& ast, std::set<std::string>& seen_files) {
  namespace fs = std::filesystem;
  if (!type.element) {
    diagnostics_.error(ast.where,
                       "examples need the type to be a document type: give '" + type.name + "' an 'element:'",
                       kExampleWithoutElement);
    return;
  }
  ir::Example example;
  example.file = fs::path(ast.file.value).lexically_normal().generic_string();
  example.doc = ast.doc;
  example.where = ast.file.where;
  const fs::path on_disk = fs::path(schemas_.directory) / example.file;
  std::error_code error;
  if (ast.file.value.empty() || example.file.rfind("..", 0) == 0 || fs::path(example.file).is_absolute()) {
    diagnostics_.error(ast.file.where, "example file '" + ast.file.value + "' must be inside the schema directory",
                       kBadExampleFile);
    return;
  }
  if (!fs::is_regular_file(on_disk, error)) {
    diagnostics_.error(
        ast.file.where,
        "example file '" + ast.file.value + "' does not exist (looked for " + on_disk.generic_string() + ")",
        kBadExampleFile);
    return;
  }
  const auto extension = fs::path(example.file).extension();
  if (extension != ".xml" && extension != ".json") {
    diagnostics_.error(ast.file.where, "example file '" + ast.file.value + "' must be an .xml or .json payload",
                       kBadExampleFile);
    return;
  }
  example.format = extension == ".json" ? ir::Example::Format::json : ir::Example::Format::xml;
  if (example.format == ir::Example::Format::xml) {
    const std::string root = root_element_of(on_disk);
    if (!root.empty() && root != *type.element) {
      const Location& element_at = ast_of_type_[&type]->element->where;
      // The example's other problems (its expectations, its name) are its own: reported too.
      diagnostics_.error(ast.file.where,
                         "the root element of '" + ast.file.value + "' is <" + root + ">, but type '" + type.name +
                             "' reads <" + *type.element + ">",
                         kExampleRootMismatch, {{"element: at", element_at}});
    }
  }
  if (!seen_files.insert(example.file).second) {
    diagnostics_.error(ast.file.where, "example file '" + ast.file.value + "' is listed twice", kBadExampleFile);
    return;
  }
  const std::string test = example_test_name(example.file);
  if (const auto [it, inserted] = example_tests_.emplace(type.name + "." + test, ast.file.value); !inserted) {
    diagnostics_.error(ast.file.where,
                       "example file '" + ast.file.value + "' gives the generated test the same name (" + type.name +
                           "Examples." + test + ") as '" + it->second + "'",
                       kExampleTestClash);
    return;
  }
  for (const auto& expectation_ast : ast.expect) {
    ir::Expectation expectation;
    expectation.where = expectation_ast.path.where;
    if (resolve_expectation(type, expectation_ast, expectation)) example.expectations.push_back(expectation);
  }
  type.examples.push_back(std::move(example));
}

bool Resolver::resolve_expectation(const ir::Type& type, const format::ExpectationAst& ast, ir::Expectation& out) {
  out.path = ast.path.value;
  out.expected = ast.expected.value;
  out.kind = static_cast<ir::Expectation::Kind>(ast.kind);
  static const std::regex step_pattern("([A-Za-z_][A-Za-z0-9_.-]*?)(\\[([0-9]+)\\])?");
  const ir::Type* current = &type;
  const ir::Field* field = nullptr;
  std::size_t start = 0;
  const std::string& path = ast.path.value;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string step_text = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    std::smatch match;
    if (!std::regex_match(step_text, match, step_pattern)) {
      diagnostics_.error(ast.path.where, "'" + step_text + "' is not a field name, optionally with [index]",
                         kBadExpectPath);
      return false;
    }
    if (!current) {
      diagnostics_.error(ast.path.where, "'" + field->name + "' has no fields: it is not a type with fields",
                         kBadExpectPath);
      return false;
    }
    const std::string name = match[1];
    field = nullptr;
    std::vector<std::string> candidates;
    for (const ir::Field* candidate : current->all_fields()) {
      candidates.push_back(candidate->name);
      if (candidate->name == name) field = candidate;
    }
    if (!field) {
      // A field that failed to resolve is reported already; the expectations that name it are not checked.
      if (is_incomplete(current)) return false;
      std::string message = current->name + " has no field '" + name + "'";
      if (auto near = closest_match(name, candidates)) message += " (did you mean '" + *near + "'?)";
      diagnostics_.error(ast.path.where, message, kBadExpectPath);
      return false;
    }
    ir::PathStep step{field, std::nullopt};
    if (match[2].matched) {
      if (field->cardinality != ir::Cardinality::repeated) {
        diagnostics_.error(ast.path.where, "'" + name + "' is not repeated and cannot be indexed", kBadExpectPath);
        return false;
      }
      step.index = std::stoul(match[3].str());
    }
    out.steps.push_back(step);
    const bool is_list = field->cardinality == ir::Cardinality::repeated && !step.index;
    if (dot == std::string::npos) {
      return check_expected(ast, *field, is_list, out.expected);
    }
    if (is_list) {
      diagnostics_.error(ast.path.where, "'" + name + "' is a list: index it, as in " + name + "[0]", kBadExpectPath);
      return false;
    }
    current = field->type.kind == ir::TypeRef::Kind::complex ? field->type.complex : nullptr;
    start = dot + 1;
  }
}

/// canonical: set to the value's one wire form (`+100` → `100`, `True` → `true`), so later stages print it
/// without parsing it again.
bool Resolver::check_expected(const format::ExpectationAst& ast, const ir::Field& field, bool is_list,
                              std::string& canonical) {
  using Kind = format::ExpectationAst::Kind;
  if (ast.kind == Kind::count) {
    if (!is_list) {
      diagnostics_.error(ast.path.where, "{count: N} needs a repeated field, and '" + field.name + "' is not one",
                         kBadExpectValue);
      return false;
    }
    if (!is_count(ast.expected.value)) {
      diagnostics_.error(ast.expected.where, "count must be a whole number, not '" + ast.expected.value + "'",
                         kBadExpectValue);
      return false;
    }
    return true;
  }
  if (is_list) {
    diagnostics_.error(ast.path.where, "'" + field.name + "' is a list: expect {count: N} or index it", kBadExpectPath);
    return false;
  }
  if (ast.kind == Kind::null) {
    if (field.cardinality != ir::Cardinality::optional) {
      diagnostics_.error(ast.expected.where, "null expects an absent value, but '" + field.name + "' is not optional",
                         kBadExpectValue);
      return false;
    }
    return true;
  }
  if (ast.kind == Kind::unlisted || field.type.kind == ir::TypeRef::Kind::enumeration) {
    if (field.type.kind != ir::TypeRef::Kind::enumeration) {
      diagnostics_.error(ast.expected.where, "{unlisted: ...} is for enum fields, and '" + field.name + "' is not one",
                         kBadExpectValue);
      return false;
    }
    const ir::Enum& enumeration = *field.type.enumeration;
    std::vector<std::string> wires;
    for (const auto& value : enumeration.values) wires.push_back(value.wire);
    const bool listed = std::find(wires.begin(), wires.end(), ast.expected.value) != wires.end();
    if (ast.kind == Kind::unlisted && listed) {
      diagnostics_.error(ast.expected.where,
                         "'" + ast.expected.value + "' is a listed " + enumeration.name +
                             " value: write it plainly, not as {unlisted: ...}",
                         kBadExpectValue);
      return false;
    }
    if (ast.kind == Kind::value && !listed) {
      std::string message = "'" + ast.expected.value + "' is not a listed " + enumeration.name + " value";
      if (auto near = closest_match(ast.expected.value, wires)) message += " (did you mean '" + *near + "'?)";
      message += "; write {unlisted: " + ast.expected.value + "} for a value the schema does not list";
      diagnostics_.error(ast.expected.where, message, kBadExpectValue);
      return false;
    }
    return true;
  }
  if (field.type.kind == ir::TypeRef::Kind::complex) {
    diagnostics_.error(ast.path.where,
                       "'" + field.name + "' is a " + field.type.complex->name + ": expect one of its fields, as in " +
                           ast.path.value + "." + field.type.complex->all_fields().front()->name,
                       kBadExpectPath);
    return false;
  }
  if (field.type.kind == ir::TypeRef::Kind::primitive) {
    ScalarResult result = ScalarResult::ok;
    std::string type_name;
    const std::string& text = ast.expected.value;
    // Parsed as the bindings will parse the payload, then written in the one form the generated test uses.
    const auto parse = [&](auto value, std::string_view name) {
      result = parse_scalar(text, value);
      type_name = name;
      if (result == ScalarResult::ok) canonical = format_scalar(value);
    };
    switch (field.type.primitive) {
      case ir::Primitive::String:
        return true;
      case ir::Primitive::Int:
        parse(std::int32_t{}, "Int");
        break;
      case ir::Primitive::Long:
        parse(std::int64_t{}, "Long");
        break;
      case ir::Primitive::Double:
        parse(double{}, "Double");
        break;
      case ir::Primitive::Bool:
        parse(bool{}, "Bool");
        break;
      case ir::Primitive::DateTime:
        parse(DateTime{}, "DateTime");
        break;
      case ir::Primitive::Uid:
        parse(Uid{}, "Uid");
        break;
    }
    if (result != ScalarResult::ok) {
      diagnostics_.error(ast.expected.where, scalar_error(text, type_name, result), kBadExpectValue);
      return false;
    }
  }
  return true;
}

}  // namespace emgen::gen::precompile::resolving
