#include "ir/ControlPrinter.h"

#include <fmt/format.h>

#include <sstream>

namespace patchc::ir {

const char* spelling(ValueType type) {
  switch (type) {
    case ValueType::Int: return "int";
    case ValueType::Float: return "float";
    case ValueType::Bool: return "bool";
  }
  return "?";
}

namespace {

using Op = Expression::Op;

struct ControlPrinter {
  const Graph& graph;
  const Control& control;
  const std::function<std::string(NodeId)>& nodeName;
  std::ostringstream out;

  std::string number(double v, ValueType type) {
    if (type == ValueType::Bool) return v != 0 ? "True" : "False";
    if (type == ValueType::Int) return fmt::format("{}", static_cast<int64_t>(v));
    std::string s = fmt::format("{}", v);  // shortest round-trip form, as Python's repr
    if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
    return s;
  }

  std::string variable(int index) {
    const Variable& v = control.variables[static_cast<size_t>(index)];
    return v.global ? "global " + v.name : fmt::format("{}#{}", v.name, index);
  }

  std::string expr(int index) {
    const Expression& e = control.expression(index);
    auto binary = [&](const char* op) { return fmt::format("({} {} {})", expr(e.a), op, expr(e.b)); };
    switch (e.op) {
      case Op::Constant: return number(e.number, e.type);
      case Op::Variable: return variable(e.index);
      case Op::ParamValue: return fmt::format("%{}[{}]", nodeName(e.node), e.lane);
      case Op::LastSample: return fmt::format("get(%{}[{}])", nodeName(e.node), e.lane);
      case Op::Sample: return fmt::format("sample(%{}[{}])", nodeName(e.node), e.lane);
      case Op::Add: return binary("+");
      case Op::Subtract: return binary("-");
      case Op::Multiply: return binary("*");
      case Op::Divide: return binary("/");
      case Op::FloorDivide: return binary("//");
      case Op::Modulo: return binary("%");
      case Op::Power: return binary("**");
      case Op::Negate: return "-" + expr(e.a);
      case Op::Not: return "not " + expr(e.a);
      case Op::Less: return binary("<");
      case Op::LessEqual: return binary("<=");
      case Op::Greater: return binary(">");
      case Op::GreaterEqual: return binary(">=");
      case Op::Equal: return binary("==");
      case Op::NotEqual: return binary("!=");
      case Op::And: return binary("and");
      case Op::Or: return binary("or");
      case Op::Select: return fmt::format("({} if {} else {})", expr(e.b), expr(e.a), expr(e.c));
      case Op::ToFloat: return fmt::format("float({})", expr(e.a));
      case Op::ToInt: return fmt::format("int({})", expr(e.a));
      case Op::ToBool: return fmt::format("bool({})", expr(e.a));
      case Op::Call: {
        std::string args;
        for (int a : e.arguments) args += (args.empty() ? "" : ", ") + expr(a);
        return fmt::format("{}({})", e.function, args);
      }
      case Op::Random: return "random()";
      case Op::RandomBelow: return fmt::format("randbelow({})", expr(e.a));
      case Op::TableSize: return fmt::format("size(table{})", e.index);
      case Op::Element: {
        std::string items;
        for (double v : e.constants) items += (items.empty() ? "" : ", ") + number(v, e.type);
        return fmt::format("[{}][{}]", items, expr(e.a));
      }
    }
    return "?";
  }

