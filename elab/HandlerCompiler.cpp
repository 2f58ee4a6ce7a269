#include "elab/HandlerCompiler.h"

#include "elab/Formatting.h"
#include "elab/MidiOut.h"
#include "elab/Tables.h"
#include "stdlib/tables/refill/SoundEdits.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <optional>

namespace patchc::elab {
namespace {

using ir::Expression;
using ir::Statement;
using ir::ValueType;
using Op = ir::Expression::Op;

// A value while compiling a handler: known now, a run-time number (an expression), or a list or tuple some of
// whose items are run-time numbers.
struct Staged {
  // Text: a string with run-time numbers in it ("%d" % n in a callback), which only print() takes: `pieces`
  // around the numbers `items`, each written in `formats`' way.
  enum class Kind { Known, Number, Sequence, Text };
  Kind kind = Kind::Known;
  Value known;
  int expression = -1;
  ValueType type = ValueType::Float;
  std::vector<Staged> items;
  bool tuple = false;
  std::vector<std::string> pieces;
  std::vector<ir::Message::Format> formats;

  static Staged of(Value v) {
    Staged s;
    s.known = std::move(v);
    return s;
  }
  static Staged number(int expression, ValueType type) {
    Staged s;
    s.kind = Kind::Number;
    s.expression = expression;
    s.type = type;
    return s;
  }
  bool isKnown() const { return kind == Kind::Known; }
};

// The names of one handler call: a function's locals.
struct Frame {
  std::map<std::string, Staged> names;
  std::set<std::string> globals;  // declared `global`
};

void collectGlobalAssignments(const ast::StmtList& body, std::set<std::string>& declared, std::set<std::string>& out,
                              bool inFunction);

void collectTargets(const ast::Expr& target, const std::set<std::string>& declared, std::set<std::string>& out) {
  if (target.kind == ast::Expr::Kind::Name && declared.count(target.text)) out.insert(target.text);
  if (target.kind == ast::Expr::Kind::Tuple || target.kind == ast::Expr::Kind::List)
    for (const auto& e : target.elements) collectTargets(*e, declared, out);
}

void collectGlobalAssignments(const ast::StmtList& body, std::set<std::string>& declared, std::set<std::string>& out,
                              bool inFunction) {
  for (const auto& stmt : body) {
    switch (stmt->kind) {
      case ast::Stmt::Kind::Def: {
        std::set<std::string> inner;
        collectGlobalAssignments(stmt->body, inner, out, true);
        break;
      }
      case ast::Stmt::Kind::Class: collectGlobalAssignments(stmt->body, declared, out, inFunction); break;
      case ast::Stmt::Kind::Global:
        if (inFunction) declared.insert(stmt->globals.begin(), stmt->globals.end());
        break;
      case ast::Stmt::Kind::Assign:
      case ast::Stmt::Kind::AugAssign:
        for (const auto& t : stmt->targets) collectTargets(*t, declared, out);
        break;
      case ast::Stmt::Kind::For:
        collectTargets(*stmt->target, declared, out);
        collectGlobalAssignments(stmt->body, declared, out, inFunction);
        collectGlobalAssignments(stmt->orelse, declared, out, inFunction);
        break;
      case ast::Stmt::Kind::If:
      case ast::Stmt::Kind::While:
      case ast::Stmt::Kind::Except:
        collectGlobalAssignments(stmt->body, declared, out, inFunction);
        collectGlobalAssignments(stmt->orelse, declared, out, inFunction);
        break;
      case ast::Stmt::Kind::Try:
        collectGlobalAssignments(stmt->body, declared, out, inFunction);
        collectGlobalAssignments(stmt->handlers, declared, out, inFunction);
        collectGlobalAssignments(stmt->orelse, declared, out, inFunction);
        collectGlobalAssignments(stmt->finalbody, declared, out, inFunction);
        break;
      default: break;
    }
  }
}

ValueType typeOf(const Value& v) {
  return v.type == Value::Type::Float ? ValueType::Float : v.type == Value::Type::Bool ? ValueType::Bool : ValueType::Int;
}

constexpr int kMaxInlineDepth = 32;      // nested calls of the script's functions inside one handler
constexpr size_t kMaxStatements = 100000;  // statements of all handlers (unrolled loops): a bound on code size
constexpr size_t kMaxTimers = 10000;       // Patterns and CallAfters, those callbacks make included
constexpr size_t kMaxArrayAssigned = 4096; // numbers in one list a handler assigns (Linseg's list): unrolled stores

}  // namespace

std::set<std::string> globalsAssignedInFunctions(const ast::StmtList& module) {
  std::set<std::string> declared, out;
  collectGlobalAssignments(module, declared, out, false);
  return out;
}

struct HandlerCompiler::Impl {
  ir::Graph& graph;
  PyoObjects& objects;
  Interpreter& interp;
  std::shared_ptr<Scope> globals;
  std::function<Value(const std::string&, const SourceRange&)> lookupName;
  std::set<std::string> runTimeGlobals;
  std::map<std::string, int> globalVariables;  // run-time globals: their variable
  std::set<std::string> holders;               // globals callbacks give objects or timers (never read at run time)
  ir::Control& control;
  std::vector<Statement>* out = nullptr;       // where statements go
  std::vector<Frame> frames;
  size_t statements = 0;
  bool drawsRandom = false;

  // An input that handlers assign: its alternatives, wired by finish(). Term 0 is what the script gave it; a
  // Param holds the numbers handlers assign; each signal expression a handler assigns is one more term.
  struct Assigned {
    ir::NodeId node;
    size_t input;
    ir::Signal original;
    std::optional<ir::NodeId> numbers;  // Param, one lane per lane of the node
    std::vector<ir::Signal> signals;    // built once, here
    std::vector<ir::NodeId> selectors;  // per term (original, numbers, signals...): a 1-lane Param 0 or 1
    SourceRange origin;
    // set(attr, value, port) ramps to the numbers (pyo's VarPort): the numbers reach the input through a SigTo
    // whose time, a 1-lane Param, each assignment writes first (0: at once, a plain assignment).
    std::optional<ir::NodeId> rampTime;
  };
  std::vector<Assigned> assigned;
  std::map<std::pair<ir::NodeId, size_t>, ir::NodeId> pulseParams;  // (object, `playing`/`resets` input) → its Param
  // SndTables callbacks edit while playing (setSound/insert/append): the file each reads, and the most each can hold.
  std::map<std::pair<ir::TableId, std::string>, int> soundSources;  // → Control::soundSources
  std::map<ir::TableId, size_t> soundCapacity;
  // What the handler being compiled can make of each table it edits. After a setSound() outside any run-time `if`
  // (`starts`) it holds at most `bound` samples. Else at most max(what it had, `bound`) + `added`: a setSound() in
  // a run-time `if` may or may not replace it (`bound`: the most it puts there), and an edit that adds to it
  // before any setSound() (`added`) grows it each run, without end.
  struct SoundGrowth {
    bool starts = false;
    size_t bound = 0;
    size_t added = 0;
    SourceRange grows;  // the first edit that adds to the table before any setSound()
  };
  std::map<ir::TableId, SoundGrowth> growth;
  int runTimeBranches = 0;  // `if`s with run-time conditions around the statement being compiled
  std::vector<std::shared_ptr<TableData>> refillTables;  // by Control::refills index

  Impl(ir::Graph& g, PyoObjects& o, Interpreter& i, std::shared_ptr<Scope> gl, std::set<std::string> rg)
      : graph(g), objects(o), interp(i), globals(std::move(gl)), runTimeGlobals(std::move(rg)), control(g.control) {}

  // ---- expressions ----
  int constant(double value, ValueType type) {
    Expression e;
    e.op = Op::Constant;
    e.number = value;
    e.type = type;
    return control.add(std::move(e));
  }
  int node(Op op, ValueType type, int a, int b = -1, int c = -1) {
    // Arithmetic on constants folds (randrange's bounds), as Python would compute it.
    if (a >= 0 && b >= 0 && c < 0 && control.expression(a).op == Op::Constant && control.expression(b).op == Op::Constant) {
      const Expression &x = control.expression(a), &y = control.expression(b);
      if (type == ValueType::Int && x.type != ValueType::Float && y.type != ValueType::Float) {
        const int64_t i = static_cast<int64_t>(x.number), j = static_cast<int64_t>(y.number);
        if (op == Op::Add) return constant(static_cast<double>(i + j), type);
        if (op == Op::Subtract) return constant(static_cast<double>(i - j), type);
        if (op == Op::Multiply) return constant(static_cast<double>(i * j), type);
        if (op == Op::FloorDivide && j != 0) {
          int64_t q = i / j;
          if ((i % j != 0) && ((i < 0) != (j < 0))) --q;
          return constant(static_cast<double>(q), type);
        }
      }
    }
    Expression e;
    e.op = op;
    e.type = type;
    e.a = a;
    e.b = b;
    e.c = c;
    return control.add(std::move(e));
  }
  ValueType typeOfExpression(int e) const { return control.expression(e).type; }

  // A number, known or run-time, as an expression.
  int toExpression(const Staged& s, const SourceRange& range, const std::string& what) {
    if (s.kind == Staged::Kind::Number) return s.expression;
    if (s.kind == Staged::Kind::Known && s.known.isNumber()) return constant(s.known.toNumber(), typeOf(s.known));
    throw ElaborationError(range, fmt::format("{} must be a number here, not {}", what,
                                              s.kind == Staged::Kind::Sequence ? "a list"
                                              : s.kind == Staged::Kind::Text   ? "a string"
                                                                               : s.known.typeName()));
  }
  bool isNumber(const Staged& s) const {
    return s.kind == Staged::Kind::Number || (s.kind == Staged::Kind::Known && s.known.isNumber());
  }
  // A number or a list known only while playing.
  bool isRunTime(const Staged& s) const { return !s.isKnown(); }

  // ---- statements ----
  void emit(Statement s) {
    if (++statements > kMaxStatements)
      throw ElaborationError(s.origin, fmt::format("the callbacks compile to more than {} statements (unrolled "
                                                   "loops?): keep loops in callbacks short",
                                                   kMaxStatements));
    out->push_back(std::move(s));
  }
  int newVariable(const std::string& name, ValueType type, double initial = 0.0, bool global = false) {
    control.variables.push_back({name, type, initial, global});
    return static_cast<int>(control.variables.size()) - 1;
  }
  // Binds a run-time number to a fresh variable, so that the expressions that read the name keep the value it
  // has now (a variable is written once per path: reassigning the name binds a new one).
  Staged materialize(const Staged& value, const std::string& name, const SourceRange& range) {
    if (value.kind == Staged::Kind::Number) {
      const Expression& e = control.expression(value.expression);
      if (e.op == Op::Constant || e.op == Op::Variable) return value;
      int v = newVariable(name, value.type);
      Statement s;
      s.kind = Statement::Kind::SetVariable;
      s.index = v;
      s.expression = value.expression;
      s.origin = range;
      emit(std::move(s));
      Expression read;
      read.op = Op::Variable;
      read.index = v;
      read.type = value.type;
      return Staged::number(control.add(std::move(read)), value.type);
    }
    if (value.kind == Staged::Kind::Sequence) {
      Staged copy = value;
      for (auto& item : copy.items) item = materialize(item, name, range);
      return copy;
    }
    return value;
  }

