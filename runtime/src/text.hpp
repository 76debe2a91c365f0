#pragma once
// Text helpers shared by the runtime's sources; not part of the public API.

#include <cstddef>
#include <string>
#include <string_view>

namespace emgen::detail {

/// Leading and trailing " \t\r\n" removed.
std::string_view trim_xml_whitespace(std::string_view text) noexcept;

/// Appends text in double quotes, C-escaped, cut to 80 bytes and followed by `...` when longer.
void append_quoted(std::string& out, std::string_view text);

/// "a" or "an" for a type or enum name in messages.
std::string_view article_for(std::string_view word) noexcept;

}  // namespace emgen::detail
