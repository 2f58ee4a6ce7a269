#include "codegen/Jit.h"

#include <llvm/ExecutionEngine/JITEventListener.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/RTDyldObjectLinkingLayer.h>
#include <llvm/ExecutionEngine/SectionMemoryManager.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/TargetParser/Host.h>

#include <cstdlib>
#include <mutex>

namespace patchc::codegen {
namespace {

void initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
    llvm::InitializeNativeTargetAsmParser();
  });
}

llvm::orc::JITTargetMachineBuilder hostBuilder() {
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder) llvm::report_fatal_error(builder.takeError());
  builder->setCodeGenOptLevel(llvm::CodeGenOpt::Aggressive);
  // Audio code wants fused multiply-adds and no errno: the kernels are compiled with -fno-math-errno too.
  llvm::TargetOptions options;
  options.AllowFPOpFusion = llvm::FPOpFusion::Standard;
  builder->setOptions(options);
  return std::move(*builder);
}

// PATCHC_PERF=1 makes the JIT describe its code to `perf` (jit-PID.dump under ~/.debug/jit; turn a
// `perf record -k 1` profile into one with the patch's functions by name with `perf inject --jit`).
bool perfProfilingRequested() {
  const char* value = std::getenv("PATCHC_PERF");
  return value != nullptr && value[0] != '\0' && value[0] != '0';
}

llvm::orc::LLJITBuilder jitBuilder() {
  llvm::orc::LLJITBuilder builder;
  builder.setJITTargetMachineBuilder(hostBuilder());
  if (perfProfilingRequested()) {
    builder.setObjectLinkingLayerCreator([](llvm::orc::ExecutionSession& session, const llvm::Triple&) {
      auto layer = std::make_unique<llvm::orc::RTDyldObjectLinkingLayer>(
          session, [] { return std::make_unique<llvm::SectionMemoryManager>(); });
      if (auto* listener = llvm::JITEventListener::createPerfJITEventListener())
        layer->registerJITEventListener(*listener);
      return llvm::Expected<std::unique_ptr<llvm::orc::ObjectLayer>>(std::move(layer));
    });
  }
  return builder;
}

// An LLJIT for the host whose main library also resolves libm (kernels may call sinf, expf, ...) from this
// process; null with `error` set on failure.
std::unique_ptr<llvm::orc::LLJIT> createJit(std::string& error) {
  initializeNativeTarget();
  auto jit = jitBuilder().create();
  if (!jit) {
    error = llvm::toString(jit.takeError());
    return nullptr;
  }
  auto generator = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      (*jit)->getDataLayout().getGlobalPrefix());
  if (!generator) {
    error = llvm::toString(generator.takeError());
    return nullptr;
  }
  (*jit)->getMainJITDylib().addGenerator(std::move(*generator));
  return std::move(*jit);
}

}  // namespace

std::unique_ptr<llvm::TargetMachine> hostTargetMachine() {
  initializeNativeTarget();
  auto machine = hostBuilder().createTargetMachine();
  if (!machine) llvm::report_fatal_error(machine.takeError());
  return std::move(*machine);
}

std::unique_ptr<JitPatch> JitPatch::link(std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects, std::string& error) {
  auto jit = createJit(error);
  if (!jit) return nullptr;
  for (auto& object : objects) {
    if (auto err = jit->addObjectFile(std::move(object))) {
      error = llvm::toString(std::move(err));
      return nullptr;
    }
  }
  return finish(std::move(jit), error);
}

std::unique_ptr<JitPatch> JitPatch::finish(std::unique_ptr<llvm::orc::LLJIT> jit, std::string& error) {
  auto patch = std::unique_ptr<JitPatch>(new JitPatch());
  auto init = jit->lookup("patch_init");
  if (!init) {
    error = llvm::toString(init.takeError());
    return nullptr;
  }
  auto process = jit->lookup("patch_process");
  if (!process) {
    error = llvm::toString(process.takeError());
    return nullptr;
  }
  patch->init_ = init->toPtr<InitFunction>();
  patch->process_ = process->toPtr<ProcessFunction>();
  patch->jit_ = std::move(jit);
  return patch;
}

}  // namespace patchc::codegen
