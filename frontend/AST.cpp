#include "frontend/AST.h"

#include <charconv>
#include <cstdio>

namespace patchc::ast {

const char* spelling(BinaryOp op) {
  switch (op) {
    case BinaryOp::Add: return "+";
    case BinaryOp::Sub: return "-";
    case BinaryOp::Mul: return "*";
    case BinaryOp::Div: return "/";
    case BinaryOp::FloorDiv: return "//";
    case BinaryOp::Mod: return "%";
    case BinaryOp::Pow: return "**";
    case BinaryOp::And: return "and";
    case BinaryOp::Or: return "or";
  }
  return "?";
}

const char* spelling(UnaryOp op) {
  switch (op) {
    case UnaryOp::Neg: return "-";
    case UnaryOp::Pos: return "+";
    case UnaryOp::Not: return "not";
  }
  return "?";
}

const char* spelling(CompareOp op) {
  switch (op) {
    case CompareOp::Lt: return "<";
    case CompareOp::Le: return "<=";
    case CompareOp::Gt: return ">";
    case CompareOp::Ge: return ">=";
    case CompareOp::Eq: return "==";
    case CompareOp::Ne: return "!=";
    case CompareOp::In: return "in";
    case CompareOp::NotIn: return "not in";
    case CompareOp::Is: return "is";
    case CompareOp::IsNot: return "is not";
  }
  return "?";
}

namespace {

// The shortest text that reads back as the same double; floats keep a ".0" so they differ from integers, as in
// Python's repr (5.0, 0.25, 1e-24).
std::string formatNumber(double value, bool isInteger) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, error == std::errc() ? end : buffer);
  if (!isInteger && text.find_first_of(".eEn") == std::string::npos) text += ".0";  // 'n': inf and nan
  return text;
}

std::string quote(const std::string& text) {
  std::string quoted = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': quoted += "\\\""; break;
      case '\\': quoted += "\\\\"; break;
      case '\n': quoted += "\\n"; break;
      case '\t': quoted += "\\t"; break;
      case '\r': quoted += "\\r"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          char escape[8];
          std::snprintf(escape, sizeof escape, "\\x%02x", c);
          quoted += escape;
        } else {
          quoted += static_cast<char>(c);
        }
    }
  }
  return quoted + "\"";
}

std::string position(const SourceRange& range) {
  return std::to_string(range.begin.line) + ":" + std::to_string(range.begin.column);
}

std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

std::string joined(const std::vector<ImportName>& imports) {
  std::string text;
  for (const ImportName& import : imports) {
    text += (text.empty() ? "" : ", ") + import.name;
    if (!import.alias.empty()) text += " as " + import.alias;
  }
  return text;
}

// One node per line, children indented by two spaces. Composite nodes show `line:col`; leaves (names, literals)
// show only their value, which keeps FileCheck lines short. Labels (`body`, `else`, `keyword k`, `for`, `if`,
// `entry`, `param p`) introduce the children that are not obvious from their position.
class Printer {
 public:
  std::string take() { return std::move(out_); }

  void module(const Module& module) {
    line(0, "Module " + module.fileName);
    statements(1, module.body);
  }

 private:
  void line(int indent, const std::string& text) {
    out_.append(static_cast<size_t>(indent) * 2, ' ');
    out_ += text;
    out_ += '\n';
  }

  void statements(int indent, const StmtList& body) {
    for (const StmtPtr& stmt : body) statement(indent, *stmt);
  }

  void block(int indent, const char* label, const StmtList& body) {
    line(indent, label);
    statements(indent + 1, body);
  }

  void statement(int indent, const Stmt& stmt) {
    const std::string at = " " + position(stmt.range);
    const int child = indent + 1;
    using K = Stmt::Kind;
    switch (stmt.kind) {
      case K::Expression:
        line(indent, "Expression" + at);
        expression(child, stmt.value.get());
        break;
      case K::Assign:
        line(indent, "Assign" + at);  // the targets, then the value
        for (const ExprPtr& target : stmt.targets) expression(child, target.get());
        expression(child, stmt.value.get());
        break;
      case K::AugAssign:
        line(indent, "AugAssign" + at + " " + spelling(stmt.binaryOp) + "=");
        for (const ExprPtr& target : stmt.targets) expression(child, target.get());
        expression(child, stmt.value.get());
        break;
      case K::If:
        line(indent, "If" + at);
        expression(child, stmt.value.get());
        block(child, "body", stmt.body);
        if (!stmt.orelse.empty()) block(child, "else", stmt.orelse);
        break;
      case K::For:
        line(indent, "For" + at);
        expression(child, stmt.target.get());
        expression(child, stmt.value.get());
        block(child, "body", stmt.body);
        break;
      case K::While:
        line(indent, "While" + at);
        expression(child, stmt.value.get());
        block(child, "body", stmt.body);
        break;
      case K::Def:
        line(indent, "Def" + at + " " + stmt.name);
        for (const Parameter& parameter : stmt.params) {
          line(child, "param " + parameter.name);
          if (parameter.defaultValue) expression(child + 1, parameter.defaultValue.get());
        }
        block(child, "body", stmt.body);
        break;
      case K::Class:
        line(indent, "Class" + at + " " + stmt.name);
        for (const ExprPtr& base : stmt.bases) expression(child, base.get());
        block(child, "body", stmt.body);
        break;
      case K::Return:
        line(indent, "Return" + at);
        if (stmt.value) expression(child, stmt.value.get());
        break;
      case K::Pass: line(indent, "Pass" + at); break;
      case K::Break: line(indent, "Break" + at); break;
      case K::Continue: line(indent, "Continue" + at); break;
      case K::Import: line(indent, "Import" + at + " " + joined(stmt.imports)); break;
      case K::FromImport: line(indent, "FromImport" + at + " " + stmt.name + " import " + joined(stmt.imports)); break;
      case K::Global: line(indent, "Global" + at + " " + joined(stmt.globals)); break;
      case K::Try:
        line(indent, "Try" + at);
        block(child, "body", stmt.body);
        for (const StmtPtr& handler : stmt.handlers) statement(child, *handler);
        if (!stmt.orelse.empty()) block(child, "else", stmt.orelse);
        if (!stmt.finalbody.empty()) block(child, "finally", stmt.finalbody);
        break;
      case K::Except:
        line(indent, "Except" + at + (stmt.name.empty() ? "" : " as " + stmt.name));
        if (stmt.value) expression(child, stmt.value.get());
        block(child, "body", stmt.body);
        break;
    }
  }

