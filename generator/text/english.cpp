#include "text/english.hpp"

#include "text/text.hpp"

namespace emgen::text {
namespace {

bool ends_with_ignoring_case(std::string_view word, std::string_view suffix) {
  return word.size() >= suffix.size() && equals_ignoring_case(word.substr(word.size() - suffix.size()), suffix);
}

bool is_vowel(char c) { return std::string_view("aeiou").find(to_lower(c)) != std::string_view::npos; }

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/// `ending` in the letter case of the word's last letter: `POLICY` takes `IES`, `policy` takes `ies`.
std::string in_case_of(std::string_view word, std::string_view ending) {
  std::string out(ending);
  if (!word.empty() && is_upper(word.back()))
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace

std::string plural(std::string_view noun) {
  std::string word(noun);
  if (word.empty()) return word;
  if (word.size() > 1 && to_lower(word.back()) == 'y' && !is_vowel(word[word.size() - 2])) {
    word.pop_back();
    return word + in_case_of(noun, "ies");
  }
  for (const std::string_view sibilant : {"s", "x", "z", "ch", "sh"})
    if (ends_with_ignoring_case(word, sibilant)) return word + in_case_of(noun, "es");
  return word + in_case_of(noun, "s");
}

std::string singular(std::string_view noun) {
  std::string word(noun);
  // A consonant before -ies: `policies`, `entries` (but `movies`-like words do not name EM resources).
  if (word.size() > 3 && ends_with_ignoring_case(word, "ies")) {
    word.resize(word.size() - 3);
    return word + in_case_of(noun, "y");
  }
  // -es after a sibilant: `addresses`, `statuses`, `boxes`, `batches`, `hashes`.
  for (const std::string_view ending : {"sses", "uses", "xes", "ches", "shes", "zzes"})
    if (word.size() > ending.size() && ends_with_ignoring_case(word, ending)) {
      word.resize(word.size() - 2);
      return word;
    }
  // Singular nouns that end in s: `access`, `status`, `analysis`.
  for (const std::string_view ending : {"ss", "us", "is"})
    if (ends_with_ignoring_case(word, ending)) return word;
  if (word.size() > 1 && to_lower(word.back()) == 's') word.pop_back();
  return word;
}

}  // namespace emgen::text
