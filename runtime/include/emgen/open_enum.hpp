#pragma once
// Open<E>: an enum field that also keeps values the schemas do not list.

#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace emgen {

/// Generated enums provide, next to `enum class E { ..., Unlisted }`:
///   std::string_view to_string(E) noexcept;                       // wire text; "" for Unlisted
///   std::optional<E> parse_enum(std::string_view, std::type_identity<E>) noexcept;
/// Open<E> finds both by argument-dependent lookup.
template <class E>
class Open {
 public:
  /// The first listed value.
  constexpr Open() noexcept : value_{} {}
  constexpr Open(E value) noexcept : value_(value) {}  // NOLINT: implicit on purpose, `field = E::X`

  /// A value no schema lists; keeps its wire text so it can be written back unchanged.
  static Open unlisted(std::string text) {
    Open open(E::Unlisted);
    open.unlisted_text_ = std::move(text);
    return open;
  }

  /// Reads wire text: a listed value, or an unlisted one that keeps the text.
  static Open from_wire(std::string_view text) {
    if (auto listed = parse_enum(text, std::type_identity<E>{})) return Open(*listed);
    return unlisted(std::string(text));
  }

  /// E::Unlisted when the wire value is not in the schema.
  constexpr E value() const noexcept { return value_; }
  constexpr bool is_listed() const noexcept { return value_ != E::Unlisted; }

  /// The wire text: the schema's text for a listed value, the received text otherwise.
  std::string_view text() const noexcept {
    if (value_ == E::Unlisted) return unlisted_text_;
    return to_string(value_);
  }

  friend bool operator==(const Open& a, const Open& b) noexcept {
    return a.value_ == b.value_ && a.unlisted_text_ == b.unlisted_text_;
  }
  friend bool operator==(const Open& a, E b) noexcept { return a.value_ == b && b != E::Unlisted; }

  friend std::ostream& operator<<(std::ostream& out, const Open& open) { return out << open.text(); }

 private:
  E value_;
  std::string unlisted_text_;
};

}  // namespace emgen
