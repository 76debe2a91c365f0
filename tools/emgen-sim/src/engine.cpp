#include "engine.hpp"

#include <algorithm>
#include <emgen/error.hpp>
#include <pugixml.hpp>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "dynamic/codec.hpp"
#include "filter.hpp"
#include "text/text.hpp"

namespace emgen::sim::detail {
namespace {

using dynamic::Value;
using text::equals_ignoring_case;

// Past this many records the closure over Hrefs stops: a schema set whose links name ever new ids would
// otherwise grow the data set without end.
constexpr std::size_t kMaxRecords = 20000;

bool has_field(const ir::Type& type, std::string_view name) {
  for (const ir::Field* field : type.all_fields())
    if (field->name == name) return true;
  return false;
}

// An entity has an identity the simulator can serve it by: a UID and an Href.
bool is_entity(const ir::Type& type) { return has_field(type, "UID") && has_field(type, "Href"); }

// The one repeated complex field of a list document (`Repositories`: `Repository`), or null.
const ir::Field* item_field(const ir::Type& list) {
  const ir::Field* found = nullptr;
  for (const ir::Field* field : list.all_fields()) {
    if (field->cardinality != ir::Cardinality::repeated || field->type.kind != ir::TypeRef::Kind::complex) continue;
    if (found != nullptr) return nullptr;
    found = field;
  }
  return found;
}

std::optional<std::string> query_value(const Params& params, std::string_view name) {
  for (const auto& [key, value] : params)
    if (equals_ignoring_case(key, name)) return value;
  return std::nullopt;
}

// `a=b&c=d` of an endpoint's path.
std::vector<std::pair<std::string, std::string>> query_pairs(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t start = 0;
  while (start < query.size()) {
    const std::size_t end = std::min(query.find('&', start), query.size());
    const std::string_view pair = query.substr(start, end - start);
    start = end + 1;
    const std::size_t equals = pair.find('=');
    out.emplace_back(std::string(pair.substr(0, equals)),
                     equals == std::string_view::npos ? std::string() : std::string(pair.substr(equals + 1)));
  }
  return out;
}

template <class F>
void each_value(Value& value, const F& visit) {
  visit(value);
  for (dynamic::Member& member : value.members) each_value(member.value, visit);
  for (Value& item : value.items) each_value(item, visit);
}

template <class F>
void each_value(const Value& value, const F& visit) {
  visit(value);
  for (const dynamic::Member& member : value.members) each_value(member.value, visit);
  for (const Value& item : value.items) each_value(item, visit);
}

// Every Href member's text, anywhere in value.
template <class F>
void each_href(Value& value, const F& visit) {
  for (dynamic::Member& member : value.members) {
    if (member.name == "Href" && member.value.kind == Value::Kind::string) visit(member.value.text);
    each_href(member.value, visit);
  }
  for (Value& item : value.items) each_href(item, visit);
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  if (from.empty()) return;
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
}

std::string guid_text(std::mt19937_64& rng) { return guid(rng); }

// value for a field of another type that shares its name: a UID is a Uid in one type and a String in another
// (VlanConfiguration's, whose page shows a bare id).
Value fitted(const Value& value, const ir::Field& field) {
  if (field.type.kind != ir::TypeRef::Kind::primitive) return value;
  if (field.type.primitive == ir::Primitive::Uid && value.kind == Value::Kind::string) {
    if (std::optional<Uid> uid = Uid::parse(value.text)) return Value::uid_value(*uid);
    return Value::uid_value(Uid{"Object", value.text});
  }
  if (field.type.primitive == ir::Primitive::String && value.kind == Value::Kind::uid)
    return Value::string(value.uid.to_string());
  return value;
}

std::string capitalized(std::string_view word) {
  std::string out(word);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// Whether value (after fitted()) can stand for field: a member a spec shares by name with the entity it changes
// may hold another kind.
bool fits(const Value& value, const ir::Field& field) {
  switch (field.type.kind) {
    case ir::TypeRef::Kind::complex:
      return false;  // only scalars are copied across types
    case ir::TypeRef::Kind::enumeration:
      return value.kind == Value::Kind::enumeration;
    case ir::TypeRef::Kind::primitive:
      break;
  }
  switch (field.type.primitive) {
    case ir::Primitive::String:
      return value.kind == Value::Kind::string;
    case ir::Primitive::Int:
    case ir::Primitive::Long:
      return value.kind == Value::Kind::integer;
    case ir::Primitive::Double:
      return value.kind == Value::Kind::number;
    case ir::Primitive::Bool:
      return value.kind == Value::Kind::boolean;
    case ir::Primitive::DateTime:
      return value.kind == Value::Kind::datetime;
    case ir::Primitive::Uid:
      return value.kind == Value::Kind::uid;
  }
  return false;
}

// The line of a byte offset in text, from 1.
std::size_t line_at(std::string_view text, std::ptrdiff_t offset) {
  const auto end = text.begin() + std::clamp<std::ptrdiff_t>(offset, 0, static_cast<std::ptrdiff_t>(text.size()));
  return 1 + static_cast<std::size_t>(std::count(text.begin(), end, '\n'));
}

std::string_view local_name(std::string_view name) {
  const std::size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

/// Pairs of elements (earlier, later) that a type's documented examples write against the order of its fields:
/// the documentation's own word that EM takes them so (BackupServerSpec's page sends Username before Port).
using OrderExceptions = std::map<const ir::Type*, std::set<std::pair<std::string, std::string>>>;

// The runtime's readers accept a type's elements in any order; EM's (a .NET DataContract serializer) does not,
// so a request body is checked for the schema's order: each element's children must follow the order of its
// type's fields (a repeated field's items together), but for the exceptions. Throws HttpFailure 400 naming the
// first out of place; with collect, records what is out of place there instead.
void check_element_order(const pugi::xml_node& element, const ir::Type& type, std::string_view text,
                         const std::string& path, OrderExceptions& exceptions, bool collect) {
  const std::vector<const ir::Field*> fields = type.all_fields();
  const auto rank_of = [&](std::string_view name) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (fields[i]->attribute || fields[i]->text) continue;
      if (fields[i]->name == name) return i;
      for (const std::string& alias : fields[i]->aliases)
        if (alias == name) return i;
    }
    return std::nullopt;
  };
  std::optional<std::size_t> highest;
  std::string highest_name;
  for (const pugi::xml_node& child : element.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string_view name = local_name(child.name());
    const std::optional<std::size_t> rank = rank_of(name);
    if (!rank) continue;  // the strict read has refused what the type does not know
    const std::string child_path = path + "/" + std::string(name);
    if (highest && *rank < *highest && collect) exceptions[&type].emplace(highest_name, std::string(name));
    if (highest && *rank < *highest && !exceptions[&type].contains({highest_name, std::string(name)}))
      throw HttpFailure{400, "The request body is not a valid " + type.name + ": line " +
                                 std::to_string(line_at(text, child.offset_debug())) + ": " + child_path + ": <" +
                                 std::string(name) + "> must come before <" + highest_name + "> (the order of " +
                                 type.name + "'s fields)."};
    if (!highest || *rank > *highest) {
      highest = rank;
      highest_name = std::string(name);
    }
    const ir::Field& field = *fields[*rank];
    if (field.type.kind != ir::TypeRef::Kind::complex) continue;
    if (field.item) {
      for (const pugi::xml_node& item : child.children())
        if (item.type() == pugi::node_element && local_name(item.name()) == *field.item)
          check_element_order(item, *field.type.complex, text, child_path + "/" + *field.item, exceptions, collect);
    } else {
      check_element_order(child, *field.type.complex, text, child_path, exceptions, collect);
    }
  }
}

}  // namespace

struct Engine::Impl {
  struct Record {
    std::string id;
    Value value;
  };
  /// The records of one entity type, and the path that serves each by id.
  struct Table {
    const ir::Type* type = nullptr;
    const ir::Endpoint* canonical = nullptr;
    std::vector<Record> records;

