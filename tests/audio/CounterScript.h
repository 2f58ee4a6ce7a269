// The start of a script the callback tests share: a Sig `count` that holds how many times `tick` was called,
// from the frame of each call on. A test appends what calls tick (a Pattern, a TrigFunc) and `count.out()`.
#pragma once

#include <string>

namespace patchc::test {

inline const std::string kCounterScript = R"(
s = Server(nchnls=1)
count = Sig(0)
n = 0
def tick():
    global n
    n += 1
    count.value = n
)";

}  // namespace patchc::test
