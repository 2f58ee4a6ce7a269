#include "elab/Formatting.h"

#include "elab/ElaborationError.h"
#include "elab/Numbers.h"

#include <fmt/format.h>

#include <cmath>
#include <cstdio>
#include <set>

namespace patchc::elab {
namespace {

// Python raises RecursionError past its recursion limit when a nested list is printed; so does patchc, before the
// compiler's own stack is at risk.
constexpr int kMaxDepth = 1000;

std::string quoted(const std::string& text) {
  // Python's choice: single quotes, double quotes when the text has a single quote and no double quote.
  char quote = text.find('\'') != std::string::npos && text.find('"') == std::string::npos ? '"' : '\'';
  std::string out(1, quote);
  for (unsigned char c : text) {
    if (c == '\\') out += "\\\\";
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c == static_cast<unsigned char>(quote)) out += std::string("\\") + quote;
    else if (c < 0x20 || c == 0x7f) out += fmt::format("\\x{:02x}", c);
    else out += static_cast<char>(c);
  }
  return out + quote;
}

class Writer {
 public:
  Writer(const PyoObjects& objects, const SourceRange& range) : objects_(objects), range_(range) {}

  std::string repr(const Value& v, int depth = 0) {
    if (depth > kMaxDepth)
      throw ElaborationError(range_, "RecursionError: maximum recursion depth exceeded while getting the repr of "
                                     "an object");
    switch (v.type) {
      case Value::Type::None: return "None";
      case Value::Type::Bool: return v.boolean ? "True" : "False";
      case Value::Type::Int: return std::to_string(v.integer);
      case Value::Type::Float: return floatRepr(v.real);
      case Value::Type::String: return quoted(v.text);
      case Value::Type::List:
      case Value::Type::Tuple:
      case Value::Type::Dict: {
        bool list = v.type == Value::Type::List, tuple = v.type == Value::Type::Tuple;
        // A list that holds itself prints as [...], as in Python.
        if (!open_.insert(v.items.get()).second) return list ? "[...]" : tuple ? "(...)" : "{...}";
        std::string out = list ? "[" : tuple ? "(" : "{";
        for (size_t i = 0; i < v.items->size(); ++i) {
          if (i) out += ", ";
          if (v.type == Value::Type::Dict) out += repr((*v.keys)[i], depth + 1) + ": ";
          out += repr((*v.items)[i], depth + 1);
        }
        if (tuple && v.items->size() == 1) out += ",";
        open_.erase(v.items.get());
        return out + (list ? "]" : tuple ? ")" : "}");
      }
      case Value::Type::Function: return fmt::format("<function {}>", v.function->name);
      case Value::Type::Builtin: return fmt::format("<built-in function {}>", v.builtin->name);
      case Value::Type::Module: return fmt::format("<module '{}'>", v.text);
      case Value::Type::Object: return objects_.repr(v);
      case Value::Type::Class: return fmt::format("<class '__main__.{}'>", v.cls->name);
      case Value::Type::Instance:
        if (v.instance->cls->inert) return fmt::format("< Instance of {} class >", v.instance->cls->name);
        return fmt::format("<__main__.{} object>", v.instance->cls->name);
      case Value::Type::BoundMethod:
        return fmt::format("<bound method {}>", v.function ? v.function->name : v.builtin->name);
      case Value::Type::Server: return "<pyo.lib.server.Server object>";
      case Value::Type::Table: return fmt::format("< Instance of {} class >", v.text);
      case Value::Type::Timer: return fmt::format("< Instance of {} class >", objects_.timerClass(v));
    }
    return "?";
  }

 private:
  const PyoObjects& objects_;
  SourceRange range_;
  std::set<const void*> open_;
};

// The integer a %d, %x, %o or %c conversion takes: Python's int() of a number (%d of 7.9 is 7); %x, %o and %c
// refuse floats, as Python 3 does.
int64_t integerFor(const Value& v, char type, const SourceRange& range) {
  if (v.type == Value::Type::Int || v.type == Value::Type::Bool) return integerOf(v);
  if (v.type == Value::Type::Float && (type == 'd' || type == 'i' || type == 'u'))
    return floatToInteger(v.real, range);
  throw ElaborationError(range, fmt::format("TypeError: %{} format: {} is required, not {}", type,
                                            type == 'd' || type == 'i' || type == 'u' ? "a real number"
                                                                                       : "an integer",
                                            v.typeName()));
}

}  // namespace

