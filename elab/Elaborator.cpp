#include "elab/Elaborator.h"

#include "elab/Builtins.h"
#include "elab/Callbacks.h"
#include "elab/HandlerCompiler.h"
#include "elab/ElaborationError.h"
#include "elab/Formatting.h"
#include "elab/Numbers.h"
#include "elab/Processes.h"
#include "elab/PyoObjects.h"
#include "elab/StackGuard.h"
#include "elab/Value.h"
#include "ir/Ahead.h"
#include "ir/StateSize.h"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>
#include <cmath>
#include <new>
#include <optional>
#include <set>
#include <stdexcept>

namespace patchc {
namespace elab {

Value* Scope::lookup(const std::string& name) {
  for (Scope* s = this; s; s = s->parent.get()) {
    auto it = s->names.find(name);
    if (it != s->names.end()) return &it->second;
  }
  return nullptr;
}

std::string Value::typeName() const {
  switch (type) {
    case Type::None: return "NoneType";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::String: return "str";
    case Type::List: return "list";
    case Type::Tuple: return "tuple";
    case Type::Dict: return "dict";
    case Type::Function: return "function";
    case Type::Builtin: return "builtin function";
    case Type::Module: return "module";
    case Type::Object: return "PyoObject";
    case Type::Class: return "class";
    case Type::Instance: return instance ? instance->cls->name : "instance";
    case Type::BoundMethod: return "method";
    case Type::Server: return "Server";
    case Type::Table: return text;
    case Type::Timer: return "Pattern";
  }
  return "?";
}

namespace {

class Elaborator final : public Interpreter {
 public:
  Elaborator(ir::Graph& graph, const Registry& registry, uint32_t seed, const CompileLimits& limits,
             std::ostream& printOutput)
      : limits_(limits), graph_(graph), objects_(graph, registry, *this),
        builtins_(makeBuiltins(*this, objects_, random_, printOutput)), callbacks_(graph, objects_),
        processes_(*this, [this] { return frames_.back().whileDepth > 0; }) {
    random_.seed(seed);
    processes_.addModules(builtins_);
    builtins_.globals["super"] = Value::makeBuiltin("super", [this](CallArguments& a) { return superProxy(a); });
    builtins_.globals["__name__"] = Value::fromString("__main__");  // a patch is always the main script
    frames_.emplace_back();  // the script's top level
    builtins_.globals["Pattern"] = callbacks_.patternConstructor();
    builtins_.globals["CallAfter"] = callbacks_.callAfterConstructor();
    builtins_.globals["TrigFunc"] = callbacks_.trigFuncConstructor();
    builtins_.globals["Score"] = callbacks_.scoreConstructor();
    builtins_.globals["Print"] = callbacks_.printConstructor();
    builtins_.globals["CtlScan"] = callbacks_.ctlScanConstructor();
    builtins_.globals["CtlScan2"] = callbacks_.ctlScan2Constructor();
    builtins_.globals["RawMidi"] = callbacks_.rawMidiConstructor();
    globals_ = newScope(nullptr);
    globals_->isGlobal = true;
    capture(globals_);
  }

  // Functions hold their defining scope and scopes hold functions, and a list may hold itself: the reference
  // cycles are broken here, once elaboration is over, by emptying every scope, instance and list made. The
  // values are taken apart with a work list, not by recursive destructors, so that a list nested a million
  // levels deep (`x = [x]` in a loop) cannot exhaust the stack.
  ~Elaborator() override {
    try {
      dismantleValues();
    } catch (const std::bad_alloc&) {
      // Out of memory for the work list: the values are left to their own destructors.
    }
  }

  void dismantleValues() {
    ValueList work;
    for (auto& scope : scopes_)
      for (auto& [name, value] : scope->names) work.push_back(std::move(value));
    for (auto& instance : instances_)
      for (auto& [name, value] : instance->attributes) work.push_back(std::move(value));
    for (auto& scope : scopes_) scope->names.clear();
    for (auto& instance : instances_) instance->attributes.clear();
    work.push_back(std::move(returnValue_));
    while (!work.empty()) {
      Value value = std::move(work.back());
      work.pop_back();
      for (auto* list : {value.items.get(), value.keys.get(),
                         value.function ? value.function->defaultValues.get() : nullptr}) {
        if (!list) continue;
        for (auto& item : *list) work.push_back(std::move(item));
        list->clear();
      }
      if (value.self) work.push_back(std::move(*value.self));
    }
  }

  PyoObjects& objects() { return objects_; }

  std::vector<std::string> namesInScope() const {
    std::set<std::string> names;
    for (const auto& [name, value] : globals_->names) names.insert(name);
    for (const auto& [name, value] : builtins_.globals) names.insert(name);
    for (const auto& [name, members] : builtins_.modules) names.insert(name);
    return {names.begin(), names.end()};
  }

  void run(const ast::Module& module) {
    // The parser already refuses 'return', 'break' and 'continue' outside a function or loop, as Python does.
    Flow flow = exec(module.body, globals_);
    if (flow == Flow::Return) throw ElaborationError(returnRange_, "'return' outside function");
    compileCallbacks(module);
  }

  // Once the script has run: the functions its Patterns and CallAfters call, compiled to the graph's control
  // program; their run-time draws continue Python's `random` where the script left it (its state is kept only
  // when a handler draws: ir::Control::random is empty otherwise, and the patch's state has no generator).
  void compileCallbacks(const ast::Module& module) {
    if (graph_.control.timers.empty()) return;
    auto lookupName = [this](const std::string& name, const SourceRange& range) {
      Value* v = globals_->lookup(name);
      return v ? *v : lookupBuiltin(name, range);
    };
    HandlerCompiler compiler(graph_, objects_, *this, globals_, lookupName, globalsAssignedInFunctions(module.body));
    callbacks_.compile(compiler, *globals_);
    const auto& expressions = graph_.control.expressions;
    bool draws = std::any_of(expressions.begin(), expressions.end(), [](const ir::Expression& e) {
      return e.op == ir::Expression::Op::Random || e.op == ir::Expression::Op::RandomBelow;
    });
    if (draws) graph_.control.random = random_.state();
  }

  Value binaryOperation(ast::BinaryOp op, const Value& left, const Value& right, const SourceRange& range) override {
    return binary(op, left, right, range);
  }
  bool compareValues(ast::CompareOp op, const Value& left, const Value& right, const SourceRange& range) override {
    return compare(op, left, right, range);
  }
  Value subscriptValue(const Value& container, const Value& index, const SourceRange& range) override {
    return subscript(container, index, range);
  }

  // The statement being executed, for an error that has no better place (out of memory).
  const SourceRange& currentStatement() const { return currentStatement_; }

  // Interpreter: calls made from builtins (e.g. a user function given to `map`-like helpers) come back here.
  Value call(const Value& callee, CallArguments& args) override {
    charge(1, args.callRange);
    switch (callee.type) {
      case Value::Type::Builtin: return callee.builtin->call(args);
      case Value::Type::BoundMethod:
        if (callee.builtin) {
          if (callee.builtin->method) {
            args.positional.insert(args.positional.begin(), *callee.self);
            args.positionalRanges.insert(args.positionalRanges.begin(), args.callRange);
          }
          return callee.builtin->call(args);
        }
        args.positional.insert(args.positional.begin(), *callee.self);
        args.positionalRanges.insert(args.positionalRanges.begin(), args.callRange);
        return callFunction(*callee.function, args);
      case Value::Type::Function: return callFunction(*callee.function, args);
      case Value::Type::Class: return instantiate(callee, args);
      default: throw ElaborationError(args.callRange, fmt::format("'{}' object is not callable", callee.typeName()));
    }
  }

