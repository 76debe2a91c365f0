#pragma once
// `emgen diff --old git:REF`: a schema directory as it was at a revision of the current git repository, as
// `buf breaking --against '.git#branch=main'` reads one.

#include <filesystem>
#include <string>

namespace emgen::gen::diff {

/// `git:REF` or `git:REF:PATH`.
bool is_git_revision(const std::string& argument);

/// The files under PATH at REF of the repository that holds `beside` (the other side's directory; else the
/// current directory's repository), PATH relative to its top (by default the path of `beside`, else `schemas`),
/// written into a scratch directory that goes with this object.
/// Throws std::runtime_error naming the revision for anything git refuses.
class GitSnapshot {
 public:
  GitSnapshot(const std::string& argument, const std::string& beside);
  ~GitSnapshot();
  GitSnapshot(const GitSnapshot&) = delete;
  GitSnapshot& operator=(const GitSnapshot&) = delete;

  /// Where the files are.
  const std::string& directory() const noexcept { return directory_; }
  /// How reports name it: `git:HEAD:schemas`.
  const std::string& label() const noexcept { return label_; }

 private:
  std::string directory_;
  std::string label_;
};

}  // namespace emgen::gen::diff
