#include "codegen/ExternalData.h"

#include "codegen/CodeGen.h"

#include <llvm/IR/Constants.h>
#include <llvm/IR/GlobalVariable.h>
#include <llvm/IR/LLVMContext.h>

namespace patchc::codegen {

llvm::Constant* declareExternalData(llvm::Module& module, std::vector<ExternalData>& data,
                                    const ir::SampleArray& numbers) {
  const void* bytes = numbers.data();
  const size_t size = numbers.size() * sizeof(float);
  for (const auto& d : data)
    if (d.bytes == bytes && d.size == size) return module.getNamedGlobal(d.symbol);
  ExternalData d{"patchc_data_" + std::to_string(data.size()), bytes, size};
  auto* type = llvm::ArrayType::get(llvm::Type::getInt8Ty(module.getContext()), size);
  // Not dso_local: the code reaches it through the GOT, so the JIT may define it at any address (the compiler's
  // heap is not within 2 GiB of the JIT's code).
  auto* global = new llvm::GlobalVariable(module, type, true, llvm::GlobalValue::ExternalLinkage, nullptr, d.symbol);
  global->setAlignment(llvm::Align(16));
  data.push_back(std::move(d));
  return global;
}

std::unique_ptr<llvm::MemoryBuffer> emitDataObject(const std::vector<ExternalData>& data,
                                                   llvm::TargetMachine& machine) {
  llvm::LLVMContext context;
  llvm::Module module("patch.data", context);
  module.setDataLayout(machine.createDataLayout());
  module.setTargetTriple(machine.getTargetTriple().str());
  for (const auto& d : data) {
    // Bytes, not floats: an i8 array is written to the object in one piece, not element by element.
    llvm::StringRef raw(static_cast<const char*>(d.bytes), d.size);
    auto* init = llvm::ConstantDataArray::getRaw(raw, d.size, llvm::Type::getInt8Ty(context));
    auto* global = new llvm::GlobalVariable(module, init->getType(), true, llvm::GlobalValue::ExternalLinkage, init,
                                            d.symbol);
    global->setAlignment(llvm::Align(16));
  }
  return emitObject(module, machine);
}

}  // namespace patchc::codegen
