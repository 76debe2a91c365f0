#include "emgen/unknown.hpp"

#include <pugixml.hpp>
#include <utility>
#include <vector>

#include "emgen/json_writer.hpp"
#include "emgen/xml.hpp"

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

  std::vector<Attribute> xml_attributes;
  // The elements as XML text, one after the other: a pugixml document per object that holds one would cost a
  // 32 KB page each, which made reading 10,000 sessions with one unknown element each twice as slow.
  std::string xml_elements;
  std::size_t xml_element_count = 0;
  std::vector<Member> json_members;
};

UnknownMembers::UnknownMembers() noexcept = default;
UnknownMembers::UnknownMembers(const UnknownMembers& other) : data_(other.data_ ? new Data(*other.data_) : nullptr) {}
UnknownMembers& UnknownMembers::operator=(const UnknownMembers& other) {
  if (this != &other) *this = UnknownMembers(other);
  return *this;
}

void UnknownMembers::destroy(Data* data) noexcept { delete data; }

UnknownMembers::Data& UnknownMembers::data() {
  if (!data_) data_ = new Data();
  return *data_;
}

std::size_t UnknownMembers::size() const noexcept {
  if (!data_) return 0;
  return data_->xml_attributes.size() + data_->xml_element_count + data_->json_members.size();
}

bool UnknownMembers::dropped_by(Format format) const noexcept {
  if (!data_) return false;
  if (format == Format::xml) return !data_->json_members.empty();
  return !data_->xml_attributes.empty() || !data_->xml_elements.empty();
}

void UnknownMembers::keep_xml_attribute(const pugi::xml_attribute& attribute) {
  data().xml_attributes.push_back(Data::Attribute{attribute.name(), attribute.value()});
}

void UnknownMembers::keep_xml_element(const pugi::xml_node& element) {
  Data& kept = data();
  xml::append_raw(kept.xml_elements, element);
  ++kept.xml_element_count;
}

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
  // Text this reader wrote from a parsed element, so it parses again (pugixml keeps the nodes it appends).
  if (data_->xml_element_count > 0)
    element.append_buffer(data_->xml_elements.data(), data_->xml_elements.size(), pugi::parse_default,
                          pugi::encoding_utf8);
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
  return x.xml_attributes == y.xml_attributes && x.xml_element_count == y.xml_element_count &&
         x.xml_elements == y.xml_elements && x.json_members == y.json_members;
}

}  // namespace emgen
