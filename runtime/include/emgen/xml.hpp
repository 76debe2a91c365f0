#pragma once
// XML reading and writing support for generated bindings (pugixml underneath).

#include <concepts>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "emgen/error.hpp"
#include "emgen/scalar.hpp"
#include "emgen/unknown.hpp"

namespace emgen::xml {

/// `Link` for `Link` and `ns:Link`: EM payloads use a default namespace, so names are matched locally.
std::string_view local_name(const char* qualified_name) noexcept;

/// xmlns and xmlns:* declarations, and xsi:* / xml:* attributes, which describe the document rather than the value.
bool is_markup_attribute(const pugi::xml_attribute& attribute) noexcept;

/// `<EndTimeUTC xsi:nil="true"/>`: how .NET's XmlSerializer writes a null value. Read as absent, as JSON's null.
bool is_nil(const pugi::xml_node& element) noexcept;

/// Reads one document or subtree, and knows how to say where something went wrong.
class Reader {
 public:
  /// source: the text the document was parsed from, for line:column in errors; empty if unknown.
  /// warnings: where a lenient read records what it skipped or kept unlisted; nullptr to not collect them.
  Reader(std::string_view source, ReadMode mode, ReadWarnings* warnings = nullptr) noexcept;
  ~Reader();
  Reader(const Reader&) = delete;
  Reader& operator=(const Reader&) = delete;

  ReadMode mode() const noexcept { return mode_; }
  bool strict() const noexcept { return mode_ == ReadMode::strict; }

  [[noreturn]] void fail(const pugi::xml_node& at, const std::string& message) const;
  [[noreturn]] void fail(const pugi::xml_node& owner, const pugi::xml_attribute& at, const std::string& message) const;
  /// The document is another one than asked for (its root element): a DocumentMismatch, in either mode.
  [[noreturn]] void fail_document(const pugi::xml_node& root, const std::string& message) const;

  /// An element or attribute of an object that its type does not list. Strict: `unknown element <Foo>` /
  /// `unknown attribute Foo`. Lenient: kept in keep, to be written back, with a warning.
  void unknown_element(const pugi::xml_node& element, UnknownMembers& keep) const;
  void unknown_attribute(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, UnknownMembers& keep) const;
  /// The same where there is no object to keep them in (inside a list wrapper, on a scalar element): lenient
  /// reads skip them with a warning.
  void unknown_element(const pugi::xml_node& element) const;
  void unknown_attribute(const pugi::xml_node& owner, const pugi::xml_attribute& attribute) const;
  /// Strict: any attribute (but markup) of an element whose schema has none, such as a scalar or a list wrapper.
  void check_no_attributes(const pugi::xml_node& element) const;
  /// Non-blank text directly inside an element that holds elements.
  void stray_text(const pugi::xml_node& text) const;
  /// After the last child of an element of type type_name: a lenient read of an element that had attributes or
  /// children but none that the type knows warns that it reads as empty.
  void end_element(const pugi::xml_node& element, std::string_view type_name, std::size_t members,
                   std::size_t unknown) const;
  /// Lenient: kept with a warning. Strict: `"Foo" is not a BackupJobSessionState value`.
  void unlisted_value(const pugi::xml_node& at, std::string_view text, std::string_view enum_name) const;
  void unlisted_value(const pugi::xml_node& owner, const pugi::xml_attribute& at, std::string_view text,
                      std::string_view enum_name) const;

  [[noreturn]] void duplicate(const pugi::xml_node& element) const;
  [[noreturn]] void duplicate(const pugi::xml_node& owner, const pugi::xml_attribute& attribute) const;
  /// A required element or attribute that is absent, or a required element that is nil. Strict: an error.
  /// Lenient: the field keeps its default, with a warning (real servers leave out or null what the pages call
  /// required, such as a report frame's Href).
  void missing_element(const pugi::xml_node& owner, std::string_view name) const;
  void missing_attribute(const pugi::xml_node& owner, std::string_view name) const;
  void nil_required(const pugi::xml_node& element) const;

  /// The character data of an element that must hold only text; fails on a child element.
  std::string_view text_of(const pugi::xml_node& element);
  /// The character data of an element that has a text field beside its attributes; child elements are the
  /// caller's to report (unknown to such a type), so this skips them.
  std::string_view text_beside_elements(const pugi::xml_node& element);

 private:
  /// Element paths and line:column, built only when a warning or an error needs them (see xml.cpp).
  class Locator;
  Locator& locator() const;
  /// Whether a warning is to be built: warnings are collected and below their limit (past it, counted).
  bool keeps_warning() const;
  void warn(const pugi::xml_node& at, std::string message) const;
  void warn(const pugi::xml_node& owner, const pugi::xml_attribute& at, std::string message) const;
  /// A warning reported at `at`, under the path of the element that holds it.
  void warn_in(const pugi::xml_node& holder, const pugi::xml_node& at, std::string message) const;
  void warn_in(const pugi::xml_node& holder, const pugi::xml_attribute& at, std::string message) const;