  Value attribute(const Value& object, const std::string& name, const SourceRange& range) override {
    switch (object.type) {
      case Value::Type::Object: return objects_.attribute(object, name, range);
      case Value::Type::Server: return objects_.serverAttribute(object, name, range);
      case Value::Type::Table: return objects_.tables().attribute(object, name, range);
      case Value::Type::Timer: return callbacks_.attribute(object, name, range);
      case Value::Type::Module: return moduleAttribute(object.text, name, range);
      case Value::Type::List: return listMethod(object, name, range);
      case Value::Type::Dict: return dictMethod(object, name, range);
      case Value::Type::Instance: {
        auto it = object.instance->attributes.find(name);
        if (it != object.instance->attributes.end()) return it->second;
        // Scope, Spectrum, SLMap: any method, called with anything, does nothing.
        if (object.instance->cls->inert) return Value::makeBuiltin(name, [](CallArguments&) { return Value::none(); });
        auto ct = object.instance->cls->attributes.find(name);
        if (ct != object.instance->cls->attributes.end()) return bind(ct->second, object);
        std::vector<std::string> known;
        for (auto& [k, v] : object.instance->attributes) known.push_back(k);
        for (auto& [k, v] : object.instance->cls->attributes) known.push_back(k);
        throw ElaborationError(range, withSuggestion(fmt::format("'{}' object has no attribute '{}'",
                                                                 object.instance->cls->name, name), name, known));
      }
      case Value::Type::Class: {
        auto ct = object.cls->attributes.find(name);
        if (ct != object.cls->attributes.end()) return ct->second;
        break;
      }
      default: break;
    }
    throw ElaborationError(range, fmt::format("'{}' object has no attribute '{}'", object.typeName(), name));
  }

 private:
  enum class Flow { Normal, Return, Break, Continue };

  std::shared_ptr<Scope> newScope(std::shared_ptr<Scope> parent) {
    auto scope = std::make_shared<Scope>();
    scope->parent = std::move(parent);
    return scope;
  }

  // A function or class keeps `scope` (and its parents) alive: they are remembered so that the destructor can
  // break the cycles. Scopes nothing captures die with their call, so a million calls do not keep a million
  // scopes.
  void capture(const std::shared_ptr<Scope>& scope) {
    for (Scope* s = scope.get(); s && !s->captured; s = s->parent.get()) {
      s->captured = true;
      scopes_.push_back(s->shared_from_this());
    }
  }

  // One step of the script's work: a loop iteration, a comprehension element, a call, or `count` elements that a
  // list or string operation makes or scans. Counted over the whole script, so nested loops count together.
  void charge(uint64_t count, const SourceRange& range) override {
    if (count <= limits_.steps - std::min(steps_, limits_.steps)) {
      steps_ += count;
      return;
    }
    throw ElaborationError(range, fmt::format("the patch's Python ran more than {} steps (loop iterations, calls, "
                                              "list elements) while compiling; is a loop endless? {}",
                                              limits_.steps, limitHint("steps", limits_.steps)));
  }

  // A list, tuple or string of `size + added` elements may be made: checked before allocating it.
  void checkSize(uint64_t size, uint64_t added, const char* what, const SourceRange& range) override {
    if (added <= limits_.collectionElements && size <= limits_.collectionElements - added) return;
    uint64_t total;
    collectionTooLarge(what, __builtin_add_overflow(size, added, &total) ? "more than 2^64" : std::to_string(total),
                       range);
  }

  [[noreturn]] void collectionTooLarge(const char* what, const std::string& count, const SourceRange& range) {
    throw ElaborationError(range, fmt::format("MemoryError: this {} would have {} elements, more than a patch may "
                                              "make while compiling {}", what, count,
                                              limitHint("collection-elements", limits_.collectionElements)));
  }

  // Deep recursion of the script's expressions and calls ends in a RecursionError, not in a crash.
  void checkStack(const SourceRange& range) {
    if (stack_.nearlyExhausted())
      throw ElaborationError(range, "RecursionError: maximum recursion depth exceeded (the script's calls and "
                                    "expressions nest too deeply for the compiler's stack)");
  }

  // ---- statements ----

  Flow exec(const ast::StmtList& body, const std::shared_ptr<Scope>& scope) {
    for (const auto& stmt : body) {
      Flow flow = exec(*stmt, scope);
      if (flow != Flow::Normal) return flow;
    }
    return Flow::Normal;
  }

  Flow exec(const ast::Stmt& stmt, const std::shared_ptr<Scope>& scope) {
    using K = ast::Stmt::Kind;
    checkStack(stmt.range);
    currentStatement_ = stmt.range;
    switch (stmt.kind) {
      case K::Expression: eval(*stmt.value, scope); return Flow::Normal;
      case K::Assign: {
        Value v = eval(*stmt.value, scope);
        for (const auto& target : stmt.targets) assign(*target, v, scope);
        return Flow::Normal;
      }
      case K::AugAssign: {
        const ast::Expr& target = *stmt.targets.at(0);
        Value current = eval(target, scope);
        Value rhs = eval(*stmt.value, scope);
        // Lists extend in place (`voices += [...]`), as in Python.
        if (stmt.binaryOp == ast::BinaryOp::Add && current.type == Value::Type::List && rhs.isSequence()) {
          size_t added = rhs.items->size();
          checkSize(current.items->size(), added, "list", stmt.range);
          charge(added, stmt.range);
          current.items->insert(current.items->end(), rhs.items->begin(), rhs.items->begin() + added);
          return Flow::Normal;
        }
        assign(target, binary(stmt.binaryOp, current, rhs, stmt.range), scope);
        return Flow::Normal;
      }
      case K::If:
        if (truthy(eval(*stmt.value, scope))) return exec(stmt.body, scope);
        return exec(stmt.orelse, scope);
      case K::While: {
        // Counted for time.sleep(), which ends a process's keep-alive loop (elab/Processes.h).
        // An index, not a reference: calls in the loop grow frames_.
        struct Leave {
          std::vector<Frame>& frames;
          size_t at;
          ~Leave() { --frames[at].whileDepth; }
        } leave{frames_, frames_.size() - 1};
        ++frames_.back().whileDepth;
        while (truthy(eval(*stmt.value, scope))) {
          charge(1, stmt.range);
          Flow flow = exec(stmt.body, scope);
          if (flow == Flow::Break) break;
          if (flow == Flow::Return) return flow;
        }
        return Flow::Normal;
      }
      case K::For: {
        auto items = loopItems(eval(*stmt.value, scope), stmt.value->range);
        for (size_t i = 0; i < items->size(); ++i) {
          charge(1, stmt.range);
          Value item = (*items)[i];  // a copy: the body may change the list
          assign(*stmt.target, item, scope);
          Flow flow = exec(stmt.body, scope);
          if (flow == Flow::Break) return Flow::Normal;  // and the else clause does not run, as in Python
          if (flow == Flow::Return) return flow;
        }
        if (!stmt.orelse.empty()) return exec(stmt.orelse, scope);
        return Flow::Normal;
      }
      case K::Def: {
        Value fn;
        fn.type = Value::Type::Function;
        fn.function = std::make_shared<FunctionData>();
        fn.function->name = stmt.name;
        fn.function->params = &stmt.params;
        fn.function->body = &stmt.body;
        fn.function->closure = scope;
        capture(scope);
        fn.function->defaultValues = std::make_shared<ValueList>();
        for (const auto& p : stmt.params) {
          fn.function->hasDefault.push_back(p.defaultValue != nullptr);
          fn.function->defaultValues->push_back(p.defaultValue ? eval(*p.defaultValue, scope) : Value::none());
        }
        bindName(stmt.name, fn, scope);
        return Flow::Normal;
      }
      case K::Class: {
        auto cls = std::make_shared<ClassData>();
        cls->name = stmt.name;
        for (const auto& base : stmt.bases) {
          Value b = eval(*base, scope);
          if (b.type == Value::Type::Class) {
            cls->attributes.insert(b.cls->attributes.begin(), b.cls->attributes.end());
            cls->bases.push_back(b.cls);
          } else if (!(b.type == Value::Type::Builtin && b.builtin->name == "object"))
            throw ElaborationError(base->range, "a class can only derive from another class of the patch");
        }
        auto classScope = newScope(scope);
        Flow flow = exec(stmt.body, classScope);
        if (flow != Flow::Normal) throw ElaborationError(stmt.range, "unexpected control flow in a class body");
        for (auto& [k, v] : classScope->names) {
          if (v.type == Value::Type::Function && v.function->closure == classScope) v.function->ownerClass = cls;
          cls->attributes[k] = v;
        }
        Value v;
        v.type = Value::Type::Class;
        v.cls = cls;
        bindName(stmt.name, v, scope);
        return Flow::Normal;
      }
      case K::Return:
        returnValue_ = stmt.value ? eval(*stmt.value, scope) : Value::none();
        returnRange_ = stmt.range;
        return Flow::Return;
      case K::Pass: return Flow::Normal;
      case K::Break: return Flow::Break;
      case K::Continue: return Flow::Continue;
      case K::Import:
        for (const auto& imp : stmt.imports) {
          std::string bound = imp.alias.empty() ? imp.name : imp.alias;
          bindName(bound, importModule(imp.name, stmt.range), scope);
        }
        return Flow::Normal;
      case K::FromImport: {
        Value module = importModule(stmt.name, stmt.range);
        for (const auto& imp : stmt.imports) {
          if (imp.name == "*") {
            if (stmt.name != "pyo")
              throw ElaborationError(stmt.range, fmt::format("'from {} import *' is not supported; "
                                                             "import the names you use", stmt.name));
            continue;  // pyo's names are always visible
          }
          Value v = stmt.name == "pyo" ? lookupBuiltin(imp.name, stmt.range)
                                       : moduleAttribute(stmt.name, imp.name, stmt.range);
          bindName(imp.alias.empty() ? imp.name : imp.alias, v, scope);
        }
        return Flow::Normal;
      }
      case K::Global:
        for (const auto& name : stmt.globals) scope->globalNames.push_back(name);
        return Flow::Normal;
      case K::Try: return execTry(stmt, scope);
      case K::Except: return Flow::Normal;  // only inside a Try, which runs it
    }
    return Flow::Normal;
  }

