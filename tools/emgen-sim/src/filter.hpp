#pragma once
// EM's query service, as far as a simulator needs it: the filter grammar, matching a filter against a payload
// read through emgen::dynamic, and sorting and paging (GET /query?type=...&filter=...&sortAsc=...&pageSize=...).
//
// The grammar is the one the help pages document (filter.html, query_comparison.html, query_and_or.html,
// query_grouping.html, optional_query_parameters.html):
//
//   filter     := or
//   or         := and (',' and)*          OR binds looser than AND, as in FIQL, whose operators EM's are
//   and        := primary (';' primary)*
//   primary    := '(' or ')' | comparison
//   comparison := field op value          op: == != < <= > >=
//   value      := '"' chars '"' | bare    a quote inside quotes doubled ("") or \" (as emgen::filter_literal
//                                         writes it); a bare value ends at ; , ) and loses its spaces, as EM
//                                         ignores them, and doubles a quote (Name==""Backup"", as the pages
//                                         write the name "Backup")
//
// Field names compare without regard to letter case (the pages write `jobtype==backup`).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "dynamic/value.hpp"
#include "precompile/ir.hpp"

namespace emgen::sim {

/// A filter or a query string that does not parse, or names what its type does not have.
class FilterError : public std::runtime_error {
 public:
  /// position: the 0-based offset in the text the error is about; what() says `column N: message`.
  FilterError(std::size_t position, const std::string& message);
  std::size_t position() const noexcept { return position_; }
  /// The message without the column.
  const std::string& message() const noexcept { return message_; }

 private:
  std::size_t position_;
  std::string message_;
};

/// Parentheses nest at most this deep; deeper is a FilterError, not a stack overflow.
inline constexpr int kMaxFilterDepth = 32;

enum class Comparison { equal, not_equal, less, less_or_equal, greater, greater_or_equal };

struct FilterNode {
  enum class Kind { comparison, all_of, any_of };
  Kind kind = Kind::comparison;
  /// comparison: the field as written, the operator, the value without quotes or escapes.
  std::string field;
  Comparison op = Comparison::equal;
  std::string value;
  /// Where the field and the value start in the filter text (0-based).
  std::size_t field_position = 0;
  std::size_t value_position = 0;
  /// Set by bind(): the schema's field the name resolved to, and the enumeration it holds, if any.
  std::string bound_field;
  const gen::ir::Enum* enumeration = nullptr;
  /// all_of (;) and any_of (,): the operands, in order.
  std::vector<FilterNode> children;
};

struct Filter {
  std::string text;
  FilterNode root;
};

/// Parses EM's filter text; throws FilterError at the first place that is not the grammar above, saying what
/// was expected there. Linear in the text.
Filter parse_filter(std::string_view text);

/// Checks filter against the entity type it queries: every field must be one of the type's (letter case
/// ignored; or one of the field's aliases: `CreationTime` names `CreationTimeUTC`, as the pages' examples write it),
/// and every value must read as that field's kind (a number, a time, true or false, a listed enumeration value).
/// Comparisons then use the schema's names and the documented order of enumeration values. Throws FilterError at the
/// field or value.
void bind(Filter& filter, const gen::ir::Type& type);

/// Whether object (an entity read through emgen::dynamic) passes filter. A comparison on a field the object
/// lacks never holds, `!=` included. Values compare by the object's kind: integers and numbers numerically,
/// datetimes as instants (a value with no zone, or a bare date, is UTC), booleans, uids by URN (a bare id
/// matches the URN's id), enumerations by wire text without regard to case and, after bind(), ordered by their
/// documented order (a value the schema does not list is only equal or not equal), strings without regard to
/// ASCII case. A value that does not read as the field's kind never matches.
bool matches(const Filter& filter, const dynamic::Value& object);

/// The parameters of GET /query that select entities.
struct Query {
  std::string type;
  /// `Refs` (EM's default) or `Entities`, as given.
  std::string format = "Refs";
  std::optional<Filter> filter;
  /// The field of sortAsc or sortDesc; empty for the order of the data set.
  std::string sort_field;
  bool descending = false;
  /// Where the sort field starts in the query string, for bind()'s error.
  std::size_t sort_position = 0;
  /// Set by bind() when the sort field is an enumeration: sorted by its documented order.
  const gen::ir::Enum* sort_enumeration = nullptr;
  /// Items per page; none: every item on one page, as the pages say EM does by default.
  std::optional<std::size_t> page_size;
  /// 1-based.
  std::size_t page = 1;
};

/// Reads the query string of a request target (after `?`; percent-decoding each parameter, splitting at the first
/// `=`). Parameter names ignore letter case. Throws FilterError at the offset in query_string of the parameter at
/// fault: a pageSize or page that is not a whole number above 0, sortAsc with sortDesc, an empty sort field, a
/// filter that does not parse (its message says the column in the decoded filter too).
Query parse_query(std::string_view query_string);

/// bind()s the query's filter and checks its sort field against type: FilterError for a field it lacks.
void bind(Query& query, const gen::ir::Type& type);

struct QueryPage {
  /// The items of the page asked for.
  std::vector<const dynamic::Value*> items;
  /// Items that pass the filter, on every page.
  std::size_t total = 0;
  /// At least 1, as EM's PagingInfo says for an empty result.
  std::size_t pages = 1;
};

/// Filters items, sorts them stably (items that lack the sort field last, whichever the direction), and cuts
/// the page. Linear in the items but for the sort (n log n).
QueryPage run_query(const std::vector<const dynamic::Value*>& items, const Query& query);
std::vector<const dynamic::Value*> select(const std::vector<const dynamic::Value*>& items, const Query& query);

}  // namespace emgen::sim