  // ---- names ----
  Staged lookup(const std::string& name, const SourceRange& range) {
    Frame& frame = frames.back();
    if (!frame.globals.count(name)) {
      auto it = frame.names.find(name);
      if (it != frame.names.end()) return it->second;
    }
    auto g = globalVariables.find(name);
    if (g != globalVariables.end()) {
      Expression read;
      read.op = Op::Variable;
      read.index = g->second;
      read.type = control.variables[static_cast<size_t>(g->second)].type;
      ValueType type = read.type;
      return Staged::number(control.add(std::move(read)), type);
    }
    if (holders.count(name))
      throw ElaborationError(range, fmt::format("a callback assigns '{}' an object: callbacks cannot read it while "
                                                "the patch plays",
                                                name));
    if (runTimeGlobals.count(name)) {
      Value* v = globals->lookup(name);
      if (v && !v->isNumber()) return Staged::of(*v);  // an object holder the callbacks write: its value now
      if (v && v->isNumber()) {
        int index = newVariable(name, v->type == Value::Type::Float ? ValueType::Float : ValueType::Int,
                                v->toNumber(), true);
        globalVariables[name] = index;
        return lookup(name, range);
      }
      if (v) throw ElaborationError(range, fmt::format("the callbacks change the global '{}', which holds {}: only "
                                                       "numbers can change while the patch plays",
                                                       name, v->typeName()));
    }
    return Staged::of(lookupName(name, range));
  }

  void bind(const std::string& name, const Staged& value, const SourceRange& range) {
    Frame& frame = frames.back();
    if (frame.globals.count(name)) {
      if (!runTimeGlobals.count(name))
        throw ElaborationError(range, fmt::format("'{}' is declared global but not assigned", name));
      // A global that keeps one of the patch's objects or timers (`call = CallAfter(...)`, to keep it alive as pyo
      // needs): nothing to do at run time, as long as no callback reads it.
      Value* current = globals->lookup(name);
      if (value.isKnown() && !value.known.isNumber() && (!current || !current->isNumber())) {
        holders.insert(name);
        return;
      }
      lookup(name, range);  // makes its variable
      int index = globalVariables.at(name);
      int e = toExpression(value, range, fmt::format("the global '{}'", name));
      ValueType have = control.variables[static_cast<size_t>(index)].type;
      if (have == ValueType::Int && typeOfExpression(e) == ValueType::Float)
        control.variables[static_cast<size_t>(index)].type = ValueType::Float;  // Python's int becomes a float
      Statement s;
      s.kind = Statement::Kind::SetVariable;
      s.index = index;
      s.expression = e;
      s.origin = range;
      emit(std::move(s));
      return;
    }
    frame.names[name] = materialize(value, name, range);
  }

  // ---- compile ----
  enum class Flow { Normal, Return };

  Flow exec(const ast::StmtList& body, Staged& result) {
    for (const auto& stmt : body)
      if (execOne(*stmt, result) == Flow::Return) return Flow::Return;
    return Flow::Normal;
  }

  Flow execOne(const ast::Stmt& stmt, Staged& result) {
    using K = ast::Stmt::Kind;
    switch (stmt.kind) {
      case K::Pass: return Flow::Normal;
      case K::Expression: eval(*stmt.value); return Flow::Normal;
      case K::Global:
        for (const auto& n : stmt.globals) frames.back().globals.insert(n);
        return Flow::Normal;
      case K::Assign: {
        Staged value = eval(*stmt.value);
        for (const auto& target : stmt.targets) assign(*target, value, stmt.range);
        return Flow::Normal;
      }
      case K::AugAssign: {
        const ast::Expr& target = *stmt.targets[0];
        Staged current = eval(target);
        Staged rhs = eval(*stmt.value);
        assign(target, binary(stmt.binaryOp, current, rhs, stmt.range), stmt.range);
        return Flow::Normal;
      }
      case K::Return:
        result = stmt.value ? eval(*stmt.value) : Staged::of(Value::none());
        return Flow::Return;
      case K::If: {
        Staged condition = eval(*stmt.value);
        if (condition.isKnown()) return exec(interp.truthy(condition.known) ? stmt.body : stmt.orelse, result);
        return runTimeIf(stmt, condition, result);
      }
      case K::For: {
        Staged iterable = eval(*stmt.value);
        std::vector<Staged> items;
        if (iterable.kind == Staged::Kind::Sequence) items = iterable.items;
        else if (iterable.isKnown())
          for (auto& v : interp.iterate(iterable.known, stmt.value->range)) items.push_back(Staged::of(v));
        else
          throw ElaborationError(stmt.value->range, "a loop in a callback must run over a list or range known "
                                                    "when compiling (its length cannot change while playing)");
        for (auto& item : items) {
          assign(*stmt.target, item, stmt.range);
          if (exec(stmt.body, result) == Flow::Return)
            throw ElaborationError(stmt.range, "'return' inside a loop of a callback is not supported yet");
        }
        return exec(stmt.orelse, result);
      }
      case K::While:
        throw ElaborationError(stmt.range, "'while' is not supported in a callback (its run time would be "
                                           "unbounded in the audio thread): use 'for' over a range");
      case K::Break:
      case K::Continue:
        throw ElaborationError(stmt.range, "'break' and 'continue' are not supported in a callback yet");
      case K::Def:
      case K::Class:
        throw ElaborationError(stmt.range, "define functions and classes outside the callback");
      case K::Import:
      case K::FromImport: throw ElaborationError(stmt.range, "import modules at the top of the script");
      case K::Try: {
        // A callback raises nothing at run time (a zero divisor gives 0): its try body, else and finally are
        // compiled; its except clauses never run.
        Flow flow = exec(stmt.body, result);
        if (flow == Flow::Normal) flow = exec(stmt.orelse, result);
        if (flow != Flow::Normal) return flow;
        return exec(stmt.finalbody, result);
      }
      case K::Except: return Flow::Normal;
    }
    return Flow::Normal;
  }

  Flow runTimeIf(const ast::Stmt& stmt, const Staged& condition, Staged& result) {
    int cond = toExpression(condition, stmt.value->range, "the condition");
    if (typeOfExpression(cond) != ValueType::Bool) cond = node(Op::ToBool, ValueType::Bool, cond);
    Statement s;
    s.kind = Statement::Kind::If;
    s.expression = cond;
    s.origin = stmt.range;
    Frame before = frames.back();
    std::vector<Statement>* outer = out;
    Staged unused;
    ++runTimeBranches;
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{runTimeBranches};
    out = &s.then;
    if (exec(stmt.body, unused) == Flow::Return)
      throw ElaborationError(stmt.range, "'return' inside an 'if' whose condition is known only while playing is "
                                         "not supported yet: assign a variable and return it at the end");
    Frame afterThen = frames.back();
    frames.back() = before;
    out = &s.otherwise;
    if (exec(stmt.orelse, unused) == Flow::Return)
      throw ElaborationError(stmt.range, "'return' inside an 'if' whose condition is known only while playing is "
                                         "not supported yet: assign a variable and return it at the end");
    Frame afterElse = frames.back();
    // Names bound differently by the two branches become one variable, set at the end of each.
    Frame merged = afterThen;
    std::set<std::string> names;
    for (auto& [n, v] : afterThen.names) names.insert(n);
    for (auto& [n, v] : afterElse.names) names.insert(n);
    for (const auto& n : names) {
      auto a = afterThen.names.find(n), b = afterElse.names.find(n);
      if (a == afterThen.names.end() || b == afterElse.names.end()) {
        merged.names.erase(n);  // bound on one path only: unbound after (Python's UnboundLocalError if read)
        continue;
      }
      if (same(a->second, b->second)) continue;
      if (!isNumber(a->second) || !isNumber(b->second))
        throw ElaborationError(stmt.range, fmt::format("'{}' is given different values that are not numbers in the "
                                                       "branches of an 'if' known only while playing",
                                                       n));
      out = &s.then;
      int ea = toExpression(a->second, stmt.range, n);
      out = &s.otherwise;
      int eb = toExpression(b->second, stmt.range, n);
      ValueType type = typeOfExpression(ea) == typeOfExpression(eb) ? typeOfExpression(ea) : ValueType::Float;
      int v = newVariable(n, type);
      for (auto [branch, e] : {std::pair{&s.then, ea}, std::pair{&s.otherwise, eb}}) {
        Statement set;
        set.kind = Statement::Kind::SetVariable;
        set.index = v;
        set.expression = e;
        set.origin = stmt.range;
        branch->push_back(set);
      }
      Expression read;
      read.op = Op::Variable;
      read.index = v;
      read.type = type;
      merged.names[n] = Staged::number(control.add(std::move(read)), type);
    }
    frames.back() = merged;
    out = outer;
    emit(std::move(s));
    return Flow::Normal;
  }

  bool same(const Staged& a, const Staged& b) const {
    if (a.kind != b.kind) return false;
    if (a.kind == Staged::Kind::Number) return a.expression == b.expression;
    if (a.kind == Staged::Kind::Sequence) {
      if (a.items.size() != b.items.size()) return false;
      for (size_t i = 0; i < a.items.size(); ++i)
        if (!same(a.items[i], b.items[i])) return false;
      return true;
    }
    // Known: the same object, or equal numbers.
    if (a.known.type != b.known.type) return false;
    if (a.known.isNumber()) return a.known.toNumber() == b.known.toNumber();
    if (a.known.type == Value::Type::Object) return a.known.node == b.known.node;
    return a.known.items == b.known.items && a.known.function == b.known.function && a.known.text == b.known.text &&
           a.known.builtin == b.known.builtin && a.known.instance == b.known.instance;
  }

  void assign(const ast::Expr& target, const Staged& value, const SourceRange& range) {
    switch (target.kind) {
      case ast::Expr::Kind::Name: bind(target.text, value, range); return;
      case ast::Expr::Kind::Tuple:
      case ast::Expr::Kind::List: {
        std::vector<Staged> items;
        if (value.kind == Staged::Kind::Sequence) items = value.items;
        else if (value.isKnown())
          for (auto& v : interp.iterate(value.known, range)) items.push_back(Staged::of(v));
        else
          throw ElaborationError(range, "cannot unpack a number");
        if (items.size() != target.elements.size())
          throw ElaborationError(range, fmt::format("cannot unpack {} values into {} names", items.size(),
                                                    target.elements.size()));
        for (size_t i = 0; i < items.size(); ++i) assign(*target.elements[i], items[i], range);
        return;
      }
      case ast::Expr::Kind::Attribute: {
        Staged object = eval(*target.object);
        if (!object.isKnown())
          throw ElaborationError(target.object->range, "only the patch's objects have attributes to set");
        setAttribute(object.known, target.text, value, target.range);
        return;
      }
      default:
        throw ElaborationError(target.range, "a callback may assign names and the attributes of the patch's objects");
    }
  }

