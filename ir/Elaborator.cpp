#include "ir/Elaborator.h"

#include "ir/Builtins.h"
#include "ir/ElaborationError.h"
#include "ir/PyoObjects.h"
#include "ir/StateSize.h"
#include "ir/Value.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

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
  }
  return "?";
}

namespace {

constexpr int kMaxCallDepth = 200;

class Elaborator final : public Interpreter {
 public:
  Elaborator(ir::Graph& graph, const Registry& registry, uint32_t seed)
      : objects_(graph, registry, *this), builtins_(makeBuiltins(*this, objects_, random_)) {
    random_.seed(seed);
    globals_ = newScope(nullptr);
    globals_->isGlobal = true;
  }

  // Functions hold their defining scope and scopes hold functions: the reference cycles are broken here, once
  // elaboration is over, by emptying every scope and instance made.
  ~Elaborator() override {
    for (auto& scope : scopes_) scope->names.clear();
    for (auto& instance : instances_) instance->attributes.clear();
  }

  PyoObjects& objects() { return objects_; }

  void run(const ast::Module& module) {
    Flow flow = exec(module.body, globals_);
    if (flow == Flow::Return) throw ElaborationError(returnRange_, "'return' outside of a function");
  }

  // Interpreter: calls made from builtins (e.g. a user function given to `map`-like helpers) come back here.
  Value call(const Value& callee, CallArguments& args) override {
    switch (callee.type) {
      case Value::Type::Builtin: return callee.builtin->call(args);
      case Value::Type::BoundMethod:
        if (callee.builtin) return callee.builtin->call(args);
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
      case Value::Type::Module: return moduleAttribute(object.text, name, range);
      case Value::Type::List: return listMethod(object, name, range);
      case Value::Type::Dict: return dictMethod(object, name, range);
      case Value::Type::Instance: {
        auto it = object.instance->attributes.find(name);
        if (it != object.instance->attributes.end()) return it->second;
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
    scopes_.push_back(scope);
    return scope;
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
          current.items->insert(current.items->end(), rhs.items->begin(), rhs.items->end());
          return Flow::Normal;
        }
        assign(target, binary(stmt.binaryOp, current, rhs, stmt.range), scope);
        return Flow::Normal;
      }
      case K::If:
        if (truthy(eval(*stmt.value, scope))) return exec(stmt.body, scope);
        return exec(stmt.orelse, scope);
      case K::While: {
        int guard = 0;
        while (truthy(eval(*stmt.value, scope))) {
          if (++guard > 1000000)
            throw ElaborationError(stmt.range, "this loop ran a million times while compiling; is it endless?");
          Flow flow = exec(stmt.body, scope);
          if (flow == Flow::Break) break;
          if (flow == Flow::Return) return flow;
        }
        return Flow::Normal;
      }
      case K::For: {
        Value iterable = eval(*stmt.value, scope);
        ValueList items = iterate(iterable, stmt.value->range);
        for (const auto& item : items) {
          assign(*stmt.target, item, scope);
          Flow flow = exec(stmt.body, scope);
          if (flow == Flow::Break) break;
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
          if (b.type == Value::Type::Class)
            cls->attributes.insert(b.cls->attributes.begin(), b.cls->attributes.end());
          else if (!(b.type == Value::Type::Builtin && b.builtin->name == "object"))
            throw ElaborationError(base->range, "a class can only derive from another class of the patch");
        }
        auto classScope = newScope(scope);
        Flow flow = exec(stmt.body, classScope);
        if (flow != Flow::Normal) throw ElaborationError(stmt.range, "unexpected control flow in a class body");
        for (auto& [k, v] : classScope->names) cls->attributes[k] = v;
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
    }
    return Flow::Normal;
  }

