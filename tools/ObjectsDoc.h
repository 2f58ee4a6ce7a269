// `patchc objects`: the objects patchc compiles, as Markdown, from the registry (that is, from the declarations
// beside the kernels). The build writes it to build/docs/objects.md.
#pragma once

#include "stdlib/Registry.h"

#include <string>

namespace patchc {

std::string objectsMarkdown(const Registry& registry);

}  // namespace patchc
