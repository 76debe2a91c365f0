#include "emgen/xml.hpp"

#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <vector>

#include "emgen/json_writer.hpp"
#include "text.hpp"

namespace emgen::xml {
namespace {

bool starts_with(std::string_view text, std::string_view prefix) noexcept {
  return text.substr(0, prefix.size()) == prefix;
}

// No position: std::optional<std::size_t> would read better, but g++ 12 at -O2 reports false
// -Wmaybe-uninitialized for it here, and the build uses -Werror.
constexpr std::size_t kUnknown = std::string_view::npos;

// A byte offset into source that is believed to point at `name`. pugixml's offsets are only meaningful
// for nodes parsed from this very source, so the name found there is compared with the expected one:
// a node built in memory or parsed from other text gets no position rather than a wrong one.
std::size_t checked_offset(std::string_view source, std::ptrdiff_t offset, const char* name) {
  if (source.empty() || offset < 0 || static_cast<std::size_t>(offset) >= source.size()) return kUnknown;
  const auto at = static_cast<std::size_t>(offset);
  if (name != nullptr && *name != '\0' && source.substr(at, std::strlen(name)) != name) return kUnknown;
  return at;
}

std::size_t node_offset(std::string_view source, const pugi::xml_node& node) {
  if (!node) return kUnknown;
  // Text values are rewritten in place (entities, line ends), so only their start can be checked.
  const char* name = node.type() == pugi::node_element ? node.name() : nullptr;
  return checked_offset(source, node.offset_debug(), name);
}

std::size_t attribute_offset(std::string_view source, const pugi::xml_node& owner,
                             const pugi::xml_attribute& attribute) {
  const std::size_t element = node_offset(source, owner);
  if (element == kUnknown || !attribute) return element;
  // pugixml has no offset_debug for attributes, but parsed names point into its copy of the source, so
  // the distance from the element's name carries over. Integers, not pointer subtraction, because an
  // attribute added in memory lives in another allocation.
  const auto distance = static_cast<std::ptrdiff_t>(reinterpret_cast<std::uintptr_t>(attribute.name()) -
                                                    reinterpret_cast<std::uintptr_t>(owner.name()));
  const auto offset = static_cast<std::ptrdiff_t>(element) + distance;
  const std::size_t at = checked_offset(source, offset, attribute.name());
  return at != kUnknown ? at : element;
}

[[noreturn]] void throw_at(std::string path, std::string message, std::string_view source, std::size_t offset) {
  TextPosition position;
  if (offset != kUnknown) position = position_of(source, offset);
  throw ParseError(std::move(path), std::move(message), position.line, position.column);
}

/// XML whitespace, and also U+00A0: Veeam's help pages indent their example payloads with no-break spaces,
/// and a payload copied from them must still read strictly.
bool is_layout(std::string_view text) noexcept {
  constexpr std::string_view kNoBreakSpace = "\xC2\xA0";
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (text.substr(i, 2) == kNoBreakSpace) {
      i += 2;
    } else {
      return false;
    }
  }
  return true;
}

// Strict: `"Foo" is not a LinkRel value`; lenient: `kept "Foo", which is not a LinkRel value`.
std::string not_listed_message(std::string_view text, std::string_view enum_name, bool kept) {
  std::string message = kept ? "kept " : "";
  detail::append_quoted(message, text);
  message += kept ? ", which is not " : " is not ";
  message += detail::article_for(enum_name);
  message += ' ';
  message += enum_name;
  message += " value";
  return message;
}

class StringWriter final : public pugi::xml_writer {
 public:
  explicit StringWriter(std::string& out) : out_(out) {}
  void write(const void* data, std::size_t size) override { out_.append(static_cast<const char*>(data), size); }

 private:
  std::string& out_;
};

}  // namespace