    /// The record of an id (the first, if two share it), in constant time: start-up looks up every Href it
    /// adopts, and a scan of the records each time made it quadratic in --sessions. Records appended since the
    /// last lookup are indexed then; any other change to `records` calls forget_positions().
    Record* find(const std::string& id) {
      index_appended();
      auto found = position_of_id.find(id);
      if (found != position_of_id.end() && records[found->second].id != id) {
        // A change that did not call forget_positions(): index again rather than answer wrongly.
        forget_positions();
        index_appended();
        found = position_of_id.find(id);
      }
      return found == position_of_id.end() ? nullptr : &records[found->second];
    }
    void forget_positions() {
      position_of_id.clear();
      positions_known = 0;
    }

   private:
    void index_appended() {
      if (positions_known > records.size()) forget_positions();
      for (; positions_known < records.size(); ++positions_known)
        position_of_id.emplace(records[positions_known].id, positions_known);
    }
    std::unordered_map<std::string, std::size_t> position_of_id;
    std::size_t positions_known = 0;
  };
  struct Route {
    const ir::Endpoint* endpoint = nullptr;
    const ir::Type* owner = nullptr;
  };
  struct Match {
    const Route* route = nullptr;
    /// The values of the path's parameters, in order.
    std::vector<std::string> parameters;
  };

  Impl(const Options& o, const Clock& c) : options(o), clock(c), rng(o.seed + 7) {}

  Options options;
  const Clock& clock;
  gen::pipeline::ImportedSets imported;
  ir::Model model;
  std::map<const ir::Type*, const ir::Model*> model_of;
  std::vector<Route> routes;
  std::map<const ir::Type*, Table> tables;
  /// The answer of a GET whose type is not an entity: its first example, or a generated value.
  std::map<const ir::Type*, Value> documents;
  std::string base;
  std::mt19937_64 rng;
  int next_record = 1;
  JobHooks jobs;
  /// Mutable: a check adds empty entries for the types it meets.
  mutable OrderExceptions order_exceptions;

  void load();
  const ir::Model& model_for(const ir::Type& type) const { return *model_of.at(&type); }
  std::vector<const ir::Type*> all_types() const {
    std::vector<const ir::Type*> out;
    for (const auto& [type, owner] : model_of) out.push_back(type);
    return out;
  }

  Value generated(const ir::Type& type, int depth);
  Value generated_field(const ir::Field& field, int depth);
  static void set_member(Value& object, const ir::Type& type, const std::string& name, Value value);
  static void copy_scalars(const Value& from, Value& record, const ir::Type& type);
  std::optional<Value> read_example(const ir::Type& type, const ir::Example& example) const;
  std::string href_of(const Table& table, const std::string& id, bool entity) const;
  std::string id_of(const Value& value) const;
  void identify(Table& table, Record& record) const;
  std::string rebased(const std::string& href) const;
  std::optional<Match> match(std::string_view method, const std::vector<std::string>& segments,
                             const Params& params) const;
  Table* table_of(const ir::Type* type) {
    const auto found = tables.find(type);
    return found == tables.end() ? nullptr : &found->second;
  }
  Record* find_record(const ir::Type* type, const std::string& id) {
    Table* table = table_of(type);
    return table == nullptr ? nullptr : table->find(id);
  }
  Record& materialize(Table& table, const std::string& id, const std::string& name);
  void close_over_hrefs();
  void require(const std::string& href, const std::string& name, std::vector<std::pair<Table*, std::size_t>>& pending);
  std::size_t records_total() const;
  void shift_times();
  Value reference_of(const Table& table, const Record& record, const ir::Type& reference) const;
  Value reference_of(const ir::Type& entity, const Value& value, const ir::Type& reference) const;
  /// The queryable types (`query:` of a list field) by their type= name in lower case: the list and its items.
  std::map<std::string, const ir::Field*> queryable() const;
  std::vector<const Record*> items_under(const Table& table, const std::vector<std::string>& parameters) const;
  Value list_of(const ir::Type& list, const Table& items, const std::vector<const Record*>& records,
                bool references) const;
  EngineAnswer get(const Match& match, const Params& params);
  EngineAnswer change(const EngineRequest& request, const Match& match);
  Value read_body(const ir::Type& body_type, const EngineRequest& request) const;
};

// Copies the scalar members of from onto record (a value of type), each fitted to the field of its name; identity
// and links stay the record's.
void Engine::Impl::copy_scalars(const Value& from, Value& record, const ir::Type& type) {
  for (const dynamic::Member& member : from.members) {
    if (member.name == "Href" || member.name == "UID" || member.name == "Links" || member.name == "Type") continue;
    for (const ir::Field* field : type.all_fields()) {
      if (field->name != member.name) continue;
      Value value = fitted(member.value, *field);
      if (fits(value, *field)) set_member(record, type, member.name, std::move(value));
    }
  }
}

Engine::Engine(const Options& options, const Clock& clock) : impl_(std::make_unique<Impl>(options, clock)) {
  impl_->load();
}

Engine::~Engine() = default;

JobHooks& Engine::jobs() { return impl_->jobs; }

void Engine::Impl::load() {
  std::filesystem::path schemas = options.schemas;
  if (schemas.empty()) schemas = options.data_dir.parent_path();
  std::vector<gen::pipeline::ImportOption> import_options;
  try {
    for (const std::string& argument : options.imports) import_options.push_back(gen::pipeline::parse_import(argument));
    gen::pipeline::load_imports(import_options, false, imported);
    gen::pipeline::load(schemas.string(), model, imported.imports);
  } catch (const gen::SchemaErrors& errors) {
    std::string message = "emgen-sim: the schema set " + schemas.string() + " does not check:";
    for (const gen::Diagnostic& diagnostic : errors.diagnostics()) message += "\n" + diagnostic.to_string();
    throw std::runtime_error(message);
  } catch (const std::invalid_argument& error) {
    throw std::runtime_error(std::string("emgen-sim: ") + error.what());
  }
  for (const ir::Model& imported_model : imported.models)
    for (const ir::Type& type : imported_model.types) model_of[&type] = &imported_model;
  for (const ir::Type& type : model.types) model_of[&type] = &model;
  for (const auto& [type, owner] : model_of)
    for (const ir::Endpoint& endpoint : type->endpoints) routes.push_back({&endpoint, type});
}

void Engine::Impl::set_member(Value& object, const ir::Type& type, const std::string& name, Value value) {
  if (Value* existing = object.find(name)) {
    *existing = std::move(value);
    return;
  }
  // Members follow the schema's order of fields: insert before the first member of a later field.
  const std::vector<const ir::Field*> fields = type.all_fields();
  std::size_t rank = fields.size();
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i]->name == name) rank = i;
  auto rank_of = [&](const std::string& member) {
    for (std::size_t i = 0; i < fields.size(); ++i)
      if (fields[i]->name == member) return i;
    return fields.size();
  };
  auto at = std::find_if(object.members.begin(), object.members.end(),
                         [&](const dynamic::Member& member) { return rank_of(member.name) > rank; });
  object.members.insert(at, dynamic::Member{name, std::move(value)});
}

