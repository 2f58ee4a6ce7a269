#include "elab/StackGuard.h"

#include <pthread.h>

#include <algorithm>
#include <exception>
#include <stdexcept>

namespace patchc::elab {

namespace {

// Enough for formatting a diagnostic and unwinding, also in a sanitizer build (whose frames are larger).
constexpr size_t kMargin = 1 << 20;

struct ThreadWork {
  const std::function<void()>* work;
  std::exception_ptr error;
};

void* runThreadWork(void* argument) {
  auto* thread = static_cast<ThreadWork*>(argument);
  try {
    (*thread->work)();
  } catch (...) {
    thread->error = std::current_exception();
  }
  return nullptr;
}

}  // namespace

StackGuard::StackGuard() {
  pthread_attr_t attributes;
  if (pthread_getattr_np(pthread_self(), &attributes) != 0) return;
  void* lowest = nullptr;
  size_t size = 0;
  if (pthread_attr_getstack(&attributes, &lowest, &size) == 0)
    limit_ = reinterpret_cast<uintptr_t>(lowest) + std::min(size / 4, kMargin);
  pthread_attr_destroy(&attributes);
}

void runWithStack(size_t bytes, const std::function<void()>& work) {
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  pthread_attr_setstacksize(&attributes, bytes);
  ThreadWork thread{&work, nullptr};
  pthread_t id;
  int created = pthread_create(&id, &attributes, runThreadWork, &thread);
  pthread_attr_destroy(&attributes);
  if (created != 0) {
    work();  // no thread to be had: the guard still stops at the end of this thread's stack
    return;
  }
  pthread_join(id, nullptr);
  if (thread.error) std::rethrow_exception(thread.error);
}

}  // namespace patchc::elab
