#include "import/imported.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace emgen::gen::import {
namespace {

/// An importer's `FILE:LINE` as a location; the whole text as the file when it ends in no line.
Location location_of(const std::string& origin) {
  const std::size_t colon = origin.rfind(':');
  if (colon == std::string::npos || colon + 1 == origin.size() ||
      !std::all_of(origin.begin() + static_cast<std::ptrdiff_t>(colon) + 1, origin.end(),
                   [](char c) { return c >= '0' && c <= '9'; }) ||
      origin.size() - colon > 9)
    return Location{origin, 0, 0, ""};
  return Location{origin.substr(0, colon), std::stoi(origin.substr(colon + 1)), 0, ""};
}

/// Where the importer read a type; the drafted file, for a type it adds itself (the page importer's Link).
Location where_drafted(const DraftFile& file, const DraftType& type) {
  return type.origin.empty() ? Location{file.stem + ".yaml", 0, 0, ""} : location_of(type.origin);
}

std::string listed(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

/// The names a drafted field answers to: its own and its aliases.
bool has_field(const DraftType& type, const std::string& name) {
  return std::any_of(type.fields.begin(), type.fields.end(), [&](const DraftField& field) {
    return field.name == name || std::find(field.aliases.begin(), field.aliases.end(), name) != field.aliases.end();
  });
}

}  // namespace

Draft use_imported(const Draft& draft, const std::vector<ImportedDefinition>& imported, const DraftApi& api,
                   std::vector<Diagnostic>& notes) {
  std::map<std::string, const ImportedDefinition*> by_name;
  for (const ImportedDefinition& definition : imported) by_name.emplace(definition.name, &definition);
  const auto defined_at = [](const ImportedDefinition& definition) {
    return std::vector<RelatedLocation>{{"defined at", definition.where}};
  };

  Draft result = draft;
  result.api = api;
  result.files.clear();
  // The examples of a type left out go with it: the imported set has its own, and no schema would name them.
  std::set<std::string> left_out_examples;
  for (const DraftFile& file : draft.files) {
    DraftFile kept = file;
    kept.enums.clear();
    kept.types.clear();
    for (const DraftEnum& enumeration : file.enums) {
      const auto found = by_name.find(enumeration.name);
      if (found == by_name.end()) {
        kept.enums.push_back(enumeration);
        continue;
      }
      Diagnostic note = Diagnostic::warning(Location{file.stem + ".yaml", 0, 0, ""},
                                            "enum " + enumeration.name + ": the imported schemas define " +
                                                enumeration.name + "; the draft uses it instead of its own",
                                            kImportedEnumUsed);
      note.related = defined_at(*found->second);
      notes.push_back(std::move(note));
    }
    for (const DraftType& type : file.types) {
      const auto found = by_name.find(type.name);
      if (found != by_name.end()) {
        const ImportedDefinition& definition = *found->second;
        std::vector<std::string> examples;
        for (const DraftExample& example : type.examples) {
          left_out_examples.insert(example.file);
          examples.push_back(example.file);
        }
        std::vector<std::string> missing;
        if (!definition.is_enum)
          for (const DraftField& field : type.fields)
            if (std::find(definition.fields.begin(), definition.fields.end(), field.name) == definition.fields.end())
              missing.push_back(field.name);
        Diagnostic note = Diagnostic::warning(
            where_drafted(file, type),
            type.name + ": the imported schemas define " + type.name + "; the draft uses it instead of its own" +
                (definition.is_enum ? " (an enum there)" : "") +
                (missing.empty() ? "" : ", which lacks the draft's " + listed(missing) + ": review") +
                (examples.empty() ? "" : "; its example " + listed(examples) + " is left out with it"),
            kImportedTypeUsed);
        note.related = defined_at(definition);
        notes.push_back(std::move(note));
        continue;
      }
      DraftType own = type;
      if (own.extends.empty()) {
        // The imported type of most fields that this one lists all of: Entity (Href, Type, Name, UID, Links)
        // before Resource (Href, Type).
        const ImportedDefinition* base = nullptr;
        for (const ImportedDefinition& candidate : imported) {
          if (candidate.is_enum || candidate.document || candidate.fields.empty()) continue;
          if (!std::all_of(candidate.fields.begin(), candidate.fields.end(),
                           [&](const std::string& name) { return has_field(own, name); }))
            continue;
          if (base == nullptr || candidate.fields.size() > base->fields.size()) base = &candidate;
        }
        if (base != nullptr) {
          const std::set<std::string> inherited(base->fields.begin(), base->fields.end());
          std::erase_if(own.fields, [&](const DraftField& field) {
            return inherited.count(field.name) ||
                   std::any_of(field.aliases.begin(), field.aliases.end(),
                               [&](const std::string& alias) { return inherited.count(alias) != 0; });
          });
          own.extends = base->name;
          Diagnostic note = Diagnostic::warning(
              where_drafted(file, type),
              type.name + ": lists " + listed(base->fields) + ", the fields of the imported " + base->name +
                  ": it extends " + base->name + " instead, whose fields' types and optionality now apply: review",
              kImportedBaseExtended);
          note.related = defined_at(*base);
          notes.push_back(std::move(note));
        }
      }
      kept.types.push_back(std::move(own));
    }
    if (!kept.types.empty() || !kept.enums.empty()) result.files.push_back(std::move(kept));
  }
  std::erase_if(result.payloads,
                [&](const DraftPayload& payload) { return left_out_examples.count(payload.file) != 0; });
  std::erase_if(result.sources, [&](const std::string& row) {
    return std::any_of(left_out_examples.begin(), left_out_examples.end(), [&](const std::string& file) {
      return row.rfind("| " + file.substr(file.rfind('/') + 1) + " |", 0) == 0;
    });
  });
  return result;
}

}  // namespace emgen::gen::import
