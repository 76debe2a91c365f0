// `emgen import --into`: what the directory lacks, added: the draft's documents and what they use, in the file of
// the draft's name or beside the field that uses them, in the directory's names of the types; their example
// payloads and SOURCES.md rows; the changed files collected.

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "import/merge/merger.hpp"

namespace emgen::gen::import::merging {

void Merger::add_missing() {
  // Documents the page describes are added; other draft types and enums when something added or retyped uses them.
  for (const DraftFile& file : draft_.files)
    for (const DraftType& type : file.types)
      if (!type.element.empty()) use(type.name);
  std::set<std::string> added;
  std::vector<std::string> work(used_.begin(), used_.end());
  while (!work.empty()) {
    const std::string name = work.back();
    work.pop_back();
    if (!added.insert(name).second) continue;
    if (draft_types_.count(name)) {
      const DraftType& type = *draft_types_[name].type;
      for (const DraftField& field : type.fields) work.push_back(field.type);
      work.push_back(type.extends);
      for (const DraftEndpoint& endpoint : type.endpoints) {
        work.push_back(endpoint.returns);
        work.push_back(endpoint.body);
      }
    }
    std::erase_if(work, [&](const std::string& n) { return !draft_types_.count(n) && !draft_enums_.count(n); });
    std::erase_if(work, [&](const std::string& n) { return mapped_.count(n) > 0; });
  }
  std::map<std::string, DraftFile> new_files;
  std::map<std::string, std::vector<std::string>> new_type_items, new_enum_items;
  for (const DraftFile& file : draft_.files) {
    for (const DraftEnum& enumeration : file.enums) {
      if (!added.count(enumeration.name)) continue;
      if (types_.count(enumeration.name)) {
        clash(enumeration.name, "an enum", types_[enumeration.name].file, types_[enumeration.name].ast->where);
        continue;
      }
      ++result_.counts.enums;
      const std::string stem = home_.count(enumeration.name) ? home_[enumeration.name] : file.stem;
      if (file_by_stem_.count(stem))
        new_enum_items[stem].push_back(yaml_item_of(enumeration));
      else
        add_to_new_file(new_files, file).enums.push_back(enumeration);
    }
    for (const DraftType& type : file.types) {
      if (!added.count(type.name)) continue;
      if (enums_.count(type.name)) {
        clash(type.name, "a type", enums_[type.name].file, enums_[type.name].ast->where);
        continue;
      }
      DraftType copy = type;
      copy.extends = renamed(type.extends);
      for (DraftField& field : copy.fields) field.type = renamed(field.type);
      if (copy.extends.empty()) adopt_base(copy);
      for (DraftEndpoint& endpoint : copy.endpoints) {
        endpoint.returns = renamed(endpoint.returns);
        endpoint.body = renamed(endpoint.body);
      }
      std::erase_if(copy.examples, [&](const DraftExample& example) {
        SchemaText& where = file_by_stem_.count(file.stem) ? *file_by_stem_[file.stem] : *files_.front();
        return !take_payload(example.file, where, asts_[&where]->keys.map, type.name + "/examples");
      });
      ++result_.counts.types;
      result_.counts.examples += copy.examples.size();
      if (file_by_stem_.count(file.stem))
        new_type_items[file.stem].push_back(yaml_item_of(copy));
      else
        add_to_new_file(new_files, file).types.push_back(copy);
    }
  }
  for (const auto& [stem, items] : new_enum_items)
    add_items(*file_by_stem_[stem], asts_[file_by_stem_[stem]]->keys, Key::file_enums, "", items);
  for (const auto& [stem, items] : new_type_items)
    add_items(*file_by_stem_[stem], asts_[file_by_stem_[stem]]->keys, Key::file_types, "", items);
  for (const auto& [stem, file] : new_files)
    result_.changes.push_back(FileChange{stem + ".yaml", "", yaml_of(file, api_version_, draft_.header), true});
}

void Merger::adopt_base(DraftType& type) {
  TypeRef* best = nullptr;
  std::size_t best_fields = 0, best_depth = 0;
  for (auto& [name, candidate] : types_) {
    if (!candidate.element.empty() || name == type.name) continue;
    std::size_t fields = 0;
    bool all = true;
    for (TypeRef* owner : chain(candidate))
      for (const FieldRef& field : owner->fields) {
        ++fields;
        all = all && std::any_of(type.fields.begin(), type.fields.end(), [&](const DraftField& f) {
                return field.answers_to(f) && f.attribute == field.attribute && f.repeated == field.repeated;
              });
      }
    const std::size_t depth = chain(candidate).size();
    if (!all || fields == 0 || fields < best_fields || (fields == best_fields && depth >= best_depth)) continue;
    best = &candidate;
    best_fields = fields;
    best_depth = depth;
  }
  if (best == nullptr) return;
  std::string inherited;
  const std::vector<TypeRef*> bases = chain(*best);
  for (auto owner = bases.rbegin(); owner != bases.rend(); ++owner)  // root first, as on the wire
    for (const FieldRef& field : (*owner)->fields) {
      std::erase_if(type.fields, [&](const DraftField& f) { return field.answers_to(f); });
      inherited += (inherited.empty() ? "" : ", ") + field.name;
    }
  type.extends = best->name;
  note(*best->file, best->ast->where, type.name,
       source_ + " lists " + inherited + " as fields of " + type.name + from(type.origin) + ": it extends " +
           best->name + ", which has them all",
       kBaseAdopted);
}

void Merger::clash(const std::string& name, const std::string& what, SchemaText* file, const Location& node) {
  ++result_.counts.disagreements;
  note(*file, node, name, source_ + " drafts " + what + " of this name, the schemas have another kind; not added",
       kKindClash);
}

DraftFile& Merger::add_to_new_file(std::map<std::string, DraftFile>& files, const DraftFile& from) {
  DraftFile& file = files[from.stem];
  file.stem = from.stem;
  file.doc = from.doc;
  return file;
}

bool Merger::take_payload(const std::string& file, SchemaText& where, const Location& node, const std::string& path) {
  const auto payload = std::find_if(draft_.payloads.begin(), draft_.payloads.end(),
                                    [&](const DraftPayload& p) { return p.file == file; });
  if (payload == draft_.payloads.end()) return false;
  const fs::path on_disk = fs::path(directory_) / file;
  if (fs::exists(on_disk)) {
    if (read_bytes(on_disk) == payload->bytes) return true;
    note(where, node, path, file + " is in the directory with other bytes; " + source_ + "'s example is not added",
         kPayloadDiffers);
    return false;
  }
  if (new_payloads_.insert(file).second) {
    result_.changes.push_back(FileChange{file, "", payload->bytes, true});
    const std::string cell = "| " + fs::path(file).filename().string() + " |";
    for (const std::string& row : draft_.sources)
      if (row.starts_with(cell)) new_sources_.push_back(row);
  }
  return true;
}

void Merger::finish() {
  for (const auto& file : files_)
    if (file->changed()) result_.changes.push_back(FileChange{file->name(), file->text(), file->edited(), false});
  if (!new_sources_.empty()) {
    const fs::path sources = fs::path(directory_) / "examples" / "SOURCES.md";
    if (fs::exists(sources)) {
      const std::string before = read_bytes(sources);
      std::string after = before;
      if (!after.empty() && after.back() != '\n') after += '\n';
      for (const std::string& row : new_sources_)
        if (before.find(row.substr(0, row.find(" | ") + 3)) == std::string::npos) after += row + "\n";
      if (after != before) result_.changes.push_back(FileChange{"examples/SOURCES.md", before, after, false});
    } else {
      result_.changes.push_back(FileChange{"examples/SOURCES.md", "", sources_md(new_sources_), true});
    }
  }
  std::sort(result_.changes.begin(), result_.changes.end(),
            [](const FileChange& a, const FileChange& b) { return a.file < b.file; });
}

}  // namespace emgen::gen::import::merging