Value Engine::Impl::generated_field(const ir::Field& field, int depth) {
  switch (field.type.kind) {
    case ir::TypeRef::Kind::enumeration: {
      const ir::Enum& enumeration = *field.type.enumeration;
      if (enumeration.values.empty()) return Value::enumeration("Unknown", false);
      return Value::enumeration(enumeration.values.front().wire, true);
    }
    case ir::TypeRef::Kind::complex:
      return generated(*field.type.complex, depth + 1);
    case ir::TypeRef::Kind::primitive:
      break;
  }
  switch (field.type.primitive) {
    case ir::Primitive::String:
      return Value::string(field.name == "Name" ? "made by the simulator " + std::to_string(next_record++)
                                                : "made by the simulator");
    case ir::Primitive::Int:
    case ir::Primitive::Long:
      return Value::integer_value(1);
    case ir::Primitive::Double:
      return Value::number_value(1);
    case ir::Primitive::Bool:
      return Value::boolean_value(false);
    case ir::Primitive::DateTime:
      return Value::datetime_value(std::chrono::floor<std::chrono::seconds>(clock.now()));
    case ir::Primitive::Uid:
      return Value::uid_value(Uid{"Object", guid_text(rng)});
  }
  return Value::string({});
}

// Required fields, optional scalars (a Name, a state) and repeated fields empty: what a reader of the type needs
// and a person looks for, with no optional nesting that could recurse.
Value Engine::Impl::generated(const ir::Type& type, int depth) {
  Value out = Value::object();
  if (depth > 12) throw std::runtime_error("emgen-sim: " + type.name + " nests required fields too deeply to generate");
  for (const ir::Field* field : type.all_fields()) {
    if (field->cardinality == ir::Cardinality::repeated)
      out.members.push_back({field->name, Value::list()});
    else if (field->name == "Href" && field->cardinality == ir::Cardinality::required)
      out.members.push_back({field->name, Value::string(base)});  // an Href that answers; identify() sets its own
    else if (field->name == "Href")
      continue;
    else if (field->name == "Type" && field->type.kind == ir::TypeRef::Kind::primitive &&
             field->type.primitive == ir::Primitive::String)
      out.members.push_back({field->name, Value::string(type.name)});
    else if (field->cardinality == ir::Cardinality::required || field->type.kind != ir::TypeRef::Kind::complex)
      out.members.push_back({field->name, generated_field(*field, depth)});
  }
  return out;
}

std::optional<Value> Engine::Impl::read_example(const ir::Type& type, const ir::Example& example) const {
  const ir::Model& owner = model_for(type);
  const std::filesystem::path file = std::filesystem::path(owner.schema_directory) / example.file;
  const std::optional<std::string> bytes = text::read_file(file);
  if (!bytes) throw std::runtime_error("emgen-sim: cannot read the example " + file.string());
  try {
    if (example.format == ir::Example::Format::xml)
      return dynamic::read_xml(owner, type.name, *bytes, ReadMode::strict);
    return dynamic::read_json(owner, type.name, *bytes, ReadMode::strict);
  } catch (const ParseError& error) {
    throw std::runtime_error("emgen-sim: the example " + file.string() + " does not read strictly as " + type.name +
                             ": " + error.what());
  }
}

std::string Engine::Impl::href_of(const Table& table, const std::string& id, bool entity) const {
  std::string path;
  for (const ir::PathSegment& segment : table.canonical->segments)
    path += "/" + (segment.parameter ? id : segment.text);
  return base + path + (entity ? "?format=Entity" : "");
}

std::string Engine::Impl::id_of(const Value& value) const {
  if (const Value* uid = value.find("UID"); uid != nullptr && uid->kind == Value::Kind::uid && !uid->uid.id.empty())
    return uid->uid.id;
  if (const Value* href = value.find("Href"); href != nullptr && href->kind == Value::Kind::string) {
    std::string_view text = href->text;
    text = text.substr(0, text.find('?'));
    while (text.ends_with('/')) text.remove_suffix(1);
    const std::size_t slash = text.rfind('/');
    if (slash != std::string_view::npos && slash + 1 < text.size()) return std::string(text.substr(slash + 1));
  }
  return {};
}

// Gives a record its id, its UID and the Href that serves it.
void Engine::Impl::identify(Table& table, Record& record) const {
  if (record.id.empty()) record.id = id_of(record.value);
  if (table.canonical == nullptr) return;
  set_member(record.value, *table.type, "Href", Value::string(href_of(table, record.id, true)));
  if (has_field(*table.type, "Type") && record.value.find("Type") == nullptr)
    set_member(record.value, *table.type, "Type", Value::string(table.type->name));
  const Uid uid{table.type->name, record.id};
  for (const ir::Field* field : table.type->all_fields())
    if (field->name == "UID")
      set_member(record.value, *table.type, "UID",
                 field->type.kind == ir::TypeRef::Kind::primitive && field->type.primitive == ir::Primitive::Uid
                     ? Value::uid_value(uid)
                     : Value::string(uid.to_string()));
}

