#pragma once
// What reading or writing an object of a schema type needs of the schema, worked out once per type and document
// rather than once per object: the query result of 10,000 sessions holds 70,000 objects of three types. Not part of the
// library's interface.

#include <cstddef>
#include <emgen/field_names.hpp>
#include <memory>
#include <unordered_map>
#include <vector>

#include "dynamic/codec.hpp"

namespace emgen::dynamic {

struct ObjectTables {
  /// The fields, the bases' first (ir::Type::all_fields).
  std::vector<const ir::Field*> fields;
  /// The member names of the fields in both casings and the aliases', in field order, as the generated JSON
  /// readers' tables list them.
  std::vector<FieldName> json_names;
  /// The names of the attribute fields and of the element fields, with their aliases, in field order; a text
  /// field is in neither (it has no XML name).
  std::vector<FieldName> attribute_names;
  std::vector<FieldName> element_names;
  /// The index of the text field (the resolver allows one per type, inherited ones included), or fields.size().
  std::size_t text_index = 0;
};

/// Keeps the tables of the types read or written, for one document on this thread: read_xml, read_json,
/// write_xml and write_json set one around their work. A read inside a read (none today) has a scope of its own, and
/// restores the outer one after.
class TablesScope {
 public:
  TablesScope();
  TablesScope(const TablesScope&) = delete;
  TablesScope& operator=(const TablesScope&) = delete;
  ~TablesScope();

  /// The tables of type, made the first time it is asked for.
  const ObjectTables& of(const ir::Type& type);

  /// The scope in force on this thread, or nullptr.
  static TablesScope* current() noexcept;

 private:
  std::unordered_map<const ir::Type*, std::unique_ptr<ObjectTables>> tables_;
  TablesScope* outer_;
};

/// The tables of type: the current scope's, or made for this one object when no scope is in force.
class TablesOf {
 public:
  explicit TablesOf(const ir::Type& type);
  const ObjectTables& operator*() const noexcept { return *tables_; }
  const ObjectTables* operator->() const noexcept { return tables_; }

 private:
  std::unique_ptr<ObjectTables> own_;
  const ObjectTables* tables_;
};

}  // namespace emgen::dynamic
