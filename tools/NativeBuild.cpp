#include "tools/NativeBuild.h"

#include "codegen/CodeGen.h"
#include "codegen/ExternalData.h"
#include "codegen/Jit.h"
#include "codegen/ParallelCompile.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <fcntl.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

extern char** environ;

namespace patchc {
namespace fs = std::filesystem;
namespace {

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

// `name` as the shell would find it: a path with a slash as given, else the first executable in $PATH.
std::string findProgram(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0 ? name : "";
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "/usr/bin:/bin");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return "";
}

// The C++ compiler driver that links: $CXX when set, else the one that built the runtime (same C++ library and
// sanitizer runtimes), else c++, g++ or clang++ from $PATH.
std::string findDriver() {
  if (const char* cxx = std::getenv("CXX"); cxx && *cxx) return findProgram(cxx);
  for (const char* name : {PATCHC_RUNTIME_CXX, "c++", "g++", "clang++"})
    if (std::string found = findProgram(name); !found.empty()) return found;
  return "";
}

// Runs `argv` and waits; its stderr into `messages`. The exit status, or -1 when it could not be started.
int run(const std::vector<std::string>& argv, const fs::path& messagesFile, std::string& messages) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 2, messagesFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  posix_spawn_file_actions_adddup2(&actions, 2, 1);
  pid_t pid;
  int spawned = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::ifstream in(messagesFile);
  messages.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}

// A private directory for the objects, removed however the build ends.
struct TemporaryDirectory {
  fs::path path;
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "patchc-build-XXXXXX").string();
    if (::mkdtemp(pattern.data())) path = pattern;
  }
  ~TemporaryDirectory() {
    std::error_code ignored;
    if (!path.empty()) fs::remove_all(path, ignored);
  }
};

bool writeFile(const fs::path& path, const llvm::MemoryBuffer& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.getBufferStart(), std::streamsize(bytes.getBufferSize()));
  return bool(out.flush());
}

}  // namespace

std::string defaultRuntimeDir() {
  if (const char* dir = std::getenv("PATCHC_RUNTIME_DIR"); dir && *dir) return dir;
  return PATCHC_RUNTIME_DIR;
}

bool buildNativeExecutable(const ir::Graph& graph, const NativeBuildOptions& options, NativeBuildReport& report,
                           std::ostream& errors) {
  const std::string driver = findDriver();
  if (driver.empty()) {
    errors << "patchc: error: no C++ compiler driver to link the program with"
           << (std::getenv("CXX") && *std::getenv("CXX") ? fmt::format(" (CXX is '{}', not a program)", std::getenv("CXX"))
                                                         : " (looked for c++, g++ and clang++ in PATH)")
           << "; install one (Debian: g++) or set CXX\n";
    return false;
  }
  report.driver = driver;
  const fs::path runtimeDir = options.runtimeDir.empty() ? defaultRuntimeDir() : options.runtimeDir;
  for (const char* library : {"libpatchrt.a", "libpatchrt_main.a"})
    if (!fs::exists(runtimeDir / library)) {
      errors << fmt::format("patchc: error: the runtime library '{}' is not there; build patchc's runtime (ninja "
                            "patchrt patchrt_main) or set PATCHC_RUNTIME_DIR\n", (runtimeDir / library).string());
      return false;
    }
  if (!options.cpu.empty() && !codegen::isKnownCpu(options.cpu)) {
    errors << fmt::format("patchc: error: unknown --target-cpu '{}' (LLVM's names: x86-64, x86-64-v2, x86-64-v3, "
                          "x86-64-v4, znver3, skylake, ...)\n", options.cpu);
    return false;
  }
  TemporaryDirectory temporary;
  if (temporary.path.empty()) {
    errors << "patchc: error: cannot make a temporary directory for the objects\n";
    return false;
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string> objectFiles;
  try {
    auto context = std::make_unique<llvm::LLVMContext>();
    codegen::ModuleInfo info;
    auto module = codegen::buildModule(graph, *context, info);
    const std::string cpu = options.cpu;
    auto objects = codegen::compileToObjects(std::move(module), std::move(context), options.llvmOptLevel,
                                             options.compileThreads, [cpu] { return codegen::targetMachine(cpu); });
    if (!info.data.empty()) objects.push_back(codegen::emitDataObject(info.data, *codegen::targetMachine(cpu)));
    for (size_t i = 0; i < objects.size(); ++i) {
      fs::path file = temporary.path / fmt::format("patch{}.o", i);
      if (!writeFile(file, *objects[i])) {
        errors << fmt::format("patchc: error: cannot write '{}'\n", file.string());
        return false;
      }
      objectFiles.push_back(file.string());
    }
  } catch (const std::exception& e) {
    errors << "patchc: internal compiler error: " << e.what() << '\n';
    return false;
  }
  report.compileMs = msSince(start);

  // Linked beside the output, then renamed over it: a failed link leaves no half-written program.
  start = std::chrono::steady_clock::now();
  const fs::path output = fs::absolute(options.output);
  const fs::path partial = output.parent_path() / ("." + output.filename().string() + ".patchc-partial");
  std::vector<std::string> argv{driver, "-o", partial.string()};
  argv.insert(argv.end(), objectFiles.begin(), objectFiles.end());
  argv.push_back((runtimeDir / "libpatchrt_main.a").string());
  argv.push_back((runtimeDir / "libpatchrt.a").string());
  // The runtime's own libraries and flags ('|'-separated lists from CMake: flags have commas), then libm and
  // threads; stripped.
  for (const char* list : {PATCHC_RUNTIME_LINK_LIBRARIES, PATCHC_RUNTIME_LINK_FLAGS}) {
    std::stringstream items(list);
    for (std::string item; std::getline(items, item, '|');)
      if (!item.empty()) argv.push_back(item);
  }
  for (const char* flag : {"-lm", "-lpthread", "-s"}) argv.push_back(flag);
  std::string messages;
  const int status = run(argv, temporary.path / "link.log", messages);
  report.linkMs = msSince(start);
  if (status != 0) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    if (status < 0)
      errors << fmt::format("patchc: error: cannot run the compiler driver '{}'\n", driver);
    else
      errors << fmt::format("patchc: error: linking the program with '{}' failed (status {}):\n{}", driver, status,
                            messages);
    return false;
  }
  std::error_code error;
  fs::rename(partial, output, error);
  if (error) {
    fs::remove(partial, error);
    errors << fmt::format("patchc: error: cannot write '{}': {}\n", options.output, error.message());
    return false;
  }
  report.bytes = fs::file_size(output, error);
  return true;
}

}  // namespace patchc