  // try/except/else/finally when compiling. The body runs; an import of a module patchc does not know (Python's
  // ImportError) goes to the first except clause that names ImportError, ModuleNotFoundError, Exception or
  // BaseException (alone or in a tuple) or nothing, which runs instead of the rest of the body (what the body did
  // before stays, as in Python). Every other error is patchc's, not the script's: it is reported even inside a
  // try, since an except clause cannot make a patch that does not compile compile. `finally` runs after.
  Flow execTry(const ast::Stmt& stmt, const std::shared_ptr<Scope>& scope) {
    auto handles = [](const ast::Stmt& handler) {
      if (!handler.value) return true;
      auto names = [](const ast::Expr& e) {
        static const std::set<std::string> importErrors{"ImportError", "ModuleNotFoundError", "Exception",
                                                        "BaseException"};
        return e.kind == ast::Expr::Kind::Name && importErrors.count(e.text) > 0;
      };
      if (handler.value->kind == ast::Expr::Kind::Tuple)
        return std::any_of(handler.value->elements.begin(), handler.value->elements.end(),
                           [&](const ast::ExprPtr& e) { return names(*e); });
      return names(*handler.value);
    };
    Flow flow = Flow::Normal;
    try {
      flow = exec(stmt.body, scope);
      if (flow == Flow::Normal) flow = exec(stmt.orelse, scope);
    } catch (const ModuleNotFound& error) {
      auto handler = std::find_if(stmt.handlers.begin(), stmt.handlers.end(),
                                  [&](const ast::StmtPtr& h) { return handles(*h); });
      if (handler == stmt.handlers.end()) throw;
      if (!(*handler)->name.empty()) bindName((*handler)->name, Value::fromString(error.what()), scope);
      flow = exec((*handler)->body, scope);
    }
    if (!stmt.finalbody.empty()) {
      Flow after = exec(stmt.finalbody, scope);
      if (after != Flow::Normal) flow = after;
    }
    return flow;
  }

  Value importModule(const std::string& name, const SourceRange& range) {
    static const std::vector<std::string> known{"pyo", "random", "math", "multiprocessing", "time", "sys", "os",
                                                "mido"};
    if (std::find(known.begin(), known.end(), name) != known.end()) {
      Value m;
      m.type = Value::Type::Module;
      m.text = name;
      return m;
    }
    throw ModuleNotFound(range, fmt::format("module '{}' is not available in a patch (known: {})", name,
                                            fmt::join(known, ", ")));
  }

  Value moduleAttribute(const std::string& module, const std::string& name, const SourceRange& range) {
    if (module == "pyo") return lookupBuiltin(name, range);
    const auto& table = builtins_.modules;
    auto mt = table.find(module);
    if (mt != table.end()) {
      auto it = mt->second.find(name);
      if (it != mt->second.end()) return it->second;
      std::vector<std::string> known;
      for (auto& [k, v] : mt->second) known.push_back(k);
      throw ElaborationError(range, withSuggestion(fmt::format("module '{}' has no attribute '{}' in a patch",
                                                               module, name), name, known));
    }
    throw ElaborationError(range, fmt::format("module '{}' has no attribute '{}' in a patch", module, name));
  }

  void bindName(const std::string& name, const Value& value, const std::shared_ptr<Scope>& scope) {
    Scope* target = scope.get();
    for (const auto& g : scope->globalNames)
      if (g == name) target = globals_.get();
    target->names[name] = value;
  }

  void assign(const ast::Expr& target, const Value& value, const std::shared_ptr<Scope>& scope) {
    using K = ast::Expr::Kind;
    switch (target.kind) {
      case K::Name:
        if (value.type == Value::Type::Object && !value.isStream()) objects_.nameNode(value.node, target.text);
        if (value.type == Value::Type::Table) objects_.tables().nameTable(value, target.text);
        bindName(target.text, value, scope);
        return;
      case K::Attribute: {
        Value object = eval(*target.object, scope);
        if (object.type == Value::Type::Object) {
          objects_.setAttribute(object, target.text, value, target.range);
        } else if (object.type == Value::Type::Instance) {
          if (value.type == Value::Type::Object && !value.isStream()) objects_.nameNode(value.node, target.text);
          object.instance->attributes[target.text] = value;
        } else if (object.type == Value::Type::Server) {
          objects_.setServerAttribute(object, target.text, value, target.range);
        } else if (object.type == Value::Type::Table) {
          objects_.tables().setAttribute(object, target.text, value, target.range);
        } else if (object.type == Value::Type::Timer) {
          callbacks_.setAttribute(object, target.text, value, target.range);
        } else {
          throw ElaborationError(target.range, fmt::format("cannot set attribute '{}' of a {}", target.text,
                                                           object.typeName()));
        }
        return;
      }
      case K::Subscript: {
        Value container = eval(*target.object, scope);
        Value index = eval(*target.index, scope);
        if (container.type == Value::Type::List) {
          (*container.items)[listIndex(container, index, target.index->range)] = value;
        } else if (container.type == Value::Type::Dict) {
          charge(container.keys->size(), target.range);
          for (size_t i = 0; i < container.keys->size(); ++i)
            if (equal((*container.keys)[i], index, target.range)) {
              (*container.items)[i] = value;
              return;
            }
          container.keys->push_back(index);
          container.items->push_back(value);
        } else {
          throw ElaborationError(target.range, fmt::format("'{}' object does not support item assignment",
                                                           container.typeName()));
        }
        return;
      }
      case K::Tuple:
      case K::List: {
        ValueList items = iterate(value, target.range);
        if (items.size() != target.elements.size())
          throw ElaborationError(target.range, fmt::format("cannot unpack {} values into {} names", items.size(),
                                                           target.elements.size()));
        for (size_t i = 0; i < items.size(); ++i) assign(*target.elements[i], items[i], scope);
        return;
      }
      default: throw ElaborationError(target.range, "cannot assign to this expression");
    }
  }

