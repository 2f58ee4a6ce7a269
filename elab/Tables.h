// pyo's tables at compile time (PyoTableObject: HarmTable, SndTable, NewTable, ...): constructing them from their
// declarations (stdlib/Table.h), their methods and attributes (getSize, normalize, put, replace, `slope = x`,
// ...), and handing their samples to the objects that read them.
//
// A table value is a handle on TableData, shared like a Python object: `t.normalize()` after `Osc(t)` changes
// what the Osc reads, as in pyo. Readers are given the table's channels when elaboration ends (finish), so every
// change the script makes before then is heard, and every reader of one table shares one copy of its samples.
#pragma once

#include "elab/ElaborationError.h"
#include "elab/Value.h"
#include "ir/Graph.h"

#include <functional>
#include <string>
#include <vector>

namespace patchc::elab {

struct TableData {
  const TableSpec* spec = nullptr;
  ir::TableId id = 0;
  TableArguments arguments;                // as the fill got them (changed by attribute assignment)
  std::vector<Value> given;                // the parameters' values as the script gave them, for attribute reads
  std::vector<std::vector<float>> channels;  // size + 1 numbers each (the guard point last)
  double sampleRate = 0.0;                 // the table's own rate (a sound file's), else the server's
  bool changed = true;                     // since the graph's copy was made
  size_t size() const { return channels.empty() ? 0 : channels[0].size() - 1; }
};

// SndTable's sound edits (setSound, insert, append: stdlib/tables/refill/SoundEdits.h): pyo's parameter names in
// order, the path first; while compiling (Tables) and in callbacks (HandlerCompiler).
const std::vector<std::string>& soundEditParameters(const std::string& method);

class Tables {
 public:
  // How a SndTable reads its file: as SfPlayer does (relative paths, the state-bytes limit, one read per path).
  using SoundReader = std::function<TableSound(const std::string& path, const SourceRange& range)>;

  Tables(ir::Graph& graph, Interpreter& interpreter, SoundReader readSound)
      : graph_(graph), interpreter_(interpreter), readSound_(std::move(readSound)) {}

  // A callable that makes a table of `spec`'s kind.
  Value constructor(const TableSpec& spec);
  Value attribute(const Value& table, const std::string& name, const SourceRange& range);
  void setAttribute(const Value& table, const std::string& name, const Value& value, const SourceRange& range);
  void nameTable(const Value& table, const std::string& name);

  // The channels of `value` for a reader's table input `input` (InputSpec::table); an error at `range` when the
  // value is not a table. The reader's node is `node`: its arrays are refreshed by finish().
  ir::Node::ArrayInput readerInput(size_t input, const Value& value, const SourceRange& range,
                                   const std::string& what);
  // A list of tables for a list-of-tables input (InputSpec::tableList: TableMorph's sources): their first
  // channels packed into one array, refreshed by finish(); an error at `range` unless it is a list of two or more
  // tables.
  ir::Node::ArrayInput listInput(size_t input, const Value& value, const SourceRange& range, const std::string& what);
  void addReader(ir::NodeId node) { readers_.push_back(node); }
  // Writes every table's final contents into the graph and its readers' array inputs.
  void finish();

 private:
  void fill(TableData& table, const SourceRange& range, const std::vector<SourceRange>& argumentRanges);
  TableArgument toArgument(const TableParameter& parameter, const Value& value, const SourceRange& range,
                           const std::string& what);
  Value method(const Value& table, const std::string& name, const SourceRange& range);
  void publish(TableData& table);
  // A node that writes `table` while playing (TableRec): its `tableFeedback` input from the table's feedback, and
  // an error when it records a reader of that table (writers run before readers).
  void checkWriter(ir::Node& node, ir::TableId table);
  ir::SampleArray packed(const std::vector<ir::TableId>& tables, const SourceRange& range);

  ir::Graph& graph_;
  Interpreter& interpreter_;
  SoundReader readSound_;
  std::vector<std::shared_ptr<TableData>> tables_;  // by TableId
  std::vector<ir::NodeId> readers_;
};

}  // namespace patchc::elab