  // `obj.attr = value` while playing.
  void setAttribute(const Value& object, const std::string& name, const Staged& value, const SourceRange& range,
                    std::optional<int> port = std::nullopt) {
    if (object.type == Value::Type::Timer) {
      if (name != "time")
        throw ElaborationError(range, fmt::format("'{}' of a Pattern or CallAfter cannot change while playing (only "
                                                  "'time' can)",
                                                  name));
      Statement s;
      s.kind = Statement::Kind::SetPeriod;
      s.index = static_cast<int>(object.integer);
      s.expression = toExpression(value, range, "time");
      s.origin = range;
      emit(std::move(s));
      return;
    }
    if (object.type == Value::Type::Instance) {
      throw ElaborationError(range, "attributes of the script's own classes cannot change while playing yet");
    }
    if (object.type == Value::Type::Table) {
      refillTable(object, name, value, false, range);
      return;
    }
    if (object.type != Value::Type::Object)
      throw ElaborationError(range, fmt::format("'{}' object has no attribute '{}' to set", object.typeName(), name));
    ir::Node& target = graph.node(object.node);
    size_t index = objects.assignableInput(target, name, range);
    if (target.kind == ir::NodeKind::Object && index < target.spec->inputs.size() &&
        target.spec->inputs[index].kind == InputKind::Array && !target.spec->inputs[index].table) {
      setArray(object.node, index, value, name, range);
      return;
    }
    Assigned& a = assignedInput(object.node, index, range);
    std::vector<Staged> values =
        value.kind == Staged::Kind::Sequence ? value.items
        : value.isKnown() && value.known.isSequence()
            ? [&] {
                std::vector<Staged> v;
                for (auto& item : *value.known.items) v.push_back(Staged::of(item));
                return v;
              }()
            : std::vector<Staged>{value};
    if (values.empty()) throw ElaborationError(range, "an attribute cannot be set to an empty list");
    bool numbers = std::all_of(values.begin(), values.end(), [&](const Staged& v) { return isNumber(v); });
    if (numbers) {
      if (!a.numbers) {
        ir::Node& param = makeParam(graph.node(a.node).lanes, range);
        ir::Signal initial;
        for (int l = 0; l < param.lanes; ++l)
          initial.lanes.push_back(a.original.isConstant() ? a.original.forLane(l) : ir::LaneSource::constant(0.0f));
        param.inputs[0] = initial;
        graph.updateShape(param);
        param.lanes = graph.node(a.node).lanes;
        a.numbers = param.id;
      }
      if (port && !a.rampTime) {
        ir::Node& time = makeParam(1, range);
        time.inputs[0] = ir::Signal::constant(0.0f);
        graph.updateShape(time);
        a.rampTime = time.id;
      }
      if (a.rampTime) {  // the ramp's time before the numbers: SigTo reads it when its value changes
        Statement s;
        s.kind = Statement::Kind::SetParam;
        s.node = *a.rampTime;
        s.lane = 0;
        s.expression = port ? *port : constant(0.0, ValueType::Float);
        s.origin = range;
        emit(std::move(s));
      }
      const int lanes = graph.node(*a.numbers).lanes;
      for (int l = 0; l < lanes; ++l) {
        Statement s;
        s.kind = Statement::Kind::SetParam;
        s.node = *a.numbers;
        s.lane = l;
        s.expression = toExpression(values[static_cast<size_t>(l) % values.size()], range, name);
        s.origin = range;
        emit(std::move(s));
      }
      select(a, 1, range);
      return;
    }
    // A signal expression: built once, selected at run time.
    Value list = Value::list();
    for (auto& v : values) {
      if (!v.isKnown())
        throw ElaborationError(range, fmt::format("'{}' must be numbers or the patch's objects", name));
      list.items->push_back(v.known);
    }
    Value given = values.size() == 1 ? values[0].known : list;
    // The object keeps its streams (pyo's setter gives stream i the i-th of the value, wrapping): a wider signal
    // is cut to them, as lane i reads lane i % width.
    ir::Signal signal = objects.signalFor(graph.node(object.node), index, given, range);
    const int lanes = graph.node(object.node).lanes;
    if (signal.width() > lanes) signal.lanes.resize(static_cast<size_t>(lanes));
    a.signals.push_back(std::move(signal));
    select(a, 2 + a.signals.size() - 1, range);
  }

  // The items of a list or tuple, known or staged.
  std::vector<Staged> itemsOf(const Staged& value) {
    if (value.kind == Staged::Kind::Sequence) return value.items;
    std::vector<Staged> items;
    if (value.isKnown() && value.known.isSequence())
      for (const auto& item : *value.known.items) items.push_back(Staged::of(item));
    return items;
  }

  // `line.list = [(0, a), (d, 1)]` while playing: the numbers, flattened as when the object is made (pairs one
  // after the other), into the input's slot (Node::ArrayInput::capacity: the longest list any handler assigns).
  void setArray(ir::NodeId id, size_t index, const Staged& value, const std::string& name, const SourceRange& range) {
    const bool sequence = value.kind == Staged::Kind::Sequence || (value.isKnown() && value.known.isSequence());
    if (!sequence)
      throw ElaborationError(range, fmt::format("'{}' must be a list of numbers or pairs of numbers", name));
    Statement s;
    s.kind = Statement::Kind::SetArray;
    s.node = id;
    s.index = static_cast<int>(index);
    s.origin = range;
    for (const Staged& item : itemsOf(value)) {
      if (isNumber(item)) {
        s.arguments.push_back(toExpression(item, range, name));
        continue;
      }
      const bool pair = item.kind == Staged::Kind::Sequence || (item.isKnown() && item.known.isSequence());
      if (!pair) throw ElaborationError(range, fmt::format("'{}' must hold numbers or pairs of numbers", name));
      for (const Staged& x : itemsOf(item)) s.arguments.push_back(toExpression(x, range, name));
    }
    if (s.arguments.size() > kMaxArrayAssigned)
      throw ElaborationError(range, fmt::format("a list assigned while playing may hold at most {} numbers; this one "
                                                "has {}",
                                                kMaxArrayAssigned, s.arguments.size()));
    ir::Node& node = graph.node(id);
    ir::Node::ArrayInput* array = node.arrayFor(index);
    if (!array || array->lanes.size() != 1)
      throw ElaborationError(range, fmt::format("'{}' of {} was made with a list per stream: it cannot change while "
                                                "the patch plays yet",
                                                name, node.opName()));
    array->capacity = std::max({array->capacity, array->lanes[0].size(), s.arguments.size(), size_t{1}});
    emit(std::move(s));
  }

  // `t.slope = x` or `t.replace(points)` while playing: the table is recomputed in the audio thread by its kind's
  // refill (stdlib/tables/refill/Refill.h), with the argument changed and the others as they last were.
  void refillTable(const Value& table, const std::string& name, const Staged& value, bool list, const SourceRange& range) {
    const TableData& data = *table.table;
    const TableSpec& spec = *data.spec;
    const int parameter = spec.parameterIndex(name);
    if (parameter < 0)
      throw ElaborationError(range, fmt::format("{} has no attribute '{}' to set", spec.name, name));
    const TableParameterKind kind = spec.parameters[size_t(parameter)].kind;
    const int position = refillPosition(spec, name);
    if (spec.refill && position < 0)
      throw ElaborationError(range, fmt::format("{}'s '{}' cannot change while the patch plays (the table's buffer "
                                                "is fixed when the patch starts); set it before the patch plays",
                                                spec.name, name));
    if (!spec.refill || position < 0 || data.channels.size() != 1)
      throw ElaborationError(range, fmt::format("{}'s '{}' cannot change while the patch plays yet (only tables "
                                                "whose kind can be recomputed in the audio thread: {}); set it "
                                                "before the patch plays",
                                                spec.name, name, refillableKinds()));
    const bool isList = kind == TableParameterKind::Points || kind == TableParameterKind::Numbers;
    if (list && !isList) throw ElaborationError(range, fmt::format("{} has no list to replace", spec.name));
    Statement s;
    s.kind = Statement::Kind::RefillTable;
    s.lane = position;
    s.endsList = isList;
    s.origin = range;
    if (isList) {
      const bool sequence = value.kind == Staged::Kind::Sequence || (value.isKnown() && value.known.isSequence());
      if (!sequence) throw ElaborationError(range, fmt::format("{}'s '{}' must be a list", spec.name, name));
      for (const Staged& item : itemsOf(value)) {
        const bool pair = item.kind == Staged::Kind::Sequence || (item.isKnown() && item.known.isSequence());
        if (kind == TableParameterKind::Points) {
          std::vector<Staged> xs = pair ? itemsOf(item) : std::vector<Staged>{};
          if (xs.size() != 2)
            throw ElaborationError(range, fmt::format("{}'s points must be (index, value) pairs", spec.name));
          for (const Staged& x : xs) s.arguments.push_back(toExpression(x, range, "a point"));
        } else {
          s.arguments.push_back(toExpression(item, range, name));
        }
      }
      if (kind == TableParameterKind::Points && s.arguments.size() < 4)
        throw ElaborationError(range, fmt::format("{} needs at least two points", spec.name));
      if (s.arguments.size() > kMaxArrayAssigned)
        throw ElaborationError(range, fmt::format("a list assigned while playing may hold at most {} numbers; this "
                                                  "one has {}",
                                                  kMaxArrayAssigned, s.arguments.size()));
    } else {
      s.arguments.push_back(toExpression(value, range, name));
    }
    s.index = refillOf(table);
    ir::TableRefill& refill = control.refills[size_t(s.index)];
    refill.capacity = std::max(refill.capacity, size_t(position) + s.arguments.size());
    emit(std::move(s));
  }

  // The control's entry for a table recomputed while playing: its arguments are taken when compiling ends
  // (finish), after everything the script does to the table.
  int refillOf(const Value& table) {
    for (size_t r = 0; r < refillTables.size(); ++r)
      if (refillTables[r] == table.table) return static_cast<int>(r);
    refillTables.push_back(table.table);
    ir::TableRefill refill;
    refill.table = table.table->id;
    refill.kind = table.table->spec->name;
    control.refills.push_back(std::move(refill));
    return static_cast<int>(control.refills.size()) - 1;
  }

  std::string refillableKinds() const {
    std::string kinds;
    for (const TableSpec& spec : graph.registry->tables())
      if (spec.refill) kinds += (kinds.empty() ? "" : ", ") + spec.name;
    return kinds;
  }

  void select(Assigned& a, size_t term, const SourceRange& range) {
    // Selectors exist for terms 0 (original), 1 (numbers), 2.. (signals); finish() drops what is never needed.
    while (a.selectors.size() <= std::max<size_t>(term, 1)) {
      ir::Node& param = makeParam(1, range);
      param.inputs[0] = ir::Signal::constant(a.selectors.empty() ? 1.0f : 0.0f);
      graph.updateShape(param);
      a.selectors.push_back(param.id);
    }
    for (size_t t = 0; t < a.selectors.size(); ++t) {
      Statement s;
      s.kind = Statement::Kind::SetParam;
      s.node = a.selectors[t];
      s.lane = 0;
      s.expression = constant(t == term ? 1.0 : 0.0, ValueType::Float);
      s.origin = range;
      emit(std::move(s));
    }
  }

  ir::Node& makeParam(int lanes, const SourceRange& range) {
    const ObjectSpec* spec = graph.registry->find("Param");
    ir::Node& param = objects.newNode(ir::NodeKind::Object, spec, lanes, range);
    param.inputs = {ir::Signal::constant(0.0f), ir::Signal::constant(1.0f), ir::Signal::constant(0.0f)};
    graph.updateShape(param);
    param.lanes = lanes;
    return param;
  }

  Assigned& assignedInput(ir::NodeId id, size_t index, const SourceRange& range) {
    for (auto& a : assigned)
      if (a.node == id && a.input == index) return a;
    assigned.push_back({id, index, graph.node(id).inputs[index], std::nullopt, {}, {}, range, std::nullopt});
    return assigned.back();
  }

