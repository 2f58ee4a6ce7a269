// The kernels' bitcode, linked at build time and embedded (stdlib/CMakeLists.txt, cmake/EmbedFile.cmake).
#pragma once

#include <cstddef>

extern const unsigned char patchc_stdlib_bitcode[];
extern const std::size_t patchc_stdlib_bitcode_size;
