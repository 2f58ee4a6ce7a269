#include "codegen/ControlCodeGen.h"

#include "ir/StateSize.h"
#include "runtime/MidiEventBlock.h"
#include "runtime/MidiOutQueue.h"
#include "runtime/ReportQueue.h"

#include <fmt/format.h>

#include <llvm/IR/Intrinsics.h>

#include <cmath>
#include <cstddef>
#include <functional>
#include <map>
#include <stdexcept>

namespace patchc::codegen {
namespace {

using Op = ir::Expression::Op;
using ir::ValueType;

constexpr size_t kTimerBytes = 24;
// Frames within this of a whole number are that number: `time` · sr in doubles is 8820.000000000002 for 0.2 s.
constexpr double kFrameTolerance = 1e-6;   // double frames to wait, double period (s), i32 playing
constexpr size_t kRandomBytes = 625 * 4;

size_t align8(size_t v) { return (v + 7) / 8 * 8; }

bool reports(const ir::Statement& s) {
  if (s.kind == ir::Statement::Kind::Report) return true;
  for (const auto& t : s.then) if (reports(t)) return true;
  for (const auto& t : s.otherwise) if (reports(t)) return true;
  return false;
}

bool anyReport(const ir::Control& control) {
  for (const auto& h : control.handlers)
    for (const auto& s : h.body) if (reports(s)) return true;
  return false;
}

bool sendsMidi(const ir::Statement& s) {
  if (s.kind == ir::Statement::Kind::MidiOut) return true;
  for (const auto& t : s.then) if (sendsMidi(t)) return true;
  for (const auto& t : s.otherwise) if (sendsMidi(t)) return true;
  return false;
}

bool addsMidi(const ir::Statement& s) {
  if (s.kind == ir::Statement::Kind::MidiIn) return true;
  for (const auto& t : s.then) if (addsMidi(t)) return true;
  for (const auto& t : s.otherwise) if (addsMidi(t)) return true;
  return false;
}

bool anyMidiOut(const ir::Control& control) {
  for (const auto& h : control.handlers)
    for (const auto& s : h.body) if (sendsMidi(s)) return true;
  return false;
}

// The arena's control area: the clock, globals (8 bytes each, by variable index: locals leave theirs unused),
// timers, watches' last values (8 bytes each, numbered through the timers), the random generator, the reports,
// the queue of MIDI messages sent, the arguments of tables handlers recompute (each: an int32 count in 8 bytes,
// then `capacity` floats).
struct ControlLayout {
  size_t clock, variables, timers, watches, random, reports, midiOut, end;
  std::vector<size_t> firstWatch;  // per timer
  std::vector<size_t> refills;     // per Control::refills
  explicit ControlLayout(const ir::Control& control, size_t base) {
    clock = align8(base);
    variables = clock + 8;
    timers = variables + 8 * control.variables.size();
    watches = timers + kTimerBytes * control.timers.size();
    size_t count = 0;
    for (const auto& t : control.timers) {
      firstWatch.push_back(count);
      count += t.watches.size();
    }
    random = watches + 8 * count;
    reports = align8(random + (control.random.empty() ? 0 : kRandomBytes));
    midiOut = align8(reports + (anyReport(control) ? sizeof(runtime::ReportQueue) : 0));
    end = midiOut + (anyMidiOut(control) ? sizeof(runtime::MidiOutQueue) : 0);
    for (const auto& refill : control.refills) {
      end = align8(end);
      refills.push_back(end);
      end += 8 + 4 * refill.capacity;
    }
    end = align8(end);
  }
  size_t watch(int timer, size_t w) const { return watches + 8 * (firstWatch[size_t(timer)] + w); }
};

}  // namespace

ControlCodeGen::ControlCodeGen(const ir::Graph& graph, llvm::Module& module, size_t base, Addresses addresses,
                               int blockFrames)
    : graph_(graph), module_(module), base_(base), addresses_(std::move(addresses)), blockFrames_(blockFrames) {}

size_t ControlCodeGen::bytes(const ir::Control& control) {
  ControlLayout layout(control, 0);
  return layout.end;
}

size_t ControlCodeGen::clockOffset() { return ControlLayout(ir::Control{}, 0).clock; }

std::vector<ModuleInfo::NodeState> ControlCodeGen::carriedState(const ir::Control& control, size_t base) {
  ControlLayout layout(control, base);
  auto hashOf = [](const std::string& text) { return uint64_t(std::hash<std::string>{}(text)); };
  std::vector<ModuleInfo::NodeState> pieces;
  // The clock goes on: what a handler prints keeps counting from the session's start.
  pieces.push_back({"clock", layout.clock, 8, 0, 0, 0});
  for (size_t v = 0; v < control.variables.size(); ++v) {
    const ir::Variable& variable = control.variables[v];
    if (!variable.global) continue;
    pieces.push_back({"global:" + variable.name, layout.variables + 8 * v, 8, 0, 0,
                      hashOf(fmt::format("{}/{}", int(variable.type), variable.initial))});
  }
  std::map<std::string, int> made;
  for (size_t t = 0; t < control.timers.size(); ++t) {
    const ir::Timer& timer = control.timers[t];
    const std::string site = fmt::format("timer:{}@{}:{}", timer.name, timer.origin.begin.line,
                                         timer.origin.begin.column);
    const std::string identity = fmt::format("{}#{}", site, made[site]++);
    const std::string setUp = fmt::format("{}/{}/{}/{}", int(timer.kind), timer.period, timer.playing, timer.delayed);
    pieces.push_back({identity, layout.timers + kTimerBytes * t, kTimerBytes, 0, 0, hashOf(setUp)});
    if (!timer.watches.empty())
      pieces.push_back({identity + "/watches", layout.watch(int(t), 0), 8 * timer.watches.size(), 0, 0,
                        hashOf(setUp)});
  }
  // Python's generator goes on from where it was, unless compiling drew other numbers than last time.
  if (!control.random.empty())
    pieces.push_back({"random", layout.random, kRandomBytes, 0, 0,
                      hashOf(std::string(reinterpret_cast<const char*>(control.random.data()),
                                         control.random.size() * sizeof(uint32_t)))});
  return pieces;
}

std::optional<size_t> ControlCodeGen::reportQueueOffset(const ir::Control& control) {
  if (!anyReport(control)) return std::nullopt;
  return ControlLayout(control, 0).reports;
}

bool ControlCodeGen::addsMidiEvents(const ir::Control& control) {
  for (const auto& h : control.handlers)
    for (const auto& s : h.body) if (addsMidi(s)) return true;
  return false;
}

std::optional<size_t> ControlCodeGen::midiOutOffset(const ir::Control& control) {
  if (!anyMidiOut(control)) return std::nullopt;
  return ControlLayout(control, 0).midiOut;
}

// Lowers expressions and statements into the function being built.
struct ControlCodeGen::Emitter {
  const ir::Graph& graph;
  const ir::Control& control;
  llvm::Module& module;
  llvm::LLVMContext& context;
  llvm::IRBuilder<>& b;
  const Addresses& addresses;
  ControlLayout layout;
  llvm::Value* state = nullptr;
  llvm::Value* pos = nullptr;  // the frame of the block the event falls on
  std::map<int, llvm::Value*> locals;  // allocas of this function's local variables
  llvm::Type* f64;
  llvm::Type* i64;
  llvm::Type* i32;
  llvm::Type* i1;
  llvm::Type* ptr;
  int blockFrames;

  Emitter(const ir::Graph& g, llvm::Module& m, llvm::IRBuilder<>& builder, const Addresses& a, size_t base, int frames)
      : graph(g), control(g.control), module(m), context(m.getContext()), b(builder), addresses(a),
        layout(g.control, base), blockFrames(frames) {
    f64 = llvm::Type::getDoubleTy(context);
    i64 = llvm::Type::getInt64Ty(context);
    i32 = llvm::Type::getInt32Ty(context);
    i1 = llvm::Type::getInt1Ty(context);
    ptr = llvm::PointerType::get(context, 0);
  }

