#include "filter.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <emgen/datetime.hpp>
#include <emgen/uid.hpp>

#include "suggest.hpp"
#include "text/text.hpp"

namespace emgen::sim {

namespace ir = gen::ir;
using dynamic::Value;
using text::equals_ignoring_case;

FilterError::FilterError(std::size_t position, const std::string& message)
    : std::runtime_error("column " + std::to_string(position + 1) + ": " + message),
      position_(position),
      message_(message) {}

namespace {

// ---- Parsing ----------------------------------------------------------------------------------------------------

bool is_field_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.';
}

std::string shown(char c) {
  if (c >= 0x20 && c < 0x7f) return std::string("\"") + c + "\"";
  char code[8];
  const auto end = std::to_chars(code, code + sizeof code, static_cast<unsigned char>(c), 16).ptr;
  return "byte 0x" + std::string(code, end);
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  FilterNode parse() {
    skip_spaces();
    if (at_end()) throw FilterError(0, "expected a comparison such as Result==Failed, found an empty filter");
    FilterNode root = parse_or(0);
    skip_spaces();
    if (!at_end()) {
      if (peek() == ')') throw FilterError(pos_, "unbalanced \")\": no \"(\" opens it");
      throw FilterError(pos_, "expected \";\" (and), \",\" (or) or the end of the filter, found " + shown(peek()));
    }
    return root;
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return text_[pos_]; }
  void skip_spaces() {
    while (!at_end() && (peek() == ' ' || peek() == '\t')) ++pos_;
  }

  // A chain of one operator is kept flat, so that a long filter costs no depth.
  FilterNode parse_or(int depth) {
    FilterNode first = parse_and(depth);
    skip_spaces();
    if (at_end() || peek() != ',') return first;
    FilterNode any;
    any.kind = FilterNode::Kind::any_of;
    any.children.push_back(std::move(first));
    while (!at_end() && peek() == ',') {
      ++pos_;
      any.children.push_back(parse_and(depth));
      skip_spaces();
    }
    return any;
  }

  FilterNode parse_and(int depth) {
    FilterNode first = parse_primary(depth);
    skip_spaces();
    if (at_end() || peek() != ';') return first;
    FilterNode all;
    all.kind = FilterNode::Kind::all_of;
    all.children.push_back(std::move(first));
    while (!at_end() && peek() == ';') {
      ++pos_;
      all.children.push_back(parse_primary(depth));
      skip_spaces();
    }
    return all;
  }

  FilterNode parse_primary(int depth) {
    skip_spaces();
    if (at_end()) throw FilterError(pos_, "expected a comparison or \"(\", found the end of the filter");
    if (peek() == '(') {
      const std::size_t open = pos_;
      if (depth >= kMaxFilterDepth)
        throw FilterError(open, "parentheses nest deeper than " + std::to_string(kMaxFilterDepth) + " levels");
      ++pos_;
      FilterNode inner = parse_or(depth + 1);
      skip_spaces();
      if (at_end()) throw FilterError(pos_, "expected \")\" to close the \"(\" at column " + std::to_string(open + 1));
      if (peek() != ')') throw FilterError(pos_, "expected \";\", \",\" or \")\", found " + shown(peek()));
      ++pos_;
      return inner;
    }
    return parse_comparison();
  }

  FilterNode parse_comparison() {
    FilterNode node;
    node.field_position = pos_;
    while (!at_end() && is_field_char(peek())) ++pos_;
    node.field = std::string(text_.substr(node.field_position, pos_ - node.field_position));
    if (node.field.empty()) {
      if (at_end()) throw FilterError(pos_, "expected a field name, found the end of the filter");
      throw FilterError(pos_, "expected a field name (letters, digits, \"_\"), found " + shown(peek()));
    }
    skip_spaces();
    node.op = parse_operator();
    skip_spaces();
    node.value_position = pos_;
    node.value = parse_value();
    return node;
  }

  Comparison parse_operator() {
    const std::size_t start = pos_;
    const auto next_is = [&](char c) { return pos_ + 1 < text_.size() && text_[pos_ + 1] == c; };
    if (!at_end()) {
      const char c = peek();
      if (c == '=' && next_is('=')) return pos_ += 2, Comparison::equal;
      if (c == '!' && next_is('=')) return pos_ += 2, Comparison::not_equal;
      if (c == '<' && next_is('=')) return pos_ += 2, Comparison::less_or_equal;
      if (c == '>' && next_is('=')) return pos_ += 2, Comparison::greater_or_equal;
      if (c == '<') return pos_ += 1, Comparison::less;
      if (c == '>') return pos_ += 1, Comparison::greater;
      if (c == '=')
        throw FilterError(start, "expected \"==\" (EM compares with two equal signs), found a single \"=\"");
    }
    throw FilterError(start, "expected an operator (==, !=, <, <=, >, >=), found " +
                                 (at_end() ? std::string("the end of the filter") : shown(peek())));
  }

  std::string parse_value() {
    if (at_end()) throw FilterError(pos_, "expected a value, found the end of the filter");
    std::string value;
    // optional_query_parameters.html writes the name "Backup", quotes included, as Name==""Backup"": a bare value
    // with doubled quotes. A quoted value starts with one quote, or is the empty "" before a separator.
    const bool doubled_bare = text_.substr(pos_).starts_with("\"\"") && pos_ + 2 < text_.size() &&
                              std::string_view(";,) \t").find(text_[pos_ + 2]) == std::string_view::npos;
    if (peek() == '"' && !doubled_bare) {
      const std::size_t open = pos_++;
      for (;;) {
        if (at_end())
          throw FilterError(open, "the quoted value has no closing quote (write a quote inside quotes as \"\")");
        const char c = text_[pos_++];
        if (c == '\\' && !at_end() && (peek() == '"' || peek() == '\\')) {
          value += text_[pos_++];
        } else if (c == '"') {
          if (!at_end() && peek() == '"') {
            value += '"';
            ++pos_;
          } else {
            break;
          }
        } else {
          value += c;
        }
      }
      return value;
    }
    const std::size_t start = pos_;
    while (!at_end() && peek() != ';' && peek() != ',' && peek() != ')') {
      const char c = peek();
      if (c == '"' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '"') {
        value += '"';
        pos_ += 2;
        continue;
      }
      if (c == '(' || c == '"')
        throw FilterError(pos_, "unexpected " + shown(c) + " in a value: put a value holding it in quotes");
      if (c != ' ' && c != '\t') value += c;
      ++pos_;
    }
    if (value.empty()) throw FilterError(start, "expected a value after the operator");
    return value;
  }
};

// ---- Comparing --------------------------------------------------------------------------------------------------

/// -1, 0 or 1, or kUnordered; nullopt when the two cannot be compared.
using Order = std::optional<int>;
/// Not equal, and neither less nor greater: an enumeration value the schema does not list against one it does.
constexpr int kUnordered = 2;

template <class T>
int order_of(const T& a, const T& b) {
  return a < b ? -1 : (b < a ? 1 : 0);
}

int compare_ignoring_case(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const char x = text::to_lower(a[i]);
    const char y = text::to_lower(b[i]);
    if (x != y) return static_cast<unsigned char>(x) < static_cast<unsigned char>(y) ? -1 : 1;
  }
  return order_of(a.size(), b.size());
}

