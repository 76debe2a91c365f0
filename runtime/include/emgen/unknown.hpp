#pragma once
// What a lenient read kept of a payload that the schema does not list, so that writing the value back (a GET,
// an edit, a PUT) loses nothing the server sent. protobuf keeps unknown fields for the same reason.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace pugi {
class xml_node;
class xml_attribute;
}  // namespace pugi

namespace emgen::json {
class Writer;
}  // namespace emgen::json

namespace emgen {

/// The unknown attributes, elements and JSON members of one object, in document order. Each generated type
/// that has no base holds one as `unknown_members` (a derived type inherits it). It is one null pointer while
/// nothing is unknown, which is every strict read and almost every lenient one.
///
/// Unknown members are written back in the format they were read from: a value read from XML writes its
/// unknown attributes and elements into to_xml(), one read from JSON its unknown members into to_json().
/// Across formats they are not written, since their shapes do not translate (an XML element has no JSON
/// casing, array or null form): from_xml() then to_json() drops them, and dropped_by() says so.
class UnknownMembers {
 public:
  enum class Format { xml, json };

  UnknownMembers() noexcept;
  UnknownMembers(const UnknownMembers& other);
  UnknownMembers& operator=(const UnknownMembers& other);
  // Moving and destroying an empty one, which is almost every one, is inline: every generated object does both.
  UnknownMembers(UnknownMembers&& other) noexcept : data_(std::exchange(other.data_, nullptr)) {}
  UnknownMembers& operator=(UnknownMembers&& other) noexcept {
    if (this != &other) {
      if (data_ != nullptr) destroy(data_);
      data_ = std::exchange(other.data_, nullptr);
    }
    return *this;
  }
  ~UnknownMembers() {
    if (data_ != nullptr) destroy(data_);
  }

  bool empty() const noexcept { return data_ == nullptr; }
  /// How many were kept: attributes, elements and JSON members together.
  std::size_t size() const noexcept;
  /// Whether writing in format would leave some out (they were read from the other format).
  bool dropped_by(Format format) const noexcept;

  /// Kept by the XML reader: an attribute (qualified name and value) and a whole element, deep-copied.
  void keep_xml_attribute(const pugi::xml_attribute& attribute);
  void keep_xml_element(const pugi::xml_node& element);
  /// Kept by the JSON reader: a member's key as written and its value's JSON text, already checked to be
  /// well-formed.
  void keep_json_member(std::string_view key, std::string_view value_json);

  /// The unknown attributes and then the unknown elements, appended to element after its known ones.
  void write_xml(pugi::xml_node& element) const;
  /// The unknown JSON members, after the known ones of the object being written.
  void write_json(json::Writer& writer) const;

  /// The same attributes, elements (compared as written) and members in the same order.
  friend bool operator==(const UnknownMembers& a, const UnknownMembers& b);

 private:
  struct Data;
  Data& data();
  static void destroy(Data* data) noexcept;
  Data* data_ = nullptr;
};

}  // namespace emgen