  // ---- expressions ----

  Value eval(const ast::Expr& e, const std::shared_ptr<Scope>& scope) {
    using K = ast::Expr::Kind;
    checkStack(e.range);
    switch (e.kind) {
      case K::Number: return e.isInteger ? Value::fromInt(e.integer) : Value::fromFloat(e.number);
      case K::String: return Value::fromString(e.text);
      case K::Bool: return Value::fromBool(e.boolValue);
      case K::None: return Value::none();
      case K::Name: {
        if (Value* v = scope->lookup(e.text)) return *v;
        return lookupBuiltin(e.text, e.range);
      }
      case K::Attribute: return attribute(eval(*e.object, scope), e.text, e.range);
      case K::Subscript:
        if (e.index->kind == K::Slice) return slice(eval(*e.object, scope), *e.index, scope);
        return subscript(eval(*e.object, scope), eval(*e.index, scope), e.index->range);
      case K::Slice: throw ElaborationError(e.range, "a slice is only allowed inside [ ]");
      case K::Starred: throw ElaborationError(e.range, "can't use starred expression here");
      case K::Call: {
        Value callee = eval(*e.object, scope);
        CallArguments args;
        args.callRange = e.range;
        args.calleeName = calleeName(*e.object);
        for (const auto& a : e.elements) {
          if (a->kind == K::Starred) {  // f(*items): each item one positional argument
            for (const Value& item : elements(eval(*a->object, scope), a->object->range)) {
              charge(1, a->range);
              args.positional.push_back(item);
              args.positionalRanges.push_back(a->range);
            }
            continue;
          }
          args.positional.push_back(eval(*a, scope));
          args.positionalRanges.push_back(a->range);
        }
        for (const auto& k : e.keywords)
          args.keywords.push_back({k.name, eval(*k.value, scope), k.range, k.value->range});
        return call(callee, args);
      }
      case K::Binary: {
        if (e.binaryOp == ast::BinaryOp::And) {
          Value l = eval(*e.object, scope);
          return truthy(l) ? eval(*e.index, scope) : l;
        }
        if (e.binaryOp == ast::BinaryOp::Or) {
          Value l = eval(*e.object, scope);
          return truthy(l) ? l : eval(*e.index, scope);
        }
        Value l = eval(*e.object, scope);
        Value r = eval(*e.index, scope);
        return binary(e.binaryOp, l, r, e.range);
      }
      case K::Unary: {
        Value v = eval(*e.object, scope);
        switch (e.unaryOp) {
          case ast::UnaryOp::Not: return Value::fromBool(!truthy(v));
          case ast::UnaryOp::Pos: return v;
          case ast::UnaryOp::Neg:
            if (v.isNumber()) return negate(v, e.range);
            if (v.type == Value::Type::Object) return objects_.arithmetic("Mul", v, Value::fromFloat(-1), e.range);
            throw ElaborationError(e.range, fmt::format("bad operand type for unary -: '{}'", v.typeName()));
        }
        return v;
      }
      case K::Compare: {
        Value left = eval(*e.object, scope);
        for (size_t i = 0; i < e.compareOps.size(); ++i) {
          Value right = eval(*e.elements[i], scope);
          if (e.compareOps.size() == 1 && makesCompare(e.compareOps[i], left, right))
            return compareObjects(e.compareOps[i], left, right, e.range);
          if (!compare(e.compareOps[i], left, right, e.range)) return Value::fromBool(false);
          left = right;
        }
        return Value::fromBool(true);
      }
      case K::Conditional:
        return truthy(eval(*e.object, scope)) ? eval(*e.element, scope) : eval(*e.index, scope);
      case K::List:
      case K::Tuple: {
        ValueList items;
        checkSize(0, e.elements.size(), e.kind == K::List ? "list" : "tuple", e.range);
        items.reserve(e.elements.size());
        for (const auto& x : e.elements) items.push_back(eval(*x, scope));
        return e.kind == K::List ? Value::list(std::move(items)) : Value::tuple(std::move(items));
      }
      case K::Dict: {
        Value d;
        d.type = Value::Type::Dict;
        d.keys = std::make_shared<ValueList>();
        d.items = std::make_shared<ValueList>();
        for (size_t i = 0; i < e.keys.size(); ++i) {
          Value key = eval(*e.keys[i], scope);
          Value item = eval(*e.elements[i], scope);
          // A repeated key keeps its first place and takes the last value, as in Python ({1: 'a', 1.0: 'b'}).
          charge(d.keys->size(), e.keys[i]->range);
          auto same = std::find_if(d.keys->begin(), d.keys->end(),
                                   [&](const Value& k) { return equal(k, key, e.keys[i]->range); });
          if (same != d.keys->end()) {
            (*d.items)[static_cast<size_t>(same - d.keys->begin())] = std::move(item);
          } else {
            d.keys->push_back(std::move(key));
            d.items->push_back(std::move(item));
          }
        }
        return d;
      }
      case K::ListComp: {
        // Python 3 gives a comprehension its own scope: its loop names do not leak.
        auto inner = newScope(scope);
        ValueList result;
        comprehend(e, 0, inner, result);
        return Value::list(std::move(result));
      }
      case K::Lambda: {
        Value fn;
        fn.type = Value::Type::Function;
        fn.function = std::make_shared<FunctionData>();
        fn.function->name = "<lambda>";
        fn.function->lambdaBody = e.element.get();
        fn.function->lambdaParams = e.params;
        fn.function->closure = scope;
        capture(scope);
        return fn;
      }
    }
    throw ElaborationError(e.range, "unsupported expression");
  }

  void comprehend(const ast::Expr& e, size_t clause, const std::shared_ptr<Scope>& scope, ValueList& out) {
    checkStack(e.range);
    if (clause == e.clauses.size()) {
      checkSize(out.size(), 1, "list", e.range);
      out.push_back(eval(*e.element, scope));
      return;
    }
    const auto& c = e.clauses[clause];
    auto items = loopItems(eval(*c.iter, scope), c.iter->range);
    for (size_t i = 0; i < items->size(); ++i) {
      charge(1, e.range);
      Value item = (*items)[i];
      assign(*c.target, item, scope);
      bool keep = true;
      for (const auto& cond : c.conditions) keep = keep && truthy(eval(*cond, scope));
      if (keep) comprehend(e, clause + 1, scope, out);
    }
  }

  static std::string calleeName(const ast::Expr& callee) {
    if (callee.kind == ast::Expr::Kind::Name) return callee.text;
    if (callee.kind == ast::Expr::Kind::Attribute) {
      std::string base = calleeName(*callee.object);
      return base.empty() ? callee.text : base + "." + callee.text;
    }
    return "";
  }