std::optional<std::int64_t> read_integer(std::string_view text) {
  std::int64_t value = 0;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<double> read_number(std::string_view text) {
  double value = 0;
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<bool> read_boolean(std::string_view text) {
  if (equals_ignoring_case(text, "true")) return true;
  if (equals_ignoring_case(text, "false")) return false;
  return std::nullopt;
}

// The pages filter on bare dates too (`CreationTimeUTC>="2021-06-15"`): midnight UTC.
std::optional<DateTime> read_datetime(std::string_view text) {
  if (auto value = parse_datetime(text)) return value;
  if (text.size() == 10) {
    const std::string midnight = std::string(text) + "T00:00:00Z";
    return parse_datetime(midnight);
  }
  return std::nullopt;
}

std::optional<std::size_t> enum_index(const ir::Enum* enumeration, std::string_view wire) {
  if (enumeration == nullptr) return std::nullopt;
  for (std::size_t i = 0; i < enumeration->values.size(); ++i)
    if (equals_ignoring_case(enumeration->values[i].wire, wire)) return i;
  return std::nullopt;
}

/// How the field's value orders against the filter's text, by the field's kind.
Order compare_value(const Value& field, std::string_view literal, const ir::Enum* enumeration) {
  switch (field.kind) {
    case Value::Kind::integer:
      if (const auto value = read_integer(literal)) return order_of(field.integer, *value);
      if (const auto value = read_number(literal)) return order_of(static_cast<double>(field.integer), *value);
      return std::nullopt;
    case Value::Kind::number:
      if (const auto value = read_number(literal)) return order_of(field.number, *value);
      return std::nullopt;
    case Value::Kind::boolean:
      if (const auto value = read_boolean(literal)) return order_of(field.boolean, *value);
      return std::nullopt;
    case Value::Kind::datetime:
      if (const auto value = read_datetime(literal)) return order_of(field.datetime, *value);
      return std::nullopt;
    case Value::Kind::uid: {
      if (const auto value = Uid::parse(literal)) {
        const int kind = compare_ignoring_case(field.uid.kind, value->kind);
        return kind != 0 ? kind : compare_ignoring_case(field.uid.id, value->id);
      }
      // The pages filter on bare ids too (`BackupServerUid==7445e6ce-...`).
      return compare_ignoring_case(field.uid.id, literal);
    }
    case Value::Kind::enumeration: {
      const auto mine = enum_index(enumeration, field.text);
      const auto theirs = enum_index(enumeration, literal);
      if (mine && theirs) return order_of(*mine, *theirs);
      if (equals_ignoring_case(field.text, literal)) return 0;
      // Without the documented order, letters order them; with it, a value it does not list is only unequal.
      if (enumeration == nullptr) return compare_ignoring_case(field.text, literal);
      return kUnordered;
    }
    case Value::Kind::string:
      return compare_ignoring_case(field.text, literal);
    case Value::Kind::absent:
    case Value::Kind::object:
    case Value::Kind::list:
      return std::nullopt;
  }
  return std::nullopt;
}

const Value* member(const Value& object, std::string_view name) {
  if (object.kind != Value::Kind::object) return nullptr;
  if (const Value* exact = object.find(name)) return exact;
  for (const dynamic::Member& m : object.members)
    if (equals_ignoring_case(m.name, name)) return &m.value;
  return nullptr;
}

bool holds(const FilterNode& node, const Value& object) {
  switch (node.kind) {
    case FilterNode::Kind::all_of:
      return std::all_of(node.children.begin(), node.children.end(),
                         [&](const FilterNode& child) { return holds(child, object); });
    case FilterNode::Kind::any_of:
      return std::any_of(node.children.begin(), node.children.end(),
                         [&](const FilterNode& child) { return holds(child, object); });
    case FilterNode::Kind::comparison:
      break;
  }
  const Value* field = member(object, node.bound_field.empty() ? node.field : node.bound_field);
  if (field == nullptr) return false;
  const Order order = compare_value(*field, node.value, node.enumeration);
  if (!order) return false;
  if (*order == kUnordered) return node.op == Comparison::not_equal;
  switch (node.op) {
    case Comparison::equal:
      return *order == 0;
    case Comparison::not_equal:
      return *order != 0;
    case Comparison::less:
      return *order < 0;
    case Comparison::less_or_equal:
      return *order <= 0;
    case Comparison::greater:
      return *order > 0;
    case Comparison::greater_or_equal:
      return *order >= 0;
  }
  return false;
}

// ---- Binding to a type ------------------------------------------------------------------------------------------

const ir::Field* resolve_field(const ir::Type& type, std::string_view name, std::size_t position) {
  const std::vector<const ir::Field*> fields = type.all_fields();
  for (const ir::Field* field : fields)
    if (equals_ignoring_case(field->name, name)) return field;
  // The pages filter sessions on CreationTime, the schema's alias of CreationTimeUTC.
  for (const ir::Field* field : fields)
    for (const std::string& alias : field->aliases)
      if (equals_ignoring_case(alias, name)) return field;
  std::vector<std::string> names;
  for (const ir::Field* field : fields) names.push_back(field->name);
  std::string message = type.name + " has no field \"" + std::string(name) + "\"";
  if (const auto close = gen::closest_match(std::string(name), names)) message += "; did you mean " + *close + "?";
  throw FilterError(position, message);
}

std::string_view primitive_kind(ir::Primitive primitive) {
  switch (primitive) {
    case ir::Primitive::Int:
    case ir::Primitive::Long:
      return "a whole number";
    case ir::Primitive::Double:
      return "a number";
    case ir::Primitive::Bool:
      return "true or false";
    case ir::Primitive::DateTime:
      return "a UTC time such as \"2025-10-19T00:00:00Z\"";
    case ir::Primitive::Uid:
      return "a uid such as urn:veeam:Kind:id";
    case ir::Primitive::String:
      return "text";
  }
  return "text";
}

void check_literal(const ir::Field& field, const FilterNode& node) {
  if (field.cardinality == ir::Cardinality::repeated || field.type.kind == ir::TypeRef::Kind::complex)
    throw FilterError(node.field_position,
                      "\"" + field.name + "\" holds a list or an object, which filters cannot compare");
  if (field.type.kind == ir::TypeRef::Kind::enumeration) {
    if (!enum_index(field.type.enumeration, node.value)) {
      std::string listed;
      for (const ir::EnumValue& value : field.type.enumeration->values)
        listed += (listed.empty() ? "" : ", ") + value.wire;
      throw FilterError(node.value_position,
                        "\"" + node.value + "\" is not a value of " + field.name + " (one of " + listed + ")");
    }
    return;
  }
  bool good = true;
  switch (field.type.primitive) {
    case ir::Primitive::Int:
    case ir::Primitive::Long:
      good = read_integer(node.value).has_value();
      break;
    case ir::Primitive::Double:
      good = read_number(node.value).has_value();
      break;
    case ir::Primitive::Bool:
      good = read_boolean(node.value).has_value();
      break;
    case ir::Primitive::DateTime:
      good = read_datetime(node.value).has_value();
      break;
    case ir::Primitive::Uid:
    case ir::Primitive::String:
      break;
  }
  if (!good)
    throw FilterError(node.value_position, field.name + " compares with " +
                                               std::string(primitive_kind(field.type.primitive)) + ", not \"" +
                                               node.value + "\"");
}

void bind_node(FilterNode& node, const ir::Type& type) {
  if (node.kind != FilterNode::Kind::comparison) {
    for (FilterNode& child : node.children) bind_node(child, type);
    return;
  }
  const ir::Field* field = resolve_field(type, node.field, node.field_position);
  check_literal(*field, node);
  node.bound_field = field->name;
  node.enumeration = field->type.kind == ir::TypeRef::Kind::enumeration ? field->type.enumeration : nullptr;
}

// ---- Query strings ----------------------------------------------------------------------------------------------

std::size_t positive(std::string_view text, std::string_view name, std::size_t position) {
  std::size_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value == 0)
    throw FilterError(position,
                      std::string(name) + " must be a whole number greater than 0, not \"" + std::string(text) + "\"");
  return value;
}

// Sort keys compare by kind; nullopt (never, for two values of one field) treats them as equal.
int sort_order(const Value& a, const Value& b, const ir::Enum* enumeration) {
  if (a.kind != b.kind) return 0;
  switch (a.kind) {
    case Value::Kind::integer:
      return order_of(a.integer, b.integer);
    case Value::Kind::number:
      return order_of(a.number, b.number);
    case Value::Kind::boolean:
      return order_of(a.boolean, b.boolean);
    case Value::Kind::datetime:
      return order_of(a.datetime, b.datetime);
    case Value::Kind::uid:
      return compare_ignoring_case(a.uid.to_string(), b.uid.to_string());
    case Value::Kind::enumeration: {
      const auto x = enum_index(enumeration, a.text);
      const auto y = enum_index(enumeration, b.text);
      if (x && y) return order_of(*x, *y);
      return compare_ignoring_case(a.text, b.text);
    }
    case Value::Kind::string:
      return compare_ignoring_case(a.text, b.text);
    default:
      return 0;
  }
}

}  // namespace

