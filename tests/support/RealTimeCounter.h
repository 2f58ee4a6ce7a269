#pragma once
// Counts the allocations and lock calls a thread makes inside a CountingScope, for the tests that prove the
// audio thread's `process` allocates and locks nothing (issue 7). Linking RealTimeCounter.cpp into a test
// executable interposes malloc, calloc, realloc, free, the aligned allocators, every operator new and delete, and
// pthread_mutex_lock/trylock; each forwards to glibc and, on a thread inside a scope, adds one to a thread-local
// count. Outside a scope the cost is one thread-local read. Not built under AddressSanitizer (it interposes
// the same functions): `active()` is false there and the tests skip.

#include <cstdint>

namespace patchc::test {

struct RealTimeCounts {
  uint64_t allocations = 0;  // malloc, calloc, realloc, aligned allocations, operator new
  uint64_t frees = 0;        // free and operator delete of a non-null pointer
  uint64_t locks = 0;        // pthread_mutex_lock, pthread_mutex_trylock
  bool none() const { return allocations == 0 && frees == 0 && locks == 0; }
};

// Counts this thread's calls while it lives; scopes do not nest.
class CountingScope {
public:
  CountingScope();
  ~CountingScope();
  CountingScope(const CountingScope&) = delete;
  CountingScope& operator=(const CountingScope&) = delete;
  // The calls counted so far in this scope.
  RealTimeCounts counts() const;
};

// False when the interposers are not compiled in (AddressSanitizer builds).
bool realTimeCounterActive();

}  // namespace patchc::test
