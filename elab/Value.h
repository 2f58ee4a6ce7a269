// Values of the elaborator: what a patch's Python computes at compile time. Numbers, strings, lists and
// functions behave as in Python; a PyoObject value is a handle on a graph node (DESIGN §2: elaboration is
// compile-time evaluation; object constructors produce graph nodes).
#pragma once

#include "frontend/AST.h"
#include "ir/Graph.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace patchc::elab {

struct Value;
struct Scope;
struct ClassData;
using ValueList = std::vector<Value>;

struct FunctionData {
  std::string name;
  const std::vector<ast::Parameter>* params = nullptr;
  const ast::StmtList* body = nullptr;  // def
  const ast::Expr* lambdaBody = nullptr; // lambda
  std::vector<std::string> lambdaParams;
  std::shared_ptr<Scope> closure;
  std::shared_ptr<ValueList> defaultValues;  // evaluated at def time, one per parameter
  std::vector<bool> hasDefault;
  // The class whose body defined it (a method), for super() without arguments. Weak: the class holds the
  // function.
  std::weak_ptr<ClassData> ownerClass;
};

struct CallArguments;
struct BuiltinData {
  std::string name;
  std::function<Value(CallArguments&)> call;
  // A method of a class written in C++ that the script may derive from (multiprocessing.Process): got through an
  // instance, it is called with the instance as its first argument, as a `def` method is.
  bool method = false;
};

struct TableData;  // elab/Tables.h

struct InstanceData {
  std::shared_ptr<ClassData> cls;
  std::map<std::string, Value> attributes;
};

struct Value {
  enum class Type {
    None, Bool, Int, Float, String, List, Tuple, Dict, Function, Builtin, Module, Object, Class, Instance,
    BoundMethod, Server, Table,
    Timer,  // a Pattern or CallAfter (integer: its index in the graph's control)
  };
  Type type = Type::None;
  bool boolean = false;
  int64_t integer = 0;
  double real = 0.0;
  std::string text;                             // String; Module name; Table kind ("HarmTable")
  std::shared_ptr<ValueList> items;             // List, Tuple; Dict values
  std::shared_ptr<ValueList> keys;              // Dict keys
  std::shared_ptr<FunctionData> function;
  std::shared_ptr<BuiltinData> builtin;         // Builtin; BoundMethod of an object, server or module
  std::shared_ptr<ClassData> cls;
  std::shared_ptr<InstanceData> instance;
  std::shared_ptr<Value> self;                  // BoundMethod receiver (function bound to an instance)
  ir::NodeId node = 0;                          // Object
  int lane = -1;  // Object: one stream of the node (pyo's obj[i], a "_base" object), or -1 for all of them
  std::shared_ptr<TableData> table;             // Table: shared, as a Python object is

  static Value none() { return {}; }
  static Value fromBool(bool b) { Value v; v.type = Type::Bool; v.boolean = b; return v; }
  static Value fromInt(int64_t i) { Value v; v.type = Type::Int; v.integer = i; return v; }
  static Value fromFloat(double d) { Value v; v.type = Type::Float; v.real = d; return v; }
  static Value fromString(std::string s) { Value v; v.type = Type::String; v.text = std::move(s); return v; }
  static Value list(ValueList items = {}) {
    Value v; v.type = Type::List; v.items = std::make_shared<ValueList>(std::move(items)); return v;
  }
  static Value tuple(ValueList items = {}) {
    Value v; v.type = Type::Tuple; v.items = std::make_shared<ValueList>(std::move(items)); return v;
  }
  static Value object(ir::NodeId id) { Value v; v.type = Type::Object; v.node = id; return v; }
  static Value stream(ir::NodeId id, int lane) { Value v = object(id); v.lane = lane; return v; }
  bool isStream() const { return type == Type::Object && lane >= 0; }
  static Value makeBuiltin(std::string name, std::function<Value(CallArguments&)> fn) {
    Value v; v.type = Type::Builtin;
    v.builtin = std::make_shared<BuiltinData>(BuiltinData{std::move(name), std::move(fn)});
    return v;
  }

  bool isNumber() const { return type == Type::Int || type == Type::Float || type == Type::Bool; }
  bool isSequence() const { return type == Type::List || type == Type::Tuple; }
  double toNumber() const { return type == Type::Int ? double(integer) : type == Type::Bool ? double(boolean) : real; }
  // Python's name for the type, for messages: "int", "str", "list", "PyoObject", ...
  std::string typeName() const;
};

struct ClassData {
  std::string name;
  // pyo's display and controller objects (Scope, Spectrum, SLMap): made, kept, and every method a no-op in a
  // patch that renders.
  bool inert = false;
  std::map<std::string, Value> attributes;  // methods and class variables, the bases' ones included
  std::vector<std::shared_ptr<ClassData>> bases;  // as written, for super() and isinstance()
};

// Arguments of a call as evaluated, with where each came from for diagnostics.
struct CallArguments {
  struct Keyword {
    std::string name;
    Value value;
    SourceRange nameRange;
    SourceRange valueRange;
  };
  ValueList positional;
  std::vector<SourceRange> positionalRanges;
  std::vector<Keyword> keywords;
  SourceRange callRange;
  std::string calleeName;  // for messages: "Sine", "random.uniform"
};

// A name scope: a function's locals, a module's globals, with a link to the enclosing scope for closures.
struct Scope : std::enable_shared_from_this<Scope> {
  std::map<std::string, Value> names;
  std::shared_ptr<Scope> parent;
  bool isGlobal = false;
  bool captured = false;  // a function or class keeps it: the elaborator empties it at the end (reference cycles)
  std::vector<std::string> globalNames;  // names declared `global` in this function

  Value* lookup(const std::string& name);
};

}  // namespace patchc::elab
