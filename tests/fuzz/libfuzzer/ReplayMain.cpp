// Runs saved inputs through PipelineFuzzer.cpp's LLVMFuzzerTestOneInput without libFuzzer, so every build (gcc,
// no sanitizers) replays the crash regressions and the seed corpus: `patchc-fuzz-replay FILE|DIR...`.
// Exits 0 when every input ran; a crash is the test's failure, as it would be the fuzzer's.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::filesystem::path path(argv[i]);
    if (std::filesystem::is_directory(path)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
        if (entry.is_regular_file()) inputs.push_back(entry.path());
    } else {
      inputs.push_back(path);
    }
  }
  if (inputs.empty()) {
    std::cerr << "usage: patchc-fuzz-replay FILE|DIR...\n";
    return 2;
  }
  for (const auto& path : inputs) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      std::cerr << "patchc-fuzz-replay: cannot read " << path << "\n";
      return 2;
    }
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    std::cerr << "running " << path.string() << "\n";
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  }
  std::cerr << "ran " << inputs.size() << " inputs\n";
  return 0;
}
