#pragma once
// XML reading and writing support for generated bindings (pugixml underneath).

#include <concepts>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "emgen/error.hpp"
#include "emgen/field_names.hpp"
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

  /// Before an element that holds a single field: a second one is a duplicate; a nil one is absent, which
  /// a required field may not be. Returns whether there is a value to read.
  bool enter_field(const pugi::xml_node& element, bool& seen, bool required) const;
  /// Before one element of a repeated field (<Ref/><Ref/>): nil is an error.
  void enter_item(const pugi::xml_node& element, bool& seen) const;

  /// A text-only element read as a scalar (no attributes, no child elements); a located error if its text is
  /// not of the type's form. Out of line, so that each field of a generated reader costs a call.
  void read_scalar(const pugi::xml_node& element, std::string& out);
  void read_scalar(const pugi::xml_node& element, std::int32_t& out);
  void read_scalar(const pugi::xml_node& element, std::int64_t& out);
  void read_scalar(const pugi::xml_node& element, double& out);
  void read_scalar(const pugi::xml_node& element, bool& out);
  void read_scalar(const pugi::xml_node& element, DateTime& out);
  void read_scalar(const pugi::xml_node& element, Uid& out);
  /// An attribute read as a scalar.
  void read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, std::string& out) const;
  void read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, std::int32_t& out) const;
  void read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, std::int64_t& out) const;
  void read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, double& out) const;
  void read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, bool& out) const;
  void read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, DateTime& out) const;
  void read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, Uid& out) const;

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

/// Reads the attribute or child element that the type's table of names found for its name into that field (an
/// index into the type's fields, as in seen).
using ReadAttribute = void (*)(Reader& reader, const pugi::xml_node& owner, const pugi::xml_attribute& attribute,
                               std::size_t field, void* out, bool* seen);
using ReadElement = void (*)(Reader& reader, const pugi::xml_node& element, std::size_t field, void* out, bool* seen);

/// What a generated type's read_xml tells read_members about its fields: the names its attributes and child
/// elements may have, and the functions that read them. A type with none of one kind leaves both empty.
struct ElementFields {
  std::span<const FieldName> attributes;
  ReadAttribute read_attribute = nullptr;
  std::span<const FieldName> elements;
  ReadElement read_element = nullptr;
  /// The element's text is a field's (which the caller reads after the children), not stray text.
  bool has_text = false;
};

/// The attributes (but markup) and child elements an element had, and how many of them its type does not list.
struct MemberCounts {
  std::size_t members = 0;
  std::size_t unknown = 0;
};

/// The walk of a generated type's read_xml, compiled once here: each attribute and child element whose name is in
/// fields is read by its function; any other is unknown (an error when strict, kept in keep when lenient); stray
/// text is reported. The caller then reads a text field and calls end_element with the counts.
MemberCounts read_members(Reader& reader, const pugi::xml_node& element, const ElementFields& fields, void* out,
                          bool* seen, UnknownMembers& keep);

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
  if constexpr (Complex<T>)
    read_xml(reader, element, out);
  else
    reader.read_scalar(element, out);
}
template <class E>
void read_value(Reader& reader, const pugi::xml_node& element, Open<E>& out) {
  reader.check_no_attributes(element);
  read_text(reader, element, reader.text_of(element), out);
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
  if (reader.enter_field(element, seen, true)) read_value(reader, element, out);
}
template <class T>
void read_element_field(Reader& reader, const pugi::xml_node& element, std::optional<T>& out, bool& seen) {
  if (reader.enter_field(element, seen, false)) read_value(reader, element, out.emplace());
}
template <class T>
void read_element_field(Reader& reader, const pugi::xml_node& element, std::vector<T>& out, bool& seen) {
  reader.enter_item(element, seen);
  read_value(reader, element, append_default(out));
}

/// What a wrapped list needs of its vector: room for count more items, and one item read from an element and
/// appended. Lists are read through these so that the walk over the wrapper is compiled once in the runtime, not
/// once per item type.
struct ListOps {
  void (*reserve)(void* list, std::size_t count);
  void (*read_item)(Reader& reader, const pugi::xml_node& element, void* list);
};

template <class T>
inline constexpr ListOps kListOps{[](void* list, std::size_t count) {
                                    auto& items = *static_cast<std::vector<T>*>(list);
                                    items.reserve(items.size() + count);
                                  },
                                  [](Reader& reader, const pugi::xml_node& element, void* list) {
                                    read_value(reader, element, append_default(*static_cast<std::vector<T>*>(list)));
                                  }};

/// A wrapped list: <Links><Link/><Link/></Links>.
void read_wrapped_field(Reader& reader, const pugi::xml_node& wrapper, std::string_view item_name, const ListOps& ops,
                        void* list, bool& seen);
