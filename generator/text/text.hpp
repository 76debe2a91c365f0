// Text operations the generator, its importers and the tools share: ASCII letter case, trimming, reading a whole
// file, percent-encoding. The runtime (runtime/, http/) keeps its own: generated code links it, not this.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace emgen::text {

/// The whitespace of YAML, XML and markdown lines.
inline constexpr std::string_view kWhitespace = " \t\r\n";

constexpr bool is_whitespace(char c) noexcept { return kWhitespace.find(c) != std::string_view::npos; }

/// ASCII only: schema names, XML names and HTTP tokens are ASCII, and a locale must not change what they mean.
char to_lower(char c) noexcept;
std::string to_lower(std::string_view text);
bool equals_ignoring_case(char a, char b) noexcept;
bool equals_ignoring_case(std::string_view a, std::string_view b) noexcept;

/// `text` without the characters of `characters` at either end (or at its end only).
std::string_view trim(std::string_view text, std::string_view characters = kWhitespace) noexcept;
std::string_view trim_end(std::string_view text, std::string_view characters = kWhitespace) noexcept;

/// The bytes of a file as they are (no newline translation), or nothing when it cannot be opened or read; the
/// caller says what the file was for.
std::optional<std::string> read_file(const std::filesystem::path& path);

/// RFC 3986: every byte as %XX (upper-case hex) but the unreserved characters and those of `also_kept`.
std::string percent_encode(std::string_view text, std::string_view also_kept = {});
/// Only the bytes of `escaped` as %XX: GitHub's workflow commands escape `%`, CR and LF this way.
std::string percent_encode_only(std::string_view text, std::string_view escaped);
/// %XX as its byte (a `%` not followed by two hex digits stays); in a query (form encoding) `+` is a space.
std::string percent_decode(std::string_view text, bool plus_is_space);

}  // namespace emgen::text