  void expression(int indent, const Expr* expr) {
    if (expr == nullptr) {
      line(indent, "<null>");
      return;
    }
    const Expr& e = *expr;
    const std::string at = " " + position(e.range);
    const int child = indent + 1;
    using K = Expr::Kind;
    switch (e.kind) {
      case K::Number:
        line(indent, "Number " + (e.isInteger ? std::to_string(e.integer) : formatNumber(e.number, false)));
        break;
      case K::String: line(indent, "String " + quote(e.text)); break;
      case K::Bool: line(indent, e.boolValue ? "Bool True" : "Bool False"); break;
      case K::None: line(indent, "None"); break;
      case K::Name: line(indent, "Name " + e.text); break;
      case K::Attribute:
        line(indent, "Attribute" + at + " " + e.text);
        expression(child, e.object.get());
        break;
      case K::Subscript:
        line(indent, "Subscript" + at);
        expression(child, e.object.get());
        expression(child, e.index.get());
        break;
      case K::Call:
        line(indent, "Call" + at);
        expression(child, e.object.get());
        for (const ExprPtr& argument : e.elements) expression(child, argument.get());
        for (const KeywordArg& keyword : e.keywords) {
          line(child, "keyword " + keyword.name);
          expression(child + 1, keyword.value.get());
        }
        break;
      case K::Binary:
        line(indent, "Binary" + at + " " + spelling(e.binaryOp));
        expression(child, e.object.get());
        expression(child, e.index.get());
        break;
      case K::Unary:
        line(indent, "Unary" + at + " " + spelling(e.unaryOp));
        expression(child, e.object.get());
        break;
      case K::Compare: {
        std::vector<std::string> ops;
        for (CompareOp op : e.compareOps) ops.push_back(spelling(op));
        line(indent, "Compare" + at + " " + joined(ops));
        expression(child, e.object.get());
        for (const ExprPtr& comparand : e.elements) expression(child, comparand.get());
        break;
      }
      case K::Conditional:
        line(indent, "Conditional" + at);  // condition, then-value, else-value
        expression(child, e.object.get());
        expression(child, e.element.get());
        expression(child, e.index.get());
        break;
      case K::List:
      case K::Tuple:
        line(indent, (e.kind == K::List ? "List" : "Tuple") + at);
        for (const ExprPtr& element : e.elements) expression(child, element.get());
        break;
      case K::Dict:
        line(indent, "Dict" + at);
        for (size_t i = 0; i < e.keys.size() && i < e.elements.size(); ++i) {
          line(child, "entry");
          expression(child + 1, e.keys[i].get());
          expression(child + 1, e.elements[i].get());
        }
        break;
      case K::ListComp:
        line(indent, "ListComp" + at);
        expression(child, e.element.get());
        for (const ComprehensionClause& clause : e.clauses) {
          line(child, "for");  // target, iterable, then each condition under `if`
          expression(child + 1, clause.target.get());
          expression(child + 1, clause.iter.get());
          for (const ExprPtr& condition : clause.conditions) {
            line(child + 1, "if");
            expression(child + 2, condition.get());
          }
        }
        break;
      case K::Lambda:
        line(indent, "Lambda" + at + " (" + joined(e.params) + ")");
        expression(child, e.element.get());
        break;
      case K::Starred:
        line(indent, "Starred" + at);
        expression(child, e.object.get());
        break;
      case K::Slice:
        line(indent, "Slice" + at);  // start, stop, step; an absent one prints as "-"
        for (const Expr* bound : {e.object.get(), e.index.get(), e.element.get()}) {
          if (bound) expression(child, bound);
          else line(child, "-");
        }
        break;
    }
  }

  std::string out_;
};

}  // namespace

std::string print(const Module& module) {
  Printer printer;
  printer.module(module);
  return printer.take();
}

}  // namespace patchc::ast