template <class T>
void read_wrapped_field(Reader& reader, const pugi::xml_node& wrapper, std::string_view item_name, std::vector<T>& out,
                        bool& seen) {
  read_wrapped_field(reader, wrapper, item_name, kListOps<T>, &out, seen);
}

template <class T>
void read_attribute_value(Reader& reader, const pugi::xml_node& owner, const pugi::xml_attribute& attribute, T& out) {
  reader.read_scalar(owner, attribute, out);
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

/// Reads an element into out (a `T*`): the part of reading a document that depends on T.
using ReadRoot = void (*)(Reader& reader, const pugi::xml_node& element, void* out);

template <Complex T>
void read_root(Reader& reader, const pugi::xml_node& element, void* out) {
  read_xml(reader, element, *static_cast<T*>(out));
}

/// Parses text, checks that its root element is root_name and reads it with read; compiled once in the runtime.
void read_document(std::string_view text, std::string_view root_name, ReadMode mode, ReadWarnings* warnings,
                   ReadRoot read, void* out);
/// Reads element with read (errors carry the element path, not a line).
void read_element(const pugi::xml_node& element, ReadMode mode, ReadWarnings* warnings, ReadRoot read, void* out);

/// Reads a whole document whose root element is root_name as T; a lenient read adds what it skipped to
/// warnings when given. Not inlined, here and in read_element and json::parse_document: each type's two
/// overloads of from_xml (from_json) call it, and inlining it into both emitted twice the code that makes, returns
/// and, on an exception, destroys a T (4 % of veeam_em's .text).
template <Complex T>
[[gnu::noinline]] T read_document(std::string_view text, std::string_view root_name, ReadMode mode,
                                  ReadWarnings* warnings) {
  T value;
  read_document(text, root_name, mode, warnings, &read_root<T>, &value);
  return value;
}

/// Reads an element of an already parsed document as T (errors carry the element path, not a line).
template <Complex T>
[[gnu::noinline]] T read_element(const pugi::xml_node& element, ReadMode mode, ReadWarnings* warnings) {
  T value;
  read_element(element, mode, warnings, &read_root<T>, &value);
  return value;
}

/// Writing.
pugi::xml_node begin_document(pugi::xml_document& doc, const char* root_name, const char* xml_namespace);
std::string to_string(const pugi::xml_document& doc);
/// Appends node as raw XML text (no declaration, no indentation): an element kept to be written again.
void append_raw(std::string& out, const pugi::xml_node& node);

/// An element or attribute holding text: `<Name>text</Name>`, `Name="text"`.
void write_text_element(pugi::xml_node& parent, const char* name, std::string_view text);
void write_text_attribute(pugi::xml_node& node, const char* name, std::string_view text);

/// A scalar field as an element or an attribute. Out of line, so that each field of a generated writer costs a
/// call. A Uid that was never set is not written (see Uid::empty).
void write_scalar_element(pugi::xml_node& parent, const char* name, const std::string& value);
void write_scalar_element(pugi::xml_node& parent, const char* name, std::int32_t value);
void write_scalar_element(pugi::xml_node& parent, const char* name, std::int64_t value);
void write_scalar_element(pugi::xml_node& parent, const char* name, double value);
void write_scalar_element(pugi::xml_node& parent, const char* name, bool value);
void write_scalar_element(pugi::xml_node& parent, const char* name, DateTime value);
void write_scalar_element(pugi::xml_node& parent, const char* name, const Uid& value);
template <class E>
void write_scalar_element(pugi::xml_node& parent, const char* name, const Open<E>& value) {
  write_text_element(parent, name, value.text());
}
void write_scalar_attribute(pugi::xml_node& node, const char* name, const std::string& value);
void write_scalar_attribute(pugi::xml_node& node, const char* name, std::int32_t value);
void write_scalar_attribute(pugi::xml_node& node, const char* name, std::int64_t value);
void write_scalar_attribute(pugi::xml_node& node, const char* name, double value);
void write_scalar_attribute(pugi::xml_node& node, const char* name, bool value);
void write_scalar_attribute(pugi::xml_node& node, const char* name, DateTime value);
void write_scalar_attribute(pugi::xml_node& node, const char* name, const Uid& value);
template <class E>
void write_scalar_attribute(pugi::xml_node& node, const char* name, const Open<E>& value) {
  write_text_attribute(node, name, value.text());
}

template <class T>
void write_element_field(pugi::xml_node& parent, const char* name, const T& value) {
  if constexpr (Complex<T>) {
    pugi::xml_node element = parent.append_child(name);
    write_xml(element, value);
  } else {
    write_scalar_element(parent, name, value);
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
  write_scalar_attribute(node, name, value);
}
template <class T>
void write_attribute_field(pugi::xml_node& node, const char* name, const std::optional<T>& value) {
  if (value) write_attribute_field(node, name, *value);
}

}  // namespace emgen::xml
