// The merger of `emgen import --into`, private to import/. Merger matches each of the draft's types, fields, enums,
// values, links, endpoints and examples to the directory's, through one index of the directory's names and one set
// of renamings, and counts and notes all it does; its members are defined by concern: merge.cpp finds what meets
// what (the plan), merge/edit.cpp edits what the directory has, merge/add.cpp adds what it lacks. Where a file is
// edited is the loader's (format::KeyPlaces); how its text is edited is schema_text.cpp's.
#pragma once

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "format/ast.hpp"
#include "import/merge.hpp"
#include "import/schema_text.hpp"

namespace emgen::gen::import::merging {

namespace fs = std::filesystem;
using format::vocabulary::Key;

/// A file's bytes; ImportError when it cannot be read.
std::string read_bytes(const fs::path& path);

/// The directory's items as the loader read them, with the file whose text the merger edits.
struct FieldRef {
  SchemaText* file = nullptr;
  const format::FieldAst* ast = nullptr;
  std::string name, type, doc;
  std::vector<std::string> aliases;
  bool attribute = false, optional = false, repeated = false;

  bool answers_to(const std::string& text) const {
    return name == text || std::find(aliases.begin(), aliases.end(), text) != aliases.end();
  }
  bool answers_to(const DraftField& field) const {
    return answers_to(field.name) ||
           std::any_of(field.aliases.begin(), field.aliases.end(), [&](const std::string& a) { return answers_to(a); });
  }
  std::string key() const { return file->name() + ":" + std::to_string(ast->where.offset); }
};

struct TypeRef {
  SchemaText* file = nullptr;
  const format::TypeAst* ast = nullptr;
  std::string name, extends, element, doc;
  std::vector<FieldRef> fields;
};

struct EnumRef {
  SchemaText* file = nullptr;
  const format::EnumAst* ast = nullptr;
  std::string name, doc;
};

class Merger {
 public:
  Merger(const Draft& draft, const format::SchemaSetAst& schemas)
      : draft_(draft),
        schemas_(schemas),
        directory_(schemas.directory),
        source_(draft.source.empty() ? "the draft" : draft.source) {}

  Merge run();

 private:
  void load();

  void read_type(SchemaText& file, const format::TypeAst& ast);

  void index_draft();

  /// The chain of a type and its bases, as far as they resolve.
  std::vector<TypeRef*> chain(TypeRef& type);

  std::pair<FieldRef*, TypeRef*> find_field(TypeRef& type, const DraftField& field);

  /// A draft type's fields and those of its bases in the draft.
  std::vector<DraftField> draft_fields(const DraftType& type);

  std::string renamed(const std::string& name) const;

  /// A draft type or enum that the merged schemas will use: it is added unless it met one of the directory's.
  void use(const std::string& name);

  void map_names();

  void note(const SchemaText& file, const Location& where, const std::string& path, std::string message,
            std::string_view code);

  static std::string from(const std::string& origin) { return origin.empty() ? "" : " (" + origin + ")"; }

  void merge_type(const DraftType& draft, TypeRef& type);

  void merge_field(const DraftField& field, FieldRef& existing, TypeRef& owner, TypeRef& type);

  /// The names an XML example of the draft gives its root element's children and attributes.
  std::optional<std::set<std::string>> names_in_example(const std::string& file, const std::string& element);

  /// The same for the XML examples the directory lists for a type.
  std::vector<std::pair<std::string, std::set<std::string>>> directory_examples(const TypeRef& type);

  static std::optional<std::set<std::string>> names_in_xml(const std::string& bytes, const std::string& element);

  /// A required field the page's own example does not have would make that example unreadable: optional. A field
  /// the page does not document is reported.
  void check_against_examples(const DraftType& draft, const std::vector<DraftField>& fields, TypeRef& type,
                              const std::set<std::string>& documented);

  /// Adds items to the list under key of a map (the list added when the map has none).
  bool add_items(SchemaText& file, const format::KeyPlaces& map, Key key, const std::string& name,
                 const std::vector<std::string>& items);

  /// Gives a key of a map its value where the loader found the key (`doc: ""`, `doc:`, `optional: false`), or
  /// adds the key.
  static bool fill(SchemaText& file, const format::KeyPlaces& map, Key key, const std::string& value);

  void merge_links(const DraftType& draft, TypeRef& type);

  void merge_endpoints(const DraftType& draft, TypeRef& type);

  /// An expectation path in the draft's names (`Result.Result`), in the names of the directory's fields.
  std::string renamed_path(const DraftType* draft, TypeRef* type, const std::string& path);

  /// Whether the payload can join the directory: new, or there already byte for byte.
  bool take_payload(const std::string& file, SchemaText& where, const Location& node, const std::string& path);

  void merge_examples(const DraftType& draft, TypeRef& type);

  void merge_enum(const DraftEnum& draft, EnumRef& enumeration);

  void add_missing();

  /// A page lists inherited fields as the type's own (UID, Name, Href, Type, Links): when the directory has a base
  /// type (not a document) whose every field the added type has, alike, the added type extends it instead. The
  /// base with the most fields wins; of two alike, the one nearer the root.
  void adopt_base(DraftType& type);

  void clash(const std::string& name, const std::string& what, SchemaText* file, const Location& node);

  static DraftFile& add_to_new_file(std::map<std::string, DraftFile>& files, const DraftFile& from);

  void finish();

  struct DraftTypeRef {
    const DraftType* type = nullptr;
    std::string stem;
  };
  struct DraftEnumRef {
    const DraftEnum* enumeration = nullptr;
    std::string stem;
  };

  const Draft& draft_;
  const format::SchemaSetAst& schemas_;
  std::string directory_;
  /// How notes name the draft's side: "the page", "the XSD".
  std::string source_;
  std::string api_version_;
  std::vector<std::unique_ptr<SchemaText>> files_;
  std::map<std::string, SchemaText*> file_by_stem_;
  std::map<const SchemaText*, const format::FileAst*> asts_;
  std::map<std::string, TypeRef> types_;
  std::map<std::string, EnumRef> enums_;
  std::map<std::string, DraftTypeRef> draft_types_;
  std::map<std::string, DraftEnumRef> draft_enums_;
  /// A draft type's or enum's name → the directory's name for it.
  std::map<std::string, std::string> mapped_;
  std::set<std::string> used_;
  /// The file a draft enum goes to when a field of that file is typed with it.
  std::map<std::string, std::string> home_;
  std::set<std::string> merged_types_;
  std::set<std::string> noted_;
  std::set<std::string> new_payloads_;
  std::vector<std::string> new_sources_;
  Merge result_;
};

}  // namespace emgen::gen::import::merging
