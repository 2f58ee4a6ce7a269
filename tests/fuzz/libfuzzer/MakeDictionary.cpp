// Writes PipelineFuzzer's libFuzzer dictionary at build time: the language's tokens, read from the lexer's rules
// (frontend/Lexer.ll), and every name a patch can use, read from the registry and the builtins, so a new object,
// argument, builtin or keyword joins the dictionary without editing a list.
//   patchc-fuzz-dictionary frontend/Lexer.ll OUT.dict
#include "elab/Builtins.h"
#include "elab/PyoObjects.h"
#include "stdlib/kernels/PythonRandom.h"
#include "ir/Graph.h"
#include "stdlib/Registry.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace {

using namespace patchc;

// makeBuiltins wants an interpreter to call back into; listing names calls nothing.
class NoInterpreter final : public elab::Interpreter {
 public:
  elab::Value call(const elab::Value&, elab::CallArguments&) override { return {}; }
  elab::Value attribute(const elab::Value&, const std::string&, const SourceRange&) override { return {}; }
  elab::ValueList iterate(const elab::Value&, const SourceRange&) override { return {}; }
  bool truthy(const elab::Value&) override { return false; }
  void charge(uint64_t, const SourceRange&) override {}
  void checkSize(uint64_t, uint64_t, const char*, const SourceRange&) override {}
  elab::Value binaryOperation(ast::BinaryOp, const elab::Value&, const elab::Value&, const SourceRange&) override {
    return {};
  }
  bool compareValues(ast::CompareOp, const elab::Value&, const elab::Value&, const SourceRange&) override {
    return false;
  }
  elab::Value subscriptValue(const elab::Value&, const elab::Value&, const SourceRange&) override { return {}; }
};

// The literal tokens of the lexer's rules: the quoted strings a rule line starts with ("def", "**=", and the
// alternatives of "assert"|"async"|...). Rules written as patterns (names, numbers, strings, layout) are in
// kPatternTokens below.
std::set<std::string> lexerLiterals(const std::string& lexerText) {
  std::set<std::string> tokens;
  std::istringstream lines(lexerText);
  std::string line;
  int sections = 0;
  const std::regex literal(R"re(^"((?:[^"\\]|\\.)+)"(\|)?)re");
  while (std::getline(lines, line)) {
    if (line.rfind("%%", 0) == 0) ++sections;
    if (sections != 1) continue;  // the rules section only
    std::string rest = line;
    std::smatch match;
    while (std::regex_search(rest, match, literal)) {
      const std::string body = match[1].str();
      std::string token;
      for (size_t i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c == '\\' && i + 1 < body.size()) c = body[++i];
        token += c;
      }
      tokens.insert(token);
      if (!match[2].matched) break;
      rest = match.suffix();
    }
  }
  return tokens;
}

// Tokens of the lexer's pattern rules and layout, which no quoted literal spells.
const char* const kPatternTokens[] = {
    "\n", "    ", "\t", "\\\n", "#", "'", "\"", "'''", "\"\"\"", "r'", "b'", "f'", "0x", "0o", "0b", "1_000",
    "1e", "e-", ".5", "1.", "\\x", "\\u", "\\N{", "\xEF\xBB\xBF", "\r\n", "from pyo import *\n", "import random\n",
    "import math\n", "s = Server().boot()\n", "s.start()\n",
};

// A libFuzzer dictionary entry: "..." with \\, \" and non-printable bytes as \xNN.
std::string quoted(const std::string& token) {
  std::string out = "\"";
  for (unsigned char c : token) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += char(c);
    } else if (c < 0x20 || c >= 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    } else {
      out += char(c);
    }
  }
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: patchc-fuzz-dictionary LEXER.ll OUT.dict\n";
    return 2;
  }
  std::ifstream lexerFile(argv[1]);
  if (!lexerFile) {
    std::cerr << "patchc-fuzz-dictionary: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::stringstream lexerText;
  lexerText << lexerFile.rdbuf();

  std::set<std::string> tokens = lexerLiterals(lexerText.str());
  if (tokens.size() < 20) {
    std::cerr << "patchc-fuzz-dictionary: found only " << tokens.size() << " literal tokens in " << argv[1]
              << "; has the rule format changed?\n";
    return 1;
  }
  for (const char* token : kPatternTokens) tokens.insert(token);

  // Objects: the name, a call, every argument name and keyword, and the setter of each.
  std::set<std::string> names = {"mul", "add", "out", "play", "stop", "mix", "range", "voices", "chnl", "setMul",
                                 "setAdd"};
  for (const auto& spec : Registry::builtin().all()) {
    if (spec.internal) continue;
    names.insert(spec.name);
    names.insert(spec.name + "(");
    for (const auto& input : spec.inputs) {
      if (input.hidden) continue;
      names.insert(input.name);
      names.insert(input.name + "=");
      std::string setter = "set" + input.name;
      setter[3] = char(std::toupper(static_cast<unsigned char>(setter[3])));
      names.insert(setter);
    }
  }
  // Builtins: every global name and module member (range, midiToHz, Mix, Server, random.uniform, math.pi, ...).
  ir::Graph graph;
  NoInterpreter interpreter;
  elab::PyoObjects objects(graph, Registry::builtin(), interpreter);
  PythonRandom random;
  auto builtins = elab::makeBuiltins(interpreter, objects, random, std::cerr);
  for (const auto& [name, value] : builtins.globals) names.insert(name);
  for (const auto& [module, members] : builtins.modules) {
    names.insert(module);
    for (const auto& [member, value] : members) {
      names.insert(member);
      names.insert(module + "." + member);
    }
  }

  std::ofstream out(argv[2]);
  out << "# Generated by patchc-fuzz-dictionary from " << argv[1] << " and the object registry; do not edit.\n";
  int n = 0;
  for (const auto& token : tokens) out << "token" << n++ << "=" << quoted(token) << "\n";
  n = 0;
  for (const auto& name : names) out << "name" << n++ << "=" << quoted(name) << "\n";
  if (!out) {
    std::cerr << "patchc-fuzz-dictionary: cannot write " << argv[2] << "\n";
    return 1;
  }
  return 0;
}
