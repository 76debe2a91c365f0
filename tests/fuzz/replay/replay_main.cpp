// Replays fuzz inputs through a fuzz target's LLVMFuzzerTestOneInput, without libFuzzer (any compiler):
//   fuzz_replay_<target> PATH...
// Each PATH is a file or a directory (its regular files, sorted, not recursive; names starting with '.'
// are skipped). A finding aborts, as under the fuzzer; an exception the target does not catch ends the
// program through std::terminate. Either way the ctest test fails, after naming the input being replayed.

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_finding.hpp"

namespace fs = std::filesystem;

namespace {

bool replay(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) {
    std::cerr << "replay: cannot read " << path.string() << "\n";
    return false;
  }
  std::cerr << "replay: " << path.string() << " (" << bytes.size() << " bytes)" << std::endl;
  // A copy of exactly the input's size, so that AddressSanitizer sees a read past the end as libFuzzer does.
  std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
  LLVMFuzzerTestOneInput(data.empty() ? nullptr : data.data(), data.size());
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " FILE|DIRECTORY...\n";
    return 2;
  }
  std::size_t count = 0;
  bool ok = true;
  for (int i = 1; i < argc; ++i) {
    const fs::path path(argv[i]);
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<fs::path> files;
      for (const auto& entry : fs::directory_iterator(path))
        if (entry.is_regular_file() && !entry.path().filename().string().starts_with('.'))
          files.push_back(entry.path());
      std::sort(files.begin(), files.end());
      for (const auto& file : files) {
        ok = replay(file) && ok;
        ++count;
      }
    } else if (fs::is_regular_file(path, error)) {
      ok = replay(path) && ok;
      ++count;
    } else {
      std::cerr << "replay: no such file or directory: " << path.string() << "\n";
      ok = false;
    }
  }
  std::cout << "replayed " << count << " inputs\n";
  return ok ? 0 : 1;
}
