#include "tests/support/RealTimeCounter.h"

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <dlfcn.h>
#include <new>
#include <pthread.h>

#if defined(__SANITIZE_ADDRESS__)
#define PATCHC_COUNTER_ACTIVE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PATCHC_COUNTER_ACTIVE 0
#endif
#endif
#ifndef PATCHC_COUNTER_ACTIVE
#define PATCHC_COUNTER_ACTIVE 1
#endif

namespace {
// initial-exec: the executable's own TLS, reached without a call that could itself allocate.
__attribute__((tls_model("initial-exec"))) thread_local bool tCounting = false;
__attribute__((tls_model("initial-exec"))) thread_local patchc::test::RealTimeCounts tCounts;

inline void countAllocation() {
  if (tCounting) ++tCounts.allocations;
}
inline void countFree(void* pointer) {
  if (tCounting && pointer) ++tCounts.frees;
}
inline void countLock() {
  if (tCounting) ++tCounts.locks;
}
}  // namespace

namespace patchc::test {
CountingScope::CountingScope() {
  tCounts = {};
  tCounting = true;
}
CountingScope::~CountingScope() { tCounting = false; }
RealTimeCounts CountingScope::counts() const { return tCounts; }
bool realTimeCounterActive() { return PATCHC_COUNTER_ACTIVE != 0; }
}  // namespace patchc::test

#if PATCHC_COUNTER_ACTIVE

// glibc's allocator under its own names: the replacements below forward here (glibc's manual, "Replacing malloc").
extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void __libc_free(void*);
void* __libc_memalign(size_t, size_t);

void* malloc(size_t size) noexcept {
  countAllocation();
  return __libc_malloc(size);
}
void* calloc(size_t count, size_t size) noexcept {
  countAllocation();
  return __libc_calloc(count, size);
}
void* realloc(void* pointer, size_t size) noexcept {
  countAllocation();
  return __libc_realloc(pointer, size);
}
void free(void* pointer) noexcept {
  countFree(pointer);
  __libc_free(pointer);
}
void* aligned_alloc(size_t alignment, size_t size) noexcept {
  countAllocation();
  return __libc_memalign(alignment, size);
}
void* memalign(size_t alignment, size_t size) noexcept {
  countAllocation();
  return __libc_memalign(alignment, size);
}
int posix_memalign(void** out, size_t alignment, size_t size) noexcept {
  countAllocation();
  if (alignment % sizeof(void*) != 0 || (alignment & (alignment - 1)) != 0) return EINVAL;
  void* pointer = __libc_memalign(alignment, size);
  if (!pointer) return ENOMEM;
  *out = pointer;
  return 0;
}

// The next definition (libc's). dlsym is called at most once per function, outside any counting scope in
// practice (the first lock of the process happens during start-up).
using MutexFunction = int (*)(pthread_mutex_t*);
static MutexFunction nextMutexFunction(MutexFunction& cached, const char* name) {
  if (!cached) cached = reinterpret_cast<MutexFunction>(dlsym(RTLD_NEXT, name));
  return cached;
}
static MutexFunction gRealLock, gRealTrylock;

int pthread_mutex_lock(pthread_mutex_t* mutex) noexcept {
  countLock();
  return nextMutexFunction(gRealLock, "pthread_mutex_lock")(mutex);
}
int pthread_mutex_trylock(pthread_mutex_t* mutex) noexcept {
  countLock();
  return nextMutexFunction(gRealTrylock, "pthread_mutex_trylock")(mutex);
}
}  // extern "C"

// Every replaceable form of operator new and delete, through the counted malloc/free above.
namespace {
void* allocate(std::size_t size) {
  if (void* pointer = std::malloc(size ? size : 1)) return pointer;
  throw std::bad_alloc();
}
void* allocateAligned(std::size_t size, std::align_val_t alignment) {
  void* pointer = nullptr;
  if (posix_memalign(&pointer, std::max(std::size_t(alignment), sizeof(void*)), size ? size : 1) == 0) return pointer;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(std::size_t size) { return allocate(size); }
void* operator new[](std::size_t size) { return allocate(size); }
void* operator new(std::size_t size, const std::nothrow_t&) noexcept { return std::malloc(size ? size : 1); }
void* operator new[](std::size_t size, const std::nothrow_t&) noexcept { return std::malloc(size ? size : 1); }
void* operator new(std::size_t size, std::align_val_t alignment) { return allocateAligned(size, alignment); }
void* operator new[](std::size_t size, std::align_val_t alignment) { return allocateAligned(size, alignment); }
void* operator new(std::size_t size, std::align_val_t alignment, const std::nothrow_t&) noexcept {
  void* pointer = nullptr;
  return posix_memalign(&pointer, std::max(std::size_t(alignment), sizeof(void*)), size ? size : 1) == 0 ? pointer
                                                                                                       : nullptr;
}
void* operator new[](std::size_t size, std::align_val_t alignment, const std::nothrow_t& tag) noexcept {
  return operator new(size, alignment, tag);
}
void operator delete(void* pointer) noexcept { std::free(pointer); }
void operator delete[](void* pointer) noexcept { std::free(pointer); }
void operator delete(void* pointer, std::size_t) noexcept { std::free(pointer); }
void operator delete[](void* pointer, std::size_t) noexcept { std::free(pointer); }
void operator delete(void* pointer, const std::nothrow_t&) noexcept { std::free(pointer); }
void operator delete[](void* pointer, const std::nothrow_t&) noexcept { std::free(pointer); }
void operator delete(void* pointer, std::align_val_t) noexcept { std::free(pointer); }
void operator delete[](void* pointer, std::align_val_t) noexcept { std::free(pointer); }
void operator delete(void* pointer, std::size_t, std::align_val_t) noexcept { std::free(pointer); }
void operator delete[](void* pointer, std::size_t, std::align_val_t) noexcept { std::free(pointer); }
void operator delete(void* pointer, std::align_val_t, const std::nothrow_t&) noexcept { std::free(pointer); }
void operator delete[](void* pointer, std::align_val_t, const std::nothrow_t&) noexcept { std::free(pointer); }

#endif  // PATCHC_COUNTER_ACTIVE
