#pragma once
// The text of a schema file as the merger edits it: keys, list items and scalars added or replaced at the
// places yaml-cpp marks, everything else kept byte for byte.

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace emgen::gen::import {

/// One YAML file of the directory, and the edits to make to its text. Every edit is placed by the marks yaml-cpp
/// gives (a node's first character), and applied at the end, so that an edit never moves another.
class SchemaText {
 public:
  SchemaText(std::string name, std::string display, std::string text);

  const std::string& name() const { return name_; }
  const std::string& display() const { return display_; }
  const YAML::Node& root() const { return root_; }
  bool changed() const { return !edits_.empty(); }
  const std::string& text() const { return text_; }

  /// Adds `key: value` to a map; value is a flow scalar or a flow collection. False if the key was added already.
  bool add_key(const YAML::Node& map, const std::string& key, const std::string& value);

  /// Adds `key:` and a block list of items (yaml_item_of text) to a block map. False for a flow map.
  bool add_list(const YAML::Node& map, const std::string& key, const std::vector<std::string>& items);

  /// Appends an item (yaml_item_of text) to a sequence. A flow sequence takes single-line items only: false
  /// otherwise.
  bool append(const YAML::Node& sequence, const std::string& item);

  /// Replaces a scalar as written (plain or quoted) by text. False for a block scalar (`|`, `>`).
  bool replace(const YAML::Node& scalar, const std::string& text, bool in_flow);

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

  std::string name_;
  std::string display_;
  std::string text_;
  YAML::Node root_;
  std::vector<Edit> edits_;
  std::set<std::pair<std::size_t, std::string>> added_keys_;
  std::set<std::size_t> replaced_;
};

}  // namespace emgen::gen::import