  Value lookupBuiltin(const std::string& name, const SourceRange& range) {
    auto it = builtins_.globals.find(name);
    if (it != builtins_.globals.end()) return it->second;
    // pyo's `from pyo import *` also gives the modules pyo imports itself: the manual's snippets use random and math
    // without importing them (pyo 1.0.4 exports both).
    if (name == "random" || name == "math") return importModule(name, range);
    if (const ObjectSpec* spec = objects_.registry().find(name); spec && !spec->internal)
      return objects_.constructor(*spec);
    if (const TableSpec* table = objects_.registry().findTable(name)) return objects_.tables().constructor(*table);
    std::vector<std::string> known;
    for (auto& [k, v] : builtins_.globals) known.push_back(k);
    for (const auto& n : objects_.registry().names()) known.push_back(n);
    for (const auto& t : objects_.registry().tables()) known.push_back(t.name);
    for (Scope* s = globals_.get(); s; s = s->parent.get())
      for (auto& [k, v] : s->names) known.push_back(k);
    throw ElaborationError(range, withSuggestion(fmt::format("name '{}' is not defined", name), name, known));
  }

  Value subscript(const Value& container, const Value& index, const SourceRange& range) {
    switch (container.type) {
      case Value::Type::List:
      case Value::Type::Tuple: return (*container.items)[listIndex(container, index, range)];
      case Value::Type::String:
        return Value::fromString(std::string(1, container.text[sequenceIndex(container.text.size(), index, range)]));
      case Value::Type::Dict:
        charge(container.keys->size(), range);
        for (size_t i = 0; i < container.keys->size(); ++i)
          if (equal((*container.keys)[i], index, range)) return (*container.items)[i];
        throw ElaborationError(range, "key not found in dict");
      case Value::Type::Object: return objects_.stream(container, index, range);
      default:
        throw ElaborationError(range, fmt::format("'{}' object is not subscriptable", container.typeName()));
    }
  }

  // Python's sequence[start:stop:step], for lists, tuples and strings.
  Value slice(const Value& sliced, const ast::Expr& bounds, const std::shared_ptr<Scope>& scope) {
    // pyo: a slice of an object is the list of those streams.
    const Value sequence = sliced.type == Value::Type::Object && !sliced.isStream()
                               ? Value::list(objects_.streams(sliced))
                               : sliced;
    if (!sequence.isSequence() && sequence.type != Value::Type::String)
      throw ElaborationError(bounds.range, fmt::format("'{}' object cannot be sliced", sequence.typeName()));
    auto bound = [&](const ast::Expr* expr) -> std::optional<int64_t> {
      if (!expr) return std::nullopt;
      Value v = eval(*expr, scope);
      if (v.type == Value::Type::None) return std::nullopt;
      if (v.type != Value::Type::Int && v.type != Value::Type::Bool)
        throw ElaborationError(expr->range, fmt::format("slice indices must be integers, not {}", v.typeName()));
      return v.type == Value::Type::Int ? v.integer : v.boolean;
    };
    const int64_t n = static_cast<int64_t>(sequence.type == Value::Type::String ? sequence.text.size()
                                                                                 : sequence.items->size());
    int64_t step = bound(bounds.element.get()).value_or(1);
    if (step == 0) throw ElaborationError(bounds.range, "slice step cannot be zero");
    auto clampBound = [&](std::optional<int64_t> b, int64_t otherwise) {
      if (!b) return otherwise;
      int64_t v = *b < 0 ? *b + n : *b;
      return step > 0 ? std::clamp<int64_t>(v, 0, n) : std::clamp<int64_t>(v, -1, n - 1);
    };
    int64_t start = clampBound(bound(bounds.object.get()), step > 0 ? 0 : n - 1);
    int64_t stop = clampBound(bound(bounds.index.get()), step > 0 ? n : -1);
    ValueList items;
    std::string text;
    charge(static_cast<uint64_t>(n), bounds.range);
    // i stays within [-1, n] before each step, so i + step cannot overflow (|step| <= 2^63 - 1, n < 2^62).
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i = step > 0 && step > stop - i ? stop : i + step) {
      if (sequence.type == Value::Type::String) text += sequence.text[static_cast<size_t>(i)];
      else items.push_back((*sequence.items)[static_cast<size_t>(i)]);
    }
    if (sequence.type == Value::Type::String) return Value::fromString(text);
    return sequence.type == Value::Type::List ? Value::list(items) : Value::tuple(items);
  }

  size_t listIndex(const Value& list, const Value& index, const SourceRange& range) {
    return sequenceIndex(list.items->size(), index, range);
  }

  static size_t sequenceIndex(size_t size, const Value& index, const SourceRange& range) {
    if (index.type != Value::Type::Int && index.type != Value::Type::Bool)
      throw ElaborationError(range, fmt::format("indices must be integers, not {}", index.typeName()));
    int64_t i = index.type == Value::Type::Int ? index.integer : index.boolean;
    int64_t n = static_cast<int64_t>(size);
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw ElaborationError(range, fmt::format("index {} is out of range (length {})", i, n));
    return static_cast<size_t>(i);
  }

  // The elements of an iterable, for builtins (list(), sum(), zip(), ...): each element is a step of the budget.
  ValueList iterate(const Value& v, const SourceRange& range) override {
    ValueList items = elements(v, range);
    charge(items.size(), range);
    return items;
  }

  // What a for loop or a comprehension walks: a list or tuple itself, read by index as Python does (no copy of a
  // million-element range, and a loop sees what its body appends), the elements of anything else.
  std::shared_ptr<ValueList> loopItems(const Value& v, const SourceRange& range) {
    if (v.isSequence()) return v.items;
    return std::make_shared<ValueList>(elements(v, range));
  }

  // The elements of an iterable, copied.
  ValueList elements(const Value& v, const SourceRange& range) {
    switch (v.type) {
      case Value::Type::List:
      case Value::Type::Tuple: return *v.items;
      case Value::Type::Dict: return *v.keys;
      case Value::Type::String: {
        ValueList out;
        for (char c : v.text) out.push_back(Value::fromString(std::string(1, c)));
        return out;
      }
      case Value::Type::Object:
        // pyo: iterating over an object gives its streams.
        if (!v.isStream()) return objects_.streams(v);
        throw ElaborationError(range, "one stream of an object (obj[i]) is not iterable");
      default: throw ElaborationError(range, fmt::format("'{}' object is not iterable", v.typeName()));
    }
  }

