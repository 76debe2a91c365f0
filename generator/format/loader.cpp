#include "format/loader.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "format/vocabulary.hpp"
#include "suggest.hpp"
#include "text/text.hpp"

namespace emgen::gen::format {
namespace {

using vocabulary::Key;
using vocabulary::Map;

/// One file being read: its text, for the places of empty values, and where problems go.
struct Reading {
  std::string_view text;
  Diagnostics& diagnostics;

  /// Where node stands. yaml-cpp marks an empty value (a `-` or a `key:` with nothing after it) at the token that
  /// follows it, which may be lines below and belong to an enclosing map; such a value is placed at the `-` or
  /// `:` before it instead.
  Location location_of(const YAML::Node& node, const std::string& file, const std::string& yaml_path) const;
};

/// Whether text at offset spells an explicit null (`~`, `null`), which yaml-cpp marks where it is written. The word
/// must end there: a next token such as `NullValue` after an empty value is not one.
bool explicit_null_at(std::string_view text, std::size_t offset) {
  const std::string_view rest = text.substr(std::min(offset, text.size()));
  for (const std::string_view word : {"~", "null", "Null", "NULL"}) {
    if (!rest.starts_with(word)) continue;
    if (rest.size() == word.size()) return true;
    const char after = rest[word.size()];
    return after == ' ' || after == '\t' || after == '\r' || after == '\n' || after == ',' || after == ']' ||
           after == '}' || after == '#';
  }
  return false;
}

Location Reading::location_of(const YAML::Node& node, const std::string& file, const std::string& yaml_path) const {
  const YAML::Mark mark = node.Mark();
  if (mark.line < 0) return Location{file, 0, 0, yaml_path};
  Location at{file, mark.line + 1, mark.column + 1, yaml_path, static_cast<std::size_t>(mark.pos)};
  const auto pos = static_cast<std::size_t>(mark.pos);
  if (!node.IsNull() || pos > text.size() || explicit_null_at(text, pos)) return at;
  // Back from the next token, line by line, to the last character that is neither layout nor comment.
  std::size_t end = pos;
  int line = at.line;
  for (;;) {
    const std::size_t newline = end == 0 ? std::string_view::npos : text.rfind('\n', end - 1);
    const std::size_t start = newline == std::string_view::npos ? 0 : newline + 1;
    std::string_view content = text.substr(start, end - start);
    for (std::size_t hash = content.find('#'); hash != std::string_view::npos; hash = content.find('#', hash + 1))
      if (hash == 0 || content[hash - 1] == ' ' || content[hash - 1] == '\t') {
        content = content.substr(0, hash);
        break;
      }
    const std::size_t last = content.find_last_not_of(" \t\r");
    if (last != std::string_view::npos) {
      at.line = line;
      at.column = static_cast<int>(last) + 1;
      at.offset = start + last;
      return at;
    }
    if (start == 0) return at;
    end = start - 1;
    --line;
  }
}

std::string join_path(const std::string& parent, const std::string& key) {
  return parent.empty() ? key : parent + "." + key;
}

std::string kind_name(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Scalar:
      return "a scalar";
    case YAML::NodeType::Null:
      return "nothing";
    case YAML::NodeType::Undefined:
      break;
  }
  return "nothing";
}

/// Reads the keys of one YAML map, remembering which were used so that the rest can be reported. Keys are the
/// vocabulary's: the loader accepts no word the drafter, the merger and the diff do not know.
class MapReader {
 public:
  MapReader(vocabulary::Map map, const YAML::Node& node, Location where, Reading& reading)
      : map_(map), where_(std::move(where)), reading_(reading) {
    valid_ = node.IsMap();
    if (!valid_) {
      reading_.diagnostics.error(where_, "expected a map, found " + kind_name(node), std::string(format::kWrongShape));
      return;
    }
    // yaml-cpp's map iteration copies nodes and their shared pointers at every step; the entries are read once
    // here, and every lookup after walks this vector.
    entries_.reserve(node.size());
    for (const auto& entry : node) entries_.push_back(Entry{entry.first, entry.second, entry.first.Scalar()});
    // Looked for once the vector is complete: the set holds views of its names.
    std::set<std::string_view> seen;
    for (const Entry& entry : entries_)
      if (!seen.insert(entry.name).second)
        reading_.diagnostics.error(
            reading_.location_of(entry.key, where_.file, join_path(where_.yaml_path, entry.name)),
            "duplicate key '" + entry.name + "'", std::string(format::kDuplicateKey));
  }

  bool valid() const noexcept { return valid_; }