  // `obj.play()` / `obj.stop()` while playing: its `playing` input becomes a Param.
  void playOrStop(const Value& object, bool play, const SourceRange& range) {
    if (object.type == Value::Type::Timer) {
      Statement s;
      s.kind = play ? Statement::Kind::StartTimer : Statement::Kind::StopTimer;
      s.index = static_cast<int>(object.integer);
      s.origin = range;
      emit(std::move(s));
      return;
    }
    const ir::Node& target = graph.node(object.node);
    int index = target.kind == ir::NodeKind::Object ? target.spec->inputIndex("playing") : -1;
    if (index < 0 || target.spec->inputs[static_cast<size_t>(index)].kind != InputKind::Signal)
      throw ElaborationError(range, fmt::format("{}.{}() while the patch plays is not supported yet (objects with "
                                                "play() at run time: Fader, Linseg, ...)",
                                                target.opName(), play ? "play" : "stop"));
    Statement s;
    s.kind = play ? Statement::Kind::Play : Statement::Kind::Stop;
    s.node = pulseParam(object.node, static_cast<size_t>(index), range);
    s.origin = range;
    emit(std::move(s));
  }

  // `obj.reset()` while playing, for an object with a `resets` input (declare::resets: Looper): the next count.
  bool reset(const Value& object, const SourceRange& range) {
    const ir::Node& target = graph.node(object.node);
    const int index = target.kind == ir::NodeKind::Object ? target.spec->inputIndex("resets") : -1;
    if (index < 0) return false;
    Statement s;
    s.kind = Statement::Kind::Play;  // |count| + 1: a new number
    s.node = pulseParam(object.node, static_cast<size_t>(index), range);
    s.origin = range;
    emit(std::move(s));
    return true;
  }

  // The Param a `playing` or `resets` input reads once a handler drives it, starting with what the script gave.
  ir::NodeId pulseParam(ir::NodeId node, size_t index, const SourceRange& range) {
    auto it = pulseParams.find({node, index});
    if (it == pulseParams.end()) {
      const ir::Node& target = graph.node(node);
      ir::Signal initial = target.inputs[index];
      const int lanes = target.lanes;
      if (target.stopped && target.spec->inputs[index].name == "playing") {
        // Stopped by the script before the patch plays (`fade.stop()`): a callback may play it again, so it is
        // computed and stopped by its input instead: a generation played then stopped (−g), or never played (0).
        for (auto& lane : initial.lanes)
          if (lane.isConstant() && lane.value > 0) lane.value = -lane.value;
        graph.node(node).stopped = false;
      }
      ir::Node& param = makeParam(lanes, range);
      param.inputs[0] = initial;
      graph.updateShape(param);
      param.lanes = lanes;
      ir::Signal reads;
      for (int l = 0; l < lanes; ++l) reads.lanes.push_back(ir::LaneSource::of(param.id, l));
      ir::Node& again = graph.node(node);
      again.inputs[index] = reads;
      graph.updateShape(again);
      it = pulseParams.emplace(std::make_pair(node, index), param.id).first;
    }
    return it->second;
  }

  // ---- expressions ----
  Staged eval(const ast::Expr& e) {
    using K = ast::Expr::Kind;
    switch (e.kind) {
      case K::Number:
        return Staged::of(e.isInteger ? Value::fromInt(e.integer) : Value::fromFloat(e.number));
      case K::String: return Staged::of(Value::fromString(e.text));
      case K::Bool: return Staged::of(Value::fromBool(e.boolValue));
      case K::None: return Staged::of(Value::none());
      case K::Name: return lookup(e.text, e.range);
      case K::Attribute: {
        Staged object = eval(*e.object);
        if (!object.isKnown()) throw ElaborationError(e.range, fmt::format("a number has no attribute '{}'", e.text));
        if (object.known.type == Value::Type::Object && (e.text == "play" || e.text == "stop" || e.text == "out"))
          return Staged::of(object.known);  // a method: call() sees the Attribute expression
        if (object.known.type == Value::Type::Timer) return Staged::of(object.known);
        return Staged::of(interp.attribute(object.known, e.text, e.range));
      }
      case K::Subscript: {
        Staged container = eval(*e.object);
        Staged index = eval(*e.index);
        if (container.isKnown() && index.isKnown()) return Staged::of(knownSubscript(container.known, index.known, e));
        return subscript(container, index, e.range);
      }
      case K::Call: return call(e);
      case K::Binary: {
        Staged l = eval(*e.object);
        Staged r = eval(*e.index);
        return binary(e.binaryOp, l, r, e.range);
      }
      case K::Unary: {
        Staged v = eval(*e.object);
        if (v.isKnown()) return Staged::of(knownUnary(e, v.known));
        int x = toExpression(v, e.range, "the operand");
        switch (e.unaryOp) {
          case ast::UnaryOp::Pos: return v;
          case ast::UnaryOp::Neg: {
            ValueType t = typeOfExpression(x) == ValueType::Bool ? ValueType::Int : typeOfExpression(x);
            return Staged::number(node(Op::Negate, t, x), t);
          }
          case ast::UnaryOp::Not: return Staged::number(node(Op::Not, ValueType::Bool, x), ValueType::Bool);
        }
        break;
      }
      case K::Compare: {
        Staged left = eval(*e.object);
        Staged result;
        bool first = true;
        for (size_t i = 0; i < e.compareOps.size(); ++i) {
          Staged right = eval(*e.elements[i]);
          Staged one = compare(e.compareOps[i], left, right, e);
          result = first ? one : logical(false, result, one, e.range);
          first = false;
          left = right;
        }
        return result;
      }
      case K::Conditional: {
        Staged condition = eval(*e.object);
        if (condition.isKnown()) return eval(interp.truthy(condition.known) ? *e.element : *e.index);
        Staged a = eval(*e.element), b = eval(*e.index);
        int c = toExpression(condition, e.range, "the condition");
        int ea = toExpression(a, e.element->range, "the value"), eb = toExpression(b, e.index->range, "the value");
        ValueType t = typeOfExpression(ea) == typeOfExpression(eb) ? typeOfExpression(ea) : ValueType::Float;
        if (typeOfExpression(c) != ValueType::Bool) c = node(Op::ToBool, ValueType::Bool, c);
        return Staged::number(node(Op::Select, t, c, ea, eb), t);
      }
      case K::List:
      case K::Tuple: {
        std::vector<Staged> items;
        bool known = true;
        for (const auto& el : e.elements) {
          items.push_back(eval(*el));
          known = known && items.back().isKnown();
        }
        if (known) {
          ValueList values;
          for (auto& i : items) values.push_back(i.known);
          return Staged::of(e.kind == K::List ? Value::list(std::move(values)) : Value::tuple(std::move(values)));
        }
        Staged s;
        s.kind = Staged::Kind::Sequence;
        s.items = std::move(items);
        s.tuple = e.kind == K::Tuple;
        return s;
      }
      default: break;
    }
    throw ElaborationError(e.range, "this expression is not supported in a callback yet");
  }

  Value knownSubscript(const Value& container, const Value& index, const ast::Expr& e) {
    return interp.subscriptValue(container, index, e.range);
  }

  Value knownUnary(const ast::Expr& e, const Value& v) {
    if (e.unaryOp == ast::UnaryOp::Not) return Value::fromBool(!interp.truthy(v));
    if (e.unaryOp == ast::UnaryOp::Pos) return v;
    if (v.type == Value::Type::Float) return Value::fromFloat(-v.real);
    if (v.type == Value::Type::Int || v.type == Value::Type::Bool) return Value::fromInt(-static_cast<int64_t>(v.toNumber()));
    throw ElaborationError(e.range, fmt::format("bad operand type for unary -: '{}'", v.typeName()));
  }

  // A list indexed by a run-time number: its items must be numbers.
  Staged subscript(const Staged& container, const Staged& index, const SourceRange& range) {
    std::vector<Staged> items;
    if (container.kind == Staged::Kind::Sequence) items = container.items;
    else if (container.isKnown() && container.known.isSequence())
      for (auto& v : *container.known.items) items.push_back(Staged::of(v));
    else
      throw ElaborationError(range, "only lists and tuples can be indexed by a number known only while playing");
    if (items.empty()) throw ElaborationError(range, "index into an empty list");
    int i = toExpression(index, range, "the index");
    return choose(items, i, range);
  }

  // items[i] for a run-time int i (Python's negative indexes wrap).
  Staged choose(const std::vector<Staged>& items, int i, const SourceRange& range) {
    bool allKnown = true;
    std::vector<double> numbers;
    ValueType type = ValueType::Int;
    for (auto& item : items) {
      if (!isNumber(item)) throw ElaborationError(range, "a list chosen from while playing must hold numbers");
      if (!item.isKnown()) allKnown = false;
      else numbers.push_back(item.known.toNumber());
      ValueType t = item.isKnown() ? typeOf(item.known) : item.type;
      if (t == ValueType::Float) type = ValueType::Float;
    }
    if (allKnown) {
      Expression e;
      e.op = Op::Element;
      e.type = type;
      e.a = i;
      e.constants = numbers;
      return Staged::number(control.add(std::move(e)), type);
    }
    // A chain of selects: (i == 0 or i == -n) ? items[0] : ...
    int result = toExpression(items.back(), range, "the item");
    const int n = static_cast<int>(items.size());
    for (int k = n - 2; k >= 0; --k) {
      int is = logicalOr(node(Op::Equal, ValueType::Bool, i, constant(k, ValueType::Int)),
                         node(Op::Equal, ValueType::Bool, i, constant(k - n, ValueType::Int)));
      result = node(Op::Select, type, is, toExpression(items[static_cast<size_t>(k)], range, "the item"), result);
    }
    return Staged::number(result, type);
  }
  int logicalOr(int a, int b) { return node(Op::Or, ValueType::Bool, a, b); }

  // `"format" % values` with run-time numbers among the values: a Text for print(). Conversions %d, %i (int()
  // of the number), %s, %r (Python's str/repr of a number: the same), %f (C's "%f", pyo's and Python's) and %%;
  // others (widths, precisions) are an error that says so. Known values are formatted now.
  Staged percent(const std::string& format, const Staged& values, const SourceRange& range) {
    std::vector<Staged> items;
    if (values.kind == Staged::Kind::Sequence && values.tuple) items = values.items;
    else if (values.isKnown() && values.known.type == Value::Type::Tuple)
      for (const auto& v : *values.known.items) items.push_back(Staged::of(v));
    else items.push_back(values);
    Staged text;
    text.kind = Staged::Kind::Text;
    text.pieces = {""};
    size_t next = 0;
    for (size_t i = 0; i < format.size(); ++i) {
      if (format[i] != '%') {
        text.pieces.back() += format[i];
        continue;
      }
      if (i + 1 >= format.size()) throw ElaborationError(range, "incomplete format: a '%' ends the string");
      const char c = format[++i];
      if (c == '%') {
        text.pieces.back() += '%';
        continue;
      }
      if (std::string("disrf").find(c) == std::string::npos)
        throw ElaborationError(range, fmt::format("'%{}' with a number known only while playing is not supported in a "
                                                  "callback yet: use %d, %i, %s, %r or %f",
                                                  c));
      if (next >= items.size()) throw ElaborationError(range, "not enough arguments for format string");
      const Staged& item = items[next++];
      if (item.isKnown()) {
        // A value known now: formatted now, with Python's rules.
        Value one = Value::tuple({item.known});
        text.pieces.back() += percentFormat(std::string("%") + c, one, objects, range);
        continue;
      }
      if (item.kind != Staged::Kind::Number) throw ElaborationError(range, "only numbers can be formatted in a callback");
      if (text.items.size() >= ir::kMaxReportValues)
        throw ElaborationError(range, fmt::format("print() in a callback takes at most {} numbers known only while "
                                                  "playing",
                                                  ir::kMaxReportValues));
      Staged number = item;
      if ((c == 'd' || c == 'i') && item.type == ValueType::Float)
        number = Staged::number(node(Op::ToInt, ValueType::Int, item.expression), ValueType::Int);
      if (c == 'f' && item.type != ValueType::Float)
        number = Staged::number(node(Op::ToFloat, ValueType::Float, item.expression), ValueType::Float);
      text.items.push_back(number);
      text.formats.push_back(c == 'f' ? ir::Message::Format::Fixed : ir::Message::Format::Python);
      text.pieces.push_back("");
    }
    if (next != items.size()) throw ElaborationError(range, "not all arguments converted during string formatting");
    return text;
  }

