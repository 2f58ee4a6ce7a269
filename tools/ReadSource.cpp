#include "tools/ReadSource.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <sys/stat.h>
#include <unistd.h>

namespace patchc {

std::unique_ptr<SourceFile> readSource(const std::string& path, const CompileLimits& limits) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT)
      std::cerr << fmt::format("patchc: error: no such file or directory: '{}'\n", path);
    else
      std::cerr << fmt::format("patchc: error: cannot read '{}': {}\n", path, std::strerror(errno));
    return nullptr;
  }
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat status {};
  if (::fstat(fd, &status) != 0) {
    std::cerr << fmt::format("patchc: error: cannot read '{}': {}\n", path, std::strerror(errno));
    return nullptr;
  }
  if (!S_ISREG(status.st_mode)) {
    const char* kind = S_ISDIR(status.st_mode)    ? "a directory"
                       : S_ISFIFO(status.st_mode) ? "a FIFO"
                       : S_ISCHR(status.st_mode)  ? "a character device"
                       : S_ISBLK(status.st_mode)  ? "a block device"
                       : S_ISSOCK(status.st_mode) ? "a socket"
                                                  : "not a regular file";
    std::cerr << fmt::format("patchc: error: '{}' is {}; the patch must be a regular file\n", path, kind);
    return nullptr;
  }
  auto tooLarge = [&](uint64_t bytes) {
    std::cerr << fmt::format("patchc: error: '{}' has {} bytes, more than the source-bytes limit {}\n", path, bytes,
                             limitHint("source-bytes", limits.sourceBytes));
    return nullptr;
  };
  if (uint64_t(status.st_size) > limits.sourceBytes) return tooLarge(uint64_t(status.st_size));
  // Read at most one byte beyond the limit: the file may have grown since fstat.
  const uint64_t cap = std::min<uint64_t>(limits.sourceBytes, uint64_t(1) << 62) + 1;
  std::string text(size_t(status.st_size), '\0');
  size_t size = 0;
  for (;;) {
    if (size == text.size()) {
      const uint64_t grown = std::min<uint64_t>(uint64_t(size) * 2 + 4096, cap);
      if (grown == size) return tooLarge(size);
      text.resize(size_t(grown));
    }
    ssize_t got = ::read(fd, text.data() + size, text.size() - size);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      std::cerr << fmt::format("patchc: error: cannot read '{}': {}\n", path, std::strerror(errno));
      return nullptr;
    }
    if (got == 0) break;
    size += size_t(got);
  }
  if (size > limits.sourceBytes) return tooLarge(size);
  text.resize(size);
  return std::make_unique<SourceFile>(path, std::move(text));
}

}  // namespace patchc