  /// Whether the map has key with a non-null value.
  bool has(Key id) const {
    const std::string_view key = name_of(id);
    if (!valid_) return false;
    const Entry* entry = find(key);
    return entry != nullptr && !entry->value.IsNull();
  }
  const Location& where() const noexcept { return where_; }

  /// The node under key, or an undefined node; marks the key as known.
  YAML::Node child(Key id) {
    const std::string_view key = name_of(id);
    known_.push_back(key);
    const Entry* entry = find(key);
    return entry != nullptr ? entry->value : YAML::Node(YAML::NodeType::Undefined);
  }

  Location child_location(Key id, const YAML::Node& child) const {
    return reading_.location_of(child, where_.file, join_path(where_.yaml_path, std::string(name_of(id))));
  }

  std::optional<Text> scalar(Key key, bool required) {
    const YAML::Node value = child(key);
    if (!value.IsDefined() || (value.IsNull() && !required)) {
      if (required && valid_)
        reading_.diagnostics.error(where_, "missing required key '" + std::string(name_of(key)) + "'",
                                   std::string(format::kMissingKey));
      return std::nullopt;
    }
    const Location at = child_location(key, value);
    if (!value.IsScalar()) {
      reading_.diagnostics.error(at, "expected a scalar, found " + kind_name(value), std::string(format::kWrongShape));
      return std::nullopt;
    }
    return Text{value.Scalar(), at};
  }

  Text required_scalar(Key key) {
    if (auto text = scalar(key, true)) return *text;
    return Text{"", where_};
  }

  std::string doc(Key key) {
    if (auto text = scalar(key, false)) return text->value;
    return {};
  }

  bool flag(Key key) {
    const auto text = scalar(key, false);
    if (!text) return false;
    if (text->value == "true") return true;
    if (text->value != "false")
      reading_.diagnostics.error(text->where, "expected true or false, found '" + text->value + "'",
                                 std::string(format::kWrongShape));
    return false;
  }

  /// Calls each(item, location) for every item of the list under key; a missing key is an empty list.
  void list(Key key, const std::function<void(const YAML::Node&, const Location&)>& each) {
    const YAML::Node value = child(key);
    if (!value.IsDefined() || value.IsNull()) return;
    const Location at = child_location(key, value);
    if (!value.IsSequence()) {
      reading_.diagnostics.error(at, "expected a list, found " + kind_name(value), std::string(format::kWrongShape));
      return;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      const YAML::Node item = value[i];
      each(item, reading_.location_of(item, where_.file, at.yaml_path + "[" + std::to_string(i) + "]"));
    }
  }

  /// Where the map and each of its keys' values stand, for every key of the vocabulary it has.
  KeyPlaces places() const {
    KeyPlaces places{where_, {}};
    if (!valid_) return places;
    for (const Entry& entry : entries_)
      for (const vocabulary::KeySpec& key : vocabulary::kKeys)
        if (key.map == map_ && key.name == entry.name) {
          const std::string path = join_path(where_.yaml_path, entry.name);
          places.keys.push_back(KeyPlace{key.key, reading_.location_of(entry.key, where_.file, path),
                                         reading_.location_of(entry.value, where_.file, path), entry.value.IsNull()});
        }
    return places;
  }

  /// Reports every key that no child() call asked for.
  void finish() {
    if (!valid_) return;
    for (const Entry& entry : entries_) {
      const std::string& key = entry.name;
      if (std::find(known_.begin(), known_.end(), key) != known_.end()) continue;
      std::string message = "unknown key '" + key + "'";
      if (key.find(' ') != std::string::npos)
        message += " (in a {...} map an unquoted ',' or ': ' splits a value; quote the value)";
      else if (auto near = closest_match(key, std::vector<std::string>(known_.begin(), known_.end())))
        message += " (did you mean '" + *near + "'?)";
      reading_.diagnostics.error(reading_.location_of(entry.key, where_.file, join_path(where_.yaml_path, key)),
                                 message, std::string(format::kUnknownKey));
    }
  }

 private:
  /// The key's name; a key of another map is the loader's mistake, not the schema's.
  std::string_view name_of(Key key) const {
    if (vocabulary::spec(key).map != map_)
      throw std::logic_error("the loader reads '" + std::string(vocabulary::name(key)) + "' in the wrong map");
    return vocabulary::name(key);
  }

  struct Entry {
    YAML::Node key;
    YAML::Node value;
    std::string name;
  };

  const Entry* find(std::string_view key) const {
    for (const Entry& entry : entries_)
      if (entry.name == key) return &entry;
    return nullptr;
  }

