#include "diff/git.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include "text/text.hpp"

namespace emgen::gen::diff {
namespace {

namespace fs = std::filesystem;

std::string quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

struct Output {
  int status = -1;
  std::string bytes;
};

/// Runs a shell command; its standard output, byte for byte.
Output run(const std::string& command) {
  Output output;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) throw std::runtime_error("cannot run: " + command);
  char buffer[65536];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) output.bytes.append(buffer, n);
  const int raw = ::pclose(pipe);
  output.status = raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  return output;
}

}  // namespace

bool is_git_revision(const std::string& argument) { return argument.starts_with("git:") && argument.size() > 4; }

GitSnapshot::GitSnapshot(const std::string& argument, const std::string& beside) {
  const std::string spec = argument.substr(4);
  const std::size_t colon = spec.find(':');
  const std::string revision = spec.substr(0, colon);
  // The repository that holds the other side's directory (else the current directory's).
  const std::string from = fs::is_directory(beside) ? beside : ".";
  const Output top = run("git -C " + quoted(from) + " rev-parse --show-toplevel 2>&1");
  if (top.status != 0)
    throw std::runtime_error(argument + ": not inside a git repository (" +
                             std::string(emgen::text::trim_end(top.bytes, "\r\n")) + ")");
  const fs::path root = emgen::text::trim_end(top.bytes, "\r\n");
  std::string path = colon == std::string::npos ? "" : spec.substr(colon + 1);
  if (path.empty()) {
    std::error_code error;
    const fs::path relative = fs::relative(fs::weakly_canonical(beside, error), root, error);
    path = !error && !relative.empty() && !relative.string().starts_with("..") && fs::is_directory(beside)
               ? relative.generic_string()
               : "schemas";
  }
  while (path.ends_with("/")) path.pop_back();
  const Output commit = run("git -C " + quoted(root.string()) + " rev-parse --verify --quiet " +
                            quoted(revision + "^{commit}") + " 2>&1");
  if (commit.status != 0)
    throw std::runtime_error(argument + ": '" + revision + "' is not a revision of " + root.string());
  const Output listing = run("git -C " + quoted(root.string()) + " ls-tree -r -z --name-only " + quoted(revision) +
                             " -- " + quoted(path + "/"));
  if (listing.status != 0 || listing.bytes.empty())
    throw std::runtime_error(argument + ": " + path + "/ holds no files at " + revision);
  std::string pattern = (fs::temp_directory_path() / "emgen-diff-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("cannot create a scratch directory");
  directory_ = pattern;
  label_ = "git:" + revision + ":" + path;
  try {
    std::size_t start = 0;
    for (std::size_t end; (end = listing.bytes.find('\0', start)) != std::string::npos; start = end + 1) {
      const std::string file = listing.bytes.substr(start, end - start);
      const Output content =
          run("git -C " + quoted(root.string()) + " show " + quoted(revision + ":" + file) + " 2>/dev/null");
      if (content.status != 0) throw std::runtime_error(argument + ": cannot read " + file + " at " + revision);
      const fs::path target = fs::path(directory_) / fs::path(file).lexically_relative(path);
      fs::create_directories(target.parent_path());
      std::ofstream out(target, std::ios::binary);
      out << content.bytes;
      if (!out) throw std::runtime_error(target.string() + ": cannot be written");
    }
  } catch (...) {
    std::error_code ignored;
    fs::remove_all(directory_, ignored);
    throw;
  }
}

GitSnapshot::~GitSnapshot() {
  std::error_code ignored;
  fs::remove_all(directory_, ignored);
}

}  // namespace emgen::gen::diff