  llvm::Type* typeOf(ValueType t) { return t == ValueType::Float ? f64 : t == ValueType::Int ? i64 : i1; }
  llvm::Value* at(size_t offset) { return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), state, offset); }
  llvm::Value* timerField(int timer, size_t field) { return at(layout.timers + kTimerBytes * size_t(timer) + field); }

  // Conversions between Python's number types.
  llvm::Value* convert(llvm::Value* v, ValueType from, ValueType to) {
    if (from == to) return v;
    if (to == ValueType::Float) return from == ValueType::Int ? b.CreateSIToFP(v, f64) : b.CreateUIToFP(v, f64);
    if (to == ValueType::Int) return from == ValueType::Bool ? b.CreateZExt(v, i64) : b.CreateFPToSI(v, i64);
    // to Bool
    if (from == ValueType::Int) return b.CreateICmpNE(v, llvm::ConstantInt::get(i64, 0));
    return b.CreateFCmpUNE(v, llvm::ConstantFP::get(f64, 0.0));
  }

  llvm::Value* variableAddress(int index) {
    const ir::Variable& v = control.variables[size_t(index)];
    if (v.global) return at(layout.variables + 8 * size_t(index));
    auto it = locals.find(index);
    if (it != locals.end()) return it->second;
    llvm::IRBuilderBase::InsertPointGuard guard(b);
    llvm::BasicBlock& entry = b.GetInsertBlock()->getParent()->getEntryBlock();
    b.SetInsertPoint(&entry, entry.begin());
    llvm::Value* slot = b.CreateAlloca(i64, nullptr, v.name);
    b.CreateStore(llvm::ConstantInt::get(i64, 0), slot);
    return locals[index] = slot;
  }
  // Variables are 8 bytes whatever their type: a bool is stored as an i64 0 or 1.
  llvm::Value* loadVariable(int index, ValueType type) {
    llvm::Value* slot = variableAddress(index);
    if (type == ValueType::Bool) return b.CreateICmpNE(b.CreateLoad(i64, slot), llvm::ConstantInt::get(i64, 0));
    return b.CreateLoad(typeOf(type), slot);
  }
  void storeVariable(int index, llvm::Value* value, ValueType type) {
    ValueType declared = control.variables[size_t(index)].type;
    value = convert(value, type, declared);
    if (declared == ValueType::Bool) value = b.CreateZExt(value, i64);
    b.CreateStore(value, variableAddress(index));
  }

  llvm::Value* intrinsic(llvm::Intrinsic::ID id, llvm::Value* x) {
    return b.CreateCall(llvm::Intrinsic::getDeclaration(&module, id, {f64}), {x});
  }
  llvm::Value* libm(const char* name, std::initializer_list<llvm::Value*> args) {
    std::vector<llvm::Type*> types(args.size(), f64);
    auto fn = module.getOrInsertFunction(name, llvm::FunctionType::get(f64, types, false));
    return b.CreateCall(fn, args);
  }

  // Does expression `index` draw from the random generator (a side effect that must happen only where Python's
  // does)?
  bool draws(int index) const {
    if (index < 0) return false;
    const ir::Expression& e = control.expression(index);
    if (e.op == Op::Random || e.op == Op::RandomBelow) return true;
    for (int k : {e.a, e.b, e.c})
      if (draws(k)) return true;
    for (int k : e.arguments)
      if (draws(k)) return true;
    return false;
  }

  // cond ? then() : otherwise(), each evaluated only on its branch.
  template <typename Then, typename Otherwise>
  llvm::Value* branch(llvm::Value* cond, Then then, Otherwise otherwise) {
    llvm::Function* fn = b.GetInsertBlock()->getParent();
    auto* thenBlock = llvm::BasicBlock::Create(context, "lazy.then", fn);
    auto* elseBlock = llvm::BasicBlock::Create(context, "lazy.else", fn);
    auto* after = llvm::BasicBlock::Create(context, "lazy.end", fn);
    b.CreateCondBr(cond, thenBlock, elseBlock);
    b.SetInsertPoint(thenBlock);
    llvm::Value* x = then();
    llvm::BasicBlock* thenEnd = b.GetInsertBlock();
    b.CreateBr(after);
    b.SetInsertPoint(elseBlock);
    llvm::Value* y = otherwise();
    llvm::BasicBlock* elseEnd = b.GetInsertBlock();
    b.CreateBr(after);
    b.SetInsertPoint(after);
    llvm::PHINode* phi = b.CreatePHI(x->getType(), 2);
    phi->addIncoming(x, thenEnd);
    phi->addIncoming(y, elseEnd);
    return phi;
  }

  llvm::Value* eval(int index) {
    const ir::Expression& e = control.expression(index);
    auto operand = [&](int k, ValueType as) {
      return convert(eval(k), control.expression(k).type, as);
    };
    const ValueType t = e.type;
    // The type both operands of an arithmetic op take: the result's for + - * // % **, Float for /.
    switch (e.op) {
      case Op::Constant:
        if (t == ValueType::Float) return llvm::ConstantFP::get(f64, e.number);
        if (t == ValueType::Int) return llvm::ConstantInt::get(i64, static_cast<uint64_t>(static_cast<int64_t>(e.number)));
        return llvm::ConstantInt::get(i1, e.number != 0.0);
      case Op::Variable: return loadVariable(e.index, t);
      case Op::ParamValue: {
        llvm::Value* v = b.CreateLoad(b.getFloatTy(), addresses.param(b, state, e.node, e.lane));
        return convert(b.CreateFPExt(v, f64), ValueType::Float, t);
      }
      case Op::Sample: {
        llvm::Value* v = b.CreateLoad(b.getFloatTy(), addresses.sample(b, state, e.node, e.lane, pos));
        return convert(b.CreateFPExt(v, f64), ValueType::Float, t);
      }
      case Op::LastSample: {
        // The frame before `pos` (the last one of the previous block when pos is 0: buffers keep it).
        llvm::Value* index = b.CreateURem(b.CreateAdd(pos, b.getInt32(uint32_t(blockFrames - 1))),
                                          b.getInt32(uint32_t(blockFrames)));
        llvm::Value* v = b.CreateLoad(b.getFloatTy(), addresses.sample(b, state, e.node, e.lane, index));
        return convert(b.CreateFPExt(v, f64), ValueType::Float, t);
      }
      case Op::Add:
      case Op::Subtract:
      case Op::Multiply: {
        llvm::Value* x = operand(e.a, t);
        llvm::Value* y = operand(e.b, t);
        if (t == ValueType::Float) {
          return e.op == Op::Add ? b.CreateFAdd(x, y) : e.op == Op::Subtract ? b.CreateFSub(x, y) : b.CreateFMul(x, y);
        }
        return e.op == Op::Add ? b.CreateAdd(x, y) : e.op == Op::Subtract ? b.CreateSub(x, y) : b.CreateMul(x, y);
      }
      case Op::Divide: {
        // Python raises on a zero divisor; a handler gives 0 (no exceptions in the audio thread).
        llvm::Value* x = operand(e.a, ValueType::Float);
        llvm::Value* y = operand(e.b, ValueType::Float);
        llvm::Value* zero = llvm::ConstantFP::get(f64, 0.0);
        return b.CreateSelect(b.CreateFCmpOEQ(y, zero), zero, b.CreateFDiv(x, y));
      }
      case Op::FloorDivide:
      case Op::Modulo: {
        if (t == ValueType::Float) {
          llvm::Value* x = operand(e.a, t);
          llvm::Value* y = operand(e.b, t);
          llvm::Value* zero = llvm::ConstantFP::get(f64, 0.0);
          llvm::Value* q = intrinsic(llvm::Intrinsic::floor, b.CreateFDiv(x, y));
          // Python's % takes the divisor's sign: x − y·floor(x / y).
          llvm::Value* r = e.op == Op::FloorDivide ? q : b.CreateFSub(x, b.CreateFMul(y, q));
          return b.CreateSelect(b.CreateFCmpOEQ(y, zero), zero, r);
        }
        llvm::Value* x = operand(e.a, ValueType::Int);
        llvm::Value* y = operand(e.b, ValueType::Int);
        llvm::Value* zero = llvm::ConstantInt::get(i64, 0);
        llvm::Value* isZero = b.CreateICmpEQ(y, zero);
        llvm::Value* safe = b.CreateSelect(isZero, llvm::ConstantInt::get(i64, 1), y);
        llvm::Value* q = b.CreateSDiv(x, safe);
        llvm::Value* r = b.CreateSRem(x, safe);
        // Toward −∞: when the remainder is not 0 and its sign differs from the divisor's.
        llvm::Value* adjust = b.CreateAnd(b.CreateICmpNE(r, zero),
                                          b.CreateICmpSLT(b.CreateXor(r, safe), zero));
        llvm::Value* result = e.op == Op::FloorDivide
                                  ? b.CreateSub(q, b.CreateZExt(adjust, i64))
                                  : b.CreateAdd(r, b.CreateSelect(adjust, safe, zero));
        return b.CreateSelect(isZero, zero, result);
      }
      case Op::Power: return libm("pow", {operand(e.a, ValueType::Float), operand(e.b, ValueType::Float)});
      case Op::Negate:
        return t == ValueType::Float ? b.CreateFNeg(operand(e.a, t)) : b.CreateNeg(operand(e.a, t));
      case Op::Not: return b.CreateNot(operand(e.a, ValueType::Bool));
      case Op::Less:
      case Op::LessEqual:
      case Op::Greater:
      case Op::GreaterEqual:
      case Op::Equal:
      case Op::NotEqual: {
        ValueType ta = control.expression(e.a).type, tb = control.expression(e.b).type;
        bool floats = ta == ValueType::Float || tb == ValueType::Float;
        ValueType as = floats ? ValueType::Float : ValueType::Int;
        llvm::Value* x = operand(e.a, as);
        llvm::Value* y = operand(e.b, as);
        using P = llvm::CmpInst::Predicate;
        P p;
        switch (e.op) {
          case Op::Less: p = floats ? P::FCMP_OLT : P::ICMP_SLT; break;
          case Op::LessEqual: p = floats ? P::FCMP_OLE : P::ICMP_SLE; break;
          case Op::Greater: p = floats ? P::FCMP_OGT : P::ICMP_SGT; break;
          case Op::GreaterEqual: p = floats ? P::FCMP_OGE : P::ICMP_SGE; break;
          case Op::Equal: p = floats ? P::FCMP_OEQ : P::ICMP_EQ; break;
          default: p = floats ? P::FCMP_UNE : P::ICMP_NE; break;
        }
        return floats ? b.CreateFCmp(p, x, y) : b.CreateICmp(p, x, y);
      }
      // Python evaluates `a and b`, `a or b` and `x if c else y` lazily: an operand that draws random numbers is
      // evaluated only on its branch (else every later draw would come early); others are computed and selected.
      // Operands are evaluated in order into locals (function arguments have no order in C++).
      case Op::And:
      case Op::Or: {
        llvm::Value* x = operand(e.a, ValueType::Bool);
        if (!draws(e.b)) {
          llvm::Value* y = operand(e.b, ValueType::Bool);
          return e.op == Op::And ? b.CreateAnd(x, y) : b.CreateOr(x, y);
        }
        llvm::Value* decided = b.getInt1(e.op == Op::Or);
        return e.op == Op::And ? branch(x, [&] { return operand(e.b, ValueType::Bool); }, [&] { return decided; })
                               : branch(x, [&] { return decided; }, [&] { return operand(e.b, ValueType::Bool); });
      }
      case Op::Select: {
        llvm::Value* condition = operand(e.a, ValueType::Bool);
        if (draws(e.b) || draws(e.c))
          return branch(condition, [&] { return operand(e.b, t); }, [&] { return operand(e.c, t); });
        llvm::Value* x = operand(e.b, t);
        llvm::Value* y = operand(e.c, t);
        return b.CreateSelect(condition, x, y);
      }
      case Op::ToFloat: return operand(e.a, ValueType::Float);
      case Op::ToBool: return operand(e.a, ValueType::Bool);
      case Op::ToInt: {
        // int(x) of a float: toward zero, as Python (a non-finite x gives 0 instead of raising).
        ValueType from = control.expression(e.a).type;
        if (from != ValueType::Float) return operand(e.a, ValueType::Int);
        llvm::Value* x = eval(e.a);
        llvm::Value* finite = b.CreateFCmpOLT(intrinsic(llvm::Intrinsic::fabs, x), llvm::ConstantFP::get(f64, 9.2e18));
        return b.CreateSelect(finite, b.CreateFPToSI(x, i64), llvm::ConstantInt::get(i64, 0));
      }
      case Op::Call: return call(e);
      case Op::Random: {
        auto fn = module.getOrInsertFunction("patchc_random_random", llvm::FunctionType::get(f64, {ptr}, false));
        return b.CreateCall(fn, {at(layout.random)});
      }
      case Op::RandomBelow: {
        auto fn = module.getOrInsertFunction("patchc_random_below", llvm::FunctionType::get(i64, {ptr, i64}, false));
        return b.CreateCall(fn, {at(layout.random), operand(e.a, ValueType::Int)});
      }
      case Op::TableSize: {
        const ir::Table& table = graph.tables.at(size_t(e.index));
        if (!table.resizable()) return llvm::ConstantInt::get(i64, table.size());
        return b.CreateSExt(b.CreateLoad(i32, addresses.tableSize(b, state, ir::TableId(e.index))), i64);
      }
      case Op::Element: {
        std::vector<llvm::Constant*> items;
        for (double v : e.constants)
          items.push_back(t == ValueType::Float ? static_cast<llvm::Constant*>(llvm::ConstantFP::get(f64, v))
                                                : llvm::ConstantInt::get(i64, static_cast<uint64_t>(int64_t(v))));
        auto* type = llvm::ArrayType::get(typeOf(t == ValueType::Bool ? ValueType::Int : t), items.size());
        auto* table = new llvm::GlobalVariable(module, type, true, llvm::GlobalValue::PrivateLinkage,
                                               llvm::ConstantArray::get(type, items), "control.list");
        const int64_t n = static_cast<int64_t>(items.size());
        llvm::Value* i = operand(e.a, ValueType::Int);
        // Python's negative indexes count from the end; beyond the list, the nearest end.
        i = b.CreateSelect(b.CreateICmpSLT(i, llvm::ConstantInt::get(i64, 0)),
                           b.CreateAdd(i, llvm::ConstantInt::get(i64, uint64_t(n))), i);
        i = b.CreateSelect(b.CreateICmpSLT(i, llvm::ConstantInt::get(i64, 0)), llvm::ConstantInt::get(i64, 0), i);
        i = b.CreateSelect(b.CreateICmpSGE(i, llvm::ConstantInt::get(i64, uint64_t(n))),
                           llvm::ConstantInt::get(i64, uint64_t(n - 1)), i);
        llvm::Value* item = b.CreateLoad(type->getElementType(),
                                         b.CreateInBoundsGEP(type, table, {llvm::ConstantInt::get(i64, 0), i}));
        return t == ValueType::Bool ? b.CreateICmpNE(item, llvm::ConstantInt::get(i64, 0)) : item;
      }
    }
    throw std::runtime_error("unknown control expression");
  }

  llvm::Value* call(const ir::Expression& e) {
    const ValueType from = control.expression(e.arguments.at(0)).type;
    llvm::Value* x = convert(eval(e.arguments[0]), from, ValueType::Float);
    const std::string& f = e.function;
    auto result = [&](llvm::Value* v, ValueType have) { return convert(v, have, e.type); };
    if (f == "midiToHz")  // pyo: 440 · 2^((x − 69) / 12)
      return result(b.CreateFMul(llvm::ConstantFP::get(f64, 440.0),
                                 libm("exp2", {b.CreateFDiv(b.CreateFSub(x, llvm::ConstantFP::get(f64, 69.0)),
                                                            llvm::ConstantFP::get(f64, 12.0))})),
                    ValueType::Float);
    if (f == "hzToMidi")
      return result(b.CreateFAdd(b.CreateFMul(llvm::ConstantFP::get(f64, 12.0),
                                              libm("log2", {b.CreateFDiv(x, llvm::ConstantFP::get(f64, 440.0))})),
                                 llvm::ConstantFP::get(f64, 69.0)),
                    ValueType::Float);
    if (f == "midiToTranspo")
      return result(libm("exp2", {b.CreateFDiv(b.CreateFSub(x, llvm::ConstantFP::get(f64, 60.0)),
                                               llvm::ConstantFP::get(f64, 12.0))}),
                    ValueType::Float);
    if (f == "abs") {
      if (from != ValueType::Float) {
        llvm::Value* i = convert(eval(e.arguments[0]), from, ValueType::Int);
        return result(b.CreateSelect(b.CreateICmpSLT(i, llvm::ConstantInt::get(i64, 0)), b.CreateNeg(i), i),
                      ValueType::Int);
      }
      return result(intrinsic(llvm::Intrinsic::fabs, x), ValueType::Float);
    }
    if (f == "fabs") return result(intrinsic(llvm::Intrinsic::fabs, x), ValueType::Float);
    if (f == "floor") return result(intrinsic(llvm::Intrinsic::floor, x), ValueType::Float);
    if (f == "ceil") return result(intrinsic(llvm::Intrinsic::ceil, x), ValueType::Float);
    if (f == "round") return result(intrinsic(llvm::Intrinsic::roundeven, x), ValueType::Float);  // Python rounds half to even
    if (f == "sqrt") return result(intrinsic(llvm::Intrinsic::sqrt, x), ValueType::Float);
    static const std::map<std::string, const char*> libmNames = {
        {"sin", "sin"}, {"cos", "cos"}, {"tan", "tan"}, {"exp", "exp"}, {"log10", "log10"}, {"log2", "log2"},
        {"atan", "atan"}, {"tanh", "tanh"}};
    auto it = libmNames.find(f);
    if (it != libmNames.end()) return result(libm(it->second, {x}), ValueType::Float);
    throw std::runtime_error("unknown control function " + f);
  }

  // The producer's side of a single-producer queue in the state, inline and lock-free: ReportQueue and
  // MidiOutQueue share it (counters `written`, `read`, `dropped`; a power-of-two ring `entries` of `Entry`).
  // `fill(member)` stores one entry's fields (member(offset): the address of the field at that offset); when the
  // queue is full the drop is counted instead.
  template <typename Queue, typename Entry>
  void pushToQueue(size_t base, const char* name, const std::function<void(const std::function<llvm::Value*(size_t)>&)>& fill) {
    static_assert((Queue::kCapacity & (Queue::kCapacity - 1)) == 0);
    llvm::Function* fn = b.GetInsertBlock()->getParent();
    auto field = [&](size_t offset) { return at(base + offset); };
    auto* written = b.CreateLoad(i32, field(offsetof(Queue, written)));
    written->setAtomic(llvm::AtomicOrdering::Monotonic);
    written->setAlignment(llvm::Align(4));
    auto* read = b.CreateLoad(i32, field(offsetof(Queue, read)));
    read->setAtomic(llvm::AtomicOrdering::Acquire);
    read->setAlignment(llvm::Align(4));
    auto* full = llvm::BasicBlock::Create(context, std::string(name) + ".full", fn);
    auto* room = llvm::BasicBlock::Create(context, std::string(name) + ".push", fn);
    auto* done = llvm::BasicBlock::Create(context, std::string(name) + ".done", fn);
    b.CreateCondBr(b.CreateICmpUGE(b.CreateSub(written, read), b.getInt32(Queue::kCapacity)), full, room);
    b.SetInsertPoint(full);
    {
      llvm::Value* dropped = field(offsetof(Queue, dropped));
      auto* n = b.CreateLoad(i32, dropped);
      n->setAtomic(llvm::AtomicOrdering::Monotonic);
      n->setAlignment(llvm::Align(4));
      auto* store = b.CreateStore(b.CreateAdd(n, b.getInt32(1)), dropped);
      store->setAtomic(llvm::AtomicOrdering::Monotonic);
      store->setAlignment(llvm::Align(4));
      b.CreateBr(done);
    }
    b.SetInsertPoint(room);
    llvm::Value* slot = b.CreateZExt(b.CreateAnd(written, b.getInt32(Queue::kCapacity - 1)), i64);
    llvm::Value* entry = b.CreateInBoundsGEP(b.getInt8Ty(), field(offsetof(Queue, entries)),
                                             b.CreateMul(slot, llvm::ConstantInt::get(i64, sizeof(Entry))));
    fill([&](size_t offset) { return b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), entry, offset); });
    auto* publish = b.CreateStore(b.CreateAdd(written, b.getInt32(1)), field(offsetof(Queue, written)));
    publish->setAtomic(llvm::AtomicOrdering::Release);
    publish->setAlignment(llvm::Align(4));
    b.CreateBr(done);
    b.SetInsertPoint(done);
  }

  // ReportQueue::push (runtime/ReportQueue.h): one message with its values at `frame`.
  void push(int message, llvm::Value* frame, llvm::Value* values, size_t count) {
    using Queue = runtime::ReportQueue;
    static_assert(Queue::kMaxValues == ir::kMaxReportValues);
    pushToQueue<Queue, Queue::Entry>(layout.reports, "report", [&](const auto& member) {
      b.CreateStore(b.getInt32(uint32_t(message)), member(offsetof(Queue::Entry, message)));
      b.CreateStore(b.getInt32(uint32_t(count)), member(offsetof(Queue::Entry, count)));
      b.CreateStore(frame, member(offsetof(Queue::Entry, frame)));
      for (size_t i = 0; i < count; ++i)
        b.CreateStore(b.CreateLoad(f64, b.CreateConstInBoundsGEP1_64(f64, values, i)),
                      member(offsetof(Queue::Entry, values) + 8 * i));
    });
  }

  // MidiOutQueue::push (runtime/MidiOutQueue.h): one message at `frame`.
  void pushMidi(llvm::Value* frame, llvm::Value* status, llvm::Value* data1, llvm::Value* data2) {
    pushToQueue<runtime::MidiOutQueue, runtime::MidiBlockEvent>(layout.midiOut, "midi", [&](const auto& member) {
      b.CreateStore(frame, member(offsetof(runtime::MidiBlockEvent, frame)));
      b.CreateStore(status, member(offsetof(runtime::MidiBlockEvent, status)));
      b.CreateStore(data1, member(offsetof(runtime::MidiBlockEvent, data1)));
      b.CreateStore(data2, member(offsetof(runtime::MidiBlockEvent, data2)));
    });
  }

  // An argument of a MIDI message as pyo's C code takes it, an int (int() of a float: toward zero), clamped to
  // [low, high] (pyo masks out-of-range values into other bytes; a file or device only takes 0-127).
  llvm::Value* midiInt(int argument, int64_t low, int64_t high) {
    llvm::Value* x = convert(eval(argument), control.expression(argument).type, ValueType::Float);
    x = b.CreateSelect(b.CreateFCmpUNO(x, x), llvm::ConstantFP::get(f64, double(low)), x);  // NaN: the low end
    x = b.CreateSelect(b.CreateFCmpOLT(x, llvm::ConstantFP::get(f64, double(low))), llvm::ConstantFP::get(f64, double(low)), x);
    x = b.CreateSelect(b.CreateFCmpOGT(x, llvm::ConstantFP::get(f64, double(high))), llvm::ConstantFP::get(f64, double(high)), x);
    return b.CreateFPToSI(x, i64);
  }
  // Milliseconds after the event as frames: the nearest frame, halves up (ms · sr / 1000 + 0.5, floored); a
  // negative or NaN delay is none, and one beyond a day is a day.
  llvm::Value* midiDelayFrames(int argument) {
    llvm::Value* ms = convert(eval(argument), control.expression(argument).type, ValueType::Float);
    ms = b.CreateSelect(b.CreateFCmpOGT(ms, llvm::ConstantFP::get(f64, 0.0)), ms, llvm::ConstantFP::get(f64, 0.0));
    ms = b.CreateSelect(b.CreateFCmpOGT(ms, llvm::ConstantFP::get(f64, 86400e3)), llvm::ConstantFP::get(f64, 86400e3), ms);
    llvm::Value* frames = b.CreateFAdd(b.CreateFMul(ms, llvm::ConstantFP::get(f64, graph.server.sampleRate / 1000.0)),
                                       llvm::ConstantFP::get(f64, 0.5));
    return b.CreateFPToSI(intrinsic(llvm::Intrinsic::floor, frames), i64);
  }

  void exec(const std::vector<ir::Statement>& body) {
    for (const auto& s : body) execOne(s);
  }

  void execOne(const ir::Statement& s) {
    using K = ir::Statement::Kind;
    switch (s.kind) {
      case K::SetVariable:
        storeVariable(s.index, eval(s.expression), control.expression(s.expression).type);
        return;
      case K::SetParam: {
        llvm::Value* v = convert(eval(s.expression), control.expression(s.expression).type, ValueType::Float);
        b.CreateStore(b.CreateFPTrunc(v, b.getFloatTy()), addresses.param(b, state, s.node, s.lane));
        return;
      }
      case K::SetArray: {
        // The numbers after the header, then their count: kernels read the count at their next call.
        llvm::Value* slot = addresses.array(b, state, s.node, size_t(s.index));
        llvm::Value* numbers = b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), slot, ir::kArraySlotHeaderBytes);
        for (size_t i = 0; i < s.arguments.size(); ++i) {
          const int a = s.arguments[i];
          llvm::Value* v = convert(eval(a), control.expression(a).type, ValueType::Float);
          b.CreateStore(b.CreateFPTrunc(v, b.getFloatTy()), b.CreateConstInBoundsGEP1_64(b.getFloatTy(), numbers, i));
        }
        b.CreateStore(b.getInt32(uint32_t(s.arguments.size())), slot);
        return;
      }
      case K::RefillTable: {
        // The arguments into the control's copy, then the kind's refill on the table's buffer (Refill.h).
        const ir::TableRefill& refill = control.refills[size_t(s.index)];
        const size_t slot = layout.refills[size_t(s.index)];
        for (size_t i = 0; i < s.arguments.size(); ++i) {
          const int a = s.arguments[i];
          llvm::Value* v = convert(eval(a), control.expression(a).type, ValueType::Float);
          b.CreateStore(b.CreateFPTrunc(v, b.getFloatTy()), at(slot + 8 + 4 * (size_t(s.lane) + i)));
        }
        if (s.endsList) b.CreateStore(b.getInt32(uint32_t(size_t(s.lane) + s.arguments.size())), at(slot));
        const std::string symbol = "patchc_table_refill_" + refill.kind;
        llvm::FunctionCallee fill = module.getOrInsertFunction(
            symbol, llvm::FunctionType::get(b.getVoidTy(), {b.getPtrTy(), b.getInt32Ty(), b.getPtrTy(), b.getInt32Ty()},
                                            false));
        b.CreateCall(fill, {at(slot + 8), b.CreateLoad(b.getInt32Ty(), at(slot)), addresses.table(b, state, refill.table, 0),
                            b.getInt32(uint32_t(graph.tables[refill.table].size()))});
        return;
      }
      case K::EditSound: {
        // Each channel from its channel of the file (SoundEdits.h), all from the same size; then the new size.
        const ir::SoundSource& source = control.soundSources[size_t(s.index)];
        const ir::Table& table = graph.tables.at(source.table);
        llvm::FunctionCallee edit = module.getOrInsertFunction(
            "patchc_sound_edit",
            llvm::FunctionType::get(i32, {ptr, i32, i32, ptr, i32, b.getFloatTy(), b.getFloatTy(), i32, b.getFloatTy(),
                                          b.getFloatTy(), b.getFloatTy(), b.getFloatTy()},
                                    false));
        std::vector<llvm::Value*> seconds;
        for (int a : s.arguments)
          seconds.push_back(b.CreateFPTrunc(convert(eval(a), control.expression(a).type, ValueType::Float), b.getFloatTy()));
        llvm::Value* sizeAt = addresses.tableSize(b, state, source.table);
        llvm::Value* size = b.CreateLoad(i32, sizeAt);
        llvm::Value* grown = size;
        for (size_t c = 0; c < table.channels.size(); ++c) {
          const ir::SampleArray& file = source.channels[c % source.channels.size()];
          llvm::Value* samples = addresses.data(file);
          grown = b.CreateCall(edit, {addresses.table(b, state, source.table, int(c)), size,
                                      b.getInt32(uint32_t(table.capacity)), samples, b.getInt32(uint32_t(file.size())),
                                      llvm::ConstantFP::get(b.getFloatTy(), source.sampleRate),
                                      llvm::ConstantFP::get(b.getFloatTy(), graph.server.sampleRate),
                                      b.getInt32(uint32_t(s.lane)), seconds[0], seconds[1], seconds[2], seconds[3]});
        }
        b.CreateStore(grown, sizeAt);
        return;
      }
      case K::Play:
      case K::Stop: {
        // The next generation |g| + 1, or −|g| (stdlib/Declare.h's playing()).
        const int lanes = graph.node(s.node).lanes;
        for (int lane = 0; lane < lanes; ++lane) {
          llvm::Value* address = addresses.param(b, state, s.node, lane);
          llvm::Value* g = b.CreateCall(
              llvm::Intrinsic::getDeclaration(&module, llvm::Intrinsic::fabs, {b.getFloatTy()}),
              {b.CreateLoad(b.getFloatTy(), address)});
          llvm::Value* next = s.kind == K::Play ? b.CreateFAdd(g, llvm::ConstantFP::get(b.getFloatTy(), 1.0))
                                                : b.CreateFNeg(g);
          b.CreateStore(next, address);
        }
        return;
      }
      case K::SetPeriod: {
        llvm::Value* v = convert(eval(s.expression), control.expression(s.expression).type, ValueType::Float);
        v = b.CreateSelect(b.CreateFCmpOGE(v, llvm::ConstantFP::get(f64, 0.0)), v, llvm::ConstantFP::get(f64, 0.0));
        b.CreateStore(v, timerField(s.index, 8));
        return;
      }
      case K::StartTimer: {
        // Pattern: at once; CallAfter and Print: `time` from now. A watching timer only plays or stops.
        const ir::Timer& timer = control.timers[size_t(s.index)];
        llvm::Value* wait = llvm::ConstantFP::get(f64, 0.0);
        if (timer.kind == ir::Timer::Kind::Once || timer.delayed)
          wait = b.CreateFMul(b.CreateLoad(f64, timerField(s.index, 8)),
                              llvm::ConstantFP::get(f64, graph.server.sampleRate));
        b.CreateStore(wait, timerField(s.index, 0));
        b.CreateStore(b.getInt32(1), timerField(s.index, 16));
        return;
      }
      case K::StopTimer: b.CreateStore(b.getInt32(0), timerField(s.index, 16)); return;
      case K::Report: {
        // The values into a stack array, then one call: the queue is the runtime's (ReportQueue.h).
        const size_t count = s.arguments.size();
        llvm::Value* values = nullptr;
        {
          llvm::IRBuilderBase::InsertPointGuard guard(b);
          llvm::BasicBlock& entry = b.GetInsertBlock()->getParent()->getEntryBlock();
          b.SetInsertPoint(&entry, entry.begin());
          values = b.CreateAlloca(f64, b.getInt32(uint32_t(std::max<size_t>(count, 1))), "report");
        }
        for (size_t i = 0; i < count; ++i) {
          int a = s.arguments[i];
          b.CreateStore(convert(eval(a), control.expression(a).type, ValueType::Float),
                        b.CreateConstInBoundsGEP1_64(f64, values, i));
        }
        llvm::Value* frame = b.CreateAdd(b.CreateLoad(i64, at(layout.clock)), b.CreateZExt(pos, i64));
        push(s.index, frame, values, count);
        return;
      }
      case K::MidiOut: {
        // pyo's pm_noteout & co.: status = kind | (channel − 1), channel 0 meaning the first; pm_bendout splits
        // the 14-bit value into data1 (low 7 bits) and data2 (high 7 bits); pm_makenote sends the note-on now and
        // a note-on of velocity 0 `duration` ms later. Every argument is evaluated once, in order.
        const bool bend = s.index == 0xE0;
        llvm::Value* data1 = midiInt(s.arguments[0], 0, bend ? 16383 : 127);
        llvm::Value* data2 = midiInt(s.arguments[1], 0, 127);
        llvm::Value* channel = midiInt(s.arguments[2], 0, 16);
        llvm::Value* delay = midiDelayFrames(s.arguments[3]);
        llvm::Value* off = s.arguments.size() > 4 ? midiDelayFrames(s.arguments[4]) : nullptr;
        if (bend) {
          data2 = b.CreateLShr(data1, llvm::ConstantInt::get(i64, 7));
          data1 = b.CreateAnd(data1, llvm::ConstantInt::get(i64, 0x7F));
        }
        llvm::Value* nibble = b.CreateSelect(b.CreateICmpEQ(channel, llvm::ConstantInt::get(i64, 0)),
                                             llvm::ConstantInt::get(i64, 0), b.CreateSub(channel, llvm::ConstantInt::get(i64, 1)));
        llvm::Value* status = b.CreateTrunc(b.CreateOr(nibble, llvm::ConstantInt::get(i64, uint64_t(s.index))), b.getInt8Ty());
        llvm::Value* d1 = b.CreateTrunc(data1, b.getInt8Ty());
        llvm::Value* d2 = b.CreateTrunc(data2, b.getInt8Ty());
        if (s.index == 0xC0 || s.index == 0xD0) d2 = b.getInt8(0);
        llvm::Value* frame = b.CreateAdd(b.CreateAdd(b.CreateLoad(i64, at(layout.clock)), b.CreateZExt(pos, i64)), delay);
        pushMidi(frame, status, d1, d2);
        if (off) pushMidi(b.CreateAdd(frame, off), status, d1, b.getInt8(0));
        return;
      }
      case K::MidiIn: {
        // Into the block's events in frame order (after those of the same frame), as the runtime writes them; a
        // full block counts a drop. The runtime empties the block after each block it renders, as pyo's server
        // empties its buffer (CodeGen.cpp does so too when no source feeds it).
        llvm::Value* status = midiInt(s.arguments[0], 0x80, 0xEF);
        llvm::Value* data1 = midiInt(s.arguments[1], 0, 127);
        llvm::Value* data2 = midiInt(s.arguments[2], 0, 127);
        llvm::Value* events = addresses.midiEvents ? addresses.midiEvents(b, state) : nullptr;
        if (!events) return;  // no MIDI object reads events: nothing to feed
        using Block = runtime::MidiEventBlock;
        using Event = runtime::MidiBlockEvent;
        llvm::Value* frame = b.CreateAdd(b.CreateLoad(i64, at(layout.clock)), b.CreateZExt(pos, i64));
        llvm::Value* countAt = b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), events, offsetof(Block, count));
        llvm::Value* count = b.CreateLoad(i32, countAt);
        llvm::Function* fn = b.GetInsertBlock()->getParent();
        auto* full = llvm::BasicBlock::Create(context, "midiin.full", fn);
        auto* shift = llvm::BasicBlock::Create(context, "midiin.shift", fn);
        auto* move = llvm::BasicBlock::Create(context, "midiin.move", fn);
        auto* place = llvm::BasicBlock::Create(context, "midiin.place", fn);
        auto* done = llvm::BasicBlock::Create(context, "midiin.done", fn);
        b.CreateCondBr(b.CreateICmpUGE(count, b.getInt32(Block::kCapacity)), full, shift);
        b.SetInsertPoint(full);
        {
          llvm::Value* droppedAt = b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), events, offsetof(Block, dropped));
          b.CreateStore(b.CreateAdd(b.CreateLoad(i64, droppedAt), llvm::ConstantInt::get(i64, 1)), droppedAt);
          b.CreateBr(done);
        }
        auto eventAt = [&](llvm::Value* index) {
          return b.CreateInBoundsGEP(b.getInt8Ty(), b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), events, offsetof(Block, events)),
                                     b.CreateMul(b.CreateZExt(index, i64), llvm::ConstantInt::get(i64, sizeof(Event))));
        };
        // i = count; while (i > 0 && events[i − 1].frame > frame) { events[i] = events[i − 1]; −−i; }
        b.SetInsertPoint(shift);
        llvm::BasicBlock* entry = b.GetInsertBlock();
        auto* loop = llvm::BasicBlock::Create(context, "midiin.loop", fn);
        b.CreateBr(loop);
        b.SetInsertPoint(loop);
        llvm::PHINode* i = b.CreatePHI(i32, 2, "i");
        i->addIncoming(count, entry);
        auto* test = llvm::BasicBlock::Create(context, "midiin.test", fn);
        b.CreateCondBr(b.CreateICmpEQ(i, b.getInt32(0)), place, test);
        b.SetInsertPoint(test);
        llvm::Value* previous = eventAt(b.CreateSub(i, b.getInt32(1)));
        llvm::Value* previousFrame = b.CreateLoad(i64, previous);
        b.CreateCondBr(b.CreateICmpSGT(previousFrame, frame), move, place);
        b.SetInsertPoint(move);
        b.CreateMemCpy(eventAt(i), llvm::MaybeAlign(8), previous, llvm::MaybeAlign(8), sizeof(Event));
        i->addIncoming(b.CreateSub(i, b.getInt32(1)), move);
        b.CreateBr(loop);
        b.SetInsertPoint(place);
        llvm::PHINode* at = b.CreatePHI(i32, 2, "at");
        at->addIncoming(i, loop);
        at->addIncoming(i, test);
        llvm::Value* slot = eventAt(at);
        b.CreateStore(frame, b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), slot, offsetof(Event, frame)));
        b.CreateStore(b.CreateTrunc(status, b.getInt8Ty()), b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), slot, offsetof(Event, status)));
        b.CreateStore(b.CreateTrunc(data1, b.getInt8Ty()), b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), slot, offsetof(Event, data1)));
        b.CreateStore(b.CreateTrunc(data2, b.getInt8Ty()), b.CreateConstInBoundsGEP1_64(b.getInt8Ty(), slot, offsetof(Event, data2)));
        b.CreateStore(b.CreateAdd(count, b.getInt32(1)), countAt);
        b.CreateBr(done);
        b.SetInsertPoint(done);
        return;
      }
      case K::If: {
        llvm::Function* fn = b.GetInsertBlock()->getParent();
        auto* then = llvm::BasicBlock::Create(context, "then", fn);
        auto* otherwise = llvm::BasicBlock::Create(context, "else", fn);
        auto* after = llvm::BasicBlock::Create(context, "endif", fn);
        b.CreateCondBr(convert(eval(s.expression), control.expression(s.expression).type, ValueType::Bool), then,
                       otherwise);
        b.SetInsertPoint(then);
        exec(s.then);
        b.CreateBr(after);
        b.SetInsertPoint(otherwise);
        exec(s.otherwise);
        b.CreateBr(after);
        b.SetInsertPoint(after);
        return;
      }
    }
  }
};