std::string repr(const Value& value, const PyoObjects& objects, const SourceRange& range) {
  return Writer(objects, range).repr(value);
}

std::string str(const Value& value, const PyoObjects& objects, const SourceRange& range) {
  if (value.type == Value::Type::String) return value.text;
  return repr(value, objects, range);
}

std::string percentFormat(const std::string& format, const Value& values, const PyoObjects& objects,
                          const SourceRange& range) {
  ValueList args = values.type == Value::Type::Tuple ? *values.items : ValueList{values};
  size_t next = 0;
  std::string out;
  auto take = [&]() -> const Value& {
    if (next >= args.size()) throw ElaborationError(range, "TypeError: not enough arguments for format string");
    return args[next++];
  };
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out += format[i];
      continue;
    }
    if (++i >= format.size()) throw ElaborationError(range, "ValueError: incomplete format");
    if (format[i] == '(')
      throw ElaborationError(range, "%(name) formatting with a dict is not supported in a patch");
    std::string flags;
    while (i < format.size() && std::string("-+ 0#").find(format[i]) != std::string::npos) flags += format[i++];
    std::string width, precision;
    if (i < format.size() && format[i] == '*') throw ElaborationError(range, "'*' widths are not supported in a patch");
    while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) width += format[i++];
    bool hasPrecision = false;
    if (i < format.size() && format[i] == '.') {
      hasPrecision = true;
      ++i;
      while (i < format.size() && std::isdigit(static_cast<unsigned char>(format[i]))) precision += format[i++];
    }
    while (i < format.size() && (format[i] == 'l' || format[i] == 'h' || format[i] == 'L')) ++i;  // ignored, as Python
    if (i >= format.size()) throw ElaborationError(range, "ValueError: incomplete format");
    // Python bounds width and precision by the size of a C int; far smaller here keeps the text small.
    if (width.size() > 4 || precision.size() > 3)
      throw ElaborationError(range, "a width or precision this large is not supported in a patch");
    const char type = format[i];
    const std::string spec = "%" + flags + width + (hasPrecision ? "." + (precision.empty() ? "0" : precision) : "");
    char buffer[10240];
    switch (type) {
      case '%': out += '%'; break;
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
        int64_t n = integerFor(take(), type, range);
        const char conversion = type == 'i' || type == 'u' ? 'd' : type;
        std::snprintf(buffer, sizeof buffer, (spec + "ll" + conversion).c_str(), static_cast<long long>(n));
        out += buffer;
        break;
      }
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
        const Value& v = take();
        if (!v.isNumber())
          throw ElaborationError(range, fmt::format("TypeError: must be real number, not {}", v.typeName()));
        std::snprintf(buffer, sizeof buffer, (spec + type).c_str(), v.toNumber());
        out += buffer;
        break;
      }
      case 's': case 'r': case 'c': {
        const Value& v = take();
        std::string text;
        if (type == 'c') {
          if (v.type == Value::Type::String && v.text.size() == 1) text = v.text;
          else text = std::string(1, static_cast<char>(integerFor(v, 'c', range)));
        } else {
          text = type == 's' ? str(v, objects, range) : repr(v, objects, range);
        }
        if (hasPrecision) text = text.substr(0, static_cast<size_t>(std::stoi(precision.empty() ? "0" : precision)));
        size_t w = width.empty() ? 0 : static_cast<size_t>(std::stoi(width));
        if (text.size() < w) {
          if (flags.find('-') != std::string::npos) text += std::string(w - text.size(), ' ');
          else text = std::string(w - text.size(), ' ') + text;
        }
        out += text;
        break;
      }
      default:
        throw ElaborationError(range, fmt::format("ValueError: unsupported format character '{}'", type));
    }
  }
  if (next < args.size())
    throw ElaborationError(range, "TypeError: not all arguments converted during string formatting");
  return out;
}

}  // namespace patchc::elab