  Value importModule(const std::string& name, const SourceRange& range) {
    if (name == "random" || name == "math" || name == "pyo" || name == "time" || name == "sys" || name == "os") {
      Value m;
      m.type = Value::Type::Module;
      m.text = name;
      return m;
    }
    throw ElaborationError(range, fmt::format("module '{}' is not available in a patch (known: pyo, random, math)",
                                              name));
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
        if (value.type == Value::Type::Object) objects_.nameNode(value.node, target.text);
        bindName(target.text, value, scope);
        return;
      case K::Attribute: {
        Value object = eval(*target.object, scope);
        if (object.type == Value::Type::Object) {
          objects_.setAttribute(object, target.text, value, target.range);
        } else if (object.type == Value::Type::Instance) {
          if (value.type == Value::Type::Object) objects_.nameNode(value.node, target.text);
          object.instance->attributes[target.text] = value;
        } else if (object.type == Value::Type::Server) {
          objects_.setServerAttribute(object, target.text, value, target.range);
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
          for (size_t i = 0; i < container.keys->size(); ++i)
            if (equal((*container.keys)[i], index)) {
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
    switch (e.kind) {
      case K::Number:
        return e.isInteger ? Value::fromInt(static_cast<int64_t>(e.number)) : Value::fromFloat(e.number);
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
      case K::Call: {
        Value callee = eval(*e.object, scope);
        CallArguments args;
        args.callRange = e.range;
        args.calleeName = calleeName(*e.object);
        for (const auto& a : e.elements) {
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
            if (v.type == Value::Type::Int) return Value::fromInt(-v.integer);
            if (v.isNumber()) return Value::fromFloat(-v.toNumber());
            if (v.type == Value::Type::Object) return objects_.arithmetic("Mul", v, Value::fromFloat(-1), e.range);
            throw ElaborationError(e.range, fmt::format("bad operand type for unary -: '{}'", v.typeName()));
        }
        return v;
      }
      case K::Compare: {
        Value left = eval(*e.object, scope);
        for (size_t i = 0; i < e.compareOps.size(); ++i) {
          Value right = eval(*e.elements[i], scope);
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
        for (const auto& x : e.elements) items.push_back(eval(*x, scope));
        return e.kind == K::List ? Value::list(std::move(items)) : Value::tuple(std::move(items));
      }
      case K::Dict: {
        Value d;
        d.type = Value::Type::Dict;
        d.keys = std::make_shared<ValueList>();
        d.items = std::make_shared<ValueList>();
        for (size_t i = 0; i < e.keys.size(); ++i) {
          d.keys->push_back(eval(*e.keys[i], scope));
          d.items->push_back(eval(*e.elements[i], scope));
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
        return fn;
      }
    }
    throw ElaborationError(e.range, "unsupported expression");
  }

  void comprehend(const ast::Expr& e, size_t clause, const std::shared_ptr<Scope>& scope, ValueList& out) {
    if (clause == e.clauses.size()) {
      out.push_back(eval(*e.element, scope));
      return;
    }
    const auto& c = e.clauses[clause];
    for (const auto& item : iterate(eval(*c.iter, scope), c.iter->range)) {
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
    if (const ObjectSpec* spec = objects_.registry().find(name); spec && !spec->internal)
      return objects_.constructor(*spec);
    std::vector<std::string> known;
    for (auto& [k, v] : builtins_.globals) known.push_back(k);
    for (const auto& n : objects_.registry().names()) known.push_back(n);
    for (Scope* s = globals_.get(); s; s = s->parent.get())
      for (auto& [k, v] : s->names) known.push_back(k);
    throw ElaborationError(range, withSuggestion(fmt::format("name '{}' is not defined", name), name, known));
  }

  Value subscript(const Value& container, const Value& index, const SourceRange& range) {
    switch (container.type) {
      case Value::Type::List:
      case Value::Type::Tuple: return (*container.items)[listIndex(container, index, range)];
      case Value::Type::String: {
        Value asList = Value::list();
        for (char c : container.text) asList.items->push_back(Value::fromString(std::string(1, c)));
        return Value::fromString((*asList.items)[listIndex(asList, index, range)].text);
      }
      case Value::Type::Dict:
        for (size_t i = 0; i < container.keys->size(); ++i)
          if (equal((*container.keys)[i], index)) return (*container.items)[i];
        throw ElaborationError(range, "key not found in dict");
      default:
        throw ElaborationError(range, fmt::format("'{}' object is not subscriptable", container.typeName()));
    }
  }

  // Python's sequence[start:stop:step], for lists, tuples and strings.
  Value slice(const Value& sequence, const ast::Expr& bounds, const std::shared_ptr<Scope>& scope) {
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
    for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
      if (sequence.type == Value::Type::String) text += sequence.text[static_cast<size_t>(i)];
      else items.push_back((*sequence.items)[static_cast<size_t>(i)]);
    }
    if (sequence.type == Value::Type::String) return Value::fromString(text);
    return sequence.type == Value::Type::List ? Value::list(items) : Value::tuple(items);
  }

  size_t listIndex(const Value& list, const Value& index, const SourceRange& range) {
    if (index.type != Value::Type::Int && index.type != Value::Type::Bool)
      throw ElaborationError(range, fmt::format("list indices must be integers, not {}", index.typeName()));
    int64_t i = index.type == Value::Type::Int ? index.integer : index.boolean;
    int64_t n = static_cast<int64_t>(list.items->size());
    if (i < 0) i += n;
    if (i < 0 || i >= n) throw ElaborationError(range, fmt::format("index {} is out of range (length {})", i, n));
    return static_cast<size_t>(i);
  }

  ValueList iterate(const Value& v, const SourceRange& range) override {
    switch (v.type) {
      case Value::Type::List:
      case Value::Type::Tuple: return *v.items;
      case Value::Type::Dict: return *v.keys;
      case Value::Type::String: {
        ValueList out;
        for (char c : v.text) out.push_back(Value::fromString(std::string(1, c)));
        return out;
      }
      default: throw ElaborationError(range, fmt::format("'{}' object is not iterable", v.typeName()));
    }
  }

  Value binary(ast::BinaryOp op, const Value& l, const Value& r, const SourceRange& range) {
    using O = ast::BinaryOp;
    if (l.type == Value::Type::Object || r.type == Value::Type::Object ||
        (l.isSequence() && r.type == Value::Type::Object) || (r.isSequence() && l.type == Value::Type::Object)) {
      const char* opName = op == O::Add ? "Add" : op == O::Sub ? "Sub" : op == O::Mul ? "Mul" : op == O::Div ? "Div"
                                                                                                               : nullptr;
      if (!opName)
        throw ElaborationError(range, fmt::format("operator '{}' is not supported between PyoObjects",
                                                  ast::spelling(op)));
      return objects_.arithmetic(opName, l, r, range);
    }
    if (l.isNumber() && r.isNumber()) return numeric(op, l, r, range);
    if (op == O::Add && l.type == r.type && (l.isSequence() || l.type == Value::Type::String)) {
      if (l.type == Value::Type::String) return Value::fromString(l.text + r.text);
      ValueList items = *l.items;
      items.insert(items.end(), r.items->begin(), r.items->end());
      return l.type == Value::Type::List ? Value::list(items) : Value::tuple(items);
    }
    if (op == O::Mul && (l.isSequence() || l.type == Value::Type::String) && r.type == Value::Type::Int)
      return repeat(l, r.integer);
    if (op == O::Mul && (r.isSequence() || r.type == Value::Type::String) && l.type == Value::Type::Int)
      return repeat(r, l.integer);
    // pyo expands arithmetic between a list of numbers and a number lane by lane only for objects; in plain
    // Python this is an error, and so it is here.
    throw ElaborationError(range, fmt::format("unsupported operand types for {}: '{}' and '{}'", ast::spelling(op),
                                              l.typeName(), r.typeName()));
  }

  static Value repeat(const Value& v, int64_t times) {
    if (v.type == Value::Type::String) {
      std::string s;
      for (int64_t i = 0; i < times; ++i) s += v.text;
      return Value::fromString(s);
    }
    ValueList items;
    for (int64_t i = 0; i < times; ++i) items.insert(items.end(), v.items->begin(), v.items->end());
    return v.type == Value::Type::List ? Value::list(items) : Value::tuple(items);
  }

  static Value numeric(ast::BinaryOp op, const Value& l, const Value& r, const SourceRange& range) {
    using O = ast::BinaryOp;
    bool ints = l.type != Value::Type::Float && r.type != Value::Type::Float;
    int64_t a = l.type == Value::Type::Int ? l.integer : l.boolean, b = r.type == Value::Type::Int ? r.integer : r.boolean;
    double x = l.toNumber(), y = r.toNumber();
    switch (op) {
      case O::Add: return ints ? Value::fromInt(a + b) : Value::fromFloat(x + y);
      case O::Sub: return ints ? Value::fromInt(a - b) : Value::fromFloat(x - y);
      case O::Mul: return ints ? Value::fromInt(a * b) : Value::fromFloat(x * y);
      case O::Div:
        if (y == 0) throw ElaborationError(range, "division by zero");
        return Value::fromFloat(x / y);
      case O::FloorDiv:
        if (y == 0) throw ElaborationError(range, "division by zero");
        if (ints) return Value::fromInt(static_cast<int64_t>(std::floor(static_cast<double>(a) / static_cast<double>(b))));
        return Value::fromFloat(std::floor(x / y));
      case O::Mod: {
        if (y == 0) throw ElaborationError(range, "modulo by zero");
        if (ints) {
          int64_t m = a % b;
          if (m != 0 && ((m < 0) != (b < 0))) m += b;  // Python's sign follows the divisor
          return Value::fromInt(m);
        }
        double m = std::fmod(x, y);
        if (m != 0 && ((m < 0) != (y < 0))) m += y;
        return Value::fromFloat(m);
      }
      case O::Pow:
        if (ints && b >= 0) {
          int64_t p = 1;
          for (int64_t i = 0; i < b; ++i) p *= a;
          return Value::fromInt(p);
        }
        return Value::fromFloat(std::pow(x, y));
      default: break;
    }
    throw ElaborationError(range, "unsupported arithmetic");
  }

  bool equal(const Value& a, const Value& b) {
    if (a.isNumber() && b.isNumber()) return a.toNumber() == b.toNumber();
    if (a.type != b.type) return false;
    switch (a.type) {
      case Value::Type::None: return true;
      case Value::Type::String: return a.text == b.text;
      case Value::Type::List:
      case Value::Type::Tuple:
        if (a.items->size() != b.items->size()) return false;
        for (size_t i = 0; i < a.items->size(); ++i)
          if (!equal((*a.items)[i], (*b.items)[i])) return false;
        return true;
      case Value::Type::Object: return a.node == b.node;
      case Value::Type::Instance: return a.instance == b.instance;
      default: return false;
    }
  }

  bool compare(ast::CompareOp op, const Value& a, const Value& b, const SourceRange& range) {
    using C = ast::CompareOp;
    switch (op) {
      case C::Eq: return equal(a, b);
      case C::Ne: return !equal(a, b);
      case C::Is: return equal(a, b) && a.type == b.type;
      case C::IsNot: return !(equal(a, b) && a.type == b.type);
      case C::In:
      case C::NotIn: {
        bool found = false;
        if (b.type == Value::Type::String && a.type == Value::Type::String)
          found = b.text.find(a.text) != std::string::npos;
        else
          for (const auto& x : iterate(b, range)) found = found || equal(a, x);
        return op == C::In ? found : !found;
      }
      default: break;
    }
    if (a.type == Value::Type::Object || b.type == Value::Type::Object)
      throw ElaborationError(range, "comparing PyoObjects (pyo's Compare) is not supported yet");
    double x, y;
    if (a.isNumber() && b.isNumber()) {
      x = a.toNumber();
      y = b.toNumber();
    } else if (a.type == Value::Type::String && b.type == Value::Type::String) {
      int c = a.text.compare(b.text);
      x = c;
      y = 0;
    } else {
      throw ElaborationError(range, fmt::format("'{}' not supported between '{}' and '{}'", ast::spelling(op),
                                                a.typeName(), b.typeName()));
    }
    switch (op) {
      case C::Lt: return x < y;
      case C::Le: return x <= y;
      case C::Gt: return x > y;
      case C::Ge: return x >= y;
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
    if (++depth_ > kMaxCallDepth) throw ElaborationError(args.callRange, "functions call each other too deeply");
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
      Flow flow = exec(*fn.body, scope);
      result = flow == Flow::Return ? returnValue_ : Value::none();
    }
    --depth_;
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
    if (attribute.type != Value::Type::Function) return attribute;
    Value m;
    m.type = Value::Type::BoundMethod;
    m.function = attribute.function;
    m.self = std::make_shared<Value>(self);
    return m;
  }

  Value listMethod(const Value& list, const std::string& name, const SourceRange& range) {
    if (name == "append")
      return Value::makeBuiltin("append", [list](CallArguments& a) {
        expectCount(a, 1, 1);
        list.items->push_back(a.positional[0]);
        return Value::none();
      });
    if (name == "extend")
      return Value::makeBuiltin("extend", [this, list](CallArguments& a) {
        expectCount(a, 1, 1);
        for (const auto& v : iterate(a.positional[0], a.positionalRanges[0])) list.items->push_back(v);
        return Value::none();
      });
    if (name == "index")
      return Value::makeBuiltin("index", [this, list](CallArguments& a) {
        expectCount(a, 1, 1);
        for (size_t i = 0; i < list.items->size(); ++i)
          if (equal((*list.items)[i], a.positional[0])) return Value::fromInt(static_cast<int64_t>(i));
        throw ElaborationError(a.callRange, "value is not in the list");
      });
    throw ElaborationError(range, withSuggestion(fmt::format("'list' object has no attribute '{}' in a patch", name),
                                                 name, {"append", "extend", "index"}));
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

  PyoObjects objects_;
  PythonRandom random_;
  BuiltinTables builtins_;
  std::shared_ptr<Scope> globals_;
  std::vector<std::shared_ptr<Scope>> scopes_;
  std::vector<std::shared_ptr<InstanceData>> instances_;
  Value returnValue_;
  SourceRange returnRange_;
  int depth_ = 0;
};

}  // namespace
}  // namespace elab

std::unique_ptr<ir::Graph> elaborate(const ast::Module& module, Diagnostics& diagnostics,
                                     const ElaborationOptions& options) {
  auto graph = std::make_unique<ir::Graph>();
  graph->sourceName = module.fileName;
  graph->seed = options.seed;
  const Registry& registry = options.registry ? *options.registry : Registry::builtin();
  try {
    elab::Elaborator elaborator(*graph, registry, options.seed);
    elaborator.objects().configure(options.limits, diagnostics);
    elaborator.run(module);
    // Before anything is allocated: init would allocate this much state (issue 7).
    if (auto tooBig = ir::checkStateBytes(*graph, options.limits.stateBytes))
      throw elab::ElaborationError(tooBig->range, tooBig->message);
  } catch (const elab::ElaborationError& error) {
    diagnostics.error(error.range, error.what());
    return nullptr;
  }
  return graph;
}

}  // namespace patchc
