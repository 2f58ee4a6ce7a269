#include "codegen/ControlCodeGen.h"

#include <fmt/format.h>

#include <llvm/IR/Intrinsics.h>

#include <cmath>
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

// The arena's control area: globals (8 bytes each, by variable index: locals leave theirs unused), timers,
// then the random generator.
struct ControlLayout {
  size_t variables, timers, random, end;
  explicit ControlLayout(const ir::Control& control, size_t base) {
    variables = align8(base);
    timers = variables + 8 * control.variables.size();
    random = timers + kTimerBytes * control.timers.size();
    end = align8(random + (control.random.empty() ? 0 : kRandomBytes));
  }
};

}  // namespace

ControlCodeGen::ControlCodeGen(const ir::Graph& graph, llvm::Module& module, size_t base, Addresses addresses,
                               int blockFrames)
    : graph_(graph), module_(module), base_(base), addresses_(std::move(addresses)), blockFrames_(blockFrames) {}

size_t ControlCodeGen::bytes(const ir::Control& control) {
  ControlLayout layout(control, 0);
  return layout.end;
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
      case Op::And: return b.CreateAnd(operand(e.a, ValueType::Bool), operand(e.b, ValueType::Bool));
      case Op::Or: return b.CreateOr(operand(e.a, ValueType::Bool), operand(e.b, ValueType::Bool));
      case Op::Select:
        return b.CreateSelect(operand(e.a, ValueType::Bool), operand(e.b, t), operand(e.c, t));
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
        // Pattern: at once; CallAfter: `time` from now.
        const ir::Timer& timer = control.timers[size_t(s.index)];
        llvm::Value* wait = llvm::ConstantFP::get(f64, 0.0);
        if (timer.kind == ir::Timer::Kind::Once)
          wait = b.CreateFMul(b.CreateLoad(f64, timerField(s.index, 8)),
                              llvm::ConstantFP::get(f64, graph.server.sampleRate));
        b.CreateStore(wait, timerField(s.index, 0));
        b.CreateStore(b.getInt32(1), timerField(s.index, 16));
        return;
      }
      case K::StopTimer: b.CreateStore(b.getInt32(0), timerField(s.index, 16)); return;
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
    const double wait = timer.kind == ir::Timer::Kind::Once ? timer.period * graph_.server.sampleRate : 0.0;
    b.CreateStore(llvm::ConstantFP::get(e.f64, wait), e.timerField(int(t), 0));
    b.CreateStore(llvm::ConstantFP::get(e.f64, timer.period), e.timerField(int(t), 8));
    b.CreateStore(b.getInt32(timer.playing ? 1 : 0), e.timerField(int(t), 16));
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
  const double sampleRate = graph_.server.sampleRate;
  // Each due timer calls its handler; a handler may start a Pattern, due at once, so the timers are visited
  // again, a bounded number of times (a Pattern of time 0 is one call per frame).
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    for (size_t t = 0; t < control.timers.size(); ++t) {
      const ir::Timer& timer = control.timers[t];
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
    llvm::Value* playing = b.CreateICmpNE(b.CreateLoad(i32, e.timerField(int(t), 16)), b.getInt32(0));
    llvm::Value* wait = e.intrinsic(llvm::Intrinsic::ceil, b.CreateFSub(b.CreateLoad(f64, e.timerField(int(t), 0)),
                                                                        llvm::ConstantFP::get(f64, kFrameTolerance)));
    frames = b.CreateSelect(b.CreateAnd(playing, b.CreateFCmpOLT(wait, frames)), wait, frames);
  }
  frames = b.CreateSelect(b.CreateFCmpOLT(frames, llvm::ConstantFP::get(f64, 1.0)), llvm::ConstantFP::get(f64, 1.0),
                          frames);
  for (size_t t = 0; t < control.timers.size(); ++t) {
    llvm::Value* playing = b.CreateICmpNE(b.CreateLoad(i32, e.timerField(int(t), 16)), b.getInt32(0));
    llvm::Value* wait = b.CreateLoad(f64, e.timerField(int(t), 0));
    b.CreateStore(b.CreateSelect(playing, b.CreateFSub(wait, frames), wait), e.timerField(int(t), 0));
  }
  b.CreateRet(b.CreateFPToSI(frames, i32));
  return events;
}

}  // namespace patchc::codegen