std::string_view local_name(const char* qualified_name) noexcept {
  if (qualified_name == nullptr) return {};
  const std::string_view name = qualified_name;
  const std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

bool is_markup_attribute(const pugi::xml_attribute& attribute) noexcept {
  const std::string_view name = attribute.name();
  return name == "xmlns" || starts_with(name, "xmlns:") || starts_with(name, "xsi:") || starts_with(name, "xml:");
}

bool is_nil(const pugi::xml_node& element) noexcept {
  for (pugi::xml_attribute attribute = element.first_attribute(); attribute; attribute = attribute.next_attribute()) {
    const std::string_view name = attribute.name();
    if (name == "xsi:nil" || (name.size() > 4 && name.substr(name.size() - 4) == ":nil")) {
      const std::string_view value = attribute.value();
      return value == "true" || value == "1";
    }
  }
  return false;
}

/// Paths and positions for a reader's warnings and errors. A step's index among its same-named siblings
/// (`Link[2]`) is found for all the children of a parent at once, the first time one of them is named, so that
/// naming every item of a 10,000-item list costs one pass over it, not one pass per item; line:column come
/// from a line index built once. Neither is built by a read that reports nothing.
class Reader::Locator {
 public:
  explicit Locator(std::string_view source) : source_(source), lines_(source) {}

  // Local names throughout, as elements are matched by them (see local_name).
  std::string element_path(const pugi::xml_node& node) {
    std::vector<const Step*> steps;
    for (pugi::xml_node at = node; at && at.type() == pugi::node_element; at = at.parent())
      steps.push_back(&step_of(at));
    if (steps.empty()) return "/";
    std::string path;
    for (auto step = steps.rbegin(); step != steps.rend(); ++step) {
      path += '/';
      path += (*step)->name;
      if ((*step)->count > 1) {
        path += '[';
        path += std::to_string((*step)->index);
        path += ']';
      }
    }
    return path;
  }

  // Text and CDATA report the element they sit in; anything else its own path.
  std::string node_path(const pugi::xml_node& node) {
    return element_path(node.type() == pugi::node_element ? node : node.parent());
  }

  std::string attribute_path(const pugi::xml_node& owner, const pugi::xml_attribute& attribute) {
    std::string path = element_path(owner);
    if (path != "/") path += '/';
    path += '@';
    path += local_name(attribute.name());
    return path;
  }

  TextPosition position(std::size_t offset) const {
    if (offset == kUnknown) return {};
    return lines_.position_of(offset);
  }
  std::string_view source() const noexcept { return source_; }

 private:
  struct Step {
    std::string_view name;
    std::size_t index = 0;  // 1-based among the siblings of the same name
    std::size_t count = 0;  // siblings of that name, itself included
  };

  const Step& step_of(const pugi::xml_node& node) {
    if (const auto found = steps_.find(node.internal_object()); found != steps_.end()) return found->second;
    const pugi::xml_node parent = node.parent();
    std::unordered_map<std::string_view, std::size_t> seen;
    for (pugi::xml_node sibling = parent.first_child(); sibling; sibling = sibling.next_sibling()) {
      if (sibling.type() != pugi::node_element) continue;
      const std::string_view name = local_name(sibling.name());
      steps_[sibling.internal_object()] = Step{name, ++seen[name], 0};
    }
    for (pugi::xml_node sibling = parent.first_child(); sibling; sibling = sibling.next_sibling())
      if (sibling.type() == pugi::node_element) {
        Step& step = steps_[sibling.internal_object()];
        step.count = seen[step.name];
      }
    return steps_[node.internal_object()];
  }

  std::string_view source_;
  LineIndex lines_;
  std::unordered_map<const pugi::xml_node_struct*, Step> steps_;
};

Reader::Reader(std::string_view source, ReadMode mode, ReadWarnings* warnings) noexcept
    : source_(source), mode_(mode), warnings_(warnings) {}

Reader::~Reader() = default;

Reader::Locator& Reader::locator() const {
  if (!locator_) locator_ = std::make_unique<Locator>(source_);
  return *locator_;
}

bool Reader::keeps_warning() const {
  if (warnings_ == nullptr) return false;
  if (warnings_->keeps_another()) return true;
  warnings_->count_not_kept();
  return false;
}

void Reader::fail(const pugi::xml_node& at, const std::string& message) const {
  Locator& where = locator();
  const TextPosition position = where.position(node_offset(source_, at));
  throw ParseError(where.node_path(at), message, position.line, position.column);
}

void Reader::fail(const pugi::xml_node& owner, const pugi::xml_attribute& at, const std::string& message) const {
  Locator& where = locator();
  const TextPosition position = where.position(attribute_offset(source_, owner, at));
  throw ParseError(where.attribute_path(owner, at), message, position.line, position.column);
}

void Reader::fail_document(const pugi::xml_node& root, const std::string& message) const {
  Locator& where = locator();
  const TextPosition position = where.position(node_offset(source_, root));
  throw DocumentMismatch(where.node_path(root), message, position.line, position.column);
}

void Reader::warn(const pugi::xml_node& at, std::string message) const {
  if (!keeps_warning()) return;
  Locator& where = locator();
  const TextPosition position = where.position(node_offset(source_, at));
  warnings_->add(ReadWarning{where.node_path(at), std::move(message), position.line, position.column});
}

void Reader::warn(const pugi::xml_node& owner, const pugi::xml_attribute& at, std::string message) const {
  if (!keeps_warning()) return;
  Locator& where = locator();
  const TextPosition position = where.position(attribute_offset(source_, owner, at));
  warnings_->add(ReadWarning{where.attribute_path(owner, at), std::move(message), position.line, position.column});
}

void Reader::warn_in(const pugi::xml_node& holder, const pugi::xml_node& at, std::string message) const {
  if (!keeps_warning()) return;
  Locator& where = locator();
  const TextPosition position = where.position(node_offset(source_, at));
  warnings_->add(ReadWarning{where.node_path(holder), std::move(message), position.line, position.column});
}

void Reader::warn_in(const pugi::xml_node& holder, const pugi::xml_attribute& at, std::string message) const {
  if (!keeps_warning()) return;
  Locator& where = locator();
  const TextPosition position = where.position(attribute_offset(source_, holder, at));
  warnings_->add(ReadWarning{where.element_path(holder), std::move(message), position.line, position.column});
}

void Reader::unknown_element(const pugi::xml_node& element, UnknownMembers& keep) const {
  if (strict()) fail(element, "unknown element <" + std::string(local_name(element.name())) + ">");
  keep.keep_xml_element(element);
  // Reported at the element itself, under the path of the element that holds it.
  if (keeps_warning())
    warn_in(element.parent(), element, "kept unknown element <" + std::string(local_name(element.name())) + ">");
}

void Reader::unknown_element(const pugi::xml_node& element) const {
  if (strict()) fail(element, "unknown element <" + std::string(local_name(element.name())) + ">");
  if (keeps_warning())
    warn_in(element.parent(), element, "skipped unknown element <" + std::string(local_name(element.name())) + ">");
}

void Reader::unknown_attribute(const pugi::xml_node& owner, const pugi::xml_attribute& attribute,
                               UnknownMembers& keep) const {
  // Namespace declarations and xsi:type are legitimately on any element, whatever the schema lists.
  if (is_markup_attribute(attribute)) return;
  if (strict()) fail(owner, attribute, "unknown attribute " + std::string(local_name(attribute.name())));
  keep.keep_xml_attribute(attribute);
  // Under the path of the element that holds it, as an unknown element is.
  if (keeps_warning()) warn_in(owner, attribute, "kept unknown attribute " + std::string(local_name(attribute.name())));
}

void Reader::unknown_attribute(const pugi::xml_node& owner, const pugi::xml_attribute& attribute) const {
  if (is_markup_attribute(attribute)) return;
  if (strict()) fail(owner, attribute, "unknown attribute " + std::string(local_name(attribute.name())));
  if (keeps_warning())
    warn_in(owner, attribute, "skipped unknown attribute " + std::string(local_name(attribute.name())));
}

void Reader::check_no_attributes(const pugi::xml_node& element) const {
  for (pugi::xml_attribute attribute = element.first_attribute(); attribute; attribute = attribute.next_attribute())
    if (!is_markup_attribute(attribute)) unknown_attribute(element, attribute);
}

void Reader::stray_text(const pugi::xml_node& text) const {
  // Indentation between elements is layout, not content, in either mode.
  if (is_layout(text.value())) return;
  if (!strict()) {
    // Not quoted: text the schema does not expect is not copied into a warning that may be logged.
    warn(text, "skipped text that is not in any element the schema knows");
    return;
  }
  std::string message = "unexpected text ";
  detail::append_quoted(message, text.value());
  fail(text, message);
}

void Reader::end_element(const pugi::xml_node& element, std::string_view type_name, std::size_t members,
                         std::size_t unknown) const {
  if (members == 0 || unknown < members || !keeps_warning()) return;
  warn(element, "none of the " + std::to_string(members) +
                    (members == 1 ? " attribute or element" : " attributes and elements") + " is known to " +
                    std::string(type_name) +
                    ", so it reads as empty: is the document another type, or from another API version?");
}

void Reader::unlisted_value(const pugi::xml_node& at, std::string_view text, std::string_view enum_name) const {
  if (strict()) fail(at, not_listed_message(text, enum_name, false));
  if (keeps_warning()) warn(at, not_listed_message(text, enum_name, true));
}

void Reader::unlisted_value(const pugi::xml_node& owner, const pugi::xml_attribute& at, std::string_view text,
                            std::string_view enum_name) const {
  if (strict()) fail(owner, at, not_listed_message(text, enum_name, false));
  if (keeps_warning()) warn(owner, at, not_listed_message(text, enum_name, true));
}

void Reader::duplicate(const pugi::xml_node& element) const {
  fail(element, "element <" + std::string(local_name(element.name())) + "> appears more than once");
}

void Reader::duplicate(const pugi::xml_node& owner, const pugi::xml_attribute& attribute) const {
  fail(owner, attribute, "attribute " + std::string(local_name(attribute.name())) + " appears more than once");
}

void Reader::missing_element(const pugi::xml_node& owner, std::string_view name) const {
  if (strict()) fail(owner, "missing required element <" + std::string(name) + ">");
  if (keeps_warning()) warn(owner, "missing required element <" + std::string(name) + ">, read as its default");
}

void Reader::missing_attribute(const pugi::xml_node& owner, std::string_view name) const {
  if (strict()) fail(owner, "missing required attribute " + std::string(name));
  if (keeps_warning()) warn(owner, "missing required attribute " + std::string(name) + ", read as its default");
}

void Reader::nil_required(const pugi::xml_node& element) const {
  if (strict()) fail(element, "nil for a required value");
  if (keeps_warning()) warn(element, "nil for a required value, read as its default");
}

std::string_view Reader::text_of(const pugi::xml_node& element) { return joined_text(element, true); }

std::string_view Reader::text_beside_elements(const pugi::xml_node& element) { return joined_text(element, false); }

std::string_view Reader::joined_text(const pugi::xml_node& element, bool refuse_elements) {
  std::string_view single;
  std::size_t chunks = 0;
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    switch (child.type()) {
      case pugi::node_element:
        if (refuse_elements)
          fail(element, "expected text, found element <" + std::string(local_name(child.name())) + ">");
        break;
      case pugi::node_pcdata:
      case pugi::node_cdata:
        // The common case, one chunk, is returned in place; copying starts only at a second chunk
        // (text split by CDATA sections or comments).
        if (++chunks == 1) {
          single = child.value();
        } else {
          if (chunks == 2) joined_text_.assign(single);
          joined_text_ += child.value();
        }
        break;
      default:
        break;
    }
  }
  return chunks > 1 ? std::string_view(joined_text_) : single;
}