  static Op arithmeticOp(ast::BinaryOp op) {
    switch (op) {
      case ast::BinaryOp::Add: return Op::Add;
      case ast::BinaryOp::Sub: return Op::Subtract;
      case ast::BinaryOp::Mul: return Op::Multiply;
      case ast::BinaryOp::Div: return Op::Divide;
      case ast::BinaryOp::FloorDiv: return Op::FloorDivide;
      case ast::BinaryOp::Mod: return Op::Modulo;
      case ast::BinaryOp::Pow: return Op::Power;
      default: return Op::Add;
    }
  }

  Staged binary(ast::BinaryOp op, const Staged& l, const Staged& r, const SourceRange& range) {
    if (op == ast::BinaryOp::And || op == ast::BinaryOp::Or) return logical(op == ast::BinaryOp::Or, l, r, range);
    if (l.isKnown() && r.isKnown()) return Staged::of(interp.binaryOperation(op, l.known, r.known, range));
    // A run-time number with one of the patch's objects: a graph built once, its number a Param slot.
    bool lo = l.isKnown() && l.known.type == Value::Type::Object, ro = r.isKnown() && r.known.type == Value::Type::Object;
    if (lo || ro) {
      Value a = lo ? l.known : slotFor(l, range), b = ro ? r.known : slotFor(r, range);
      return Staged::of(interp.binaryOperation(op, a, b, range));
    }
    if (op == ast::BinaryOp::Mod && l.isKnown() && l.known.type == Value::Type::String) return percent(l.known.text, r, range);
    if (l.kind == Staged::Kind::Sequence || r.kind == Staged::Kind::Sequence) {
      if (op == ast::BinaryOp::Add && (l.kind == Staged::Kind::Sequence || l.known.isSequence()) &&
          (r.kind == Staged::Kind::Sequence || r.known.isSequence())) {
        Staged s;
        s.kind = Staged::Kind::Sequence;
        auto append = [&](const Staged& x) {
          if (x.kind == Staged::Kind::Sequence) s.items.insert(s.items.end(), x.items.begin(), x.items.end());
          else
            for (auto& v : *x.known.items) s.items.push_back(Staged::of(v));
        };
        append(l);
        append(r);
        return s;
      }
      throw ElaborationError(range, "this list operation is not supported in a callback yet");
    }
    int a = toExpression(l, range, "the left operand"), b = toExpression(r, range, "the right operand");
    ValueType ta = typeOfExpression(a), tb = typeOfExpression(b);
    ValueType t = ta == ValueType::Float || tb == ValueType::Float ? ValueType::Float : ValueType::Int;
    if (op == ast::BinaryOp::Div) t = ValueType::Float;
    if (op == ast::BinaryOp::Pow && t == ValueType::Int) t = ValueType::Float;  // a negative exponent gives a float
    return Staged::number(node(arithmeticOp(op), t, a, b), t);
  }

  // A Param holding a run-time number, as a graph value: `freq + jit` builds Add(Param, jit) once.
  Value slotFor(const Staged& number, const SourceRange& range) {
    int e = toExpression(number, range, "the operand");
    ir::Node& param = makeParam(1, range);
    Statement s;
    s.kind = Statement::Kind::SetParam;
    s.node = param.id;
    s.lane = 0;
    s.expression = e;
    s.origin = range;
    emit(std::move(s));
    return Value::object(param.id);
  }

  Staged logical(bool isOr, const Staged& l, const Staged& r, const SourceRange& range) {
    if (l.isKnown() && r.isKnown()) {
      bool lt = interp.truthy(l.known);
      return isOr ? (lt ? l : r) : (lt ? r : l);
    }
    int a = toExpression(l, range, "the operand"), b = toExpression(r, range, "the operand");
    if (typeOfExpression(a) != ValueType::Bool) a = node(Op::ToBool, ValueType::Bool, a);
    if (typeOfExpression(b) != ValueType::Bool) b = node(Op::ToBool, ValueType::Bool, b);
    return Staged::number(node(isOr ? Op::Or : Op::And, ValueType::Bool, a, b), ValueType::Bool);
  }

  Staged compare(ast::CompareOp op, const Staged& l, const Staged& r, const ast::Expr& e) {
    if (l.isKnown() && r.isKnown()) return Staged::of(Value::fromBool(interp.compareValues(op, l.known, r.known, e.range)));
    if (op == ast::CompareOp::In || op == ast::CompareOp::NotIn) {
      std::vector<Staged> items;
      if (r.kind == Staged::Kind::Sequence) items = r.items;
      else if (r.isKnown() && r.known.isSequence())
        for (auto& v : *r.known.items) items.push_back(Staged::of(v));
      else
        throw ElaborationError(e.range, "'in' needs a list here");
      int x = toExpression(l, e.range, "the value");
      int found = constant(0, ValueType::Bool);
      for (auto& item : items)
        found = logicalOr(found, node(Op::Equal, ValueType::Bool, x, toExpression(item, e.range, "the item")));
      if (op == ast::CompareOp::NotIn) found = node(Op::Not, ValueType::Bool, found);
      return Staged::number(found, ValueType::Bool);
    }
    Op o;
    switch (op) {
      case ast::CompareOp::Lt: o = Op::Less; break;
      case ast::CompareOp::Le: o = Op::LessEqual; break;
      case ast::CompareOp::Gt: o = Op::Greater; break;
      case ast::CompareOp::Ge: o = Op::GreaterEqual; break;
      case ast::CompareOp::Eq: o = Op::Equal; break;
      case ast::CompareOp::Ne: o = Op::NotEqual; break;
      default: throw ElaborationError(e.range, "'is' compares numbers known only while playing: use '=='");
    }
    int a = toExpression(l, e.range, "the left operand"), b = toExpression(r, e.range, "the right operand");
    return Staged::number(node(o, ValueType::Bool, a, b), ValueType::Bool);
  }

