#include "codegen/Jit.h"

#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h>
#include <llvm/MC/TargetRegistry.h>
#include <llvm/Support/TargetSelect.h>
#include <llvm/TargetParser/Host.h>

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

}  // namespace

std::unique_ptr<llvm::TargetMachine> hostTargetMachine() {
  initializeNativeTarget();
  auto machine = hostBuilder().createTargetMachine();
  if (!machine) llvm::report_fatal_error(machine.takeError());
  return std::move(*machine);
}

std::unique_ptr<JitPatch> JitPatch::create(std::unique_ptr<llvm::Module> module,
                                           std::unique_ptr<llvm::LLVMContext> context, std::string& error) {
  initializeNativeTarget();
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(hostBuilder()).create();
  if (!jit) {
    error = llvm::toString(jit.takeError());
    return nullptr;
  }
  // Kernels may call libm (sinf, expf, ...): resolve them from this process.
  auto generator = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      (*jit)->getDataLayout().getGlobalPrefix());
  if (!generator) {
    error = llvm::toString(generator.takeError());
    return nullptr;
  }
  (*jit)->getMainJITDylib().addGenerator(std::move(*generator));
  if (auto err = (*jit)->addIRModule(llvm::orc::ThreadSafeModule(std::move(module), std::move(context)))) {
    error = llvm::toString(std::move(err));
    return nullptr;
  }
  auto patch = std::unique_ptr<JitPatch>(new JitPatch());
  auto init = (*jit)->lookup("patch_init");
  if (!init) {
    error = llvm::toString(init.takeError());
    return nullptr;
  }
  auto process = (*jit)->lookup("patch_process");
  if (!process) {
    error = llvm::toString(process.takeError());
    return nullptr;
  }
  patch->init_ = init->toPtr<InitFunction>();
  patch->process_ = process->toPtr<ProcessFunction>();
  patch->jit_ = std::move(*jit);
  return patch;
}

}  // namespace patchc::codegen