void ControlCodeGen::emitInit(llvm::IRBuilder<>& b, llvm::Value* state) {
  Emitter e(graph_, module_, b, addresses_, base_, blockFrames_);
  e.state = state;
  const ir::Control& control = graph_.control;
  for (size_t i = 0; i < control.variables.size(); ++i) {
    const ir::Variable& v = control.variables[i];
    if (!v.global) continue;
    llvm::Value* value = v.type == ValueType::Float ? static_cast<llvm::Value*>(llvm::ConstantFP::get(e.f64, v.initial))
                                                    : llvm::ConstantInt::get(e.i64, uint64_t(int64_t(v.initial)));
    b.CreateStore(value, e.at(e.layout.variables + 8 * i));
  }
  for (size_t t = 0; t < control.timers.size(); ++t) {
    const ir::Timer& timer = control.timers[t];
    const bool waits = timer.kind == ir::Timer::Kind::Once || timer.delayed;
    const double wait = waits ? timer.period * graph_.server.sampleRate : 0.0;
    b.CreateStore(llvm::ConstantFP::get(e.f64, wait), e.timerField(int(t), 0));
    b.CreateStore(llvm::ConstantFP::get(e.f64, timer.period), e.timerField(int(t), 8));
    b.CreateStore(b.getInt32(timer.playing ? 1 : 0), e.timerField(int(t), 16));
    // The last value seen, as pyo's objects start: Score −99, Print −99999 (so the first sample is new).
    for (size_t w = 0; w < timer.watches.size(); ++w) {
      llvm::Value* at = e.at(e.layout.watch(int(t), w));
      if (timer.kind == ir::Timer::Kind::OnNewInteger) b.CreateStore(llvm::ConstantInt::get(e.i64, uint64_t(int64_t(-99))), at);
      if (timer.kind == ir::Timer::Kind::OnNewValue) b.CreateStore(llvm::ConstantFP::get(b.getFloatTy(), -99999.0), at);
    }
  }
  for (size_t r = 0; r < control.refills.size(); ++r) {  // the arguments the tables were computed with
    const ir::TableRefill& refill = control.refills[r];
    b.CreateStore(b.getInt32(uint32_t(refill.arguments.size())), e.at(e.layout.refills[r]));
    for (size_t i = 0; i < refill.arguments.size(); ++i)
      b.CreateStore(llvm::ConstantFP::get(b.getFloatTy(), refill.arguments[i]), e.at(e.layout.refills[r] + 8 + 4 * i));
  }
  if (!control.random.empty()) {
    auto* type = llvm::ArrayType::get(e.i32, control.random.size());
    std::vector<llvm::Constant*> words;
    for (uint32_t w : control.random) words.push_back(b.getInt32(w));
    auto* table = new llvm::GlobalVariable(module_, type, true, llvm::GlobalValue::PrivateLinkage,
                                           llvm::ConstantArray::get(type, words), "control.random");
    b.CreateMemCpy(e.at(e.layout.random), llvm::MaybeAlign(4), table, llvm::MaybeAlign(4), 4 * control.random.size());
  }
}


