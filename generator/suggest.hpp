#pragma once
// "Did you mean ...?" for misspelt keys and names.

#include <optional>
#include <string>
#include <vector>

namespace emgen::gen {

/// The candidate closest to word by edit distance, if it is close enough to be a likely misspelling.
std::optional<std::string> closest_match(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace emgen::gen