pugi::xml_node parse_document(pugi::xml_document& doc, std::string_view text, std::string_view root_name,
                              const Reader& reader) {
  // Explicitly UTF-8 so that pugixml never converts the buffer and its offsets stay offsets into text.
  // parse_doctype keeps DOCTYPE nodes only so they can be refused below.
  // XML requires a well-formed encoding, and pugixml does not check it: a bad byte would reach the
  // values (and fail only later, in the JSON writer, without a location).
  if (const std::size_t bad = json::invalid_utf8_offset(text); bad != std::string_view::npos)
    throw_at("/", "malformed XML: invalid UTF-8", text, bad);
  // parse_fragment keeps text outside the root element as nodes (otherwise pugixml drops it silently), so
  // that it can be refused below.
  const pugi::xml_parse_result result = doc.load_buffer(
      text.data(), text.size(), pugi::parse_default | pugi::parse_doctype | pugi::parse_fragment, pugi::encoding_utf8);
  const std::size_t parse_offset = result.offset < 0 ? kUnknown : static_cast<std::size_t>(result.offset);
  if (result.status == pugi::status_no_document_element) throw_at("/", "no root element", text, parse_offset);
  if (!result) throw_at("/", std::string("malformed XML: ") + result.description(), text, parse_offset);

  bool seen_root = false;
  for (pugi::xml_node child = doc.first_child(); child; child = child.next_sibling()) {
    // pugixml accepts a second root element and keeps CDATA after the root; XML allows neither, and
    // reading only the first root would silently drop whatever the rest says.
    if (child.type() == pugi::node_element) {
      if (seen_root) throw_at("/", "malformed XML: more than one root element", text, node_offset(text, child));
      seen_root = true;
      continue;
    }
    if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      if (!is_layout(child.value())) {
        // Located at the first character that is not layout, not at the line break before it.
        const std::string_view value = child.value();
        std::size_t at = node_offset(text, child);
        const std::size_t first = value.find_first_not_of(" \t\r\n");
        if (at != kUnknown && first != std::string_view::npos && text.substr(at).rfind(value.substr(0, first), 0) == 0)
          at += first;
        throw_at("/", "malformed XML: text outside the root element", text, at);
      }
      continue;
    }
    if (child.type() != pugi::node_doctype) continue;
    // pugixml never expands entities, but a DOCTYPE is where billion-laughs and external-entity
    // payloads live, and EM never sends one: refusing it keeps such payloads out of every later step.
    std::size_t at = checked_offset(text, child.offset_debug(), nullptr);
    if (at != kUnknown) {
      const std::size_t start = text.rfind("<!DOCTYPE", at);
      if (start != std::string_view::npos) at = start;
    }
    throw_at("/", "DOCTYPE declarations are not accepted (entity expansion protection)", text, at);
  }

  if (!seen_root) throw_at("/", "no root element", text, text.size());
  const pugi::xml_node root = doc.document_element();
  check_root(root, root_name, reader);
  return root;
}