Filter parse_filter(std::string_view text) {
  Filter filter;
  filter.text = std::string(text);
  filter.root = Parser(text).parse();
  return filter;
}

void bind(Filter& filter, const ir::Type& type) { bind_node(filter.root, type); }

bool matches(const Filter& filter, const Value& object) { return holds(filter.root, object); }

Query parse_query(std::string_view query_string) {
  Query query;
  bool sort_asc = false;
  bool sort_desc = false;
  std::size_t start = 0;
  while (start < query_string.size()) {
    const std::size_t end = std::min(query_string.find('&', start), query_string.size());
    const std::string_view pair = query_string.substr(start, end - start);
    const std::size_t position = start;
    start = end + 1;
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    const std::string name = text::percent_decode(pair.substr(0, equals), true);
    const std::string value =
        equals == std::string_view::npos ? std::string() : text::percent_decode(pair.substr(equals + 1), true);
    const std::size_t value_position = position + (equals == std::string_view::npos ? pair.size() : equals + 1);
    if (equals_ignoring_case(name, "type")) {
      query.type = value;
    } else if (equals_ignoring_case(name, "format")) {
      if (!equals_ignoring_case(value, "Refs") && !equals_ignoring_case(value, "Entities"))
        throw FilterError(value_position, "format must be Refs or Entities, not \"" + value + "\"");
      query.format = value;
    } else if (equals_ignoring_case(name, "filter")) {
      try {
        query.filter = parse_filter(value);
      } catch (const FilterError& error) {
        // The column in the decoded filter, since percent-encoding moves everything after it.
        throw FilterError(value_position, "filter, column " + std::to_string(error.position() + 1) + " of \"" + value +
                                              "\": " + error.message());
      }
    } else if (equals_ignoring_case(name, "sortAsc") || equals_ignoring_case(name, "sortDesc")) {
      const bool descending = equals_ignoring_case(name, "sortDesc");
      if (sort_asc || sort_desc) throw FilterError(position, "give one of sortAsc and sortDesc, once");
      (descending ? sort_desc : sort_asc) = true;
      if (value.empty() || !std::all_of(value.begin(), value.end(), is_field_char))
        throw FilterError(value_position, name + " must name a field, not \"" + value + "\"");
      query.sort_field = value;
      query.sort_position = value_position;
      query.descending = descending;
    } else if (equals_ignoring_case(name, "pageSize")) {
      query.page_size = positive(value, "pageSize", value_position);
    } else if (equals_ignoring_case(name, "page")) {
      query.page = positive(value, "page", value_position);
    }
  }
  return query;
}