// The watch's test at one sample (already loaded): does an event fall there? `last` is its last value's slot.
llvm::Value* ControlCodeGen::watchFires(Emitter& e, ir::Timer::Kind kind, llvm::Value* sample, llvm::Value* last) {
  llvm::IRBuilder<>& b = e.b;
  switch (kind) {
    case ir::Timer::Kind::OnTrigger:  // pyo: in[i] == 1
      return b.CreateFCmpOEQ(sample, llvm::ConstantFP::get(b.getFloatTy(), 1.0));
    case ir::Timer::Kind::OnNonZero:  // a MIDI message the scanner encoded (stdlib/kernels/MidiScan.h)
      return b.CreateFCmpUNE(sample, llvm::ConstantFP::get(b.getFloatTy(), 0.0));
    case ir::Timer::Kind::OnNewInteger:  // pyo's Score: (int)in[i] != last
      return b.CreateICmpNE(b.CreateSExt(b.CreateFPToSI(sample, e.i32), e.i64), b.CreateLoad(e.i64, last));
    default: {  // pyo's Print(method=1): in[i] < last − 0.00001 or in[i] > last + 0.00001, in floats
      llvm::Value* previous = b.CreateLoad(b.getFloatTy(), last);
      llvm::Value* tolerance = llvm::ConstantFP::get(b.getFloatTy(), 0.00001);
      return b.CreateOr(b.CreateFCmpOLT(sample, b.CreateFSub(previous, tolerance)),
                        b.CreateFCmpOGT(sample, b.CreateFAdd(previous, tolerance)));
    }
  }
}