void check_root(const pugi::xml_node& root, std::string_view root_name, const Reader& reader) {
  if (!root) throw ParseError("/", "no root element");
  const std::string_view name = local_name(root.name());
  if (name != root_name)
    reader.fail_document(root,
                         "expected root element <" + std::string(root_name) + ">, found <" + std::string(name) + ">");
}

pugi::xml_node begin_document(pugi::xml_document& doc, const char* root_name, const char* xml_namespace) {
  doc.reset();
  // Kept in the document too, so that saving it directly with pugixml also states the encoding.
  pugi::xml_node declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version").set_value("1.0");
  declaration.append_attribute("encoding").set_value("utf-8");
  pugi::xml_node root = doc.append_child(root_name);
  if (xml_namespace != nullptr && *xml_namespace != '\0') root.append_attribute("xmlns").set_value(xml_namespace);
  return root;
}

void append_raw(std::string& out, const pugi::xml_node& node) {
  StringWriter writer(out);
  node.print(writer, "", pugi::format_raw, pugi::encoding_utf8);
}

std::string to_string(const pugi::xml_document& doc) {
  // The declaration is written here rather than taken from the document, so every output starts the
  // same way whether or not the document was made by begin_document.
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  StringWriter writer(out);
  for (pugi::xml_node child = doc.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_declaration) continue;
    child.print(writer, "  ", pugi::format_default, pugi::encoding_utf8, 0);
  }
  return out;
}