  Value binary(ast::BinaryOp op, const Value& l, const Value& r, const SourceRange& range) {
    using O = ast::BinaryOp;
    if (l.type == Value::Type::Object || r.type == Value::Type::Object ||
        (l.isSequence() && r.type == Value::Type::Object) || (r.isSequence() && l.type == Value::Type::Object)) {
      const char* opName = op == O::Add ? "Add" : op == O::Sub ? "Sub" : op == O::Mul ? "Mul" : op == O::Div ? "Div"
                                                                                                               : nullptr;
      // pyo: a ** b is Pow(a, b) on either side; obj % x is Wrap(obj, 0, x), and x % obj a TypeError.
      if (op == O::Pow) return objects_.make("Pow", {l, r}, range);
      if (op == O::Mod && l.type == Value::Type::Object) return objects_.make("Wrap", {l, Value::fromInt(0), r}, range);
      if (!opName)
        throw ElaborationError(range, fmt::format("operator '{}' is not supported between PyoObjects",
                                                  ast::spelling(op)));
      return objects_.arithmetic(opName, l, r, range);
    }
    if (l.isNumber() && r.isNumber()) return arithmetic(op, l, r, range);
    if (op == O::Mod && l.type == Value::Type::String) return Value::fromString(percentFormat(l.text, r, objects_, range));
    if (op == O::Add && l.type == r.type && (l.isSequence() || l.type == Value::Type::String)) {
      if (l.type == Value::Type::String) {
        checkSize(l.text.size(), r.text.size(), "string", range);
        charge(l.text.size() + r.text.size(), range);
        return Value::fromString(l.text + r.text);
      }
      checkSize(l.items->size(), r.items->size(), l.typeName().c_str(), range);
      charge(l.items->size() + r.items->size(), range);
      ValueList items;
      items.reserve(l.items->size() + r.items->size());
      items.insert(items.end(), l.items->begin(), l.items->end());
      items.insert(items.end(), r.items->begin(), r.items->end());
      return l.type == Value::Type::List ? Value::list(std::move(items)) : Value::tuple(std::move(items));
    }
    auto isRepeatable = [](const Value& v) { return v.isSequence() || v.type == Value::Type::String; };
    auto isCount = [](const Value& v) { return v.type == Value::Type::Int || v.type == Value::Type::Bool; };
    if (op == O::Mul && isRepeatable(l) && isCount(r)) return repeat(l, integerOf(r), range);
    if (op == O::Mul && isRepeatable(r) && isCount(l)) return repeat(r, integerOf(l), range);
    // pyo expands arithmetic between a list of numbers and a number lane by lane only for objects; in plain
    // Python this is an error, and so it is here.
    throw ElaborationError(range, fmt::format("unsupported operand types for {}: '{}' and '{}'", ast::spelling(op),
                                              l.typeName(), r.typeName()));
  }

  // `sequence * times`: the size is checked against the limit before anything is allocated.
  Value repeat(const Value& v, int64_t times, const SourceRange& range) {
    uint64_t count = times > 0 ? static_cast<uint64_t>(times) : 0;
    uint64_t size = v.type == Value::Type::String ? v.text.size() : v.items->size();
    uint64_t total = 0;
    bool overflow = __builtin_mul_overflow(size, count, &total);
    if (overflow || total > limits_.collectionElements)
      collectionTooLarge(v.type == Value::Type::String ? "string" : v.typeName().c_str(),
                         overflow ? "more than 2^64" : std::to_string(total), range);
    charge(total, range);
    if (v.type == Value::Type::String) {
      std::string s;
      s.reserve(total);
      for (uint64_t i = 0; i < count; ++i) s += v.text;
      return Value::fromString(std::move(s));
    }
    ValueList items;
    items.reserve(total);
    for (uint64_t i = 0; i < count; ++i) items.insert(items.end(), v.items->begin(), v.items->end());
    return v.type == Value::Type::List ? Value::list(std::move(items)) : Value::tuple(std::move(items));
  }

  bool equal(const Value& a, const Value& b, const SourceRange& range) {
    if (a.isNumber() && b.isNumber()) return compareNumbers(a, b) == 0;
    if (a.type != b.type) return false;
    switch (a.type) {
      case Value::Type::None: return true;
      case Value::Type::String: return a.text == b.text;
      case Value::Type::List:
      case Value::Type::Tuple:
        if (a.items == b.items) return true;  // Python compares a list with itself by identity first
        if (a.items->size() != b.items->size()) return false;
        checkStack(range);
        charge(a.items->size(), range);
        for (size_t i = 0; i < a.items->size(); ++i)
          if (!equal((*a.items)[i], (*b.items)[i], range)) return false;
        return true;
      case Value::Type::Object: return a.node == b.node && a.lane == b.lane;
      case Value::Type::Table: return a.table == b.table;
      case Value::Type::Instance: return a.instance == b.instance;
      default: return false;
    }
  }

  // pyo's PyoObject.__lt__ and its kin: `a < b` with a PyoObject makes Compare(a, comp=b, mode="<") (a number on
  // the left is Python's reflected operator: 3 < a is Compare(a, 3, ">")); == and != with None are False and True.
  // One stream (a[0], pyo's _base object) compares as a plain Python object (compare()), as do `in` and `is`.
  static bool wholeObject(const Value& v) { return v.type == Value::Type::Object && !v.isStream(); }
  static bool makesCompare(ast::CompareOp op, const Value& a, const Value& b) {
    using C = ast::CompareOp;
    if (op != C::Lt && op != C::Le && op != C::Gt && op != C::Ge && op != C::Eq && op != C::Ne) return false;
    return wholeObject(a) || (wholeObject(b) && a.type != Value::Type::Object);
  }
  // Out of line: eval's frame, which deep expressions nest, stays small (limits/python-depth).
  [[gnu::noinline]] Value compareObjects(ast::CompareOp op, Value a, Value b, const SourceRange& range) {
    using C = ast::CompareOp;
    static const std::pair<C, const char*> kModes[] = {{C::Lt, "<"},  {C::Le, "<="}, {C::Gt, ">"},
                                                       {C::Ge, ">="}, {C::Eq, "=="}, {C::Ne, "!="}};
    static const std::pair<C, const char*> kMirrored[] = {{C::Lt, ">"},   {C::Le, ">="}, {C::Gt, "<"},
                                                          {C::Ge, "<="}, {C::Eq, "=="}, {C::Ne, "!="}};
    const bool reflected = !wholeObject(a);
    if (reflected) std::swap(a, b);
    const char* mode = "<";
    for (auto [c, m] : reflected ? kMirrored : kModes)
      if (c == op) mode = m;
    if (b.type == Value::Type::None && (op == C::Eq || op == C::Ne)) return Value::fromBool(op == C::Ne);
    return objects_.make("Compare", {a, b, Value::fromString(mode)}, range);
  }

  bool compare(ast::CompareOp op, const Value& a, const Value& b, const SourceRange& range) {
    using C = ast::CompareOp;
    switch (op) {
      case C::Eq: return equal(a, b, range);
      case C::Ne: return !equal(a, b, range);
      case C::Is: return equal(a, b, range) && a.type == b.type;
      case C::IsNot: return !(equal(a, b, range) && a.type == b.type);
      case C::In:
      case C::NotIn: {
        bool found = false;
        if (b.type == Value::Type::String && a.type == Value::Type::String) {
          charge(b.text.size(), range);
          found = b.text.find(a.text) != std::string::npos;
        } else {
          for (const auto& x : iterate(b, range))
            if (equal(a, x, range)) {
              found = true;
              break;
            }
        }
        return op == C::In ? found : !found;
      }
      default: break;
    }
    if (a.type == Value::Type::Object || b.type == Value::Type::Object)
      throw ElaborationError(range, "comparing PyoObjects (pyo's Compare) is not supported yet");
    std::partial_ordering order = std::partial_ordering::unordered;  // nan compares false with everything
    if (a.isNumber() && b.isNumber()) {
      order = compareNumbers(a, b);
    } else if (a.type == Value::Type::String && b.type == Value::Type::String) {
      order = a.text.compare(b.text) <=> 0;
    } else {
      throw ElaborationError(range, fmt::format("'{}' not supported between '{}' and '{}'", ast::spelling(op),
                                                a.typeName(), b.typeName()));
    }
    switch (op) {
      case C::Lt: return order < 0;
      case C::Le: return order <= 0;
      case C::Gt: return order > 0;
      case C::Ge: return order >= 0;
      default: return false;
    }
  }

  bool truthy(const Value& v) override {
    switch (v.type) {
      case Value::Type::None: return false;
      case Value::Type::Bool: return v.boolean;
      case Value::Type::Int: return v.integer != 0;
      case Value::Type::Float: return v.real != 0.0;
      case Value::Type::String: return !v.text.empty();
      case Value::Type::List:
      case Value::Type::Tuple:
      case Value::Type::Dict: return !v.items->empty();
      default: return true;
    }
  }

