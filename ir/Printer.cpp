#include "ir/Printer.h"

#include "ir/ControlPrinter.h"

#include <fmt/format.h>

#include <map>
#include <sstream>

namespace patchc::ir {
namespace {

std::string number(float v) { return fmt::format("{:g}", v); }

// Names are the user's variable names where they are unique, so printouts read like the script.
std::map<NodeId, std::string> nodeNames(const Graph& graph) {
  std::map<std::string, int> uses;
  for (const auto& node : graph.nodes())
    if (!node.name.empty()) ++uses[node.name];
  std::map<NodeId, std::string> names;
  for (const auto& node : graph.nodes()) {
    if (!node.name.empty() && uses[node.name] == 1)
      names[node.id] = node.name;
    else
      names[node.id] = fmt::format("{}{}", node.opName(), node.id);
  }
  return names;
}

// Whether `signal` is exactly streams 0..n-1 of one node, in order (the common case: print just `%name`).
bool isWholeNode(const Graph& graph, const Signal& signal, NodeId& id) {
  if (signal.lanes.empty() || signal.lanes[0].isConstant()) return false;
  id = signal.lanes[0].node;
  const Node& node = graph.node(id);
  if (signal.width() != node.streams()) return false;
  for (int i = 0; i < signal.width(); ++i)
    if (!(signal.lanes[static_cast<size_t>(i)] == node.stream(i))) return false;
  return true;
}

// One lane of a node: `%name.lane`, and `%name.output.lane` for a node of several outputs (`%lz.y.0`).
std::string printSource(const Graph& graph, const LaneSource& l, const std::map<NodeId, std::string>& names) {
  const Node& node = graph.node(l.node);
  if (node.outputs == 1 && l.output == 0) return fmt::format("%{}.{}", names.at(l.node), l.lane);
  const std::string output = node.spec ? node.spec->outputName(l.output) : fmt::format("out{}", l.output);
  return fmt::format("%{}.{}.{}", names.at(l.node), output, l.lane);
}

// " outputs=(x, y)" for a node of several outputs, nothing for the one output most have.
std::string printOutputs(const Node& node) {
  if (node.outputs == 1) return "";
  std::string out = " outputs=(";
  for (int k = 0; k < node.outputs; ++k)
    out += (k ? ", " : "") + (node.spec ? node.spec->outputName(k) : fmt::format("out{}", k));
  return out + ")";
}

std::string printSignal(const Graph& graph, const Signal& signal, const std::map<NodeId, std::string>& names) {
  NodeId id;
  if (isWholeNode(graph, signal, id)) return "%" + names.at(id);
  if (signal.isUniformConstant()) return "const " + number(signal.lanes[0].value);
  std::string out = signal.isConstant() ? "const[" : "[";
  constexpr int kShown = 8;  // long lists are elided: the lane count says how many there are
  for (int i = 0; i < signal.width(); ++i) {
    if (i == kShown) {
      out += fmt::format(", ... ({} lanes)", signal.width());
      break;
    }
    if (i) out += ", ";
    const auto& l = signal.lanes[static_cast<size_t>(i)];
    out += l.isConstant() ? number(l.value) : printSource(graph, l, names);
  }
  return out + "]";
}

bool isDefault(const Node& node, size_t index) {
  const Signal& s = node.inputs[index];
  if (!s.isUniformConstant()) return false;
  float v = s.lanes[0].value;
  if (index == node.mulIndex()) return v == 1.0f;
  if (index == node.addIndex()) return v == 0.0f;
  if (node.kind == NodeKind::Object && index < node.spec->inputs.size()) {
    const auto& d = node.spec->inputs[index].defaultValue;
    return d && *d == v;
  }
  return false;
}

std::string inputName(const Node& node, size_t index) {
  if (index == node.mulIndex()) return "mul";
  if (index == node.addIndex()) return "add";
  if (node.kind == NodeKind::Mix) return "input";
  return node.spec->inputs[index].name;
}

std::string location(const SourceRange& r) {
  if (!r.known()) return "";
  return fmt::format("  ; {}:{}:{}", r.file->name(), r.begin.line, r.begin.column);
}

}  // namespace

std::string printedName(const Graph& graph, NodeId id) { return nodeNames(graph).at(id); }

std::string printText(const Graph& graph) {
  auto names = nodeNames(graph);
  std::ostringstream out;
  out << fmt::format("; patch {} sr={:g} nchnls={} buffersize={} seed={}\n", graph.sourceName,
                     graph.server.sampleRate, graph.server.channels, graph.server.bufferSize, graph.seed);
  for (size_t t = 0; t < graph.tables.size(); ++t) {
    const Table& table = graph.tables[t];
    out << fmt::format("table #{} = {}", t, table.kind);
    if (!table.name.empty()) out << " '" << table.name << "'";
    out << fmt::format(" size={} chnls={} sr={:g}", table.size(), table.channels.size(), table.sampleRate);
    if (table.written) out << " written";  // lives in the patch's state (docs/tables.md)
    if (table.resizable()) out << fmt::format(" capacity={}", table.capacity);  // callbacks resize it
    out << location(table.origin) << '\n';
  }
  auto order = graph.topologicalOrder();
  if (order.empty() && graph.size() > 0)
    for (const auto& n : graph.nodes()) order.push_back(n.id);  // cyclic: print anyway, the verifier reports
  for (NodeId id : order) {
    const Node& node = graph.node(id);
    out << fmt::format("%{} = {}[{}]{}", names.at(id), node.opName(), node.lanes, printOutputs(node));
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      if (const auto* array = node.arrayFor(i)) {
        out << ' ' << inputName(node, i) << '=';
        if (array->table) out << '#' << *array->table;
        out << "array[";
        for (size_t a = 0; a < array->lanes.size(); ++a) out << (a ? ", " : "") << array->lanes[a].size() << " numbers";
        out << ']';
        continue;
      }
      if (isDefault(node, i)) continue;
      out << ' ' << inputName(node, i) << '=' << printSignal(graph, node.inputs[i], names);
    }
    if (node.stopped) out << " stopped";
    out << location(node.origin) << '\n';
  }
  for (const auto& tap : graph.outputs()) {
    const Node& node = graph.node(tap.node);
    int lanes = tap.whole() ? node.streams() : tap.laneCount;
    out << fmt::format("out %{}", names.at(tap.node));
    if (!tap.whole()) out << fmt::format("[{}..{}]", tap.firstLane, tap.firstLane + tap.laneCount - 1);
    out << fmt::format(" -> ch {}", tap.firstChannel);
    if (lanes > 1)
      out << fmt::format(" ({} i -> ch ({} + i) % {})", node.outputs == 1 ? "lane" : "stream", tap.firstChannel,
                         graph.server.channels);
    out << location(tap.origin) << '\n';
  }
  out << printControl(graph, [&names](NodeId id) { return names.at(id); });
  return out.str();
}