  vocabulary::Map map_;
  std::vector<Entry> entries_;
  Location where_;
  Reading& reading_;
  /// The vocabulary's names, which live as long as the program.
  std::vector<std::string_view> known_;
  bool valid_ = false;
};

ApiAst read_api(const YAML::Node& node, const Location& where, Reading& reading) {
  MapReader map(Map::api, node, where, reading);
  ApiAst api;
  api.where = where;
  api.title = map.required_scalar(Key::api_title);
  api.version = map.required_scalar(Key::api_version);
  api.build = map.required_scalar(Key::api_build);
  api.xml_namespace = map.required_scalar(Key::api_xml_namespace);
  api.base_path = map.required_scalar(Key::api_base_path);
  api.keys = map.places();
  map.finish();
  return api;
}

AreaAst read_area(const YAML::Node& node, const Location& where, Reading& reading) {
  MapReader map(Map::area, node, where, reading);
  AreaAst area;
  area.where = where;
  area.name = map.required_scalar(Key::area_name);
  area.doc = map.doc(Key::area_doc);
  if (map.valid() && !map.has(Key::area_types))
    reading.diagnostics.error(where, "missing required key 'types'", std::string(format::kMissingKey));
  map.list(Key::area_types, [&](const YAML::Node& item, const Location& at) {
    if (!item.IsScalar()) {
      reading.diagnostics.error(at, "expected a type name, found " + kind_name(item), std::string(format::kWrongShape));
      return;
    }
    area.types.push_back(Text{item.Scalar(), at});
  });
  area.keys = map.places();
  map.finish();
  return area;
}

EnumAst read_enum(const YAML::Node& node, const Location& where, Reading& reading) {
  MapReader map(Map::enumeration, node, where, reading);
  EnumAst result;
  result.where = where;
  result.name = map.required_scalar(Key::enum_name);
  result.doc = map.doc(Key::enum_doc);
  map.list(Key::enum_values, [&](const YAML::Node& item, const Location& at) {
    EnumValueAst value;
    value.where = at;
    value.keys.map = at;
    if (item.IsScalar()) {
      value.wire = Text{item.Scalar(), at};
    } else {
      MapReader value_map(Map::enum_value, item, at, reading);
      if (!value_map.valid()) return;
      value.wire = value_map.required_scalar(Key::value_wire);
      value.name = value_map.scalar(Key::value_name, false);
      value.doc = value_map.doc(Key::value_doc);
      value.keys = value_map.places();
      value_map.finish();
    }
    result.values.push_back(std::move(value));
  });
  if (map.valid() && result.values.empty())
    reading.diagnostics.error(where, "an enum needs at least one value under 'values'",
                              std::string(format::kMissingKey));
  result.keys = map.places();
  map.finish();
  return result;
}

FieldAst read_field(const YAML::Node& node, const Location& where, Reading& reading) {
  MapReader map(Map::field, node, where, reading);
  FieldAst field;
  field.where = where;
  field.name = map.required_scalar(Key::field_name);
  field.type = map.required_scalar(Key::field_type);
  field.doc = map.doc(Key::field_doc);
  field.attribute = map.flag(Key::field_attribute);
  field.text = map.flag(Key::field_text);
  field.optional = map.flag(Key::field_optional);
  field.repeated = map.flag(Key::field_repeated);
  field.item = map.scalar(Key::field_item, false);
  map.list(Key::field_aliases, [&](const YAML::Node& item, const Location& at) {
    if (!item.IsScalar()) {
      reading.diagnostics.error(at, "expected a scalar, found " + kind_name(item), std::string(format::kWrongShape));
      return;
    }
    field.aliases.push_back(Text{item.Scalar(), at});
  });
  field.cpp_name = map.scalar(Key::field_cpp_name, false);
  field.query = map.scalar(Key::field_query, false);
  const YAML::Node json = map.child(Key::field_json);
  if (json.IsDefined() && !json.IsNull()) {
    MapReader json_map(Map::field_json, json, map.child_location(Key::field_json, json), reading);
    field.json_name = json_map.scalar(Key::json_name, false);
    field.json_list = json_map.scalar(Key::json_list, false);
    json_map.finish();
  }
  field.keys = map.places();
  map.finish();
  return field;
}

LinkAst read_link(const YAML::Node& node, const Location& where, Reading& reading) {
  MapReader map(Map::link, node, where, reading);
  LinkAst link;
  link.where = where;
  link.rel = map.required_scalar(Key::link_rel);
  link.type = map.scalar(Key::link_type, false);
  link.path = map.required_scalar(Key::link_path);
  link.method = map.scalar(Key::link_method, false);
  link.returns = map.scalar(Key::link_returns, false);
  link.doc = map.doc(Key::link_doc);
  link.keys = map.places();
  map.finish();
  return link;
}

EndpointAst read_endpoint(const YAML::Node& node, const Location& where, Reading& reading) {
  MapReader map(Map::endpoint, node, where, reading);
  EndpointAst endpoint;
  endpoint.where = where;
  endpoint.method = map.required_scalar(Key::endpoint_method);
  endpoint.path = map.required_scalar(Key::endpoint_path);
  endpoint.doc = map.doc(Key::endpoint_doc);
  endpoint.client = !map.has(Key::endpoint_client) || map.flag(Key::endpoint_client);
  endpoint.client_name = map.scalar(Key::endpoint_client_name, false);
  endpoint.body = map.scalar(Key::endpoint_body, false);
  map.list(Key::endpoint_file_paths, [&](const YAML::Node& item, const Location& at) {
    if (!item.IsScalar()) {
      reading.diagnostics.error(at, "expected a scalar, found " + kind_name(item), std::string(format::kWrongShape));
      return;
    }
    endpoint.file_paths.push_back(Text{item.Scalar(), at});
  });
  const YAML::Node returns = map.child(Key::endpoint_returns);
  if (!returns.IsDefined() || returns.IsNull()) {
    // A POST, PUT or DELETE may answer with no body (201 Created, 204 No Content); a GET always has one.
    if (map.valid() && endpoint.method.value == "GET")
      reading.diagnostics.error(where, "missing required key 'returns'", std::string(format::kMissingKey));
  } else if (returns.IsScalar()) {
    endpoint.returns = Text{returns.Scalar(), map.child_location(Key::endpoint_returns, returns)};
  } else {
    MapReader pair(Map::endpoint_returns, returns, map.child_location(Key::endpoint_returns, returns), reading);
    endpoint.returns_reference = pair.required_scalar(Key::returns_reference);
    endpoint.returns_entity = pair.required_scalar(Key::returns_entity);
    pair.finish();
  }
  endpoint.keys = map.places();
  map.finish();
  return endpoint;
}

ExampleAst read_example(const YAML::Node& node, const Location& where, Reading& reading) {
  MapReader map(Map::example, node, where, reading);
  ExampleAst example;
  example.where = where;
  example.file = map.required_scalar(Key::example_file);
  example.doc = map.doc(Key::example_doc);
  const YAML::Node expect = map.child(Key::example_expect);
  if (expect.IsDefined() && !expect.IsNull()) {
    const Location expect_at = map.child_location(Key::example_expect, expect);
    if (!expect.IsMap()) {
      reading.diagnostics.error(expect_at, "expected a map, found " + kind_name(expect),
                                std::string(format::kWrongShape));
    } else {
      std::set<std::string> keys;
      for (const auto& entry : expect) {
        ExpectationAst expectation;
        const std::string key = entry.first.Scalar();
        const Location key_at = reading.location_of(entry.first, where.file, join_path(expect_at.yaml_path, key));
        if (!keys.insert(key).second) {
          reading.diagnostics.error(key_at, "duplicate key '" + key + "'", std::string(format::kDuplicateKey));
          continue;
        }
        expectation.path = Text{key, key_at};
        const YAML::Node& value = entry.second;
        const Location value_at = reading.location_of(value, where.file, key_at.yaml_path);
        if (value.IsNull()) {
          expectation.kind = ExpectationAst::Kind::null;
          expectation.expected = Text{"", value_at};
        } else if (value.IsScalar()) {
          expectation.expected = Text{value.Scalar(), value_at};
        } else if (value.IsMap()) {
          MapReader form(Map::expectation, value, value_at, reading);
          const bool unlisted = value[std::string(vocabulary::name(Key::expectation_unlisted))].IsDefined();
          expectation.kind = unlisted ? ExpectationAst::Kind::unlisted : ExpectationAst::Kind::count;
          expectation.expected = form.required_scalar(unlisted ? Key::expectation_unlisted : Key::expectation_count);
          form.finish();
        } else {
          reading.diagnostics.error(value_at,
                                    "expected a value, null, {count: N} or {unlisted: Text}, found " + kind_name(value),
                                    std::string(format::kWrongShape));
          continue;
        }
        example.expect.push_back(std::move(expectation));
      }
    }
  }
  example.keys = map.places();
  map.finish();
  return example;
}

TypeAst read_type(const YAML::Node& node, const Location& where, Reading& reading) {
  MapReader map(Map::type, node, where, reading);
  TypeAst type;
  type.where = where;
  type.name = map.required_scalar(Key::type_name);
  type.doc = map.doc(Key::type_doc);
  type.extends = map.scalar(Key::type_extends, false);
  type.element = map.scalar(Key::type_element, false);
  map.list(Key::type_fields,
           [&](const YAML::Node& item, const Location& at) { type.fields.push_back(read_field(item, at, reading)); });
  const YAML::Node fields = map.child(Key::type_fields);
  type.empty_on_purpose = fields.IsDefined() && fields.IsSequence() && fields.size() == 0;
  map.list(Key::type_links,
           [&](const YAML::Node& item, const Location& at) { type.links.push_back(read_link(item, at, reading)); });
  map.list(Key::type_endpoints, [&](const YAML::Node& item, const Location& at) {
    type.endpoints.push_back(read_endpoint(item, at, reading));
  });
  map.list(Key::type_examples, [&](const YAML::Node& item, const Location& at) {
    type.examples.push_back(read_example(item, at, reading));
  });
  type.keys = map.places();
  map.finish();
  return type;
}

}  // namespace

