#include "codegen/Jit.h"

#include <llvm/ExecutionEngine/JITEventListener.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/RTDyldObjectLinkingLayer.h>
#include <llvm/ExecutionEngine/SectionMemoryManager.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/MC/MCSubtargetInfo.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/TargetParser/Host.h>

#include <cstdlib>
#include <stdexcept>
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

// How every patch is compiled, for the host or another CPU.
void configure(llvm::orc::JITTargetMachineBuilder& builder) {
  builder.setCodeGenOptLevel(llvm::CodeGenOpt::Aggressive);
  // Position-independent: the module's external data (ExternalData.h) is reached through the GOT, wherever the
  // JIT or the loader puts it; the same code then links into a PIE executable (`patchc build`).
  builder.setRelocationModel(llvm::Reloc::PIC_);
  // Audio code wants fused multiply-adds and no errno: the kernels are compiled with -fno-math-errno too.
  llvm::TargetOptions options;
  options.AllowFPOpFusion = llvm::FPOpFusion::Standard;
  builder.setOptions(options);
}

llvm::orc::JITTargetMachineBuilder hostBuilder() {
  auto builder = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!builder) llvm::report_fatal_error(builder.takeError());
  configure(*builder);
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

std::unique_ptr<llvm::TargetMachine> targetMachine(const std::string& cpu) {
  if (cpu.empty()) return hostTargetMachine();
  initializeNativeTarget();
  llvm::orc::JITTargetMachineBuilder builder{llvm::Triple(llvm::sys::getProcessTriple())};
  builder.setCPU(cpu);
  configure(builder);
  auto machine = builder.createTargetMachine();
  if (!machine) throw std::runtime_error(llvm::toString(machine.takeError()));
  return std::move(*machine);
}

bool isKnownCpu(const std::string& cpu) {
  initializeNativeTarget();
  std::string error;
  const std::string triple = llvm::sys::getProcessTriple();
  const llvm::Target* target = llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target) return false;
  std::unique_ptr<llvm::MCSubtargetInfo> info(target->createMCSubtargetInfo(triple, "", ""));
  return info && info->isCPUStringValid(cpu);
}

std::unique_ptr<JitPatch> JitPatch::link(std::vector<std::unique_ptr<llvm::MemoryBuffer>> objects,
                                         const std::vector<ExternalData>& data, std::string& error) {
  auto jit = createJit(error);
  if (!jit) return nullptr;
  // The module's external data is the compiler's own copy of the samples, which outlives the code.
  llvm::orc::SymbolMap symbols;
  for (const auto& d : data)
    symbols[jit->mangleAndIntern(d.symbol)] = llvm::JITEvaluatedSymbol(
        llvm::pointerToJITTargetAddress(d.bytes), llvm::JITSymbolFlags::Exported);
  if (!symbols.empty())
    if (auto err = jit->getMainJITDylib().define(llvm::orc::absoluteSymbols(std::move(symbols)))) {
      error = llvm::toString(std::move(err));
      return nullptr;
    }
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
  auto abi = jit->lookup(kAbiSymbol);
  if (!abi) {
    error = llvm::toString(abi.takeError());
    return nullptr;
  }
  patch->abi_ = abi->toPtr<const runtime::PatchABI*>();
  patch->jit_ = std::move(jit);
  return patch;
}

}  // namespace patchc::codegen