  std::string_view joined_text(const pugi::xml_node& element, bool refuse_elements);

  std::string_view source_;
  ReadMode mode_;
  ReadWarnings* warnings_;
  std::string joined_text_;
  mutable std::unique_ptr<Locator> locator_;
};

/// Parses text into doc and returns its root element after checking its name.
/// Malformed XML, a DOCTYPE (entity-expansion protection) or another root element is a ParseError.
pugi::xml_node parse_document(pugi::xml_document& doc, std::string_view text, std::string_view root_name,
                              const Reader& reader);
/// Checks the name of a root element given as a node.
void check_root(const pugi::xml_node& root, std::string_view root_name, const Reader& reader);

/// Generated types provide `void read_xml(emgen::xml::Reader&, const pugi::xml_node&, T&)`,
/// `void write_xml(pugi::xml_node&, const T&)` and `std::string_view schema_name(std::type_identity<T>)`.
template <class T>
concept Complex = requires(Reader& reader, const pugi::xml_node& node, T& out) {
  read_xml(reader, node, out);
};

/// The text of element parsed as a scalar or enum value: a text-only element's or a text field's.
template <class T>
void read_text(Reader& reader, const pugi::xml_node& element, std::string_view text, T& out) {
  const ScalarResult result = parse_scalar(text, out);
  if (result != ScalarResult::ok)
    reader.fail(element, scalar_error(text, scalar_type_name(std::type_identity<T>{}), result));
}
template <class E>
void read_text(Reader& reader, const pugi::xml_node& element, std::string_view text, Open<E>& out) {
  out = Open<E>::from_wire(text);
  if (!out.is_listed()) reader.unlisted_value(element, text, schema_name(std::type_identity<E>{}));
}

template <class T>
void read_value(Reader& reader, const pugi::xml_node& element, T& out) {
  if constexpr (Complex<T>) {
    read_xml(reader, element, out);
  } else {
    reader.check_no_attributes(element);
    read_text(reader, element, reader.text_of(element), out);
  }
}

/// A text field (`text: true`): the element's text, parsed as a text-only element's is. A required field reads
/// no text as the empty text (the empty string, or an error for a number); an optional one as absent. Returns
/// whether the element had text, which counts as a known part of it.
template <class T>
bool read_text_field(Reader& reader, const pugi::xml_node& element, T& out) {
  const std::string_view text = reader.text_beside_elements(element);
  read_text(reader, element, text, out);
  return !text.empty();
}
template <class T>
bool read_text_field(Reader& reader, const pugi::xml_node& element, std::optional<T>& out) {
  const std::string_view text = reader.text_beside_elements(element);
  if (text.empty()) return false;
  read_text(reader, element, text, out.emplace());
  return true;
}

/// One field held in a child element: single, optional or repeated (<Ref/><Ref/>).
template <class T>
void read_element_field(Reader& reader, const pugi::xml_node& element, T& out, bool& seen) {
  if (seen) reader.duplicate(element);
  seen = true;
  if (is_nil(element)) return reader.nil_required(element);
  read_value(reader, element, out);
}
template <class T>
void read_element_field(Reader& reader, const pugi::xml_node& element, std::optional<T>& out, bool& seen) {
  if (seen) reader.duplicate(element);
  seen = true;
  if (!is_nil(element)) read_value(reader, element, out.emplace());
}
template <class T>
void read_element_field(Reader& reader, const pugi::xml_node& element, std::vector<T>& out, bool& seen) {
  seen = true;
  if (is_nil(element)) reader.fail(element, "nil for an item of a list");
  read_value(reader, element, out.emplace_back());
}

/// A wrapped list: <Links><Link/><Link/></Links>.
template <class T>
void read_wrapped_field(Reader& reader, const pugi::xml_node& wrapper, std::string_view item_name, std::vector<T>& out,
                        bool& seen) {
  if (seen) reader.duplicate(wrapper);
  seen = true;
  // A nil list is an empty one, as JSON's null.
  if (is_nil(wrapper)) return;
  reader.check_no_attributes(wrapper);
  // One pass to count saves the vector's regrowth (1, 2, 4, 8 for six links): allocation is most of the cost.
  std::size_t count = 0;
  for (pugi::xml_node child = wrapper.first_child(); child; child = child.next_sibling())
    count += child.type() == pugi::node_element ? 1 : 0;
  out.reserve(out.size() + count);
  for (pugi::xml_node child = wrapper.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element) {
      if (local_name(child.name()) == item_name)
        read_value(reader, child, out.emplace_back());
      else
        reader.unknown_element(child);
    } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      reader.stray_text(child);
    }
  }
}

