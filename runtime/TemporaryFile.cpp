#include "runtime/TemporaryFile.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <unistd.h>

namespace patchc::runtime {

std::string TemporaryFile::create(const std::filesystem::path& target) {
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

bool TemporaryFile::close() {
  if (fd_ < 0) return true;
  int rc = ::close(fd_);
  fd_ = -1;
  return rc == 0;
}

std::string TemporaryFile::commitAs(const std::filesystem::path& target) {
  if (::rename(path_.c_str(), target.c_str()) != 0) return std::strerror(errno);
  path_.clear();
  return {};
}

TemporaryFile::~TemporaryFile() {
  close();
  if (!path_.empty()) ::unlink(path_.c_str());
}

std::string writeFileAtomically(const std::filesystem::path& target, std::string_view bytes) {
  TemporaryFile temporary;
  if (std::string why = temporary.create(target); !why.empty()) return why;
  for (size_t written = 0; written < bytes.size();) {
    const ssize_t n = ::write(temporary.fd(), bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return std::strerror(errno);
    written += size_t(n);
  }
  if (!temporary.close()) return std::strerror(errno);
  return temporary.commitAs(target);
}

}  // namespace patchc::runtime