  // ---- calls ----
  Staged call(const ast::Expr& e) {
    // obj.play(), obj.stop() on the patch's objects and timers.
    if (e.object->kind == ast::Expr::Kind::Attribute && (e.object->text == "play" || e.object->text == "stop")) {
      Staged object = eval(*e.object->object);
      if (object.isKnown() &&
          (object.known.type == Value::Type::Object || object.known.type == Value::Type::Timer)) {
        playOrStop(object.known, e.object->text == "play", e.range);
        return object;
      }
    }
    if (e.object->kind == ast::Expr::Kind::Attribute && e.object->text == "out") {
      throw ElaborationError(e.range, "out() while the patch plays is not supported yet: call out() when building "
                                      "the patch, and play()/stop() its envelope in the callback");
    }
    // obj.get() while playing: the last sample its previous block computed (pyo's get() reads its last buffer),
    // a number known only then. get(all=True): the list of every stream's (Notein['pitch'].get(all=True)[v]).
    if (e.object->kind == ast::Expr::Kind::Attribute && e.object->text == "get") {
      Staged object = eval(*e.object->object);
      if (object.isKnown() && object.known.type == Value::Type::Object) {
        std::vector<Staged> given = bindArguments(e, "get", {"all"}, {Value::fromBool(false)});
        if (!given[0].isKnown())
          throw ElaborationError(e.range, "get()'s all must be known when compiling (True or False)");
        if (interp.truthy(given[0].known)) {
          // Through one Watch of every stream: lane i is stream i.
          const ir::NodeId watch = objects.make("Watch", {object.known}, e.range).node;
          Staged list;
          list.kind = Staged::Kind::Sequence;
          for (int lane = 0; lane < graph.node(watch).lanes; ++lane) {
            Expression x;
            x.op = Op::LastSample;
            x.type = ValueType::Float;
            x.node = watch;
            x.lane = lane;
            list.items.push_back(Staged::number(control.add(x), ValueType::Float));
          }
          return list;
        }
        const ir::Node& node = graph.node(object.known.node);
        if (object.known.lane < 0 && node.lanes != 1)
          throw ElaborationError(e.range, fmt::format("get() of a {} of {} streams in a callback is not supported "
                                                      "yet: call it on one stream, obj[i].get()",
                                                      node.opName(), node.lanes));
        // Through a Watch: the passes keep its samples and its place, whatever they do to the object.
        Value stream = object.known.lane < 0 ? object.known : Value::stream(object.known.node, object.known.lane);
        const ir::NodeId watch = objects.make("Watch", {stream}, e.range).node;
        Expression x;
        x.op = Op::LastSample;
        x.type = ValueType::Float;
        x.node = watch;
        x.lane = 0;
        return Staged::number(control.add(x), ValueType::Float);
      }
    }
    // s.noteout(...), s.makenote(...) and the other MIDI output methods while playing: messages stamped with the
    // event's frame (elab/MidiOut.h).
    if (e.object->kind == ast::Expr::Kind::Attribute &&
        (findMidiOutMethod(e.object->text) || e.object->text == "sysexout" || e.object->text == "addMidiEvent")) {
      Staged object = eval(*e.object->object);
      if (object.isKnown() && object.known.type == Value::Type::Server) {
        if (e.object->text == "sysexout") refuseSysex(e.range);
        if (e.object->text == "addMidiEvent") return addMidiEvent(e);
        return midiOut(*findMidiOutMethod(e.object->text), e);
      }
    }
    // t.replace(points) while playing: the table recomputed with them.
    if (e.object->kind == ast::Expr::Kind::Attribute && e.object->text == "replace") {
      Staged object = eval(*e.object->object);
      if (object.isKnown() && object.known.type == Value::Type::Table) {
        if (e.elements.size() != 1 || !e.keywords.empty())
          throw ElaborationError(e.range, "replace() takes one list");
        const TableSpec& spec = *object.known.table->spec;
        std::string list;
        for (const TableParameter& p : spec.parameters)
          if (p.kind == TableParameterKind::Points || p.kind == TableParameterKind::Numbers) list = p.name;
        if (list.empty()) throw ElaborationError(e.range, fmt::format("{} has no list to replace", spec.name));
        refillTable(object.known, list, eval(*e.elements[0]), true, e.range);
        return Staged::of(Value::none());
      }
    }
    // A SndTable's sound while playing: setSound/insert/append, getDur()/getSize() of what it holds now.
    if (e.object->kind == ast::Expr::Kind::Attribute) {
      const std::string& method = e.object->text;
      if (method == "setSound" || method == "insert" || method == "append" || method == "getDur" ||
          method == "getSize") {
        Staged object = eval(*e.object->object);
        if (object.isKnown() && object.known.type == Value::Type::Table &&
            object.known.table->spec->name == "SndTable")
          return method == "getDur" || method == "getSize" ? soundSize(object.known, method == "getDur", e)
                                                            : editSound(object.known, method, e);
      }
      if (method == "reset") {
        Staged object = eval(*e.object->object);
        if (object.isKnown() && object.known.type == Value::Type::Object && reset(object.known, e.range))
          return Staged::of(Value::none());
      }
    }
    // lst.append(x) on a list the handler made: the list grows while compiling (its length is known then).
    if (e.object->kind == ast::Expr::Kind::Attribute && e.object->text == "append" &&
        e.object->object->kind == ast::Expr::Kind::Name) {
      Frame& frame = frames.back();
      auto it = frame.names.find(e.object->object->text);
      if (it != frame.names.end() && !frame.globals.count(it->first)) {
        Staged& list = it->second;
        const bool isList = (list.kind == Staged::Kind::Sequence && !list.tuple) ||
                            (list.isKnown() && list.known.type == Value::Type::List);
        if (isList) {
          if (e.elements.size() != 1 || !e.keywords.empty())
            throw ElaborationError(e.range, "append() takes exactly one argument");
          Staged item = eval(*e.elements[0]);
          Staged grown;
          grown.kind = Staged::Kind::Sequence;
          grown.items = itemsOf(list);
          grown.items.push_back(std::move(item));
          if (grown.items.size() > kMaxArrayAssigned)
            throw ElaborationError(e.range, fmt::format("a list a callback builds may hold at most {} items",
                                                        kMaxArrayAssigned));
          list = std::move(grown);
          return Staged::of(Value::none());
        }
      }
    }
    if (e.object->kind == ast::Expr::Kind::Attribute && e.object->text == "set") {
      Staged object = eval(*e.object->object);
      if (object.isKnown() && object.known.type == Value::Type::Object) return setMethod(object.known, e);
    }
    Staged callee = eval(*e.object);
    std::vector<Staged> positional;
    std::vector<std::pair<std::string, Staged>> keywords;
    bool known = callee.isKnown();
    for (const auto& a : e.elements) {
      positional.push_back(eval(*a));
      known = known && positional.back().isKnown();
    }
    for (const auto& k : e.keywords) {
      keywords.emplace_back(k.name, eval(*k.value));
      known = known && keywords.back().second.isKnown();
    }
    if (!callee.isKnown()) throw ElaborationError(e.object->range, "a number is not callable");
    const Value& fn = callee.known;
    if (fn.type == Value::Type::Function || (fn.type == Value::Type::BoundMethod && fn.function))
      return inlineCall(fn, positional, keywords, e);
    if (fn.type == Value::Type::Builtin || fn.type == Value::Type::BoundMethod) {
      const std::string name = fn.builtin ? fn.builtin->name : "";
      if (name == "print") return report(positional, keywords, e);
      if (auto r = runTimeBuiltin(name, positional, keywords, e)) return *r;
      if (!known)
        throw ElaborationError(e.range, fmt::format("{}() cannot take numbers known only while playing yet", name));
    }
    if (fn.type == Value::Type::Builtin && fn.builtin && graph.registry->find(fn.builtin->name))
      throw ElaborationError(e.range, fmt::format("a callback cannot create a {} while the patch plays (that would "
                                                  "allocate in the audio thread): create it once outside the "
                                                  "function and set its attributes here",
                                                  fn.builtin->name));
    if (fn.builtin && fn.builtin->method)
      throw ElaborationError(e.range, fmt::format("a callback cannot call a multiprocessing.Process's {}() while the "
                                                  "patch plays: start processes in the script itself",
                                                  fn.builtin->name));
    CallArguments args;
    args.callRange = e.range;
    for (size_t i = 0; i < positional.size(); ++i) {
      args.positional.push_back(positional[i].known);
      args.positionalRanges.push_back(e.elements[i]->range);
    }
    for (size_t i = 0; i < keywords.size(); ++i)
      args.keywords.push_back({keywords[i].first, keywords[i].second.known, e.keywords[i].range,
                               e.keywords[i].value->range});
    size_t nodesBefore = graph.size();
    const size_t timersBefore = control.timers.size();
    Value result = interp.call(fn, args);
    if (result.type == Value::Type::Timer && static_cast<size_t>(result.integer) >= timersBefore) {
      // A CallAfter or Pattern made by a callback: made once, here, and (re)started by each call, as the manual's
      // Dummy tip would have it (pyo makes a new one per call).
      if (control.timers.size() > kMaxTimers)
        throw ElaborationError(e.range, fmt::format("the callbacks make more than {} timers (a callback that makes "
                                                    "a CallAfter of itself?)",
                                                    kMaxTimers));
      ir::Timer& made = control.timers[static_cast<size_t>(result.integer)];
      if (made.playing) {
        made.playing = false;
        playOrStop(result, true, e.range);
      }
      return Staged::of(result);
    }
    if (graph.size() != nodesBefore && fn.type != Value::Type::Function)
      throw ElaborationError(e.range, "a callback cannot create objects while the patch plays (that would allocate "
                                      "in the audio thread): create them once outside the function");
    return Staged::of(result);
  }

  // A MIDI output call: its arguments by pyo's names; a list gives one message per item (pyo's wrap). Run-time
  // numbers are first kept in locals, in pyo's parameter order, so that each is computed (and draws) once and in
  // the order Python evaluates a call written in that order.
  Staged midiOut(const MidiOutMethod& method, const ast::Expr& e) {
    std::vector<std::optional<Value>> defaults;
    for (const auto& d : method.defaults)
      defaults.push_back(d ? std::optional<Value>(Value::fromInt(int64_t(*d))) : std::nullopt);
    std::vector<Staged> given = bindArguments(e, method.name, method.parameters, defaults);
    std::vector<std::vector<int>> expressions;
    for (size_t i = 0; i < given.size(); ++i) {
      const std::string what = fmt::format("{}()'s {}", method.name, method.parameters[i]);
      const bool list = given[i].kind == Staged::Kind::Sequence || (given[i].isKnown() && given[i].known.isSequence());
      std::vector<Staged> items = list ? itemsOf(given[i]) : std::vector<Staged>{given[i]};
      std::vector<int> numbers;
      for (const Staged& item : items) {
        int x = toExpression(item, e.range, what);
        if (item.kind == Staged::Kind::Number) {
          const int local = newVariable(fmt::format("{}.{}", method.name, method.parameters[i]), item.type);
          Statement keep;
          keep.kind = Statement::Kind::SetVariable;
          keep.index = local;
          keep.expression = x;
          keep.origin = e.range;
          emit(std::move(keep));
          Expression read;
          read.op = Op::Variable;
          read.type = item.type;
          read.index = local;
          x = control.add(read);
        }
        numbers.push_back(x);
      }
      expressions.push_back(std::move(numbers));
    }
    for (auto& s : midiOutStatements(method, expressions, [&](double v) { return constant(v, ValueType::Int); }, e.range))
      emit(std::move(s));
    return Staged::of(Value::none());
  }

  // pyo's addMidiEvent(status, data1=0, data2=0) while playing: an event for the patch's MIDI objects at the
  // callback's frame; lists give one event per item (pyo's wrap).
  Staged addMidiEvent(const ast::Expr& e) {
    std::vector<Staged> given = bindArguments(e, "addMidiEvent", {"status", "data1", "data2"},
                                              {std::nullopt, Value::fromInt(0), Value::fromInt(0)});
    std::vector<std::vector<Staged>> items;
    size_t count = 1;
    for (const Staged& g : given) {
      const bool list = g.kind == Staged::Kind::Sequence || (g.isKnown() && g.known.isSequence());
      items.push_back(list ? itemsOf(g) : std::vector<Staged>{g});
      if (items.back().empty()) throw ElaborationError(e.range, "addMidiEvent() was given an empty list");
      count = std::max(count, items.back().size());
    }
    for (size_t i = 0; i < count; ++i) {
      Statement s;
      s.kind = Statement::Kind::MidiIn;
      s.origin = e.range;
      static const char* const names[] = {"status", "data1", "data2"};
      for (size_t k = 0; k < 3; ++k)
        s.arguments.push_back(toExpression(items[k][i % items[k].size()], e.range,
                                           fmt::format("addMidiEvent()'s {}", names[k])));
      emit(std::move(s));
    }
    return Staged::of(Value::none());
  }

  // print(*values, sep=' ', end='\n') while playing: a Report, its text known now, its run-time numbers written
  // by the runtime as Python writes them (the audio thread only queues numbers).
  Staged report(const std::vector<Staged>& values, const std::vector<std::pair<std::string, Staged>>& keywords,
                const ast::Expr& e) {
    std::string sep = " ", end = "\n";
    for (size_t k = 0; k < keywords.size(); ++k) {
      const auto& [name, value] = keywords[k];
      if (name != "sep" && name != "end")
        throw ElaborationError(e.keywords[k].range, fmt::format("print() in a callback takes sep and end, not {}", name));
      if (!value.isKnown() || (value.known.type != Value::Type::String && value.known.type != Value::Type::None))
        throw ElaborationError(e.keywords[k].range, fmt::format("print()'s {} must be a string known when compiling", name));
      if (value.known.type == Value::Type::String) (name == "sep" ? sep : end) = value.known.text;
    }
    ir::Message message;
    message.pieces = {""};
    Statement s;
    s.kind = Statement::Kind::Report;
    s.origin = e.range;
    for (size_t i = 0; i < values.size(); ++i) {
      if (i > 0) message.pieces.back() += sep;
      if (values[i].isKnown()) {
        message.pieces.back() += str(values[i].known, objects, e.elements[i]->range);
        continue;
      }
      if (values[i].kind == Staged::Kind::Text) {
        // "..." % (...) with run-time numbers: its pieces and numbers in place.
        const Staged& text = values[i];
        message.pieces.back() += text.pieces[0];
        for (size_t k = 0; k < text.items.size(); ++k) {
          if (message.formats.size() >= ir::kMaxReportValues)
            throw ElaborationError(e.elements[i]->range,
                                   fmt::format("print() in a callback takes at most {} numbers known only while playing",
                                               ir::kMaxReportValues));
          message.formats.push_back(text.formats[k]);
          message.types.push_back(text.items[k].type);
          s.arguments.push_back(text.items[k].expression);
          message.pieces.push_back(text.pieces[k + 1]);
        }
        continue;
      }
      if (message.formats.size() >= ir::kMaxReportValues)
        throw ElaborationError(e.elements[i]->range,
                               fmt::format("print() in a callback takes at most {} numbers known only while playing",
                                           ir::kMaxReportValues));
      message.formats.push_back(ir::Message::Format::Python);
      message.types.push_back(values[i].type);
      s.arguments.push_back(toExpression(values[i], e.elements[i]->range, "value to print"));
      message.pieces.push_back("");
    }
    // The runtime ends each report with a newline: `end`'s own last one goes (print(..., end="") still ends
    // its line, a difference from Python).
    if (!end.empty() && end.back() == '\n') end.pop_back();
    message.pieces.back() += end;
    control.messages.push_back(std::move(message));
    s.index = static_cast<int>(control.messages.size()) - 1;
    emit(std::move(s));
    return Staged::of(Value::none());
  }