  // ---- calls ----

  Value callFunction(const FunctionData& fn, CallArguments& args) {
    // Restored however the call ends: a process's keep-alive sleep unwinds calls (elab/Processes.cpp).
    struct Depth {
      uint64_t& depth;
      ~Depth() { --depth; }
    } depth{callDepth_};
    if (++callDepth_ > limits_.recursion)
      throw ElaborationError(args.callRange, fmt::format("RecursionError: maximum recursion depth exceeded (more than "
                                                         "{} nested calls) {}", limits_.recursion,
                                                         limitHint("recursion", limits_.recursion)));
    auto scope = newScope(fn.closure);
    std::vector<std::string> names;
    if (fn.lambdaBody) {
      names = fn.lambdaParams;
    } else {
      for (const auto& p : *fn.params) names.push_back(p.name);
    }
    if (args.positional.size() > names.size())
      throw ElaborationError(args.callRange, fmt::format("{}() takes {} arguments but {} were given", fn.name,
                                                         names.size(), args.positional.size()));
    std::vector<bool> bound(names.size(), false);
    for (size_t i = 0; i < args.positional.size(); ++i) {
      scope->names[names[i]] = args.positional[i];
      bound[i] = true;
    }
    for (const auto& k : args.keywords) {
      auto it = std::find(names.begin(), names.end(), k.name);
      if (it == names.end())
        throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() got an unexpected keyword argument '{}'",
                                                                       fn.name, k.name), k.name, names));
      size_t i = static_cast<size_t>(it - names.begin());
      if (bound[i])
        throw ElaborationError(k.nameRange, fmt::format("{}() got multiple values for argument '{}'", fn.name, k.name));
      scope->names[k.name] = k.value;
      bound[i] = true;
    }
    for (size_t i = 0; i < names.size(); ++i) {
      if (bound[i]) continue;
      if (!fn.lambdaBody && fn.hasDefault[i]) {
        scope->names[names[i]] = (*fn.defaultValues)[i];
      } else {
        throw ElaborationError(args.callRange, fmt::format("{}() missing required argument '{}'", fn.name, names[i]));
      }
    }
    Value result;
    if (fn.lambdaBody) {
      result = eval(*fn.lambdaBody, scope);
    } else {
      frames_.push_back({&fn, args.positional.empty() ? Value::none() : args.positional[0], 0});
      struct Pop {
        std::vector<Frame>& frames;
        ~Pop() { frames.pop_back(); }
      } pop{frames_};
      Flow flow = exec(*fn.body, scope);
      result = flow == Flow::Return ? returnValue_ : Value::none();
    }
    return result;
  }

  Value instantiate(const Value& cls, CallArguments& args) {
    Value obj;
    obj.type = Value::Type::Instance;
    obj.instance = std::make_shared<InstanceData>();
    obj.instance->cls = cls.cls;
    instances_.push_back(obj.instance);
    auto init = cls.cls->attributes.find("__init__");
    if (init != cls.cls->attributes.end()) {
      Value method = bind(init->second, obj);
      call(method, args);
    } else if (!args.positional.empty() || !args.keywords.empty()) {
      throw ElaborationError(args.callRange, fmt::format("{}() takes no arguments", cls.cls->name));
    }
    return obj;
  }

  static Value bind(const Value& attribute, const Value& self) {
    Value m;
    m.type = Value::Type::BoundMethod;
    if (attribute.type == Value::Type::Function)
      m.function = attribute.function;
    else if (attribute.type == Value::Type::Builtin && attribute.builtin->method)
      m.builtin = attribute.builtin;
    else
      return attribute;
    m.self = std::make_shared<Value>(self);
    return m;
  }

  static bool derivesFrom(const ClassData& cls, const ClassData& base) {
    if (&cls == &base) return true;
    for (const auto& b : cls.bases)
      if (derivesFrom(*b, base)) return true;
    return false;
  }

  // super(): Python's proxy for the methods of the classes after `cls` in `self`'s class order, bound to `self`.
  // Here the order is the bases of `cls`, depth first and left to right: Python's order for single inheritance.
  // super() without arguments takes the class that defined the running method and its first argument.
  Value superProxy(CallArguments& a) {
    std::shared_ptr<ClassData> cls;
    Value self;
    if (a.positional.empty() && a.keywords.empty()) {
      const Frame& frame = frames_.back();
      if (frames_.size() < 2 || !(cls = frame.function->ownerClass.lock()) || frame.first.type == Value::Type::None)
        throw ElaborationError(a.callRange, "RuntimeError: super(): no arguments (super() without arguments works "
                                            "in a method; elsewhere write super(Class, instance))");
      self = frame.first;
    } else if (a.positional.size() == 2 && a.keywords.empty()) {
      if (a.positional[0].type != Value::Type::Class)
        throw ElaborationError(a.positionalRanges[0], fmt::format("TypeError: super() argument 1 must be a class, "
                                                                  "not {}", a.positional[0].typeName()));
      cls = a.positional[0].cls;
      self = a.positional[1];
    } else {
      throw ElaborationError(a.callRange, "super() takes no arguments, or a class and an instance of it");
    }
    if (self.type != Value::Type::Instance || !derivesFrom(*self.instance->cls, *cls))
      throw ElaborationError(a.positional.size() == 2 ? a.positionalRanges[1] : a.callRange,
                             "TypeError: super(type, obj): obj must be an instance of type");
    Value proxy;
    proxy.type = Value::Type::Instance;
    proxy.instance = std::make_shared<InstanceData>();
    proxy.instance->cls = std::make_shared<ClassData>();
    proxy.instance->cls->name = "super";
    instances_.push_back(proxy.instance);
    for (const auto& base : cls->bases)
      for (const auto& [name, value] : base->attributes)
        proxy.instance->attributes.emplace(name, bind(value, self));
    return proxy;
  }

  Value listMethod(const Value& list, const std::string& name, const SourceRange& range) {
    if (name == "append")
      return Value::makeBuiltin("append", [this, list](CallArguments& a) {
        expectCount(a, 1, 1);
        checkSize(list.items->size(), 1, "list", a.callRange);
        list.items->push_back(a.positional[0]);
        return Value::none();
      });
    if (name == "extend")
      return Value::makeBuiltin("extend", [this, list](CallArguments& a) {
        expectCount(a, 1, 1);
        ValueList added = iterate(a.positional[0], a.positionalRanges[0]);
        checkSize(list.items->size(), added.size(), "list", a.callRange);
        list.items->insert(list.items->end(), added.begin(), added.end());
        return Value::none();
      });
    if (name == "index")
      return Value::makeBuiltin("index", [this, list](CallArguments& a) {
        expectCount(a, 1, 1);
        for (size_t i = 0; i < list.items->size(); ++i)
          if (equal((*list.items)[i], a.positional[0], a.callRange)) return Value::fromInt(static_cast<int64_t>(i));
        throw ElaborationError(a.callRange, "value is not in the list");
      });
    if (name == "insert")
      return Value::makeBuiltin("insert", [this, list](CallArguments& a) {
        expectCount(a, 2, 2);
        if (a.positional[0].type != Value::Type::Int && a.positional[0].type != Value::Type::Bool)
          throw ElaborationError(a.positionalRanges[0], fmt::format("TypeError: list.insert()'s index must be an "
                                                                    "integer, not {}", a.positional[0].typeName()));
        // Python clamps the index: insert(100, x) appends, insert(-100, x) prepends.
        int64_t n = static_cast<int64_t>(list.items->size()), i = integerOf(a.positional[0]);
        i = std::clamp<int64_t>(i < 0 ? i + n : i, 0, n);
        checkSize(list.items->size(), 1, "list", a.callRange);
        charge(list.items->size(), a.callRange);
        list.items->insert(list.items->begin() + i, a.positional[1]);
        return Value::none();
      });
    if (name == "pop")
      return Value::makeBuiltin("pop", [this, list](CallArguments& a) {
        expectCount(a, 0, 1);
        if (list.items->empty()) throw ElaborationError(a.callRange, "IndexError: pop from empty list");
        size_t i = a.positional.empty() ? list.items->size() - 1
                                        : listIndex(list, a.positional[0], a.positionalRanges[0]);
        Value popped = (*list.items)[i];
        charge(list.items->size(), a.callRange);
        list.items->erase(list.items->begin() + static_cast<std::ptrdiff_t>(i));
        return popped;
      });
    if (name == "remove")
      return Value::makeBuiltin("remove", [this, list](CallArguments& a) {
        expectCount(a, 1, 1);
        for (size_t i = 0; i < list.items->size(); ++i)
          if (equal((*list.items)[i], a.positional[0], a.callRange)) {
            charge(list.items->size(), a.callRange);
            list.items->erase(list.items->begin() + static_cast<std::ptrdiff_t>(i));
            return Value::none();
          }
        throw ElaborationError(a.callRange, "ValueError: list.remove(x): x not in list");
      });
    if (name == "count")
      return Value::makeBuiltin("count", [this, list](CallArguments& a) {
        expectCount(a, 1, 1);
        charge(list.items->size(), a.callRange);
        int64_t count = 0;
        for (const auto& item : *list.items) count += equal(item, a.positional[0], a.callRange) ? 1 : 0;
        return Value::fromInt(count);
      });
    if (name == "reverse")
      return Value::makeBuiltin("reverse", [this, list](CallArguments& a) {
        expectCount(a, 0, 0);
        charge(list.items->size(), a.callRange);
        std::reverse(list.items->begin(), list.items->end());
        return Value::none();
      });
    if (name == "sort")
      return Value::makeBuiltin("sort", [this, list](CallArguments& a) {
        Value key = Value::none();
        bool reverse = false;
        for (const auto& k : a.keywords) {
          if (k.name == "key") key = k.value;
          else if (k.name == "reverse") reverse = truthy(k.value);
          else throw ElaborationError(k.nameRange, fmt::format("sort() got an unexpected keyword argument '{}'", k.name));
        }
        if (!a.positional.empty())
          throw ElaborationError(a.positionalRanges[0], "TypeError: sort() takes no positional arguments");
        ValueList items = *list.items;
        sortValues(items, key, reverse, *this, a.callRange);
        *list.items = std::move(items);
        return Value::none();
      });
    if (name == "copy")
      return Value::makeBuiltin("copy", [this, list](CallArguments& a) {
        expectCount(a, 0, 0);
        charge(list.items->size(), a.callRange);
        return Value::list(*list.items);
      });
    throw ElaborationError(range, withSuggestion(fmt::format("'list' object has no attribute '{}' in a patch", name),
                                                 name, {"append", "extend", "insert", "pop", "remove", "index", "count",
                                                        "reverse", "sort", "copy"}));
  }

  Value dictMethod(const Value& dict, const std::string& name, const SourceRange& range) {
    if (name == "keys") return Value::makeBuiltin("keys", [dict](CallArguments&) { return Value::list(*dict.keys); });
    if (name == "values")
      return Value::makeBuiltin("values", [dict](CallArguments&) { return Value::list(*dict.items); });
    if (name == "items")
      return Value::makeBuiltin("items", [dict](CallArguments&) {
        ValueList pairs;
        for (size_t i = 0; i < dict.keys->size(); ++i) pairs.push_back(Value::tuple({(*dict.keys)[i], (*dict.items)[i]}));
        return Value::list(pairs);
      });
    throw ElaborationError(range, fmt::format("'dict' object has no attribute '{}' in a patch", name));
  }

  const CompileLimits& limits_;
  ir::Graph& graph_;
  PyoObjects objects_;
  PythonRandom random_;
  BuiltinTables builtins_;
  Callbacks callbacks_;
  // A running function of the script (the first is the top level): for super() and time.sleep().
  struct Frame {
    const FunctionData* function = nullptr;
    Value first;  // its first argument: a method's self
    int whileDepth = 0;
  };
  std::vector<Frame> frames_;
  Processes processes_;
  std::shared_ptr<Scope> globals_;
  std::vector<std::shared_ptr<Scope>> scopes_;
  std::vector<std::shared_ptr<InstanceData>> instances_;
  Value returnValue_;
  SourceRange returnRange_;
  uint64_t steps_ = 0;       // loop iterations, comprehension elements, calls and elements of list operations
  uint64_t callDepth_ = 0;   // nested calls of the script's functions
  StackGuard stack_;         // the native stack that eval, exec and calls recurse on
  SourceRange currentStatement_;
};

}  // namespace
}  // namespace elab

