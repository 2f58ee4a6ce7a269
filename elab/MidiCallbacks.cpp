// pyo's MIDI scanners, CtlScan(function, toprint=True), CtlScan2(function, toprint=True) and RawMidi(function):
// objects that call a function of the script with each MIDI message's numbers. A MidiScan node
// (stdlib/kernels/MidiScan.h) puts each message on its sample as one number; an OnNonZero timer watches it and runs
// a handler that decodes the number, calls the function and prints the message as pyo's CtlScan does when `toprint` (as
// pyo: CtlScan only when the controller number changes, CtlScan2 when the number or the channel does, RawMidi on
// every message).
#include "elab/Callbacks.h"

#include "stdlib/kernels/MidiScan.h"

#include <fmt/format.h>

namespace patchc::elab {

using ir::Expression;
using Op = ir::Expression::Op;

Value Callbacks::makeMidiScan(int mode, CallArguments& args) {
  const char* name = mode == kernel::midiscan::kControllers             ? "CtlScan"
                     : mode == kernel::midiscan::kControllersAndChannels ? "CtlScan2"
                                                                        : "RawMidi";
  std::vector<std::string> names{"function"};
  if (mode != kernel::midiscan::kEveryMessage) names.push_back("toprint");
  if (args.positional.size() > names.size())
    throw ElaborationError(args.callRange, fmt::format("{}() takes at most {} arguments", name, names.size()));
  std::optional<Value> function, toprint;
  if (!args.positional.empty()) function = args.positional[0];
  if (args.positional.size() > 1) toprint = args.positional[1];
  for (auto& k : args.keywords) {
    std::optional<Value>* slot = k.name == "function" ? &function : k.name == "toprint" && names.size() > 1 ? &toprint : nullptr;
    if (!slot)
      throw ElaborationError(k.nameRange, withSuggestion(fmt::format("{}() got an unexpected keyword argument '{}'",
                                                                     name, k.name),
                                                         k.name, names));
    if (*slot) throw ElaborationError(k.nameRange, fmt::format("{}() got multiple values for '{}'", name, k.name));
    *slot = k.value;
  }
  if (!function) throw ElaborationError(args.callRange, fmt::format("{}() missing required argument: 'function'", name));
  Value scan = objects_.make("MidiScan", {}, args.callRange);
  ir::Node& node = graph_.node(scan.node);
  node.inputs[kernel::midiscan::kMode] = ir::Signal::constant(static_cast<float>(mode));
  ir::Timer t;
  t.kind = ir::Timer::Kind::OnNonZero;
  t.name = name;
  t.playing = true;  // pyo's scanners listen once made
  t.origin = args.callRange;
  t.watches.push_back({scan.node, 0, -1, {}});
  const size_t index = graph_.control.timers.size();
  graph_.control.timers.push_back(std::move(t));
  Pending p{*function, {}, index, 0};
  p.midiMode = mode;
  // pyo's default toprint is True; a number or bool given is taken by its truth.
  p.toprint = mode != kernel::midiscan::kEveryMessage &&
              (!toprint || (toprint->isNumber() ? toprint->toNumber() != 0 : toprint->type != Value::Type::None));
  pending_.push_back(p);
  return timerValue(index);
}

int Callbacks::compileMidiScan(HandlerCompiler& compiler, const Value& function, size_t timer, int mode,
                               bool toprint) {
  ir::Control& control = graph_.control;
  const ir::Timer& t = control.timers[timer];
  auto constant = [&](int64_t v) {
    Expression e;
    e.op = Op::Constant;
    e.type = ir::ValueType::Int;
    e.number = static_cast<double>(v);
    return control.add(e);
  };
  auto op = [&](Op o, ir::ValueType type, int a, int b = -1) {
    Expression e;
    e.op = o;
    e.type = type;
    e.a = a;
    e.b = b;
    return control.add(e);
  };
  // The message: code = int(sample) − 1 = changed·2^22 + status·16384 + data1·128 + data2 (MidiScan.h).
  Expression sample;
  sample.op = Op::Sample;
  sample.type = ir::ValueType::Float;
  sample.node = t.watches[0].node;
  sample.lane = 0;
  const int code = op(Op::Subtract, ir::ValueType::Int, op(Op::ToInt, ir::ValueType::Int, control.add(sample)), constant(1));
  const int message = op(Op::Modulo, ir::ValueType::Int, code, constant(kernel::midiscan::kChanged));
  const int changed = op(Op::GreaterEqual, ir::ValueType::Bool, code, constant(kernel::midiscan::kChanged));
  const int status = op(Op::FloorDivide, ir::ValueType::Int, message, constant(16384));
  const int data1 = op(Op::Modulo, ir::ValueType::Int, op(Op::FloorDivide, ir::ValueType::Int, message, constant(128)),
                       constant(128));
  const int data2 = op(Op::Modulo, ir::ValueType::Int, message, constant(128));
  const int channel = op(Op::Add, ir::ValueType::Int, op(Op::Modulo, ir::ValueType::Int, status, constant(16)), constant(1));
  std::vector<ir::Statement> after;
  if (toprint) {
    // pyo: "ctl number : %i, ctl value : %i, midi channel : %i" for every control change.
    ir::Message m;
    m.pieces = {"ctl number : ", ", ctl value : ", ", midi channel : ", ""};
    m.formats.assign(3, ir::Message::Format::Python);
    m.types.assign(3, ir::ValueType::Int);
    control.messages.push_back(std::move(m));
    ir::Statement report;
    report.kind = ir::Statement::Kind::Report;
    report.index = static_cast<int>(control.messages.size()) - 1;
    report.arguments = {data1, data2, channel};
    report.origin = t.origin;
    after.push_back(std::move(report));
  }
  std::vector<int> arguments;
  if (mode == kernel::midiscan::kControllers) arguments = {data1};
  else if (mode == kernel::midiscan::kControllersAndChannels) arguments = {data1, channel};
  else arguments = {status, data1, data2};
  return compiler.compile(function, arguments, mode == kernel::midiscan::kEveryMessage ? -1 : changed, std::move(after),
                          t.origin);
}

Value Callbacks::ctlScanConstructor() {
  return Value::makeBuiltin("CtlScan", [this](CallArguments& args) {
    return makeMidiScan(kernel::midiscan::kControllers, args);
  });
}
Value Callbacks::ctlScan2Constructor() {
  return Value::makeBuiltin("CtlScan2", [this](CallArguments& args) {
    return makeMidiScan(kernel::midiscan::kControllersAndChannels, args);
  });
}
Value Callbacks::rawMidiConstructor() {
  return Value::makeBuiltin("RawMidi", [this](CallArguments& args) {
    return makeMidiScan(kernel::midiscan::kEveryMessage, args);
  });
}

}  // namespace patchc::elab
