#include "emgen/unknown.hpp"

#include <sstream>
#include <utility>
#include <vector>

#include <pugixml.hpp>

#include "emgen/json_writer.hpp"

namespace emgen {

struct UnknownMembers::Data {
  struct Attribute {
    std::string name;
    std::string value;
    friend bool operator==(const Attribute&, const Attribute&) = default;
  };
  struct Member {
    std::string key;
    std::string json;
    friend bool operator==(const Member&, const Member&) = default;
  };

  Data() = default;
  Data(const Data& other) : xml_attributes(other.xml_attributes), json_members(other.json_members) {
    for (pugi::xml_node element = other.xml_elements.first_child(); element; element = element.next_sibling())
      xml_elements.append_copy(element);
  }

  std::size_t element_count() const {
    std::size_t count = 0;
    for (pugi::xml_node element = xml_elements.first_child(); element; element = element.next_sibling()) ++count;
    return count;
  }

  std::vector<Attribute> xml_attributes;
  // A document used as a container of copied elements: pugixml's nodes live in a document's memory.
  pugi::xml_document xml_elements;
  std::vector<Member> json_members;
};

namespace {

std::string written(const pugi::xml_node& element) {
  std::ostringstream out;
  element.print(out, "", pugi::format_raw, pugi::encoding_utf8);
  return out.str();
}

}  // namespace

UnknownMembers::UnknownMembers() noexcept = default;
UnknownMembers::UnknownMembers(const UnknownMembers& other)
    : data_(other.data_ ? std::make_unique<Data>(*other.data_) : nullptr) {}
UnknownMembers& UnknownMembers::operator=(const UnknownMembers& other) {
  if (this != &other) data_ = other.data_ ? std::make_unique<Data>(*other.data_) : nullptr;
  return *this;
}
UnknownMembers::UnknownMembers(UnknownMembers&& other) noexcept = default;
UnknownMembers& UnknownMembers::operator=(UnknownMembers&& other) noexcept = default;
UnknownMembers::~UnknownMembers() = default;

UnknownMembers::Data& UnknownMembers::data() {
  if (!data_) data_ = std::make_unique<Data>();
  return *data_;
}

std::size_t UnknownMembers::size() const noexcept {
  if (!data_) return 0;
  return data_->xml_attributes.size() + data_->element_count() + data_->json_members.size();
}

bool UnknownMembers::dropped_by(Format format) const noexcept {
  if (!data_) return false;
  if (format == Format::xml) return !data_->json_members.empty();
  return !data_->xml_attributes.empty() || data_->xml_elements.first_child();
}

void UnknownMembers::keep_xml_attribute(const pugi::xml_attribute& attribute) {
  data().xml_attributes.push_back(Data::Attribute{attribute.name(), attribute.value()});
}

void UnknownMembers::keep_xml_element(const pugi::xml_node& element) { data().xml_elements.append_copy(element); }

void UnknownMembers::keep_json_member(std::string_view key, std::string_view value_json) {
  // Without its layout, so that a value read from compact and from pretty JSON keeps the same members.
  std::string json;
  json::append_without_layout(json, value_json);
  data().json_members.push_back(Data::Member{std::string(key), std::move(json)});
}

void UnknownMembers::write_xml(pugi::xml_node& element) const {
  if (!data_) return;
  for (const Data::Attribute& attribute : data_->xml_attributes)
    element.append_attribute(attribute.name.c_str()).set_value(attribute.value.c_str());
  for (pugi::xml_node kept = data_->xml_elements.first_child(); kept; kept = kept.next_sibling())
    element.append_copy(kept);
}

void UnknownMembers::write_json(json::Writer& writer) const {
  if (!data_) return;
  for (const Data::Member& member : data_->json_members) {
    writer.key(json::Key(member.key));
    writer.raw(member.json);
  }
}

bool operator==(const UnknownMembers& a, const UnknownMembers& b) {
  if (a.empty() || b.empty()) return a.empty() == b.empty();
  const UnknownMembers::Data& x = *a.data_;
  const UnknownMembers::Data& y = *b.data_;
  if (x.xml_attributes != y.xml_attributes || x.json_members != y.json_members) return false;
  pugi::xml_node left = x.xml_elements.first_child();
  pugi::xml_node right = y.xml_elements.first_child();
  for (; left && right; left = left.next_sibling(), right = right.next_sibling())
    if (written(left) != written(right)) return false;
  return !left && !right;
}

}  // namespace emgen