template <class T>
void read_attribute_value(Reader& reader, const pugi::xml_node& owner, const pugi::xml_attribute& attribute, T& out) {
  const std::string_view text = attribute.value();
  const ScalarResult result = parse_scalar(text, out);
  if (result != ScalarResult::ok)
    reader.fail(owner, attribute, scalar_error(text, scalar_type_name(std::type_identity<T>{}), result));
}
template <class E>
void read_attribute_value(Reader& reader, const pugi::xml_node& owner, const pugi::xml_attribute& attribute,
                          Open<E>& out) {
  const std::string_view text = attribute.value();
  out = Open<E>::from_wire(text);
  if (!out.is_listed()) reader.unlisted_value(owner, attribute, text, schema_name(std::type_identity<E>{}));
}

template <class T>
void read_attribute_field(Reader& reader, const pugi::xml_node& owner, const pugi::xml_attribute& attribute, T& out,
                          bool& seen) {
  if (seen) reader.duplicate(owner, attribute);
  seen = true;
  read_attribute_value(reader, owner, attribute, out);
}
template <class T>
void read_attribute_field(Reader& reader, const pugi::xml_node& owner, const pugi::xml_attribute& attribute,
                          std::optional<T>& out, bool& seen) {
  if (seen) reader.duplicate(owner, attribute);
  seen = true;
  read_attribute_value(reader, owner, attribute, out.emplace());
}

/// Reads a whole document whose root element is root_name as T; a lenient read adds what it skipped to
/// warnings when given.
template <Complex T>
T read_document(std::string_view text, std::string_view root_name, ReadMode mode, ReadWarnings* warnings) {
  pugi::xml_document document;
  Reader reader(text, mode, warnings);
  const pugi::xml_node root = parse_document(document, text, root_name, reader);
  T value;
  read_xml(reader, root, value);
  return value;
}

/// Reads an element of an already parsed document as T (errors carry the element path, not a line).
template <Complex T>
T read_element(const pugi::xml_node& element, ReadMode mode, ReadWarnings* warnings) {
  Reader reader({}, mode, warnings);
  T value;
  read_xml(reader, element, value);
  return value;
}

/// Writing.
pugi::xml_node begin_document(pugi::xml_document& doc, const char* root_name, const char* xml_namespace);
std::string to_string(const pugi::xml_document& doc);
/// Appends node as raw XML text (no declaration, no indentation): an element kept to be written again.
void append_raw(std::string& out, const pugi::xml_node& node);

template <class T>
void write_element_field(pugi::xml_node& parent, const char* name, const T& value) {
  if constexpr (std::is_same_v<T, Uid>)
    if (value.empty()) return;  // never set (see Uid::empty)
  pugi::xml_node element = parent.append_child(name);
  if constexpr (Complex<T>) {
    write_xml(element, value);
  } else {
    const auto text = format_scalar(value);
    element.text().set(text.data(), text.size());
  }
}
template <class T>
void write_element_field(pugi::xml_node& parent, const char* name, const std::optional<T>& value) {
  if (value) write_element_field(parent, name, *value);
}
template <class T>
void write_element_field(pugi::xml_node& parent, const char* name, const std::vector<T>& values) {
  for (const T& value : values) write_element_field(parent, name, value);
}
template <class T>
void write_wrapped_field(pugi::xml_node& parent, const char* name, const char* item_name,
                         const std::vector<T>& values) {
  if (values.empty()) return;
  pugi::xml_node wrapper = parent.append_child(name);
  for (const T& value : values) write_element_field(wrapper, item_name, value);
}
/// A text field, written after the attributes.
template <class T>
void write_text_field(pugi::xml_node& element, const T& value) {
  if constexpr (std::is_same_v<T, Uid>)
    if (value.empty()) return;  // never set (see Uid::empty)
  const auto text = format_scalar(value);
  if (!text.empty()) element.text().set(text.data(), text.size());
}
template <class T>
void write_text_field(pugi::xml_node& element, const std::optional<T>& value) {
  if (value) write_text_field(element, *value);
}
template <class T>
void write_attribute_field(pugi::xml_node& node, const char* name, const T& value) {
  if constexpr (std::is_same_v<T, Uid>)
    if (value.empty()) return;  // never set (see Uid::empty)
  const auto text = format_scalar(value);
  node.append_attribute(name).set_value(text.data(), text.size());
}
template <class T>
void write_attribute_field(pugi::xml_node& node, const char* name, const std::optional<T>& value) {
  if (value) write_attribute_field(node, name, *value);
}

}  // namespace emgen::xml