void read_wrapped_field(Reader& reader, const pugi::xml_node& wrapper, std::string_view item_name, const ListOps& ops,
                        void* list, bool& seen) {
  if (seen) reader.duplicate(wrapper);
  seen = true;
  // A nil list is an empty one, as JSON's null.
  if (is_nil(wrapper)) return;
  reader.check_no_attributes(wrapper);
  // One pass to count saves the vector's regrowth (1, 2, 4, 8 for six links): allocation is most of the cost.
  std::size_t count = 0;
  for (pugi::xml_node child = wrapper.first_child(); child; child = child.next_sibling())
    count += child.type() == pugi::node_element ? 1 : 0;
  ops.reserve(list, count);
  for (pugi::xml_node child = wrapper.first_child(); child; child = child.next_sibling()) {
    if (child.type() == pugi::node_element) {
      if (local_name(child.name()) == item_name)
        ops.read_item(reader, child, list);
      else
        reader.unknown_element(child);
    } else if (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata) {
      reader.stray_text(child);
    }
  }
}

void read_document(std::string_view text, std::string_view root_name, ReadMode mode, ReadWarnings* warnings,
                   ReadRoot read, void* out) {
  pugi::xml_document document;
  Reader reader(text, mode, warnings);
  const pugi::xml_node root = parse_document(document, text, root_name, reader);
  read(reader, root, out);
}