std::string Engine::Impl::rebased(const std::string& href) const {
  if (!href.starts_with("http://") && !href.starts_with("https://")) return href;
  const std::size_t host = href.find("://") + 3;
  const std::size_t api = href.find("/api", host);
  if (api == std::string::npos) return href;
  const std::size_t rest = api + 4;
  if (rest < href.size() && href[rest] != '/' && href[rest] != '?') return href;
  return base + href.substr(rest);
}

std::optional<Engine::Impl::Match> Engine::Impl::match(std::string_view method,
                                                       const std::vector<std::string>& segments,
                                                       const Params& params) const {
  std::optional<Match> best;
  int best_score = -1;
  for (const Route& route : routes) {
    const ir::Endpoint& endpoint = *route.endpoint;
    if (!method.empty() && endpoint.method != method) continue;
    Match candidate{&route, {}};
    std::size_t at = 0;
    bool ok = true;
    int literals = 0;
    for (std::size_t i = 0; i < endpoint.segments.size() && ok; ++i) {
      const ir::PathSegment& segment = endpoint.segments[i];
      if (at >= segments.size()) {
        ok = false;
      } else if (segment.parameter && segment.file_path) {
        // A file path keeps its slashes: it takes what the later segments leave.
        const std::size_t later = endpoint.segments.size() - i - 1;
        if (segments.size() < at + 1 + later) {
          ok = false;
          break;
        }
        std::string joined;
        for (const std::size_t end = segments.size() - later; at < end; ++at)
          joined += (joined.empty() ? "" : "/") + segments[at];
        candidate.parameters.push_back(joined);
      } else if (segment.parameter) {
        candidate.parameters.push_back(segments[at++]);
      } else {
        ok = equals_ignoring_case(segment.text, segments[at++]);
        ++literals;
      }
    }
    if (!ok || at != segments.size()) continue;
    int score = literals * 2;
    if (!endpoint.query.empty()) {
      bool all = true;
      for (const auto& [name, value] : query_pairs(endpoint.query)) {
        const std::optional<std::string> given = query_value(params, name);
        all = all && given && equals_ignoring_case(*given, value);
      }
      if (!all) continue;
      score += 1;
    }
    if (score > best_score) {
      best_score = score;
      best = candidate;
    }
  }
  return best;
}

Engine::Impl::Record& Engine::Impl::materialize(Table& table, const std::string& id, const std::string& name) {
  Record record;
  if (!table.records.empty()) {
    record = table.records.front();
    const std::string old_id = record.id;
    each_value(record.value, [&](Value& value) {
      if (value.kind == Value::Kind::string) replace_all(value.text, old_id, id);
      if (value.kind == Value::Kind::uid && value.uid.id == old_id) value.uid.id = id;
    });
  } else {
    record.value = generated(*table.type, 0);
  }
  record.id = id;
  if (!name.empty() && has_field(*table.type, "Name"))
    set_member(record.value, *table.type, "Name", Value::string(name));
  identify(table, record);
  table.records.push_back(std::move(record));
  return table.records.back();
}

// Every Href of the data set answers: an entity a link names is made when the data set lacks it, and a link
// to a path no endpoint of the schema set serves is left out.
void Engine::Impl::close_over_hrefs() {
  std::vector<std::pair<Table*, std::size_t>> pending;
  for (auto& [type, table] : tables)
    for (std::size_t i = 0; i < table.records.size(); ++i) pending.emplace_back(&table, i);
  const auto visit = [&](Value& root) {
    std::vector<std::pair<std::string, std::string>> named;  // Href, the Name beside it
    std::function<void(Value&)> walk = [&](Value& value) {
      for (dynamic::Member& member : value.members) {
        if (member.value.kind == Value::Kind::list) {
          auto& items = member.value.items;
          // A link that leads nowhere the schema set serves would be an Href that does not answer.
          items.erase(std::remove_if(items.begin(), items.end(),
                                     [&](const Value& item) {
                                       const Value* href = item.find("Href");
                                       if (member.name != "Links" || href == nullptr || !href->text.starts_with(base))
                                         return false;
                                       std::string_view path = std::string_view(href->text).substr(base.size());
                                       const std::size_t question = path.find('?');
                                       const Params params = question == std::string_view::npos ? Params{} : [&] {
                                         Params out;
                                         for (auto& [k, v] : query_pairs(path.substr(question + 1))) out.emplace(k, v);
                                         return out;
                                       }();
                                       std::vector<std::string> segments;
                                       path = path.substr(0, question);
                                       for (std::size_t start = 0; start < path.size();) {
                                         const std::size_t end = std::min(path.find('/', start), path.size());
                                         if (end > start) segments.emplace_back(path.substr(start, end - start));
                                         start = end + 1;
                                       }
                                       return !match({}, segments, params).has_value();
                                     }),
                      items.end());
        }
        if (member.name == "Href" && member.value.kind == Value::Kind::string) {
          const Value* name = value.find("Name");
          named.emplace_back(member.value.text, name != nullptr && name->kind == Value::Kind::string ? name->text : "");
        }
        walk(member.value);
      }
      for (Value& item : value.items) walk(item);
    };
    walk(root);
    for (const auto& [href, name] : named) require(href, name, pending);
  };
  for (auto& [type, document] : documents) visit(document);
  for (std::size_t i = 0; i < pending.size(); ++i) visit(pending[i].first->records[pending[i].second].value);
}

