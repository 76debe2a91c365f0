#include "dynamic/tables.hpp"

#include <string>

namespace emgen::dynamic {

namespace {

constinit thread_local TablesScope* current_scope = nullptr;

std::unique_ptr<ObjectTables> make_tables(const ir::Type& type) {
  auto tables = std::make_unique<ObjectTables>();
  tables->fields = type.all_fields();
  const std::vector<const ir::Field*>& fields = tables->fields;
  tables->text_index = fields.size();
  for (std::size_t index = 0; index < fields.size(); ++index) {
    const ir::Field& field = *fields[index];
    for (const std::string& name : field.json_names) tables->json_names.push_back({name, index});
    if (field.text) {
      tables->text_index = index;
      continue;
    }
    std::vector<FieldName>& xml_names = field.attribute ? tables->attribute_names : tables->element_names;
    xml_names.push_back({field.name, index});
    for (const std::string& alias : field.aliases) xml_names.push_back({alias, index});
  }
  return tables;
}

}  // namespace

TablesScope::TablesScope() : outer_(current_scope) { current_scope = this; }

TablesScope::~TablesScope() { current_scope = outer_; }

const ObjectTables& TablesScope::of(const ir::Type& type) {
  std::unique_ptr<ObjectTables>& tables = tables_[&type];
  if (!tables) tables = make_tables(type);
  return *tables;
}

TablesScope* TablesScope::current() noexcept { return current_scope; }

TablesOf::TablesOf(const ir::Type& type) {
  if (TablesScope* scope = TablesScope::current()) {
    tables_ = &scope->of(type);
  } else {
    own_ = make_tables(type);
    tables_ = own_.get();
  }
}

}  // namespace emgen::dynamic
