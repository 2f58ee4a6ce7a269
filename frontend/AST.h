// The abstract syntax tree of a patch: the pyo-compatible Python subset of DESIGN §2.
// The parser builds it; the elaborator evaluates it. Every node carries the source range it came from, so
// that diagnostics and graph nodes can point back at the user's text.
#pragma once

#include "support/SourceLocation.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace patchc::ast {

struct Expr;
struct Stmt;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;
using ExprList = std::vector<ExprPtr>;
using StmtList = std::vector<StmtPtr>;

enum class BinaryOp { Add, Sub, Mul, Div, FloorDiv, Mod, Pow, And, Or };
enum class UnaryOp { Neg, Pos, Not };
enum class CompareOp { Lt, Le, Gt, Ge, Eq, Ne, In, NotIn, Is, IsNot };

const char* spelling(BinaryOp op);
const char* spelling(UnaryOp op);
const char* spelling(CompareOp op);

struct KeywordArg {
  std::string name;
  ExprPtr value;
  SourceRange range;  // of the name
};

// One `for target in iter [if cond]...` clause of a list comprehension.
struct ComprehensionClause {
  ExprPtr target;  // a Name or a Tuple of Names
  ExprPtr iter;
  ExprList conditions;
};

struct Expr {
  enum class Kind {
    Number,     // number (integer if isInteger)
    String,     // text
    Bool,       // boolValue
    None,
    Name,       // name
    Attribute,  // object.name
    Subscript,  // object[index]
    Call,       // callee(args..., keywords...)
    Binary,     // left binaryOp right
    Unary,      // unaryOp operand
    Compare,    // left (compareOps[i] comparands[i])...
    Conditional,// thenValue if condition else elseValue
    List,       // [elements...]
    Tuple,      // (elements...)
    Dict,       // {keys[i]: elements[i]...}
    ListComp,   // [element for ... in ... if ...]
    Lambda,     // lambda params: element
    Slice,      // object:index:element (each may be null), only as a Subscript's index
    Starred,    // *object, only as a Call's positional argument (argument unpacking)
  };

  Kind kind;
  SourceRange range;  // begins at the node's first token (a Call and a Binary begin at their left operand)
  // 1 + the depth of the deepest child. The parser rejects trees deeper than a fixed limit, so recursive walks
  // over expressions cannot exhaust the stack.
  int depth = 1;

  double number = 0.0;   // the value, also of an integer
  int64_t integer = 0;   // the exact value of an integer
  bool isInteger = false;
  bool boolValue = false;
  std::string text;  // String contents, Name, Attribute name

  ExprPtr object;     // Attribute/Subscript/Call callee; Binary/Compare left; Unary operand; Conditional condition
  ExprPtr index;      // Subscript index; Binary right; Conditional else-value
  ExprPtr element;    // ListComp element; Conditional then-value; Lambda body
  ExprList elements;  // List/Tuple/Dict values; Call positional arguments; Compare comparands
  ExprList keys;      // Dict keys
  std::vector<KeywordArg> keywords;  // Call keyword arguments
  std::vector<ComprehensionClause> clauses;
  std::vector<std::string> params;   // Lambda parameters

  BinaryOp binaryOp = BinaryOp::Add;
  UnaryOp unaryOp = UnaryOp::Neg;
  std::vector<CompareOp> compareOps;

  Expr(Kind k, SourceRange r) : kind(k), range(r) {}
};

struct Parameter {
  std::string name;
  ExprPtr defaultValue;  // may be null
  SourceRange range;
};

struct ImportName {
  std::string name;   // dotted module or imported name
  std::string alias;  // `as` name, empty when absent
};

struct Stmt {
  enum class Kind {
    Expression,  // value
    Assign,      // targets = ... = value  (a target is a Name, Attribute, Subscript, or Tuple/List of them)
    AugAssign,   // targets[0] binaryOp= value
    If,          // if condition: body  else: orelse (elif is a nested If in orelse)
    For,         // for target in iter: body
    While,       // while condition: body
    Def,         // def name(params): body
    Class,       // class name(bases): body
    Return,      // return value (may be null)
    Pass,
    Break,
    Continue,
    Import,      // import names...
    FromImport,  // from module import names...  (`*` is the name "*")
    Global,      // global names
    Try,         // try: body  handlers (Except statements)  else: orelse  finally: finalbody
    Except,      // except value (null: bare) as name: body — only in a Try's handlers
  };

  Kind kind;
  SourceRange range;

  ExprList targets;
  ExprPtr value;      // Expression/Assign/AugAssign/Return value; If/While condition; For iter
  ExprPtr target;     // For target
  BinaryOp binaryOp = BinaryOp::Add;
  StmtList body;
  StmtList orelse;
  StmtList handlers;   // Try: its except clauses, in order
  StmtList finalbody;  // Try: its finally clause
  std::string name;  // Def/Class name; FromImport module; Except's `as` name
  std::vector<Parameter> params;
  ExprList bases;
  std::vector<ImportName> imports;
  std::vector<std::string> globals;

  Stmt(Kind k, SourceRange r) : kind(k), range(r) {}
};

struct Module {
  std::string fileName;
  StmtList body;
};

// Prints the tree as an indented S-expression-like listing (`patchc emit --stage=ast`).
std::string print(const Module& module);

}  // namespace patchc::ast
