#pragma once
// The text of a schema file as the merger edits it: keys, list items and scalars added or replaced at the
// places the loader found them (format::KeyPlaces), everything else kept byte for byte.

#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "diagnostics.hpp"

namespace emgen::gen::import {

/// One YAML file of the directory, and the edits to make to its text. Every edit is placed at a Location of the
/// loader's (a node's first byte and its column); where the node ends is read from the text. Edits are applied at
/// the end, so that an edit never moves another.
class SchemaText {
 public:
  SchemaText(std::string name, std::string display, std::string text);

  const std::string& name() const { return name_; }
  const std::string& display() const { return display_; }
  bool changed() const { return !edits_.empty(); }
  const std::string& text() const { return text_; }

  /// Adds `key: value` to a map; value is a flow scalar or a flow collection. False if the key was added already.
  bool add_key(const Location& map, const std::string& key, const std::string& value);

  /// Adds `key:` and a block list of items (yaml_item_of text) to a block map. False for a flow map.
  bool add_list(const Location& map, const std::string& key, const std::vector<std::string>& items);

  /// Appends an item (yaml_item_of text) to a sequence. A flow sequence takes single-line items only: false
  /// otherwise.
  bool append(const Location& sequence, const std::string& item);

  /// Replaces a scalar as written (plain or quoted) by text. False for a block scalar (`|`, `>`).
  bool replace(const Location& scalar, const std::string& text, bool in_flow);

  /// Gives a key whose value is null (`doc:`, `fields: ~`) a value, or a block list of items under a block map at
  /// map: the key and its null are written anew. False for a list in a flow map.
  bool replace_null(const Location& key, const std::string& name, const std::string& value, bool in_flow);
  bool replace_null_list(const Location& key, const Location& map, const std::string& name,
                         const std::vector<std::string>& items);

  /// Whether the map or list at where is written in flow style (`{...}`, `[...]`).
  bool is_flow(const Location& where) const;

  std::string edited() const;

 private:
  struct Edit {
    std::size_t at;
    std::size_t erase;
    std::string insert;
    std::size_t order;
  };

  void insert(std::size_t at, std::string text) { edits_.push_back(Edit{at, 0, std::move(text), edits_.size()}); }

  void insert_lines(std::size_t at, std::string lines);

  static std::string indented(const std::string& lines, std::size_t column);

  std::size_t line_end(std::size_t at) const;

  /// Where a block node that starts at `at` in `column` ends: after its last line that is not blank or a comment.
  /// A sequence written at its key's indentation (`fields:\n- a`) ends at the first line there without a dash.
  std::size_t block_end(std::size_t at, std::size_t column, bool sequence) const;

  /// The `}` or `]` that closes the flow collection opened at `open`. A quote starts a quoted scalar only where a
  /// scalar starts (`{doc: it's}` holds a plain one).
  std::size_t flow_close(std::size_t open) const;

  /// The offset of where, checked against the text: a location the loader did not place is the merger's mistake.
  std::size_t offset_of(const Location& where) const;
  static std::size_t column_of(const Location& where) { return where.column > 0 ? where.column - 1 : 0; }

  std::string name_;
  std::string display_;
  std::string text_;
  std::vector<Edit> edits_;
  std::set<std::pair<std::size_t, std::string>> added_keys_;
  std::set<std::size_t> replaced_;
};

}  // namespace emgen::gen::import
