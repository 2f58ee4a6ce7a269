#include "ir/Control.h"

#include <fmt/format.h>

#include <algorithm>

namespace patchc::ir {

namespace {

bool readsNode(const Expression& e) {
  return e.op == Expression::Op::ParamValue || e.op == Expression::Op::LastSample || e.op == Expression::Op::Sample;
}

}  // namespace

std::vector<NodeId> Control::nodesRead() const {
  std::vector<NodeId> nodes;
  for (const auto& e : expressions)
    if (readsNode(e)) nodes.push_back(e.node);
  for (const auto& t : timers)
    for (const auto& w : t.watches) nodes.push_back(w.node);
  return nodes;
}

std::vector<NodeId> Control::watchedNodes() const {
  std::vector<NodeId> nodes;
  for (const auto& e : expressions)
    if (e.op == Expression::Op::Sample) nodes.push_back(e.node);
  for (const auto& t : timers)
    for (const auto& w : t.watches) nodes.push_back(w.node);
  return nodes;
}

namespace {

bool writesNode(const Statement& s) {
  return s.kind == Statement::Kind::SetParam || s.kind == Statement::Kind::Play || s.kind == Statement::Kind::Stop ||
         s.kind == Statement::Kind::SetArray;
}

void renumberBody(std::vector<Statement>& body, const std::vector<bool>& dead, const std::vector<NodeId>& newId) {
  body.erase(std::remove_if(body.begin(), body.end(),
                            [&](const Statement& s) { return writesNode(s) && dead[s.node]; }),
             body.end());
  for (auto& s : body) {
    if (writesNode(s)) s.node = newId[s.node];
    renumberBody(s.then, dead, newId);
    renumberBody(s.otherwise, dead, newId);
  }
}

}  // namespace

void Control::renumber(const std::vector<bool>& dead, const std::vector<NodeId>& newId) {
  for (auto& e : expressions)
    if (readsNode(e)) e.node = newId[e.node];
  for (auto& h : handlers) renumberBody(h.body, dead, newId);
  for (auto& t : timers)
    for (auto& w : t.watches) w.node = newId[w.node];  // dce keeps watched nodes
}

std::string Control::problem(size_t nodeCount) const {
  const int count = static_cast<int>(expressions.size());
  for (size_t i = 0; i < expressions.size(); ++i) {
    const auto& e = expressions[i];
    for (int operand : {e.a, e.b, e.c})
      if (operand >= count) return fmt::format("expression {} reads expression {} of {}", i, operand, count);
    for (int operand : e.arguments)
      if (operand < 0 || operand >= count) return fmt::format("expression {} calls with expression {}", i, operand);
    if (readsNode(e) && e.node >= nodeCount)
      return fmt::format("expression {} reads missing node {}", i, e.node);
    if (e.op == Expression::Op::Variable && (e.index < 0 || static_cast<size_t>(e.index) >= variables.size()))
      return fmt::format("expression {} reads missing variable {}", i, e.index);
  }
  std::string found;
  auto check = [&](const std::vector<Statement>& body, auto& self) -> void {
    for (const auto& s : body) {
      if (!found.empty()) return;
      if (s.expression >= count) found = fmt::format("a statement uses missing expression {}", s.expression);
      else if (s.kind == Statement::Kind::Report &&
               (s.index < 0 || static_cast<size_t>(s.index) >= messages.size() ||
                messages[size_t(s.index)].formats.size() != s.arguments.size()))
        found = fmt::format("a report uses missing message {} or the wrong number of values", s.index);
      else if (writesNode(s) && s.node >= nodeCount) found = fmt::format("a statement writes missing node {}", s.node);
      else if (s.kind == Statement::Kind::RefillTable &&
               (s.index < 0 || static_cast<size_t>(s.index) >= refills.size() || s.lane < 0 ||
                static_cast<size_t>(s.lane) + s.arguments.size() > refills[size_t(s.index)].capacity ||
                std::any_of(s.arguments.begin(), s.arguments.end(), [&](int a) { return a < 0 || a >= count; })))
        found = fmt::format("a table refill uses missing refill {}, expressions or more arguments than it holds",
                            s.index);
      else if (s.kind == Statement::Kind::EditSound &&
               (s.index < 0 || static_cast<size_t>(s.index) >= soundSources.size() || s.arguments.size() != 4 ||
                std::any_of(s.arguments.begin(), s.arguments.end(), [&](int a) { return a < 0 || a >= count; })))
        found = fmt::format("a sound edit uses missing source {} or expressions, or not 4 of them", s.index);
      else if (s.kind == Statement::Kind::MidiOut &&
               ((s.index & 0x0F) != 0 || s.index < 0x80 || s.index > 0xE0 || s.arguments.size() < 4 ||
                s.arguments.size() > 5 ||
                std::any_of(s.arguments.begin(), s.arguments.end(), [&](int a) { return a < 0 || a >= count; })))
        found = fmt::format("a MIDI message of kind {:#x} has {} arguments or missing expressions", s.index,
                            s.arguments.size());
      else if (s.kind == Statement::Kind::MidiIn &&
               (s.arguments.size() != 3 ||
                std::any_of(s.arguments.begin(), s.arguments.end(), [&](int a) { return a < 0 || a >= count; })))
        found = "a MIDI event added has not 3 expressions";
      else if (s.kind == Statement::Kind::SetArray &&
               std::any_of(s.arguments.begin(), s.arguments.end(), [&](int a) { return a < 0 || a >= count; }))
        found = fmt::format("an array assignment uses a missing expression");
      self(s.then, self);
      self(s.otherwise, self);
    }
  };
  for (const auto& h : handlers) check(h.body, check);
  if (!found.empty()) return found;
  auto missing = [&](int h) { return h < 0 || static_cast<size_t>(h) >= handlers.size(); };
  for (const auto& t : timers) {
    if (!t.watching() && missing(t.handler)) return fmt::format("timer {} calls missing handler {}", t.name, t.handler);
    if (t.watching() && t.watches.empty()) return fmt::format("{} watches nothing", t.name);
    for (const auto& w : t.watches) {
      if (w.node >= nodeCount) return fmt::format("{} watches missing node {}", t.name, w.node);
      if (t.kind != Timer::Kind::OnNewInteger && missing(w.handler))
        return fmt::format("{} calls missing handler {}", t.name, w.handler);
      for (const auto& [value, h] : w.cases)
        if (missing(h)) return fmt::format("{} calls missing handler {} for {}", t.name, h, value);
    }
  }
  for (const auto& m : messages)
    if (m.pieces.size() != m.formats.size() + 1 || m.types.size() != m.formats.size())
      return "a message's pieces do not surround its values";
  return "";
}

}  // namespace patchc::ir
