#pragma once
// Helpers shared by the generator tests: scratch directories, whole-file I/O, running the emgen executable.

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace emgen_test {

namespace fs = std::filesystem;

/// A fresh directory under the system temporary directory, removed with everything in it at the end.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "emgen-generator-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed for " + pattern);
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const noexcept { return path_; }
  fs::path operator/(const std::string& relative) const { return path_ / relative; }

 private:
  fs::path path_;
};

inline std::string read_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const fs::path& path, const std::string& text) {
  if (path.has_parent_path()) fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
}

/// Quotes one argument for /bin/sh.
inline std::string shell_quote(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  return out + "'";
}

struct RunResult {
  int status = -1;
  std::string out;
  std::string err;
};

/// Runs a command (argv form) with stdout and stderr captured; status is the exit status.
inline RunResult run(const std::vector<std::string>& argv) {
  static int counter = 0;
  const fs::path capture_dir = fs::temp_directory_path();
  const std::string tag = std::to_string(::getpid()) + "-" + std::to_string(counter++);
  const fs::path out_file = capture_dir / ("emgen-generator-test-" + tag + ".out");
  const fs::path err_file = capture_dir / ("emgen-generator-test-" + tag + ".err");
  std::string command;
  for (const auto& arg : argv) command += shell_quote(arg) + " ";
  command += ">" + shell_quote(out_file.string()) + " 2>" + shell_quote(err_file.string());
  const int raw = std::system(command.c_str());
  RunResult result;
  result.status = (raw != -1 && WIFEXITED(raw)) ? WEXITSTATUS(raw) : -1;
  result.out = read_text(out_file);
  result.err = read_text(err_file);
  fs::remove(out_file);
  fs::remove(err_file);
  return result;
}

/// Every regular file under dir, by `/`-separated relative path.
inline std::vector<std::string> list_files(const fs::path& dir) {
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) files.push_back(fs::relative(entry.path(), dir).generic_string());
  std::sort(files.begin(), files.end());
  return files;
}

inline std::map<std::string, std::string> snapshot_bytes(const fs::path& dir) {
  std::map<std::string, std::string> bytes;
  for (const auto& file : list_files(dir)) bytes[file] = read_text(dir / file);
  return bytes;
}

inline std::map<std::string, fs::file_time_type> snapshot_times(const fs::path& dir) {
  std::map<std::string, fs::file_time_type> times;
  for (const auto& file : list_files(dir)) times[file] = fs::last_write_time(dir / file);
  return times;
}

/// Files whose modification time differs between two snapshots (files in only one of them included).
inline std::vector<std::string> changed_times(const std::map<std::string, fs::file_time_type>& before,
                                              const std::map<std::string, fs::file_time_type>& after) {
  std::vector<std::string> changed;
  for (const auto& [file, time] : after) {
    const auto it = before.find(file);
    if (it == before.end() || it->second != time) changed.push_back(file);
  }
  for (const auto& [file, time] : before)
    if (!after.count(file)) changed.push_back(file);
  std::sort(changed.begin(), changed.end());
  return changed;
}

}  // namespace emgen_test