// The entities an Href names (each parameter of its path), made when the data set lacks them.
void Engine::Impl::require(const std::string& href, const std::string& name,
                           std::vector<std::pair<Table*, std::size_t>>& pending) {
  if (!href.starts_with(base)) return;
  std::string_view path = std::string_view(href).substr(base.size());
  path = path.substr(0, path.find('?'));
  std::vector<std::string> segments;
  for (std::size_t start = 0; start < path.size();) {
    const std::size_t end = std::min(path.find('/', start), path.size());
    if (end > start) segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  const std::optional<Match> found = match("GET", segments, {});
  if (!found || found->parameters.empty()) return;
  // Each parameter of the path names an entity: /repositories/{ID}/backups needs repository ID.
  for (auto& [type, table] : tables) {
    if (table.canonical == nullptr) continue;
    const auto& canonical = table.canonical->segments;
    if (canonical.size() > segments.size()) continue;
    bool prefix = true;
    for (std::size_t i = 0; i < canonical.size() && prefix; ++i)
      prefix = canonical[i].parameter || equals_ignoring_case(canonical[i].text, segments[i]);
    if (!prefix || !canonical.back().parameter) continue;
    const std::string& id = segments[canonical.size() - 1];
    if (find_record(type, id) != nullptr || records_total() >= kMaxRecords) continue;
    materialize(table, id, canonical.size() == segments.size() ? name : std::string());
    pending.emplace_back(&table, table.records.size() - 1);
  }
}

std::size_t Engine::Impl::records_total() const {
  std::size_t total = 0;
  for (const auto& [type, table] : tables) total += table.records.size();
  return total;
}

void Engine::adopt(const std::vector<std::pair<std::string, std::string>>& hrefs) {
  Impl& impl = *impl_;
  std::vector<std::pair<Impl::Table*, std::size_t>> pending;
  for (const auto& [href, name] : hrefs) impl.require(href, name, pending);
  // What the new entities link to in turn.
  if (!pending.empty()) impl.close_over_hrefs();
}

// The examples were written over years; the data set is moved so that its newest time is the clock's now,
// and "the last 24 hours" holds what the examples' last day held.
void Engine::Impl::shift_times() {
  std::optional<DateTime> newest;
  const DateTime horizon = clock.now() + std::chrono::hours(24 * 365 * 20);
  const auto note = [&](const Value& value) {
    if (value.kind == Value::Kind::datetime && value.datetime < horizon && (!newest || value.datetime > *newest))
      newest = value.datetime;
  };
  for (const auto& [type, table] : tables)
    for (const Record& record : table.records) each_value(record.value, note);
  if (!newest) return;
  const auto offset = std::chrono::floor<std::chrono::seconds>(clock.now()) - *newest;
  const auto shift = [&](Value& value) {
    if (value.kind != Value::Kind::datetime || value.datetime >= horizon) return;
    value.datetime += offset;
    value.text.clear();
  };
  for (auto& [type, table] : tables)
    for (Record& record : table.records) each_value(record.value, shift);
  for (auto& [type, document] : documents) each_value(document, shift);
}

void Engine::build(const std::string& base) {
  Impl& impl = *impl_;
  impl.base = base;
  impl.tables.clear();
  impl.documents.clear();

  // The entity types the endpoints serve by id, each with the shortest path that does.
  for (const Impl::Route& route : impl.routes) {
    const ir::Endpoint& endpoint = *route.endpoint;
    if (endpoint.method != "GET" || endpoint.segments.empty() || !endpoint.segments.back().parameter) continue;
    const ir::Type* entity = endpoint.entity != nullptr ? endpoint.entity : endpoint.returns;
    if (entity == nullptr || !is_entity(*entity) || entity->name == "EntityRef") continue;
    Impl::Table& table = impl.tables[entity];
    table.type = entity;
    if (table.canonical == nullptr || endpoint.segments.size() < table.canonical->segments.size())
      table.canonical = &endpoint;
  }
  // Entities that collections list but no path serves alone are listed all the same.
  for (const Impl::Route& route : impl.routes) {
    const ir::Type* list = route.endpoint->entity != nullptr ? route.endpoint->entity : route.endpoint->returns;
    if (list == nullptr || is_entity(*list)) continue;
    const ir::Field* items = item_field(*list);
    if (items != nullptr && is_entity(*items->type.complex) && items->type.complex->name != "EntityRef")
      impl.tables[items->type.complex].type = items->type.complex;
  }

  // The examples: entities into their tables, a list's items into theirs, other documents kept whole.
  for (const ir::Type* type : impl.all_types()) {
    for (const ir::Example& example : type->examples) {
      std::optional<Value> value = impl.read_example(*type, example);
      if (!value) continue;
      if (example.format == ir::Example::Format::xml && type->element) {
        const std::optional<std::string> bytes =
            text::read_file(std::filesystem::path(impl.model_for(*type).schema_directory) / example.file);
        pugi::xml_document document;
        if (bytes && document.load_buffer(bytes->data(), bytes->size()))
          check_element_order(document.document_element(), *type, *bytes, {}, impl.order_exceptions, true);
      }
      if (Impl::Table* table = impl.table_of(type)) {
        table->records.push_back({{}, std::move(*value)});
        continue;
      }
      const ir::Field* items = item_field(*type);
      if (items != nullptr && impl.table_of(items->type.complex) != nullptr) {
        if (Value* list = value->find(items->name))
          for (Value& item : list->items) impl.tables[items->type.complex].records.push_back({{}, std::move(item)});
        continue;
      }
      impl.documents.emplace(type, std::move(*value));
    }
  }
  for (auto& [type, table] : impl.tables) {
    std::set<std::string> seen;
    std::vector<Impl::Record> kept;
    for (Impl::Record& record : table.records) {
      record.id = impl.id_of(record.value);
      if (record.id.empty()) record.id = guid(impl.rng);
      if (seen.insert(record.id).second) kept.push_back(std::move(record));
    }
    table.records = std::move(kept);
    table.forget_positions();
    // Two of each, at least, so that a collection is a list.
    while (table.records.size() < 2) {
      Impl::Record record{guid(impl.rng), impl.generated(*type, 0)};
      table.records.push_back(std::move(record));
    }
  }
  for (auto& [type, table] : impl.tables)
    for (Impl::Record& record : table.records) {
      each_href(record.value, [&](std::string& href) { href = impl.rebased(href); });
      impl.identify(table, record);
    }
  for (auto& [type, document] : impl.documents)
    each_href(document, [&](std::string& href) { href = impl.rebased(href); });
  impl.shift_times();
  impl.close_over_hrefs();
}

Value Engine::Impl::reference_of(const Table& table, const Record& record, const ir::Type& reference) const {
  return reference_of(*table.type, record.value, reference);
}

Value Engine::Impl::reference_of(const ir::Type& entity, const Value& value, const ir::Type& reference) const {
  Value out = Value::object();
  for (const ir::Field* field : reference.all_fields()) {
    const Value* href = value.find("Href");
    if (field->name == "Href" && href != nullptr && href->kind == Value::Kind::string) {
      // The reference's own URL is the entity's without ?format=Entity.
      out.members.push_back({"Href", Value::string(href->text.substr(0, href->text.find('?')))});
    } else if (field->name == "Type") {
      out.members.push_back({"Type", Value::string(entity.name + "Reference")});
    } else if (const Value* member = value.find(field->name)) {
      out.members.push_back({field->name, fitted(*member, *field)});
    } else if (field->cardinality == ir::Cardinality::repeated) {
      out.members.push_back({field->name, Value::list()});
    } else if (field->cardinality == ir::Cardinality::required) {
      out.members.push_back({field->name, const_cast<Impl*>(this)->generated_field(*field, 0)});
    }
  }
  return out;
}

// The items of a collection under the entities its path names (/repositories/{ID}/backups: the backups that
// name repository ID), or all of them.
std::vector<const Engine::Impl::Record*> Engine::Impl::items_under(const Table& table,
                                                                   const std::vector<std::string>& parameters) const {
  std::vector<const Record*> out;
  for (const Record& record : table.records) {
    bool holds = true;
    for (const std::string& id : parameters) {
      bool found = false;
      each_value(record.value, [&](const Value& value) {
        if (found) return;
        if (value.kind == Value::Kind::string && value.text.find(id) != std::string::npos) found = true;
        if (value.kind == Value::Kind::uid && value.uid.id == id) found = true;
      });
      holds = holds && found;
    }
    if (holds) out.push_back(&record);
  }
  return out;
}

Value Engine::Impl::list_of(const ir::Type& list, const Table& items, const std::vector<const Record*>& records,
                            bool references) const {
  Value out = const_cast<Impl*>(this)->generated(list, 0);
  const ir::Field* field = item_field(list);
  Value entries = Value::list();
  for (const Record* record : records)
    entries.items.push_back(references ? reference_of(items, *record, *field->type.complex) : record->value);
  set_member(out, list, field->name, std::move(entries));
  return out;
}

EngineAnswer Engine::Impl::get(const Match& match, const Params& params) {
  const ir::Endpoint& endpoint = *match.route->endpoint;
  const std::optional<std::string> format = query_value(params, "format");
  const bool entity_asked = format && equals_ignoring_case(*format, "Entity");
  const ir::Type* entity = endpoint.entity != nullptr ? endpoint.entity : endpoint.returns;
  const ir::Type* reference = endpoint.entity != nullptr ? endpoint.reference : nullptr;
  if (entity == nullptr) throw HttpFailure{500, "The schema set gives GET " + endpoint.path + " no answer type."};
  const ir::Type* answer_type = entity_asked || reference == nullptr ? entity : reference;
  EngineAnswer answer;
  answer.type = answer_type;

  // One entity, by the id its path ends with.
  if (Table* table = table_of(entity); table != nullptr && endpoint.segments.back().parameter) {
    Record* record = find_record(entity, match.parameters.back());
    if (record == nullptr) throw HttpFailure{404, entity->name + " " + match.parameters.back() + " was not found."};
    answer.value = answer_type == entity ? record->value : reference_of(*table, *record, *answer_type);
    return answer;
  }
  // A collection: a list of entities, or the references to them.
  const ir::Field* items = item_field(*entity);
  if (items != nullptr) {
    if (Table* table = table_of(items->type.complex)) {
      const std::vector<const Record*> records = items_under(*table, match.parameters);
      if (answer_type == entity) {
        answer.value = list_of(*entity, *table, records, false);
      } else {
        const ir::Field* refs = item_field(*answer_type);
        if (refs == nullptr) throw HttpFailure{500, answer_type->name + " is not a list of references."};
        answer.value = list_of(*answer_type, *table, records, true);
      }
      return answer;
    }
  }
  // Any other document: the documented one, or one made from the type.
  const auto found = documents.find(answer_type);
  answer.value = found != documents.end() ? found->second : generated(*answer_type, 0);
  if (found == documents.end()) documents.emplace(answer_type, answer.value);
  return answer;
}

Value Engine::Impl::read_body(const ir::Type& body_type, const EngineRequest& request) const {
  if (request.body.empty()) throw HttpFailure{400, "The request has no body: it must be a " + body_type.name + "."};
  const ReadMode mode = options.lenient_requests ? ReadMode::lenient : ReadMode::strict;
  const bool json = request.content_type.find("json") != std::string_view::npos ||
                    (request.content_type.find("xml") == std::string_view::npos && request.body.front() == '{');
  try {
    const ir::Model& owner = model_for(body_type);
    if (json) return dynamic::read_json(owner, body_type.name, request.body, mode);
    Value body = dynamic::read_xml(owner, body_type.name, request.body, mode);
    if (mode == ReadMode::strict) {
      pugi::xml_document document;
      if (document.load_buffer(request.body.data(), request.body.size()))
        check_element_order(document.document_element(), body_type, request.body,
                            "/" + std::string(local_name(document.document_element().name())), order_exceptions, false);
    }
    return body;
  } catch (const ParseError& error) {
    throw HttpFailure{400, "The request body is not a valid " + body_type.name + ": " + error.what()};
  } catch (const std::invalid_argument& error) {
    throw HttpFailure{400, "The request body is not a valid " + body_type.name + ": " + error.what()};
  }
}

EngineAnswer Engine::Impl::change(const EngineRequest& request, const Match& match) {
  const ir::Endpoint& endpoint = *match.route->endpoint;
  std::optional<Value> body;
  if (endpoint.body != nullptr) body = read_body(*endpoint.body, request);

  // The entity the path names: the last parameter that is the id of a table's canonical path.
  Table* table = nullptr;
  std::string id;
  for (auto& [type, candidate] : tables) {
    if (candidate.canonical == nullptr) continue;
    const auto& canonical = candidate.canonical->segments;
    if (canonical.size() > endpoint.segments.size()) continue;
    bool prefix = true;
    for (std::size_t i = 0; i < canonical.size() && prefix; ++i)
      prefix = canonical[i].parameter == endpoint.segments[i].parameter &&
               (canonical[i].parameter || equals_ignoring_case(canonical[i].text, endpoint.segments[i].text));
    if (!prefix || !canonical.back().parameter) continue;
    if (table != nullptr && table->canonical->segments.size() >= canonical.size()) continue;
    table = &candidate;
    std::size_t parameter = 0;
    for (std::size_t i = 0; i < canonical.size(); ++i) parameter += canonical[i].parameter ? 1 : 0;
    id = match.parameters.at(parameter - 1);
  }
  if (table != nullptr && find_record(table->type, id) == nullptr)
    throw HttpFailure{404, table->type->name + " " + id + " was not found."};
  const bool whole = table != nullptr && table->canonical->segments.size() == endpoint.segments.size();
  const std::string action = query_value(*request.params, "action").value_or("");

  std::function<void()> effect;
  std::string subject = table != nullptr ? table->type->name : endpoint.segments.front().text;
  std::string name;
  if (table != nullptr) {
    const Value* found = find_record(table->type, id)->value.find("Name");
    if (found != nullptr && found->kind == Value::Kind::string) name = found->text;
  }
  if (request.method == "DELETE" && whole) {
    effect = [this, type = table->type, id] {
      Table& owner = tables[type];
      std::erase_if(owner.records, [&](const Record& record) { return record.id == id; });
      owner.forget_positions();
    };
  } else if (table != nullptr && body && (body->find("Name") != nullptr || endpoint.body == table->type) &&
             (request.method == "PUT" || action == "edit")) {
    effect = [this, type = table->type, id, edit = *body] {
      Record* record = find_record(type, id);
      if (record == nullptr) return;
      copy_scalars(edit, record->value, *type);
    };
  } else if (table != nullptr && (action == "start" || action == "retry" || action == "sync") && jobs.start) {
    effect = [this, id, name] { jobs.start(id, name); };
  } else if (table != nullptr && action == "stop" && jobs.stop) {
    effect = [this, id] { jobs.stop(id); };
  } else if (request.method == "POST" && body && !endpoint.segments.back().parameter) {
    // A new entity in the collection the path names, when one has that path.
    for (auto& [type, candidate] : tables) {
      if (candidate.canonical == nullptr || candidate.canonical->segments.size() != endpoint.segments.size() + 1)
        continue;
      bool same = true;
      for (std::size_t i = 0; i < endpoint.segments.size() && same; ++i)
        same = equals_ignoring_case(candidate.canonical->segments[i].text, endpoint.segments[i].text);
      if (!same) continue;
      effect = [this, type = type, made = *body] {
        Table& owner = tables[type];
        Record record{guid(rng), generated(*type, 0)};
        copy_scalars(made, record.value, *type);
        identify(owner, record);
        owner.records.push_back(std::move(record));
      };
      break;
    }
  }

  EngineAnswer answer;
  const ir::Type* returns = endpoint.returns != nullptr ? endpoint.returns : endpoint.entity;
  if (returns != nullptr && returns->name == "Task") {
    answer.status = 202;
    answer.task = true;
    const std::string verb = !action.empty()              ? capitalized(action)
                             : request.method == "DELETE" ? "Delete"
                             : request.method == "PUT"    ? "Update"
                                                          : "Create";
    answer.operation = verb + subject;
    answer.message = subject + (name.empty() ? "" : " \"" + name + "\"") + " triggered to " +
                     (action.empty() ? text::to_lower(verb) : action) + ".";
    answer.on_finish = std::move(effect);
    return answer;
  }
  if (effect) effect();
  if (returns == nullptr) {
    answer.status = 204;
    return answer;
  }
  answer.status = request.method == "POST" ? 201 : 200;
  answer.type = returns;
  if (Record* record = table != nullptr ? find_record(table->type, id) : nullptr;
      record != nullptr && returns == table->type)
    answer.value = record->value;
  else if (const auto found = documents.find(returns); found != documents.end())
    answer.value = found->second;
  else
    answer.value = generated(*returns, 0);
  return answer;
}

std::optional<EngineAnswer> Engine::answer(const EngineRequest& request) {
  Impl& impl = *impl_;
  const std::string method = request.method == "HEAD" ? "GET" : request.method;
  std::optional<Impl::Match> found = impl.match(method, request.segments, *request.params);
  if (!found) {
    // The path is served with parameters this request lacks (POST /jobs/{ID} without ?action=): a 400 that
    // names them.
    std::string offered;
    for (const Impl::Route& route : impl.routes) {
      if (route.endpoint->method != method || route.endpoint->query.empty()) continue;
      Params wanted;
      for (auto& [name, value] : query_pairs(route.endpoint->query)) wanted.emplace(name, value);
      const std::optional<Impl::Match> with = impl.match(method, request.segments, wanted);
      if (with && with->route == &route) offered += (offered.empty() ? "?" : ", ?") + route.endpoint->query;
    }
    if (!offered.empty()) throw HttpFailure{400, method + " of this resource needs one of " + offered + "."};
    if (impl.match({}, request.segments, *request.params))
      throw HttpFailure{405, "The schema set has no " + method + " endpoint for this path."};
    return std::nullopt;
  }
  if (method == "GET") return impl.get(*found, *request.params);
  return impl.change(request, *found);
}

std::map<std::string, const ir::Field*> Engine::Impl::queryable() const {
  std::map<std::string, const ir::Field*> out;
  for (const auto& [type, owner] : model_of)
    for (const ir::Field& field : type->fields)
      if (field.query_type && field.type.kind == ir::TypeRef::Kind::complex)
        out.emplace(text::to_lower(*field.query_type), &field);
  return out;
}

namespace {

// The query string without its page parameter, for the paging links.
std::string without_page(std::string_view query_string) {
  std::string out;
  for (std::size_t start = 0; start <= query_string.size();) {
    const std::size_t end = std::min(query_string.find('&', start), query_string.size());
    const std::string_view pair = query_string.substr(start, end - start);
    start = end + 1;
    const std::string_view name = pair.substr(0, pair.find('='));
    if (pair.empty() || equals_ignoring_case(name, "page")) continue;
    out += (out.empty() ? "" : "&") + std::string(pair);
  }
  return out;
}

}  // namespace

EngineAnswer Engine::query(std::string_view query_string,
                           const std::map<std::string, std::vector<dynamic::Value>>& supplied) {
  Impl& impl = *impl_;
  // EM's error names the column of the decoded filter or parameter (the FilterError's what()).
  const auto refused = [](const FilterError& error) { return HttpFailure{400, std::string("Query: ") + error.what()}; };
  Query query;
  try {
    query = parse_query(query_string);
  } catch (const FilterError& error) {
    throw refused(error);
  }
  const std::map<std::string, const ir::Field*> types = impl.queryable();
  if (query.type.empty()) throw HttpFailure{400, "Query: the type parameter is missing (type=BackupJobSession, ...)."};
  const auto found = types.find(text::to_lower(query.type));
  if (found == types.end()) {
    std::string known;
    for (const auto& [name, field] : types) known += (known.empty() ? "" : ", ") + *field->query_type;
    throw HttpFailure{400,
                      "Query: type \"" + query.type + "\" is not queryable; the schema set queries " + known + "."};
  }
  const ir::Field& list_field = *found->second;
  const ir::Type& entity = *list_field.type.complex;
  try {
    bind(query, entity);
  } catch (const FilterError& error) {
    throw refused(error);
  }
  const bool entities = equals_ignoring_case(query.format, "Entities");
  const bool paged = query.page_size.has_value();
  if (!query.page_size) query.page_size = 100;

  std::vector<const Value*> items;
  if (const auto given = supplied.find(entity.name); given != supplied.end()) {
    for (const Value& value : given->second) items.push_back(&value);
  } else if (const Impl::Table* table = impl.table_of(&entity)) {
    for (const Impl::Record& record : table->records) items.push_back(&record.value);
  }
  const QueryPage page = run_query(items, query);

  // The answer's type is the /query endpoint's: Refs, Entities (the list of type=) and PagingInfo.
  const ir::Type* result = nullptr;
  for (const Impl::Route& route : impl.routes)
    if (route.endpoint->method == "GET" && route.endpoint->path == "/query") result = route.endpoint->returns;
  if (result == nullptr) throw HttpFailure{404, "The schema set has no GET /query endpoint."};
  const ir::Field* refs_field = nullptr;
  const ir::Field* entities_field = nullptr;
  const ir::Field* paging_field = nullptr;
  for (const ir::Field* field : result->all_fields()) {
    if (field->name == "Refs") refs_field = field;
    if (field->name == "Entities" && field->type.kind == ir::TypeRef::Kind::complex) entities_field = field;
    if (field->name == "PagingInfo" && field->type.kind == ir::TypeRef::Kind::complex) paging_field = field;
  }
  if (refs_field == nullptr || entities_field == nullptr || paging_field == nullptr)
    throw HttpFailure{500, result->name + " lacks Refs, Entities or PagingInfo."};

  EngineAnswer answer;
  answer.type = result;
  answer.value = Value::object();
  Value refs = Value::list();
  if (!entities)
    for (const Value* item : page.items)
      refs.items.push_back(impl.reference_of(entity, *item, *refs_field->type.complex));
  answer.value.members.push_back({refs_field->name, std::move(refs)});
  if (entities) {
    const ir::Type& holder = *entities_field->type.complex;
    Value lists = impl.generated(holder, 0);
    Value chosen = Value::list();
    for (const Value* item : page.items) chosen.items.push_back(*item);
    Impl::set_member(lists, holder, list_field.name, std::move(chosen));
    answer.value.members.push_back({entities_field->name, std::move(lists)});
  }
  // Without pageSize, a result that fits on one page comes without paging information.
  if (paged || page.pages > 1) {
    const ir::Type& paging = *paging_field->type.complex;
    Value info = Value::object();
    const auto page_size = static_cast<std::int64_t>(*query.page_size);
    const auto pages = static_cast<std::int64_t>(page.pages);
    const auto number = static_cast<std::int64_t>(query.page);
    std::string again = without_page(query_string);
    if (!paged) again += "&pageSize=100";
    const ir::Field* links_field = nullptr;
    for (const ir::Field* field : paging.all_fields())
      if (field->name == "Links" && field->type.kind == ir::TypeRef::Kind::complex) links_field = field;
    Value links = Value::list();
    const auto link = [&](const char* rel, std::int64_t to) {
      Value out = Value::object();
      out.members.push_back({"Rel", Value::enumeration(rel, true)});
      out.members.push_back({"Href", Value::string(impl.base + "/query?" + again + "&page=" + std::to_string(to))});
      links.items.push_back(std::move(out));
    };
    link("First", 1);
    if (number > 1) link("Previous", std::min(number - 1, pages));
    if (number < pages) link("Next", number + 1);
    link("Last", pages);
    for (const ir::Field* field : paging.all_fields()) {
      if (field->name == "PageNum") info.members.push_back({field->name, Value::integer_value(number)});
      if (field->name == "PageSize") info.members.push_back({field->name, Value::integer_value(page_size)});
      if (field->name == "PagesCount") info.members.push_back({field->name, Value::integer_value(pages)});
      if (field == links_field) info.members.push_back({field->name, std::move(links)});
    }
    answer.value.members.push_back({paging_field->name, std::move(info)});
  }
  return answer;
}

std::vector<std::string> Engine::entities_xml(std::string_view type) const {
  const Impl& impl = *impl_;
  std::vector<std::string> out;
  for (const auto& [entity, table] : impl.tables) {
    if (entity->name != type) continue;
    for (const Impl::Record& record : table.records)
      out.push_back(dynamic::write_xml(impl.model_for(*entity), entity->name, record.value));
  }
  return out;
}

void Engine::replace_entities(std::string_view type, const std::vector<std::string>& xml) {
  Impl& impl = *impl_;
  for (auto& [entity, table] : impl.tables) {
    if (entity->name != type) continue;
    table.records.clear();
    table.forget_positions();
    for (const std::string& each : xml) {
      Impl::Record record{{}, dynamic::read_xml(impl.model_for(*entity), entity->name, each, ReadMode::lenient)};
      record.id = impl.id_of(record.value);
      table.records.push_back(std::move(record));
    }
  }
}

Value Engine::read(std::string_view type, std::string_view xml) const {
  return dynamic::read_xml(impl_->model, type, xml, ReadMode::lenient);
}

std::string Engine::write_xml(const EngineAnswer& answer) const {
  return dynamic::write_xml(impl_->model_for(*answer.type), answer.type->name, answer.value);
}

std::string Engine::write_json(const EngineAnswer& answer, JsonStyle style) const {
  return dynamic::write_json(impl_->model_for(*answer.type), answer.type->name, answer.value, style);
}

std::string Engine::sample_path(std::string_view endpoint_path) const {
  const Impl& impl = *impl_;
  const ir::Endpoint* endpoint = nullptr;
  for (const Impl::Route& route : impl.routes)
    if (route.endpoint->path == endpoint_path) endpoint = route.endpoint;
  if (endpoint == nullptr) return {};
  std::string path;
  for (std::size_t i = 0; i < endpoint->segments.size(); ++i) {
    if (!endpoint->segments[i].parameter) {
      path += "/" + endpoint->segments[i].text;
      continue;
    }
    // The table whose path is this one up to the parameter; else the one whose path ends like it
    // (/cloud/tenants/{ID}/subtenants/{SubtenantID} and /cloud/subtenants/{ID}).
    const Impl::Table* best = nullptr;
    for (const auto& [type, table] : impl.tables) {
      if (table.canonical == nullptr || table.records.empty()) continue;
      const auto& canonical = table.canonical->segments;
      if (canonical.size() == i + 1) {
        bool same = true;
        for (std::size_t j = 0; j <= i && same; ++j)
          same = canonical[j].parameter == endpoint->segments[j].parameter &&
                 (canonical[j].parameter || equals_ignoring_case(canonical[j].text, endpoint->segments[j].text));
        if (same) best = &table;
      }
      if (best == nullptr && i > 0 && canonical.size() >= 2 && canonical.back().parameter &&
          equals_ignoring_case(canonical[canonical.size() - 2].text, endpoint->segments[i - 1].text))
        best = &table;
    }
    // A parameter no entity of the data set answers to (a mount, a credentials record: documents the engine
    // serves for any id) takes a made-up one.
    path += "/" + (best != nullptr ? best->records.front().id : "simulated-" + endpoint->segments[i].text);
  }
  if (path.empty() || endpoint->trailing_slash) path += "/";
  return path;
}

}  // namespace emgen::sim::detail
