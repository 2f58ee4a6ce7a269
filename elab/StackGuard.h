// The native stack of the elaborator. The script's calls, the nesting of its expressions and of its lists make
// the elaborator recurse; each of those is bounded on its own (the `recursion` limit, the parser's expression
// depth), but their product is not, so a guard measures what is left of the thread's stack itself and turns
// the end of it into Python's RecursionError instead of a SIGSEGV.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

namespace patchc::elab {

class StackGuard {
 public:
  // Measures the stack of the calling thread: the guard is for that thread only.
  StackGuard();
  // Less than the margin a diagnostic needs (formatting it, unwinding to the top) is left below this frame.
  bool nearlyExhausted() const { return reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) < limit_; }

 private:
  uintptr_t limit_ = 0;  // the lowest address a frame may reach, the stack growing down
};

// Runs `work` on a new thread whose stack has `bytes` (only the pages it touches take memory) and waits for it;
// an exception thrown by `work` is rethrown here.
void runWithStack(size_t bytes, const std::function<void()>& work);

}  // namespace patchc::elab