FileAst load_schema_text(const std::string& text, const std::string& display_path, const std::string& stem,
                         Diagnostics& diagnostics) {
  FileAst file;
  file.display_path = display_path;
  file.stem = stem;
  file.where = Location{display_path, 1, 1, ""};
  file.text = text;
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    const int line = e.mark.line < 0 ? 0 : e.mark.line + 1;
    const int column = e.mark.column < 0 ? 0 : e.mark.column + 1;
    diagnostics.error(Location{display_path, line, column, ""}, "YAML syntax error: " + e.msg,
                      std::string(format::kYamlSyntax));
    return file;
  }
  if (!root.IsDefined() || root.IsNull()) {
    diagnostics.error(file.where, "the file is empty", std::string(format::kEmptyFile));
    return file;
  }
  Reading reading{file.text, diagnostics};
  MapReader map(stem == "api" ? Map::api_file : Map::schema_file, root, reading.location_of(root, display_path, ""),
                reading);
  if (!map.valid()) return file;
  file.keys = map.places();
  if (stem == "api") {
    const YAML::Node api = map.child(Key::api_file_api);
    if (!api.IsDefined())
      diagnostics.error(map.where(), "missing required key 'api'", std::string(format::kMissingKey));
    else
      file.api = read_api(api, map.child_location(Key::api_file_api, api), reading);
    map.list(Key::api_file_areas,
             [&](const YAML::Node& item, const Location& at) { file.areas.push_back(read_area(item, at, reading)); });
  } else {
    file.api_version = map.scalar(Key::file_api_version, false);
    file.doc = map.doc(Key::file_doc);
    map.list(Key::file_enums,
             [&](const YAML::Node& item, const Location& at) { file.enums.push_back(read_enum(item, at, reading)); });
    map.list(Key::file_types,
             [&](const YAML::Node& item, const Location& at) { file.types.push_back(read_type(item, at, reading)); });
    // Only when the lists were absent, not when their items failed to load.
    if (file.enums.empty() && file.types.empty() && !map.has(Key::file_enums) && !map.has(Key::file_types))
      diagnostics.error(map.where(), "a schema file needs 'types' or 'enums'", std::string(format::kMissingKey));
  }
  map.finish();
  return file;
}