void bind(Query& query, const ir::Type& type) {
  if (query.filter) bind(*query.filter, type);
  if (query.sort_field.empty()) return;
  const ir::Field* field = resolve_field(type, query.sort_field, query.sort_position);
  query.sort_field = field->name;
  query.sort_enumeration = field->type.kind == ir::TypeRef::Kind::enumeration ? field->type.enumeration : nullptr;
}

QueryPage run_query(const std::vector<const Value*>& items, const Query& query) {
  QueryPage page;
  std::vector<const Value*> found;
  for (const Value* item : items)
    if (item != nullptr && (!query.filter || matches(*query.filter, *item))) found.push_back(item);
  page.total = found.size();

  if (!query.sort_field.empty()) {
    // Each item's key found once, not at every comparison.
    struct Keyed {
      const Value* key;
      const Value* item;
      // 0: ordered by key; 1: an enumeration value the schema does not list; 2: no key. Both of the last go
      // after the others, whichever the direction.
      int rank;
    };
    std::vector<Keyed> keyed;
    keyed.reserve(found.size());
    for (const Value* item : found) {
      const Value* key = member(*item, query.sort_field);
      int rank = key == nullptr ? 2 : 0;
      if (key != nullptr && key->kind == Value::Kind::enumeration && query.sort_enumeration != nullptr &&
          !enum_index(query.sort_enumeration, key->text))
        rank = 1;
      keyed.push_back({key, item, rank});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [&](const Keyed& a, const Keyed& b) {
      if (a.rank != b.rank) return a.rank < b.rank;
      if (a.rank == 2) return false;
      const int order = sort_order(*a.key, *b.key, query.sort_enumeration);
      return query.descending ? order > 0 : order < 0;
    });
    for (std::size_t i = 0; i < keyed.size(); ++i) found[i] = keyed[i].item;
  }

  std::size_t first = 0;
  std::size_t count = found.size();
  if (query.page_size) {
    const std::size_t size = *query.page_size;
    page.pages = std::max<std::size_t>(1, found.size() / size + (found.size() % size != 0 ? 1 : 0));
    // page * size could overflow for a page far past the end.
    first = query.page - 1 >= page.pages ? found.size() : (query.page - 1) * size;
    count = std::min(found.size() - first, size);
  }
  page.items.assign(found.begin() + static_cast<std::ptrdiff_t>(first),
                    found.begin() + static_cast<std::ptrdiff_t>(first + count));
  return page;
}

std::vector<const Value*> select(const std::vector<const Value*>& items, const Query& query) {
  return run_query(items, query).items;
}

}  // namespace emgen::sim
