// pyo's tables (PyoTableObject): a buffer of samples per channel with a size and a sample rate, filled when the
// patch is compiled and shared by every object that reads it (Osc, TableRead, Pointer, ...).
//
// Each kind of table is declared once, beside the code that fills it (stdlib/tables/*.cpp):
//
//   PATCHC_TABLE(HarmTable) {
//     spec.doc = "...";
//     spec.parameter(tables::numbers("list", {1.0, 0.0}, "amplitudes of the harmonics"));
//     spec.parameter(tables::number("size", 8192, "number of samples"));
//     spec.fill = [](const TableArguments& args, const TableContext& context) { ... return contents; };
//   }
//
// The build finds every `PATCHC_TABLE(Name)` at the start of a line of stdlib/tables/*.cpp and registers it
// (cmake/GenerateRegistry.cmake); RegistryTest checks the parameters against pyo 1.0.4's signature.
//
// Samples as kernels see them: a table of `size` samples is `size + 1` numbers, the last one pyo's guard point
// (a copy of the first sample for periodic tables, of the last or 0 for others, as pyo sets it), so that a
// reader interpolating at `size - 1` reads no further than the array. A reader's kernel gets each channel as an
// Array input (Kernel.h's In: `p`, `count()` = size + 1).
#pragma once

#include "stdlib/tables/refill/Refill.h"

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace patchc {

// What a table's parameter takes, as pyo's constructor does.
enum class TableParameterKind {
  Number,   // a number (a size, an order, a slope)
  Numbers,  // a list of numbers (HarmTable's amplitudes, DataTable's init)
  Points,   // a list of (index, value) pairs (LinTable's breakpoints)
  Path,     // a sound file's path (SndTable)
};

struct TableParameter {
  std::string name;
  TableParameterKind kind = TableParameterKind::Number;
  // pyo's default: a number, a list of numbers, a list of pairs (flattened: i0 v0 i1 v1 ...), or None
  // (`optional` and no default value); `required` when pyo has none.
  bool required = false;
  bool noneByDefault = false;
  double number = 0.0;
  std::vector<double> numbers;
  bool boolean = false;  // pyo's default is True/False (ExpTable's inverse): the number is 1/0
  std::string doc;
};

// One parameter as the script gave it (or its default).
struct TableArgument {
  bool none = false;
  double number = 0.0;
  std::vector<double> numbers;  // Numbers; Points flattened (index, value, index, value, ...)
  std::vector<std::vector<double>> lists;  // Numbers given as a list of lists (one per channel)
  std::string text;             // Path
  size_t points() const { return numbers.size() / 2; }
};

struct TableArguments {
  std::vector<TableArgument> values;  // one per TableSpec::parameters, in order
  const TableArgument& operator[](size_t i) const { return values[i]; }
};

// What a fill may ask of the compiler: the server's rate, and a sound file read as SfPlayer reads it.
struct TableSound {
  std::vector<std::vector<float>> channels;
  double sampleRate = 0.0;
};
struct TableContext {
  double serverSampleRate = 44100.0;
  std::function<TableSound(const std::string& path, size_t parameter)> readSound;
};

// The samples made: `size` per channel plus the guard point (size + 1 numbers each), and the table's rate.
struct TableContents {
  std::vector<std::vector<float>> channels;
  double sampleRate = 0.0;  // 0: the server's
  size_t size() const { return channels.empty() || channels[0].empty() ? 0 : channels[0].size() - 1; }
};

// A fill's refusal of an argument: the elaborator reports it at that argument, with the message.
struct TableArgumentError : std::runtime_error {
  TableArgumentError(size_t parameter, const std::string& message)
      : std::runtime_error(message), parameter(parameter) {}
  size_t parameter;
};

struct TableSpec {
  std::string name;  // pyo's class name
  std::string doc;
  std::string algorithm;    // for `patchc objects`
  std::string differences;  // ... where patchc differs from pyo 1.0.4
  std::vector<TableParameter> parameters;  // pyo's positional order
  std::function<TableContents(const TableArguments&, const TableContext&)> fill;
  // The same fill as code a handler may run in the audio thread (stdlib/tables/refill/Refill.h): kinds that have
  // one can be recomputed while the patch plays (`t.slope = x`, `t.replace(points)` in a callback). The code
  // generator calls it by its symbol, patchc_table_refill_<name>.
  TableRefill refill = nullptr;

  void parameter(TableParameter p) { parameters.push_back(std::move(p)); }
  int parameterIndex(const std::string& parameterName) const {
    for (size_t i = 0; i < parameters.size(); ++i)
      if (parameters[i].name == parameterName) return static_cast<int>(i);
    return -1;
  }
};

// A refill's arguments (Refill.h): the Number parameters but `size` in order, then the list's values (Numbers or
// Points, flattened), as floats.
inline std::vector<float> refillArguments(const TableSpec& spec, const TableArguments& args) {
  std::vector<float> numbers, list;
  for (size_t i = 0; i < spec.parameters.size() && i < args.values.size(); ++i) {
    const TableParameter& p = spec.parameters[i];
    if (p.kind == TableParameterKind::Number && p.name != "size") numbers.push_back(static_cast<float>(args[i].number));
    if (p.kind == TableParameterKind::Numbers || p.kind == TableParameterKind::Points)
      for (double x : args[i].numbers) list.push_back(static_cast<float>(x));
  }
  numbers.insert(numbers.end(), list.begin(), list.end());
  return numbers;
}
// Where parameter `name` starts in the refill's arguments (its list: after the numbers), or -1 (the size, a path).
inline int refillPosition(const TableSpec& spec, const std::string& name) {
  int position = 0;
  for (const TableParameter& p : spec.parameters) {
    if (p.kind != TableParameterKind::Number || p.name == "size") continue;
    if (p.name == name) return position;
    ++position;
  }
  for (const TableParameter& p : spec.parameters)
    if ((p.kind == TableParameterKind::Numbers || p.kind == TableParameterKind::Points) && p.name == name)
      return position;
  return -1;
}

// The entry the generated registry adds for `PATCHC_TABLE(name)`; checks that the declaration has its doc lines
// and a fill.
TableSpec declaredTable(const char* name, void (*declare)(TableSpec&));

// The parameters of a declaration (spec.parameter(tables::number("size", 8192, "...")).
namespace tables {

inline TableParameter number(std::string name, double defaultValue, std::string doc) {
  TableParameter p;
  p.name = std::move(name);
  p.number = defaultValue;
  p.doc = std::move(doc);
  return p;
}
inline TableParameter boolean(std::string name, bool defaultValue, std::string doc) {
  TableParameter p = number(std::move(name), defaultValue ? 1.0 : 0.0, std::move(doc));
  p.boolean = true;
  return p;
}
inline TableParameter requiredNumber(std::string name, std::string doc) {
  TableParameter p = number(std::move(name), 0.0, std::move(doc));
  p.required = true;
  return p;
}
inline TableParameter numbers(std::string name, std::vector<double> defaultValue, std::string doc) {
  TableParameter p;
  p.name = std::move(name);
  p.kind = TableParameterKind::Numbers;
  p.numbers = std::move(defaultValue);
  p.doc = std::move(doc);
  return p;
}
inline TableParameter points(std::string name, std::vector<double> defaultValue, std::string doc) {
  TableParameter p = numbers(std::move(name), std::move(defaultValue), std::move(doc));
  p.kind = TableParameterKind::Points;
  return p;
}
// A parameter whose default is None.
inline TableParameter none(TableParameter p) {
  p.noneByDefault = true;
  return p;
}
inline TableParameter path(std::string name, std::string doc) {
  TableParameter p;
  p.name = std::move(name);
  p.kind = TableParameterKind::Path;
  p.noneByDefault = true;
  p.doc = std::move(doc);
  return p;
}

}  // namespace tables
}  // namespace patchc

#define PATCHC_TABLE(Name) void patchc_declare_table_##Name([[maybe_unused]] ::patchc::TableSpec& spec)
