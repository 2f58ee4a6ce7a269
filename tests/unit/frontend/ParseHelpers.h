// Shared by the front-end tests: parse a string and keep what was reported.
#pragma once

#include "frontend/Parser.h"

#include <memory>
#include <sstream>
#include <string>

namespace patchc::frontend_test {

struct ParseResult {
  std::unique_ptr<SourceFile> file;  // diagnostics point into it, so it lives as long as the result
  std::unique_ptr<ast::Module> module;
  std::string errors;  // everything Diagnostics printed
  int errorCount = 0;
  std::vector<Diagnostic> diagnostics;
};

inline ParseResult parse(const std::string& text, const std::string& name = "test.patch") {
  ParseResult result;
  result.file = std::make_unique<SourceFile>(name, text);
  std::ostringstream out;
  Diagnostics diagnostics(out);
  result.module = parseModule(*result.file, diagnostics);
  result.errors = out.str();
  result.errorCount = diagnostics.errorCount();
  result.diagnostics = diagnostics.all();
  return result;
}

// The printed tree of a module that must parse; the printed diagnostics otherwise, to make failures readable.
inline std::string dump(const std::string& text) {
  ParseResult result = parse(text);
  return result.module ? ast::print(*result.module) : "PARSE FAILED:\n" + result.errors;
}

// The first expression of `text`, which must be one expression statement.
inline const ast::Expr& onlyExpression(const ParseResult& result) { return *result.module->body.at(0)->value; }

}  // namespace patchc::frontend_test