void read_element(const pugi::xml_node& element, ReadMode mode, ReadWarnings* warnings, ReadRoot read, void* out) {
  Reader reader({}, mode, warnings);
  read(reader, element, out);
}

MemberCounts read_members(Reader& reader, const pugi::xml_node& element, const ElementFields& fields, void* out,
                          bool* seen, UnknownMembers& keep) {
  MemberCounts counts;
  for (pugi::xml_attribute attribute = element.first_attribute(); attribute; attribute = attribute.next_attribute()) {
    if (is_markup_attribute(attribute)) continue;
    ++counts.members;
    if (const std::size_t field = find_field(fields.attributes, local_name(attribute.name())); field != kNoField) {
      fields.read_attribute(reader, element, attribute, field, out, seen);
    } else {
      ++counts.unknown;
      reader.unknown_attribute(element, attribute, keep);
    }
  }
  for (pugi::xml_node child = element.first_child(); child; child = child.next_sibling()) {
    if (child.type() != pugi::node_element) {
      if (!fields.has_text && (child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata))
        reader.stray_text(child);
      continue;
    }
    ++counts.members;
    if (const std::size_t field = find_field(fields.elements, local_name(child.name())); field != kNoField) {
      fields.read_element(reader, child, field, out, seen);
    } else {
      ++counts.unknown;
      reader.unknown_element(child, keep);
    }
  }
  return counts;
}

bool Reader::enter_field(const pugi::xml_node& element, bool& seen, bool required) const {
  if (seen) duplicate(element);
  seen = true;
  if (!is_nil(element)) return true;
  if (required) nil_required(element);
  return false;
}

void Reader::enter_item(const pugi::xml_node& element, bool& seen) const {
  seen = true;
  if (is_nil(element)) fail(element, "nil for an item of a list");
}

namespace {

template <class T>
void read_scalar_element(Reader& reader, const pugi::xml_node& element, T& out) {
  reader.check_no_attributes(element);
  read_text(reader, element, reader.text_of(element), out);
}

template <class T>
void read_scalar_attribute(const Reader& reader, const pugi::xml_node& owner, const pugi::xml_attribute& attribute,
                           T& out) {
  const std::string_view text = attribute.value();
  const ScalarResult result = parse_scalar(text, out);
  if (result != ScalarResult::ok)
    reader.fail(owner, attribute, scalar_error(text, scalar_type_name(std::type_identity<T>{}), result));
}

}  // namespace

