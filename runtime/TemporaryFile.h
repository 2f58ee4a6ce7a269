#pragma once
// Writing a file so that a reader never sees half of it: the bytes go to a temporary file in the target's
// directory (so the rename is atomic), which replaces the target only once everything was written and closed,
// and is removed otherwise. FileRenderer's sound files and the REPL's `:save` both write this way.

#include <filesystem>
#include <string>
#include <string_view>

namespace patchc::runtime {

class TemporaryFile {
public:
  TemporaryFile() = default;
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  ~TemporaryFile();

  // Returns an empty string with fd() open, or the reason it could not be created.
  // The name is `.patchc-XXXXXX` (six random letters or digits), whatever the target's name: a target whose name
  // is near the file system's 255-byte limit still gets a temporary file. mkstemp would do, but creates the file
  // 0600; this opens with 0666 so the umask gives the final file the permissions a plain open() would have.
  std::string create(const std::filesystem::path& target);

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }

  // Closes the descriptor; false (errno set) if the kernel reported a write error at close.
  bool close();
  // Renames the file over `target`; an empty string, or why not.
  std::string commitAs(const std::filesystem::path& target);

private:
  std::filesystem::path path_;
  int fd_ = -1;
};

// Writes `bytes` to `target` through a TemporaryFile: an empty string, or why it could not (target unchanged).
std::string writeFileAtomically(const std::filesystem::path& target, std::string_view bytes);

}  // namespace patchc::runtime