namespace {

// The elaborator's stack: it recurses per call of the script, per level of an expression (848 bytes a level in
// eval) and per nested statement, so Python's 1000 nested calls with a few hundred levels of expression each
// need far more than a main thread's 8 MiB (which ran out after 10 calls of a 900-level sum). Virtual memory:
// only the pages a script reaches are touched; StackGuard turns the end of it into a RecursionError.
constexpr size_t kElaborationStackBytes = size_t(256) << 20;

}  // namespace

std::unique_ptr<ir::Graph> elaborate(const ast::Module& module, Diagnostics& diagnostics,
                                     const ElaborationOptions& options) {
  auto graph = std::make_unique<ir::Graph>();
  graph->sourceName = module.fileName;
  graph->seed = options.seed;
  const Registry& registry = options.registry ? *options.registry : Registry::builtin();
  graph->registry = &registry;  // the passes make their nodes from the registry the script's objects came from
  std::optional<elab::ElaborationError> failure;
  auto run = [&] {
    SourceRange statement;
    try {
      elab::Elaborator elaborator(*graph, registry, options.seed, options.limits,
                                  options.printOutput ? *options.printOutput : std::cerr);
      try {
        elaborator.objects().configure(options.limits, diagnostics);
        elaborator.run(module);
        if (options.namesInScope) *options.namesInScope = elaborator.namesInScope();
        elaborator.objects().finish();
        elaborator.objects().tables().finish();  // readers get their tables' final samples
        ir::markRenderedAhead(*graph);  // fixed on the graph as written: the passes keep it (ir/Ahead.h)
        ir::assignHotSwapIdentities(*graph);
        // Before anything is allocated: init would allocate this much state (issue 7).
        if (auto tooBig = ir::checkStateBytes(*graph, options.limits.stateBytes))
          throw elab::ElaborationError(tooBig->range, tooBig->message);
      } catch (const std::bad_alloc&) {
        statement = elaborator.currentStatement();
        throw;
      } catch (const std::length_error&) {
        statement = elaborator.currentStatement();
        throw;
      }
    } catch (const elab::ElaborationError& error) {
      failure = error;
    } catch (const std::bad_alloc&) {
      // The limits are checked before allocating; this is the last resort when memory runs out below them.
      failure = elab::ElaborationError(statement, "MemoryError: out of memory while running the patch's Python");
    } catch (const std::length_error&) {
      failure = elab::ElaborationError(statement, "MemoryError: out of memory while running the patch's Python");
    }
  };
  elab::runWithStack(kElaborationStackBytes, run);
  if (failure) {
    diagnostics.error(failure->range, failure->what());
    return nullptr;
  }
  return graph;
}

}  // namespace patchc
