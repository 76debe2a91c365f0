#pragma once
// What the fuzz targets share: the libFuzzer entry point's declaration, and how a broken property is
// reported. A finding aborts, so that libFuzzer saves the input and the replay test fails on it.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace emgen::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) noexcept {
  return size == 0 ? std::string_view{} : std::string_view(reinterpret_cast<const char*>(data), size);
}

/// A property the code under test should keep does not hold: print both sides and abort.
[[noreturn]] inline void finding(std::string_view what, std::string_view first = {}, std::string_view second = {}) {
  std::fprintf(stderr, "FUZZ FINDING: %.*s\n", static_cast<int>(what.size()), what.data());
  if (!first.empty()) std::fprintf(stderr, "  first:  %.*s\n", static_cast<int>(first.size()), first.data());
  if (!second.empty()) std::fprintf(stderr, "  second: %.*s\n", static_cast<int>(second.size()), second.data());
  std::abort();
}

}  // namespace emgen::fuzz
