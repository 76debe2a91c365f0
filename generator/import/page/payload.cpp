#include "import/page/payload.hpp"

#include <cctype>
#include <pugixml.hpp>

#include "import/page/markdown.hpp"
#include "text/text.hpp"

namespace emgen::gen::import::help_page {
namespace {

/// A flattened code block made a document again: the whitespace between two tags becomes one line break, and
/// nothing inside a tag or a text changes.
/// The pages indent with U+00A0 NO-BREAK SPACE as often as with spaces; between tags both are layout.
std::size_t layout_space_at(std::string_view text, std::size_t at) {
  if (at < text.size() && emgen::text::is_whitespace(text[at])) return 1;
  if (at + 1 < text.size() && text[at] == '\xC2' && text[at + 1] == '\xA0') return 2;
  return 0;
}

std::string reconstruct(std::string_view flattened) {
  std::string out;
  for (std::size_t i = 0; i < flattened.size(); ++i) {
    if (flattened[i] == '>') {
      std::size_t next = i + 1;
      while (const std::size_t width = layout_space_at(flattened, next)) next += width;
      out += '>';
      if (next < flattened.size() && flattened[next] == '<' && next > i + 1) {
        out += '\n';
        i = next - 1;
      }
      continue;
    }
    out += flattened[i];
  }
  return std::string(emgen::text::trim(out));
}

std::optional<Payload> payload_in(std::string text, int line, const std::string& caption) {
  // A payload is the whole cell (or all of it after "Response Body:"); a `<` inside a sentence or a URL
  // (`https://<Enterprise-Manager>:9398`) is not one.
  text = std::string(emgen::text::trim(text));
  if (!text.starts_with('<')) return std::nullopt;
  const bool declaration = text.starts_with("<?xml");
  if (!declaration && !(text.size() > 1 && std::isalpha(static_cast<unsigned char>(text[1])))) return std::nullopt;
  Payload payload;
  payload.line = line;
  payload.caption = caption;
  payload.text = reconstruct(text);
  pugi::xml_document document;
  const pugi::xml_parse_result parsed =
      document.load_buffer(payload.text.data(), payload.text.size(), pugi::parse_default & ~pugi::parse_doctype);
  payload.complete = parsed && document.document_element();
  if (document.document_element()) payload.root = document.document_element().name();
  return payload;
}

}  // namespace

bool is_json_payload(const std::string& cell) {
  std::string text = unescape_markdown(cell);
  if (const std::size_t body = text.find("Response Body:"); body != std::string::npos) text = text.substr(body + 14);
  text = std::string(emgen::text::trim(text));
  return text.size() > 1 &&
         ((text.front() == '{' && text.back() == '}') || (text.front() == '[' && text.back() == ']'));
}

std::optional<Payload> payload_of(const std::string& cell, int line, const std::string& caption) {
  std::string text = unescape_markdown(cell);
  if (const std::size_t body = text.find("Response Body:"); body != std::string::npos) text = text.substr(body + 14);
  return payload_in(std::move(text), line, caption);
}

std::optional<Payload> request_payload_of(const std::string& cell, int line, const std::string& caption) {
  std::string text = unescape_markdown(cell);
  const std::size_t body = text.find("Request Body:");
  if (body == std::string::npos) return std::nullopt;
  text = text.substr(body + 13);
  if (const std::size_t response = text.rfind("Response:"); response != std::string::npos) text.resize(response);
  return payload_in(std::move(text), line, caption);
}

}  // namespace emgen::gen::import::help_page