  void statements(const std::vector<Statement>& body, int depth) {
    const std::string indent(static_cast<size_t>(2 * depth), ' ');
    if (body.empty()) out << indent << "pass\n";
    for (const auto& s : body) {
      switch (s.kind) {
        case Statement::Kind::SetVariable:
          out << indent << variable(s.index) << " = " << expr(s.expression) << '\n';
          break;
        case Statement::Kind::SetParam:
          out << indent << fmt::format("param %{}[{}] = {}\n", nodeName(s.node), s.lane, expr(s.expression));
          break;
        case Statement::Kind::SetArray: {
          std::string items;
          for (size_t i = 0; i < s.arguments.size(); ++i) items += (i ? ", " : "") + expr(s.arguments[i]);
          out << indent << fmt::format("array %{}.in{} = [{}]\n", nodeName(s.node), s.index, items);
          break;
        }
        case Statement::Kind::RefillTable: {
          const TableRefill& refill = control.refills[static_cast<size_t>(s.index)];
          std::string items;
          for (size_t i = 0; i < s.arguments.size(); ++i) items += (i ? ", " : "") + expr(s.arguments[i]);
          out << indent << fmt::format("refill table{} {}[{}{}] = [{}]\n", refill.table, refill.kind, s.lane,
                                       s.endsList ? ":" : "", items);
          break;
        }
        case Statement::Kind::EditSound: {
          const SoundSource& source = control.soundSources[static_cast<size_t>(s.index)];
          static const char* const edits[] = {"set", "insert", "append"};
          std::string items;
          for (size_t i = 0; i < s.arguments.size(); ++i) items += (i ? ", " : "") + expr(s.arguments[i]);
          out << indent << fmt::format("sound table{} {} '{}' [{}]\n", source.table,
                                       s.lane >= 0 && s.lane < 3 ? edits[s.lane] : "?", source.path, items);
          break;
        }
        case Statement::Kind::MidiOut: {
          // midi note-on(pitch, velocity, channel=c, after=ms[, off=ms]).
          static const char* const kinds[] = {"note-off", "note-on", "poly-pressure", "control",
                                              "program", "pressure", "bend"};
          const int k = (s.index >> 4) - 8;
          static const char* const names[] = {"channel", "after", "off"};
          std::string items;
          for (size_t i = 0; i < s.arguments.size(); ++i)
            items += (i ? ", " : "") + (i >= 2 ? std::string(names[i - 2]) + "=" : std::string()) + expr(s.arguments[i]);
          out << indent << fmt::format("midi {}({})\n", k >= 0 && k < 7 ? kinds[k] : "?", items);
          break;
        }
        case Statement::Kind::MidiIn:
          out << indent << fmt::format("midi in({}, {}, {})\n", expr(s.arguments[0]), expr(s.arguments[1]),
                                       expr(s.arguments[2]));
          break;
        case Statement::Kind::Play: out << indent << "play %" << nodeName(s.node) << '\n'; break;
        case Statement::Kind::Stop: out << indent << "stop %" << nodeName(s.node) << '\n'; break;
        case Statement::Kind::SetPeriod:
          out << indent << fmt::format("time {} = {}\n", timerName(s.index), expr(s.expression));
          break;
        case Statement::Kind::StartTimer: out << indent << "start " << timerName(s.index) << '\n'; break;
        case Statement::Kind::StopTimer: out << indent << "stop " << timerName(s.index) << '\n'; break;
        case Statement::Kind::Report: {
          const Message& m = control.messages[static_cast<size_t>(s.index)];
          std::string text = fmt::format("{:?}", m.pieces[0]);
          for (size_t i = 0; i < s.arguments.size(); ++i)
            text += fmt::format(" {}{} {:?}", m.formats[i] == Message::Format::Fixed ? "%f " : "", expr(s.arguments[i]),
                                m.pieces[i + 1]);
          out << indent << "report " << text << '\n';
          break;
        }
        case Statement::Kind::If:
          out << indent << "if " << expr(s.expression) << ":\n";
          statements(s.then, depth + 1);
          if (!s.otherwise.empty()) {
            out << indent << "else:\n";
            statements(s.otherwise, depth + 1);
          }
          break;
      }
    }
  }

  std::string timerName(int index) { return fmt::format("{}{}", control.timers[static_cast<size_t>(index)].name, index); }
};

}  // namespace

std::string printControl(const Graph& graph, const std::function<std::string(NodeId)>& nodeName) {
  const Control& control = graph.control;
  if (control.empty()) return "";
  ControlPrinter p{graph, control, nodeName, {}};
  auto handlerName = [&](int h) { return control.handlers[static_cast<size_t>(h)].name; };
  for (size_t t = 0; t < control.timers.size(); ++t) {
    const Timer& timer = control.timers[t];
    const std::string name = p.timerName(static_cast<int>(t));
    const char* playing = timer.playing ? ", playing" : "";
    if (!timer.watching()) {
      p.out << fmt::format("timer {} = {}({}) {} {} s{}{}\n", name, timer.name, handlerName(timer.handler),
                           timer.kind == Timer::Kind::Periodic ? "every" : "after", timer.period,
                           timer.delayed ? " from one period on" : "", playing);
      continue;
    }
    const char* test = timer.kind == Timer::Kind::OnTrigger ? "== 1" : timer.kind == Timer::Kind::OnNewInteger ? "new int"
                       : timer.kind == Timer::Kind::OnNonZero    ? "!= 0"
                                                                 : "new value";
    for (const auto& w : timer.watches) {
      p.out << fmt::format("timer {} = {} on %{}[{}] {}:", name, timer.name, nodeName(w.node), w.lane, test);
      if (w.handler >= 0) p.out << ' ' << handlerName(w.handler);
      for (const auto& [value, h] : w.cases) p.out << fmt::format(" {} {}", value, handlerName(h));
      p.out << playing << '\n';
    }
  }
  for (const auto& h : control.handlers) {
    p.out << "handler " << h.name << ":";
    if (h.origin.known()) p.out << fmt::format("  ; {}:{}:{}", h.origin.file->name(), h.origin.begin.line, h.origin.begin.column);
    p.out << '\n';
    p.statements(h.body, 1);
  }
  if (!control.random.empty()) p.out << "random: continues the script's generator\n";
  return p.out.str();
}

}  // namespace patchc::ir