// At frame `pos`: when the watch's timer plays and its test holds, the last value is updated and the handler
// (Score: the handler of that integer, if any) runs.
void ControlCodeGen::emitWatch(Emitter& e, int t, size_t w, const std::vector<llvm::Function*>& handlers) {
  llvm::IRBuilder<>& b = e.b;
  llvm::LLVMContext& context = module_.getContext();
  llvm::Function* fn = b.GetInsertBlock()->getParent();
  const ir::Timer& timer = graph_.control.timers[size_t(t)];
  const ir::Watch& watch = timer.watches[w];
  auto* fire = llvm::BasicBlock::Create(context, fmt::format("watch{}.{}", t, w), fn);
  auto* next = llvm::BasicBlock::Create(context, fmt::format("watched{}.{}", t, w), fn);
  llvm::Value* last = e.at(e.layout.watch(t, w));
  llvm::Value* sample = b.CreateLoad(b.getFloatTy(), addresses_.sample(b, e.state, watch.node, watch.lane, e.pos));
  llvm::Value* playing = b.CreateICmpNE(b.CreateLoad(e.i32, e.timerField(t, 16)), b.getInt32(0));
  b.CreateCondBr(b.CreateAnd(playing, watchFires(e, timer.kind, sample, last)), fire, next);
  b.SetInsertPoint(fire);
  switch (timer.kind) {
    case ir::Timer::Kind::OnTrigger:
    case ir::Timer::Kind::OnNonZero: b.CreateCall(handlers[size_t(watch.handler)], {e.state, e.pos}); break;
    case ir::Timer::Kind::OnNewValue:
      b.CreateStore(sample, last);
      b.CreateCall(handlers[size_t(watch.handler)], {e.state, e.pos});
      break;
    default: {
      llvm::Value* value = b.CreateSExt(b.CreateFPToSI(sample, e.i32), e.i64);
      b.CreateStore(value, last);
      llvm::SwitchInst* cases = b.CreateSwitch(value, next, unsigned(watch.cases.size()));
      for (const auto& [v, h] : watch.cases) {
        auto* call = llvm::BasicBlock::Create(context, fmt::format("case{}", v), fn);
        cases->addCase(llvm::ConstantInt::get(llvm::cast<llvm::IntegerType>(e.i64), uint64_t(v)), call);
        b.SetInsertPoint(call);
        b.CreateCall(handlers[size_t(h)], {e.state, e.pos});
        b.CreateBr(next);
      }
      b.SetInsertPoint(next);
      return;
    }
  }
  b.CreateBr(next);
  b.SetInsertPoint(next);
}