void Reader::read_scalar(const pugi::xml_node& element, std::string& out) { read_scalar_element(*this, element, out); }
void Reader::read_scalar(const pugi::xml_node& element, std::int32_t& out) { read_scalar_element(*this, element, out); }
void Reader::read_scalar(const pugi::xml_node& element, std::int64_t& out) { read_scalar_element(*this, element, out); }
void Reader::read_scalar(const pugi::xml_node& element, double& out) { read_scalar_element(*this, element, out); }
void Reader::read_scalar(const pugi::xml_node& element, bool& out) { read_scalar_element(*this, element, out); }
void Reader::read_scalar(const pugi::xml_node& element, DateTime& out) { read_scalar_element(*this, element, out); }
void Reader::read_scalar(const pugi::xml_node& element, Uid& out) { read_scalar_element(*this, element, out); }

void Reader::read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, std::string& out) const {
  read_scalar_attribute(*this, owner, attribute, out);
}
void Reader::read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, std::int32_t& out) const {
  read_scalar_attribute(*this, owner, attribute, out);
}
void Reader::read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, std::int64_t& out) const {
  read_scalar_attribute(*this, owner, attribute, out);
}
void Reader::read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, double& out) const {
  read_scalar_attribute(*this, owner, attribute, out);
}
void Reader::read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, bool& out) const {
  read_scalar_attribute(*this, owner, attribute, out);
}
void Reader::read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, DateTime& out) const {
  read_scalar_attribute(*this, owner, attribute, out);
}
void Reader::read_scalar(const pugi::xml_node& owner, const pugi::xml_attribute& attribute, Uid& out) const {
  read_scalar_attribute(*this, owner, attribute, out);
}

void write_text_element(pugi::xml_node& parent, const char* name, std::string_view text) {
  parent.append_child(name).text().set(text.data(), text.size());
}

void write_text_attribute(pugi::xml_node& node, const char* name, std::string_view text) {
  node.append_attribute(name).set_value(text.data(), text.size());
}

namespace {

using WriteText = void (*)(pugi::xml_node& node, const char* name, std::string_view text);

template <class T>
void write_scalar(pugi::xml_node& node, const char* name, const T& value, WriteText write) {
  if constexpr (std::is_same_v<T, Uid>)
    if (value.empty()) return;  // never set (see Uid::empty)
  write(node, name, format_scalar(value));
}

}  // namespace

void write_scalar_element(pugi::xml_node& parent, const char* name, const std::string& value) {
  write_scalar(parent, name, value, write_text_element);
}
void write_scalar_element(pugi::xml_node& parent, const char* name, std::int32_t value) {
  write_scalar(parent, name, value, write_text_element);
}
void write_scalar_element(pugi::xml_node& parent, const char* name, std::int64_t value) {
  write_scalar(parent, name, value, write_text_element);
}
void write_scalar_element(pugi::xml_node& parent, const char* name, double value) {
  write_scalar(parent, name, value, write_text_element);
}
void write_scalar_element(pugi::xml_node& parent, const char* name, bool value) {
  write_scalar(parent, name, value, write_text_element);
}
void write_scalar_element(pugi::xml_node& parent, const char* name, DateTime value) {
  write_scalar(parent, name, value, write_text_element);
}
void write_scalar_element(pugi::xml_node& parent, const char* name, const Uid& value) {
  write_scalar(parent, name, value, write_text_element);
}

void write_scalar_attribute(pugi::xml_node& node, const char* name, const std::string& value) {
  write_scalar(node, name, value, write_text_attribute);
}
void write_scalar_attribute(pugi::xml_node& node, const char* name, std::int32_t value) {
  write_scalar(node, name, value, write_text_attribute);
}
void write_scalar_attribute(pugi::xml_node& node, const char* name, std::int64_t value) {
  write_scalar(node, name, value, write_text_attribute);
}
void write_scalar_attribute(pugi::xml_node& node, const char* name, double value) {
  write_scalar(node, name, value, write_text_attribute);
}
void write_scalar_attribute(pugi::xml_node& node, const char* name, bool value) {
  write_scalar(node, name, value, write_text_attribute);
}
void write_scalar_attribute(pugi::xml_node& node, const char* name, DateTime value) {
  write_scalar(node, name, value, write_text_attribute);
}
void write_scalar_attribute(pugi::xml_node& node, const char* name, const Uid& value) {
  write_scalar(node, name, value, write_text_attribute);
}

}  // namespace emgen::xml