  // pyo's PyoObject.set(attr, value, port=0.025): a straight ramp of `port` seconds to the numbers (a SigTo).
  // A call's arguments by pyo's parameter names (`names`, in order), with the defaults of those not given.
  std::vector<Staged> bindArguments(const ast::Expr& e, const std::string& method, const std::vector<std::string>& names,
                                    std::vector<std::optional<Value>> defaults) {
    std::vector<std::optional<Staged>> given(names.size());
    if (e.elements.size() > names.size())
      throw ElaborationError(e.range, fmt::format("{}() takes at most {} arguments", method, names.size()));
    for (size_t i = 0; i < e.elements.size(); ++i) given[i] = eval(*e.elements[i]);
    for (const auto& k : e.keywords) {
      auto it = std::find(names.begin(), names.end(), k.name);
      if (it == names.end())
        throw ElaborationError(k.range, fmt::format("{}() got an unexpected keyword '{}'", method, k.name));
      given[size_t(it - names.begin())] = eval(*k.value);
    }
    std::vector<Staged> bound;
    for (size_t i = 0; i < names.size(); ++i) {
      if (given[i]) bound.push_back(*given[i]);
      else if (defaults[i]) bound.push_back(Staged::of(*defaults[i]));
      else throw ElaborationError(e.range, fmt::format("{}() missing required argument: '{}'", method, names[i]));
    }
    return bound;
  }

  // `t.setSound(path, start, stop)`, `t.insert(path, pos, crossfade, start, stop)`, `t.append(path, crossfade,
  // start, stop)` while playing: the file read now, the edit done in the audio thread (SoundEdits.h) in a buffer
  // as large as the most this callback can make of the table (SoundGrowth).
  Staged editSound(const Value& table, const std::string& method, const ast::Expr& e) {
    const std::vector<std::string>& names = soundEditParameters(method);
    const int32_t edit = method == "setSound" ? kSoundEditSet : method == "insert" ? kSoundEditInsert : kSoundEditAppend;
    // Every parameter but the path defaults to 0 seconds, stop to None (the file's end).
    std::vector<std::optional<Value>> defaults;
    for (const auto& name : names)
      defaults.push_back(name == "path"   ? std::optional<Value>()
                         : name == "stop" ? std::optional<Value>(Value::none())
                                          : std::optional<Value>(Value::fromFloat(0.0)));
    std::vector<Staged> args = bindArguments(e, method, names, defaults);
    auto named = [&](const std::string& name) -> const Staged& {
      return args[size_t(std::find(names.begin(), names.end(), name) - names.begin())];
    };
    const Staged& path = named("path");
    if (!path.isKnown() || path.known.type != Value::Type::String)
      throw ElaborationError(e.range, fmt::format("{}()'s path must be a string known when compiling (the file is "
                                                  "read then): a list of paths is not supported in a callback",
                                                  method));
    const ir::TableId id = table.table->id;
    const ir::Table& target = graph.tables.at(id);
    const auto& sound = objects.readSound(path.known.text, e.range);
    if (sound.channels.empty() || sound.channels[0].size() == 0)
      throw ElaborationError(e.range, fmt::format("'{}' holds no sample", path.known.text));
    if (double(sound.sampleRate) != target.sampleRate)
      throw ElaborationError(e.range, fmt::format("'{}' is at {} Hz and the table at {} Hz: a callback may put only "
                                                  "sounds of the table's rate into it",
                                                  path.known.text, sound.sampleRate, target.sampleRate));
    auto key = std::make_pair(id, path.known.text);
    auto found = soundSources.find(key);
    if (found == soundSources.end()) {
      ir::SoundSource source;
      source.table = id;
      source.path = path.known.text;
      source.channels = sound.channels;
      source.sampleRate = sound.sampleRate;
      control.soundSources.push_back(std::move(source));
      found = soundSources.emplace(key, int(control.soundSources.size()) - 1).first;
    }
    Statement s;
    s.kind = Statement::Kind::EditSound;
    s.index = found->second;
    s.lane = edit;
    s.origin = e.range;
    auto seconds = [&](const std::string& name) {
      if (std::find(names.begin(), names.end(), name) == names.end()) return constant(0.0, ValueType::Float);
      const Staged& value = named(name);
      if (value.isKnown() && value.known.type == Value::Type::None) return constant(-1.0, ValueType::Float);
      return toExpression(value, e.range, fmt::format("{}()'s {}", method, name));
    };
    s.arguments = {seconds("start"), seconds("stop"), seconds("pos"), seconds("crossfade")};
    // At most the whole file each time (the cut is known only while playing).
    const size_t most = sound.channels[0].size();
    SoundGrowth& g = growth[id];
    if (edit == kSoundEditSet) {
      if (runTimeBranches == 0) g = SoundGrowth{true, most, 0, {}};
      else g.bound = std::max(g.bound, most);  // it holds its bound, or what it had, or this cut
    } else if (g.starts) {
      g.bound += most;
    } else {
      if (g.added == 0) g.grows = e.range;
      g.added += most;
    }
    emit(std::move(s));
    return Staged::of(Value::none());
  }

  // `t.getDur()` / `t.getSize()` of a SndTable in a callback: what it holds when the callback runs (a table no
  // callback resizes gives its one size).
  Staged soundSize(const Value& table, bool duration, const ast::Expr& e) {
    for (const auto& k : e.keywords)
      if (k.name != "all") throw ElaborationError(k.range, fmt::format("unexpected keyword '{}'", k.name));
    Expression x;
    x.op = Op::TableSize;
    x.type = ValueType::Int;
    x.index = static_cast<int>(table.table->id);
    const int size = control.add(x);
    if (!duration) return Staged::number(size, ValueType::Int);
    const double rate = graph.tables.at(table.table->id).sampleRate;
    return Staged::number(node(Op::Divide, ValueType::Float, node(Op::ToFloat, ValueType::Float, size),
                               constant(rate, ValueType::Float)),
                          ValueType::Float);
  }

  // After a handler: each table it edits holds at most its bound, or grows without end.
  void endHandler() {
    for (const auto& [id, g] : growth) {
      if (!g.starts && g.added > 0)
        throw ElaborationError(g.grows, fmt::format("this adds to {} each time the callback runs, without end: patchc "
                                                    "gives a table its room when compiling. Call setSound() first in "
                                                    "the same callback, so that each run starts the table again",
                                                    graph.tables.at(id).name.empty() ? "the SndTable"
                                                                                     : graph.tables.at(id).name));
      soundCapacity[id] = std::max(soundCapacity[id], g.bound);
    }
    growth.clear();
  }

  Staged setMethod(const Value& object, const ast::Expr& e) {
    Staged attr, value, port = Staged::of(Value::fromFloat(0.025));  // pyo's default port
    bool haveAttr = false, haveValue = false;
    if (e.elements.size() > 0) attr = eval(*e.elements[0]), haveAttr = true;
    if (e.elements.size() > 1) value = eval(*e.elements[1]), haveValue = true;
    for (const auto& k : e.keywords) {
      if (k.name == "attr") attr = eval(*k.value), haveAttr = true;
      else if (k.name == "value") value = eval(*k.value), haveValue = true;
      else if (k.name == "port") port = eval(*k.value);
      else throw ElaborationError(k.range, fmt::format("set() got an unexpected keyword '{}'", k.name));
    }
    if (e.elements.size() > 2) port = eval(*e.elements[2]);
    if (!haveAttr || !haveValue || !attr.isKnown() || attr.known.type != Value::Type::String)
      throw ElaborationError(e.range, "set() needs attr (a string) and value");
    // Ramps apply to numbers: a signal expression given to set() is switched to at once (pyo ramps it too).
    setAttribute(object, attr.known.text, value, e.range, toExpression(port, e.range, "set()'s port"));
    return Staged::of(Value::none());
  }

  Staged inlineCall(const Value& fn, std::vector<Staged> positional,
                    const std::vector<std::pair<std::string, Staged>>& keywords, const ast::Expr& e) {
    if (frames.size() > kMaxInlineDepth)
      throw ElaborationError(e.range, fmt::format("callbacks call functions more than {} deep (recursion?): the audio "
                                                  "thread has no unbounded recursion",
                                                  kMaxInlineDepth));
    const FunctionData& f = *fn.function;
    if (!f.body) throw ElaborationError(e.range, "lambdas are not supported in callbacks yet");
    if (fn.type == Value::Type::BoundMethod) positional.insert(positional.begin(), Staged::of(*fn.self));
    Frame frame;
    const auto& params = *f.params;
    for (size_t i = 0; i < params.size(); ++i) {
      const std::string& name = params[i].name;
      std::optional<Staged> value;
      if (i < positional.size()) value = positional[i];
      for (auto& [k, v] : keywords)
        if (k == name) value = v;
      if (!value && f.hasDefault[i]) value = Staged::of((*f.defaultValues)[i]);
      if (!value)
        throw ElaborationError(e.range, fmt::format("{}() missing required argument: '{}'", f.name, name));
      frame.names[name] = *value;
    }
    if (positional.size() > params.size())
      throw ElaborationError(e.range, fmt::format("{}() takes {} arguments but {} were given", f.name, params.size(),
                                                  positional.size()));
    frames.push_back(std::move(frame));
    Staged result = Staged::of(Value::none());
    exec(*f.body, result);
    frames.pop_back();
    return result;
  }

