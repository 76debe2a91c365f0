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

/// Types within a file after the types of that file they use; files know which files they use.
void Resolver::order_files() {
  for (ir::SchemaFile& file : model_.files) {
    std::vector<const ir::Type*> declared = file.types;
    std::set<const ir::SchemaFile*> dependencies;
    file.types.clear();
    for (const ir::Type* type : declared_types_)
      if (type->file == &file) declared.push_back(type);
    std::set<const ir::Type*> placed;
    std::function<void(const ir::Type*)> place = [&](const ir::Type* type) {
      if (placed.count(type)) return;
      placed.insert(type);
      const auto use = [&](const ir::Type* used) {
        if (used->file == &file)
          place(used);
        else
          dependencies.insert(used->file);
      };
      if (type->base) use(type->base);
      for (const auto& field : type->fields) {
        if (field.type.kind == ir::TypeRef::Kind::complex) use(field.type.complex);
        if (field.type.kind == ir::TypeRef::Kind::enumeration && field.type.enumeration->file != &file)
          dependencies.insert(field.type.enumeration->file);
      }
      file.types.push_back(type);
    };
    for (const ir::Type* type : declared) place(type);
    file.dependencies.assign(dependencies.begin(), dependencies.end());
    std::sort(file.dependencies.begin(), file.dependencies.end(),
              [](const ir::SchemaFile* a, const ir::SchemaFile* b) { return a->stem < b->stem; });
  }
  // Headers include each other along these dependencies, so they must not form a cycle.
  std::map<const ir::SchemaFile*, int> state;
  std::vector<const ir::SchemaFile*> path;
  std::function<void(const ir::SchemaFile*)> visit = [&](const ir::SchemaFile* file) {
    state[file] = 1;
    path.push_back(file);
    for (const ir::SchemaFile* used : file->dependencies) {
      if (state[used] == 1) {
        std::string names;
        for (auto it = std::find(path.begin(), path.end(), used); it != path.end(); ++it)
          names += (*it)->stem + ".yaml → ";
        diagnostics_.error(Location{used->display_path, 1, 1, ""},
                           "schema files use each other in a cycle: " + names + used->stem +
                               ".yaml (move the shared types into one file)",
                           kFileDependencyCycle);
      } else if (state[used] == 0) {
        visit(used);
      }
    }
    path.pop_back();
    state[file] = 2;
  };
  for (const ir::SchemaFile& file : model_.files)
    if (state[&file] == 0) visit(&file);
}

}  // namespace emgen::gen::precompile::resolving