// Frames from `pos` to the watch's next event in this block, or `limit` if none comes sooner: a loop over the
// samples after `pos` (the last value compared is the one `pos` left: an integer or value held since).
llvm::Value* ControlCodeGen::emitScan(Emitter& e, int t, size_t w, llvm::Value* pos, llvm::Value* limit) {
  llvm::IRBuilder<>& b = e.b;
  llvm::LLVMContext& context = module_.getContext();
  llvm::Function* fn = b.GetInsertBlock()->getParent();
  const ir::Timer& timer = graph_.control.timers[size_t(t)];
  const ir::Watch& watch = timer.watches[w];
  llvm::Value* last = e.at(e.layout.watch(t, w));
  llvm::BasicBlock* before = b.GetInsertBlock();
  auto* head = llvm::BasicBlock::Create(context, fmt::format("scan{}.{}", t, w), fn);
  auto* body = llvm::BasicBlock::Create(context, fmt::format("scanbody{}.{}", t, w), fn);
  auto* done = llvm::BasicBlock::Create(context, fmt::format("scanned{}.{}", t, w), fn);
  b.CreateBr(head);
  b.SetInsertPoint(head);
  llvm::PHINode* k = b.CreatePHI(e.i32, 2, "k");  // frames after pos
  k->addIncoming(b.getInt32(1), before);
  b.CreateCondBr(b.CreateICmpSLT(k, limit), body, done);
  b.SetInsertPoint(body);
  llvm::Value* sample = b.CreateLoad(b.getFloatTy(), addresses_.sample(b, e.state, watch.node, watch.lane, b.CreateAdd(pos, k)));
  llvm::Value* fires = watchFires(e, timer.kind, sample, last);
  llvm::Value* k1 = b.CreateAdd(k, b.getInt32(1));
  k->addIncoming(k1, b.GetInsertBlock());
  // Found at k: leave with k; else go on.
  auto* found = llvm::BasicBlock::Create(context, fmt::format("found{}.{}", t, w), fn);
  b.CreateCondBr(fires, found, head);
  b.SetInsertPoint(found);
  b.CreateBr(done);
  b.SetInsertPoint(done);
  llvm::PHINode* result = b.CreatePHI(e.i32, 2, "next");
  result->addIncoming(limit, head);
  result->addIncoming(k, found);
  return result;
}