SchemaSetAst load_schema_directory(const std::string& directory) {
  Diagnostics diagnostics;
  SchemaSetAst set = load_schema_directory(directory, diagnostics);
  if (!diagnostics.empty()) throw SchemaErrors(diagnostics.sorted());
  return set;
}

SchemaSetAst load_schema_directory(const std::string& directory, Diagnostics& diagnostics) {
  namespace fs = std::filesystem;
  SchemaSetAst set;
  set.directory = directory;
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    diagnostics.error(Location{directory, 0, 0, ""}, "not a directory", std::string(format::kUnreadable));
    throw SchemaErrors(diagnostics.sorted());
  }
  std::vector<fs::path> paths;
  for (const auto& entry : fs::directory_iterator(directory, error))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") paths.push_back(entry.path());
  std::sort(paths.begin(), paths.end());
  if (paths.empty())
    diagnostics.error(Location{directory, 0, 0, ""}, "no *.yaml schema files", std::string(format::kUnreadable));
  for (const auto& path : paths) {
    const std::string display = (fs::path(directory) / path.filename()).generic_string();
    const std::optional<std::string> text = emgen::text::read_file(path);
    if (!text) {
      diagnostics.error(Location{display, 0, 0, ""}, "cannot be read", std::string(format::kUnreadable));
      continue;
    }
    set.files.push_back(load_schema_text(*text, display, path.stem().string(), diagnostics));
  }
  return set;
}

}  // namespace emgen::gen::format