  // Builtins with run-time arguments: random's draws, pyo's conversions, math, int/float/abs/min/max/round.
  std::optional<Staged> runTimeBuiltin(const std::string& name, const std::vector<Staged>& args,
                                       const std::vector<std::pair<std::string, Staged>>& keywords,
                                       const ast::Expr& e) {
    auto arg = [&](size_t i, const char* what) -> int {
      if (i >= args.size()) throw ElaborationError(e.range, fmt::format("{}() needs its {}", name, what));
      return toExpression(args[i], e.elements[i]->range, what);
    };
    auto drawn = [&]() { drawsRandom = true; };
    if (!keywords.empty() && name.rfind("random.", 0) == 0)
      throw ElaborationError(e.range, fmt::format("{}() takes no keyword arguments here", name));
    if (name == "random.random") {
      drawn();
      return Staged::number(node(Op::Random, ValueType::Float, -1), ValueType::Float);
    }
    if (name == "random.uniform") {
      drawn();
      int a = arg(0, "a"), b = arg(1, "b");
      int r = node(Op::Random, ValueType::Float, -1);
      // CPython: a + (b - a) * random()
      int span = node(Op::Subtract, ValueType::Float, b, a);
      return Staged::number(node(Op::Add, ValueType::Float, a, node(Op::Multiply, ValueType::Float, span, r)),
                            ValueType::Float);
    }
    if (name == "random.randint" || name == "random.randrange") {
      drawn();
      int start, stop, step = -1;
      if (name == "random.randint") {
        start = arg(0, "a");
        stop = node(Op::Add, ValueType::Int, arg(1, "b"), constant(1, ValueType::Int));
      } else if (args.size() == 1) {
        start = constant(0, ValueType::Int);
        stop = arg(0, "stop");
      } else {
        start = arg(0, "start");
        stop = arg(1, "stop");
        if (args.size() > 2) step = arg(2, "step");
      }
      for (int x : {start, stop, step})
        if (x >= 0 && typeOfExpression(x) == ValueType::Float)
          throw ElaborationError(e.range, fmt::format("{}() takes integers", name));
      // CPython: start + step * _randbelow(n), n = (stop - start + step - 1) // step for step > 0.
      if (step < 0) step = constant(1, ValueType::Int);
      if (control.expression(step).op != Op::Constant || control.expression(step).number <= 0)
        throw ElaborationError(e.range, "randrange()'s step must be a positive number known when compiling here");
      int width = node(Op::Subtract, ValueType::Int, stop, start);
      int count = node(Op::FloorDivide, ValueType::Int,
                       node(Op::Add, ValueType::Int, width,
                            constant(control.expression(step).number - 1, ValueType::Int)),
                       step);
      int below = node(Op::RandomBelow, ValueType::Int, count);
      return Staged::number(node(Op::Add, ValueType::Int, start, node(Op::Multiply, ValueType::Int, step, below)),
                            ValueType::Int);
    }
    if (name == "random.choice") {
      drawn();
      if (args.size() != 1) throw ElaborationError(e.range, "choice() takes one sequence");
      std::vector<Staged> items;
      if (args[0].kind == Staged::Kind::Sequence) items = args[0].items;
      else if (args[0].isKnown())
        for (auto& v : interp.iterate(args[0].known, e.elements[0]->range)) items.push_back(Staged::of(v));
      else
        throw ElaborationError(e.range, "choice() needs a list");
      if (items.empty()) throw ElaborationError(e.elements[0]->range, "choice() from an empty sequence");
      int index = node(Op::RandomBelow, ValueType::Int, constant(static_cast<double>(items.size()), ValueType::Int));
      return choose(items, index, e.range);
    }
    bool runTime = std::any_of(args.begin(), args.end(), [&](const Staged& s) { return isRunTime(s); });
    if (!runTime) return std::nullopt;
    // Functions of one number, applied item by item to a list (pyo's midiToHz takes lists).
    static const std::set<std::string> unary = {
        "midiToHz", "hzToMidi", "midiToTranspo", "math.sin", "math.cos", "math.tan", "math.exp", "math.log10",
        "math.sqrt", "math.floor", "math.ceil", "math.fabs", "math.atan", "math.tanh", "math.log2", "abs",
        "float", "int", "round", "bool"};
    std::string bare = name.rfind("math.", 0) == 0 ? name.substr(5) : name;
    if (unary.count(name) && args.size() == 1) {
      auto apply = [&](const Staged& x) -> Staged {
        int a = toExpression(x, e.range, "the argument");
        ValueType t = typeOfExpression(a);
        if (bare == "float") return Staged::number(node(Op::ToFloat, ValueType::Float, a), ValueType::Float);
        if (bare == "int") return Staged::number(node(Op::ToInt, ValueType::Int, a), ValueType::Int);
        if (bare == "bool") return Staged::number(node(Op::ToBool, ValueType::Bool, a), ValueType::Bool);
        Expression c;
        c.op = Op::Call;
        c.function = bare;
        c.arguments = {a};
        c.type = (bare == "abs" && t != ValueType::Float) ? ValueType::Int
                 : (bare == "floor" || bare == "ceil" || bare == "round") ? ValueType::Int
                                                                         : ValueType::Float;
        ValueType type = c.type;
        return Staged::number(control.add(std::move(c)), type);
      };
      if (args[0].kind == Staged::Kind::Sequence || (args[0].isKnown() && args[0].known.isSequence())) {
        Staged list;
        list.kind = Staged::Kind::Sequence;
        if (args[0].kind == Staged::Kind::Sequence)
          for (auto& x : args[0].items) list.items.push_back(apply(x));
        else
          for (auto& x : *args[0].known.items) list.items.push_back(apply(Staged::of(x)));
        return list;
      }
      return apply(args[0]);
    }
    if ((name == "min" || name == "max") && args.size() >= 2) {
      int r = toExpression(args[0], e.range, "the argument");
      for (size_t i = 1; i < args.size(); ++i) {
        int x = toExpression(args[i], e.range, "the argument");
        ValueType t = typeOfExpression(r) == ValueType::Float || typeOfExpression(x) == ValueType::Float
                          ? ValueType::Float
                          : ValueType::Int;
        int better = node(name == "min" ? Op::Less : Op::Greater, ValueType::Bool, x, r);
        r = node(Op::Select, t, better, x, r);
      }
      return Staged::number(r, typeOfExpression(r));
    }
    if (name == "math.pow" && args.size() == 2)
      return Staged::number(node(Op::Power, ValueType::Float, arg(0, "x"), arg(1, "y")), ValueType::Float);
    return std::nullopt;
  }

  // ---- finish ----
  void finish() {
    // SndTables callbacks edit: in the state, with room for the most the callbacks make of them.
    for (const auto& [id, most] : soundCapacity) {
      ir::Table& table = graph.tables.at(id);
      table.capacity = std::max({most, table.size(), size_t{1}});
      ir::markTableWritten(graph, id);
    }
    // Tables recomputed while playing: in the state, with the arguments the script left them.
    for (size_t r = 0; r < refillTables.size(); ++r) {
      const TableData& data = *refillTables[r];
      ir::TableRefill& refill = control.refills[r];
      refill.arguments = refillArguments(*data.spec, data.arguments);
      refill.capacity = std::max(refill.capacity, refill.arguments.size());
      ir::markTableWritten(graph, data.id);
    }
    for (auto& a : assigned) {
      if (a.rampTime) a.numbers = ramped(a);  // first: making the SigTo may move the graph's nodes
      ir::Node& target = graph.node(a.node);
      const int lanes = target.lanes;
      if (a.signals.empty() && a.original.isConstant()) {
        // Numbers only, over numbers: the input reads the Param, which starts with them; no selector is needed.
        ir::Signal reads;
        for (int l = 0; l < lanes; ++l) reads.lanes.push_back(ir::LaneSource::of(*a.numbers, l));
        target.inputs[a.input] = reads;
        graph.updateShape(target);
        for (ir::NodeId s : a.selectors) dropSelector(s);
        continue;
      }
      // Σ selector_t · term_t: exactly one selector is 1 at any time, so the sum is that term (x·1 + y·0 + ...).
      std::vector<ir::Signal> terms = {a.original};
      if (a.numbers) {
        ir::Signal reads;
        for (int l = 0; l < lanes; ++l) reads.lanes.push_back(ir::LaneSource::of(*a.numbers, l));
        terms.push_back(reads);
      } else {
        terms.push_back(ir::Signal::constant(0.0f));
      }
      terms.insert(terms.end(), a.signals.begin(), a.signals.end());
      Value sum;
      bool first = true;
      for (size_t t = 0; t < terms.size(); ++t) {
        if (t == 1 && !a.numbers) {
          dropSelector(a.selectors[t]);
          continue;
        }
        Value term = objects.valueOf(terms[t], a.origin);
        Value product = objects.arithmetic("Mul", term, Value::object(a.selectors[t]), a.origin);
        sum = first ? product : objects.arithmetic("Add", sum, product, a.origin);
        first = false;
      }
      ir::Node& again = graph.node(a.node);
      again.inputs[a.input] = objects.signalFor(again, a.input, sum, a.origin);
      graph.updateShape(again);
    }
  }
  // The numbers of `a` through a SigTo (set()'s ramps): SigTo(value=numbers, time=rampTime, init=numbers' first).
  ir::NodeId ramped(const Assigned& a) {
    const ir::Node& numbers = graph.node(*a.numbers);
    ValueList init;
    for (int l = 0; l < numbers.lanes; ++l) init.push_back(Value::fromFloat(numbers.inputs[0].forLane(l).isConstant()
                                                                               ? numbers.inputs[0].forLane(l).value
                                                                               : 0.0));
    Value made = objects.make("SigTo", {Value::object(*a.numbers), Value::object(*a.rampTime),
                                        init.size() == 1 ? init[0] : Value::list(std::move(init))},
                              a.origin);
    return made.node;
  }

  // A selector no statement needs: its writes go (they are harmless, but keep the code short).
  void dropSelector(ir::NodeId selector) {
    graph.node(selector).stopped = true;  // computes nothing; dce removes it
    std::function<void(std::vector<Statement>&)> prune = [&](std::vector<Statement>& body) {
      body.erase(std::remove_if(body.begin(), body.end(),
                                [&](const Statement& s) {
                                  return s.kind == Statement::Kind::SetParam && s.node == selector;
                                }),
                 body.end());
      for (auto& s : body) {
        prune(s.then);
        prune(s.otherwise);
      }
    };
    for (auto& h : control.handlers) prune(h.body);
  }
};

HandlerCompiler::HandlerCompiler(ir::Graph& graph, PyoObjects& objects, Interpreter& interpreter,
                                 std::shared_ptr<Scope> globals,
                                 std::function<Value(const std::string&, const SourceRange&)> lookupName,
                                 std::set<std::string> runTimeGlobals)
    : impl_(std::make_unique<Impl>(graph, objects, interpreter, std::move(globals), std::move(runTimeGlobals))) {
  impl_->lookupName = std::move(lookupName);
}

HandlerCompiler::~HandlerCompiler() = default;

int HandlerCompiler::compile(const Value& function, const ValueList& arguments, const SourceRange& origin) {
  Impl& impl = *impl_;
  if (function.type == Value::Type::Builtin && function.self &&
      (function.builtin->name == "play" || function.builtin->name == "stop")) {
    // `CallAfter(amp.stop, ...)`: the method of one of the patch's objects.
    ir::Handler handler;
    handler.name = function.builtin->name;
    handler.origin = origin;
    impl.out = &handler.body;
    impl.playOrStop(*function.self, function.builtin->name == "play", origin);
    impl.control.handlers.push_back(std::move(handler));
    impl.out = nullptr;
    return static_cast<int>(impl.control.handlers.size()) - 1;
  }
  if (!(function.type == Value::Type::Function || (function.type == Value::Type::BoundMethod && function.function)))
    throw ElaborationError(origin, fmt::format("the function to call must be a function of the script, not {}",
                                               function.typeName()));
  ir::Handler handler;
  handler.name = function.function->name;
  handler.origin = origin;
  impl.out = &handler.body;
  std::vector<Staged> positional;
  for (const auto& a : arguments) positional.push_back(Staged::of(a));
  ast::Expr site(ast::Expr::Kind::Call, origin);
  impl.inlineCall(function, positional, {}, site);
  impl.endHandler();
  impl.control.handlers.push_back(std::move(handler));
  impl.out = nullptr;
  return static_cast<int>(impl.control.handlers.size()) - 1;
}

int HandlerCompiler::compile(const Value& function, const std::vector<int>& arguments, int guard,
                             std::vector<ir::Statement> after, const SourceRange& origin) {
  Impl& impl = *impl_;
  if (!(function.type == Value::Type::Function || (function.type == Value::Type::BoundMethod && function.function)))
    throw ElaborationError(origin, fmt::format("the function to call must be a function of the script, not {}",
                                               function.typeName()));
  ir::Handler handler;
  handler.name = function.function->name;
  handler.origin = origin;
  Statement when;
  when.kind = Statement::Kind::If;
  when.expression = guard;
  when.origin = origin;
  impl.out = guard >= 0 ? &when.then : &handler.body;
  if (guard >= 0) ++impl.runTimeBranches;
  std::vector<Staged> positional;
  for (int a : arguments) positional.push_back(Staged::number(a, ValueType::Int));
  ast::Expr site(ast::Expr::Kind::Call, origin);
  impl.inlineCall(function, positional, {}, site);
  if (guard >= 0) {
    --impl.runTimeBranches;
    handler.body.push_back(std::move(when));
  }
  for (auto& statement : after) handler.body.push_back(std::move(statement));
  impl.endHandler();
  impl.control.handlers.push_back(std::move(handler));
  impl.out = nullptr;
  return static_cast<int>(impl.control.handlers.size()) - 1;
}

void HandlerCompiler::finish() { impl_->finish(); }

}  // namespace patchc::elab