std::string printDot(const Graph& graph) {
  auto names = nodeNames(graph);
  std::ostringstream out;
  out << "digraph patch {\n  rankdir=LR;\n  node [shape=box, fontname=\"monospace\"];\n";
  for (const auto& node : graph.nodes())
    out << fmt::format("  n{} [label=\"{}\\n{}[{}]{}\"{}];\n", node.id, names.at(node.id), node.opName(), node.lanes,
                       printOutputs(node), node.stopped ? ", style=dashed" : "");
  for (const auto& node : graph.nodes()) {
    for (size_t i = 0; i < node.inputs.size(); ++i) {
      std::map<NodeId, int> fromNodes;  // one edge per source node, labelled with the input name
      for (const auto& lane : node.inputs[i].lanes)
        if (!lane.isConstant()) ++fromNodes[lane.node];
      for (const auto& [src, count] : fromNodes)
        out << fmt::format("  n{} -> n{} [label=\"{}\"];\n", src, node.id, inputName(node, i));
    }
  }
  out << "  dac [shape=doublecircle, label=\"out\"];\n";
  for (const auto& tap : graph.outputs())
    out << fmt::format("  n{} -> dac [label=\"ch {}\"];\n", tap.node, tap.firstChannel);
  out << "}\n";
  return out.str();
}

}  // namespace patchc::ir
