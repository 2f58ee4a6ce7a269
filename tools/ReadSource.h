// Reading a patch file for the driver and the REPL's :load.
#pragma once

#include "support/Limits.h"
#include "support/SourceLocation.h"

#include <memory>
#include <string>

namespace patchc {

// The file's text, or a clang-style error and null. Only a regular file is read: a directory, a FIFO (which
// would block), /dev/zero (endless) or a terminal are refused by name; so is a file beyond the source-bytes
// limit, checked before reading it. O_NONBLOCK keeps open() itself from waiting for a FIFO's writer.
std::unique_ptr<SourceFile> readSource(const std::string& path, const CompileLimits& limits);

}  // namespace patchc