llvm::Function* ControlCodeGen::emitEvents() {
  llvm::LLVMContext& context = module_.getContext();
  llvm::IRBuilder<> b(context);
  const ir::Control& control = graph_.control;
  auto* voidTy = llvm::Type::getVoidTy(context);
  auto* ptr = llvm::PointerType::get(context, 0);
  auto* i32 = llvm::Type::getInt32Ty(context);
  auto* f64 = llvm::Type::getDoubleTy(context);

  // One function per handler: (state, pos).
  std::vector<llvm::Function*> handlers;
  for (const auto& h : control.handlers) {
    auto* fn = llvm::Function::Create(llvm::FunctionType::get(voidTy, {ptr, i32}, false),
                                      llvm::GlobalValue::InternalLinkage, "handler." + h.name, module_);
    b.SetInsertPoint(llvm::BasicBlock::Create(context, "entry", fn));
    Emitter e(graph_, module_, b, addresses_, base_, blockFrames_);
    e.state = fn->getArg(0);
    e.pos = fn->getArg(1);
    e.exec(h.body);
    b.CreateRetVoid();
    handlers.push_back(fn);
  }

  auto* events = llvm::Function::Create(llvm::FunctionType::get(i32, {ptr, i32}, false),
                                        llvm::GlobalValue::InternalLinkage, "patch_events", module_);
  events->addFnAttr(llvm::Attribute::NoInline);
  b.SetInsertPoint(llvm::BasicBlock::Create(context, "entry", events));
  Emitter e(graph_, module_, b, addresses_, base_, blockFrames_);
  e.state = events->getArg(0);
  llvm::Value* pos = events->getArg(1);
  e.pos = pos;
  const double sampleRate = graph_.server.sampleRate;
  // Each due timer calls its handler; a handler may start a Pattern, due at once, so the timers are visited
  // again, a bounded number of times (a Pattern of time 0 is one call per frame).
  constexpr int kRounds = 4;
  // Watches first, once per frame: their nodes were rendered for the whole block ahead of the rest.
  for (size_t t = 0; t < control.timers.size(); ++t) {
    const ir::Timer& timer = control.timers[t];
    for (size_t w = 0; w < timer.watches.size(); ++w) emitWatch(e, int(t), w, handlers);
  }
  for (int round = 0; round < kRounds; ++round) {
    for (size_t t = 0; t < control.timers.size(); ++t) {
      const ir::Timer& timer = control.timers[t];
      if (timer.watching()) continue;
      auto* fire = llvm::BasicBlock::Create(context, fmt::format("fire{}", t), events);
      auto* next = llvm::BasicBlock::Create(context, fmt::format("next{}", t), events);
      llvm::Value* playing = b.CreateICmpNE(b.CreateLoad(i32, e.timerField(int(t), 16)), b.getInt32(0));
      llvm::Value* due = b.CreateFCmpOLE(b.CreateLoad(f64, e.timerField(int(t), 0)), llvm::ConstantFP::get(f64, kFrameTolerance));
      b.CreateCondBr(b.CreateAnd(playing, due), fire, next);
      b.SetInsertPoint(fire);
      if (timer.kind == ir::Timer::Kind::Once) b.CreateStore(b.getInt32(0), e.timerField(int(t), 16));
      b.CreateCall(handlers[size_t(timer.handler)], {e.state, pos});
      if (timer.kind == ir::Timer::Kind::Periodic) {
        // The next call `time` seconds after this one (the handler may have changed `time`), at least a frame on.
        llvm::Value* wait = b.CreateLoad(f64, e.timerField(int(t), 0));
        llvm::Value* period = b.CreateFMul(b.CreateLoad(f64, e.timerField(int(t), 8)), llvm::ConstantFP::get(f64, sampleRate));
        period = b.CreateSelect(b.CreateFCmpOGE(period, llvm::ConstantFP::get(f64, 1.0)), period,
                                llvm::ConstantFP::get(f64, 1.0));
        b.CreateStore(b.CreateFAdd(wait, period), e.timerField(int(t), 0));
      }
      b.CreateBr(next);
      b.SetInsertPoint(next);
    }
  }
  // Frames until the next event: the rest of the block, or fewer.
  llvm::Value* frames = b.CreateSIToFP(b.CreateSub(b.getInt32(uint32_t(blockFrames_)), pos), f64);
  for (size_t t = 0; t < control.timers.size(); ++t) {
    if (control.timers[t].watching()) continue;
    llvm::Value* playing = b.CreateICmpNE(b.CreateLoad(i32, e.timerField(int(t), 16)), b.getInt32(0));
    llvm::Value* wait = e.intrinsic(llvm::Intrinsic::ceil, b.CreateFSub(b.CreateLoad(f64, e.timerField(int(t), 0)),
                                                                        llvm::ConstantFP::get(f64, kFrameTolerance)));
    frames = b.CreateSelect(b.CreateAnd(playing, b.CreateFCmpOLT(wait, frames)), wait, frames);
  }
  frames = b.CreateSelect(b.CreateFCmpOLT(frames, llvm::ConstantFP::get(f64, 1.0)), llvm::ConstantFP::get(f64, 1.0),
                          frames);
  // The next watched event, if sooner: a scan of the frames after `pos`.
  for (size_t t = 0; t < control.timers.size(); ++t)
    for (size_t w = 0; w < control.timers[t].watches.size(); ++w)
      frames = b.CreateSelect(b.CreateICmpNE(b.CreateLoad(i32, e.timerField(int(t), 16)), b.getInt32(0)),
                              b.CreateSIToFP(emitScan(e, int(t), w, pos, b.CreateFPToSI(frames, i32)), f64), frames);
  for (size_t t = 0; t < control.timers.size(); ++t) {
    if (control.timers[t].watching()) continue;
    llvm::Value* playing = b.CreateICmpNE(b.CreateLoad(i32, e.timerField(int(t), 16)), b.getInt32(0));
    llvm::Value* wait = b.CreateLoad(f64, e.timerField(int(t), 0));
    b.CreateStore(b.CreateSelect(playing, b.CreateFSub(wait, frames), wait), e.timerField(int(t), 0));
  }
  b.CreateRet(b.CreateFPToSI(frames, i32));
  return events;
}

}  // namespace patchc::codegen
