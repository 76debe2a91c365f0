#pragma once
// Building EM query-service requests: GET /query?type=...&format=...&filter=...&sortDesc=...&pageSize=...&page=...

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "emgen/datetime.hpp"
#include "emgen/open_enum.hpp"
#include "emgen/types.hpp"

namespace emgen {

/// Percent-encodes everything but unreserved characters (RFC 3986), for a path segment or a query value.
std::string percent_encode(std::string_view text);

/// For a path parameter that is a file path (`file_paths:` in the schema, `/mounts/{ID2}/{filepath}`): encoded
/// as percent_encode() does, but `/` and `:` stay as they are (`E:/Documentation 14` → `E:/Documentation%2014`,
/// as the pages show it). A `.` or `..` segment is encoded (`%2E%2E`), so that it names a file and cannot climb
/// out of the resource the path names.
std::string percent_encode_path(std::string_view path);

/// path + "?" + query, or path alone when query is empty.
inline std::string with_query(std::string path, std::string_view query) {
  if (!query.empty()) (path += path.find('?') == std::string::npos ? '?' : '&') += query;
  return path;
}

/// A filter expression: comparisons joined with `;` (AND) and `,` (OR), grouped with parentheses.
class Filter {
 public:
  explicit Filter(std::string expression) : expression_(std::move(expression)) {}
  const std::string& expression() const noexcept { return expression_; }

  friend Filter operator&&(const Filter& a, const Filter& b) {
    return Filter("(" + a.expression_ + ";" + b.expression_ + ")");
  }
  friend Filter operator||(const Filter& a, const Filter& b) {
    return Filter("(" + a.expression_ + "," + b.expression_ + ")");
  }

 private:
  std::string expression_;
};

/// How a value is written in a filter: text and times quoted, numbers and enum values as they are.
std::string filter_literal(std::string_view text);
std::string filter_literal(DateTime value);
std::string filter_literal(std::int64_t value);
/// `true` / `false`, as the pages write them (`Enabled==true`).
std::string filter_literal(bool value);
/// In the shortest form that reads back, as the readers write a Double (`5.83`, `1e+15`).
std::string filter_literal(double value);
/// Quoted, as the pages write them (`BackupUid=="urn:veeam:Backup:39cb6675-..."`).
std::string filter_literal(const Uid& value);
template <class E>
std::string filter_literal(const Open<E>& value) {
  return std::string(value.text());
}

/// A queryable field whose values are T, so that `Field<DateTime>("CreationTime") >= t` is checked by the
/// compiler: comparing it with a string does not compile.
template <class T>
class Field {
 public:
  explicit constexpr Field(std::string_view name) : name_(name) {}

  Filter operator==(const T& value) const { return compare("==", value); }
  Filter operator!=(const T& value) const { return compare("!=", value); }
  Filter operator<(const T& value) const { return compare("<", value); }
  Filter operator<=(const T& value) const { return compare("<=", value); }
  Filter operator>(const T& value) const { return compare(">", value); }
  Filter operator>=(const T& value) const { return compare(">=", value); }
  std::string_view name() const noexcept { return name_; }

 private:
  Filter compare(std::string_view op, const T& value) const {
    return Filter(std::string(name_) + std::string(op) + filter_literal(value));
  }
  std::string_view name_;
};

/// The query string of a generated method that reads a collection's entities (`repositories_entities(query)`):
/// query with `format=Entity` added. A `format=` of the caller's is refused with std::invalid_argument naming
/// method, since the method decides the form of the answer it reads.
std::string entity_form_query(std::string_view query, std::string_view method);

/// The query string of a generated method that reads a collection's references (`repositories(query)`), as
/// given. One that asks for entities (`format=Entity` or `format=Entities`, in any letter case or
/// percent-encoding) is refused with std::invalid_argument naming entity_method: the entity document's items are
/// no references, and reading it as references would give an empty list.
std::string_view reference_form_query(std::string_view query, std::string_view method, std::string_view entity_method);

/// One query: `Query("BackupJobSession").entities().where(f).sort_descending("CreationTime").page_size(100)`.
class Query {
 public:
  explicit Query(std::string type) : type_(std::move(type)) {}
  /// The query for Entity's entities, its type= as the schemas give it: `Query::of<BackupTaskSession>()` is
  /// `type=BackupTaskSession&format=Entities`. It compiles where the header of the schema that lists Entity
  /// in a query result (query_result.hpp) is included.
  template <class Entity>
  static Query of() {
    Query query{std::string(QueryType<Entity>::name)};
    query.entities();
    return query;
  }

  Query& entities() {
    format_ = "Entities";
    return *this;
  }
  Query& references() {
    format_ = "Refs";
    return *this;
  }
  /// Conditions given by several calls all apply (AND).
  Query& where(const Filter& filter);
  Query& sort_ascending(std::string_view field) {
    sort_ = "sortAsc=" + percent_encode(field);
    return *this;
  }
  Query& sort_descending(std::string_view field) {
    sort_ = "sortDesc=" + percent_encode(field);
    return *this;
  }
  Query& page_size(int size) {
    page_size_ = size;
    return *this;
  }
  Query& page(int number) {
    page_ = number;
    return *this;
  }

  /// The query string, without `?`: `type=BackupJobSession&format=Entities&filter=...`.
  std::string to_string() const;
  /// The path of the query service with this query: `/query?...`.
  std::string path() const { return "/query?" + to_string(); }

 private:
  std::string type_;
  std::string format_;
  std::vector<std::string> filters_;
  std::string sort_;
  int page_size_ = 0;
  int page_ = 0;
};

}  // namespace emgen
