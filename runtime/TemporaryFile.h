#pragma once
// A temporary file beside an output (so that renaming it over the output is atomic): what renderToFile writes
// samples into and the MIDI file writer its bytes, so that no half-written file is ever left at the output path.

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <random>
#include <string>
#include <unistd.h>

namespace patchc::runtime {

// A temporary file in the target's directory (so rename is atomic), removed unless committed.
class TemporaryFile {
public:
  // Returns an empty error and an open descriptor, or the reason it could not be created.
  // The name is `.patchc-XXXXXX` (six random letters or digits), whatever the target's name: a target whose name
  // is near the file system's 255-byte limit still gets a temporary file. mkstemp would do, but creates the file
  // 0600; this opens with 0666 so the umask gives the final file the permissions a plain open() would have.
  std::string create(const std::filesystem::path& target) {
    static constexpr char kLetters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    std::random_device seed;
    std::minstd_rand random(seed());
    std::filesystem::path directory = target.parent_path();
    if (directory.empty()) directory = ".";
    for (int attempt = 0; attempt < 100; ++attempt) {
      std::string name = ".patchc-XXXXXX";
      for (size_t i = name.size() - 6; i < name.size(); ++i) name[i] = kLetters[random() % (sizeof kLetters - 1)];
      path_ = directory / name;
      fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
      if (fd_ >= 0) return {};
      if (errno != EEXIST) break;
    }
    path_.clear();
    return std::strerror(errno);
  }

  int fd() const { return fd_; }
  const std::filesystem::path& path() const { return path_; }

  // Closes the descriptor; returns false (errno set) if the kernel reported a write error at close.
  bool close() {
    if (fd_ < 0) return true;
    int rc = ::close(fd_);
    fd_ = -1;
    return rc == 0;
  }

  std::string commitAs(const std::filesystem::path& target) {
    if (::rename(path_.c_str(), target.c_str()) != 0) return std::strerror(errno);
    path_.clear();
    return {};
  }

  ~TemporaryFile() {
    close();
    if (!path_.empty()) ::unlink(path_.c_str());
  }

private:
  std::filesystem::path path_;
  int fd_ = -1;
};

}  // namespace patchc::runtime
