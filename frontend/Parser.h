// Text → AST: the Flex lexer (Lexer.ll, with INDENT/DEDENT) and the Bison parser (Parser.yy) behind one call.
#pragma once

#include "frontend/AST.h"
#include "support/Diagnostics.h"

#include <memory>

namespace patchc {

// Parses a whole file. On a syntax error it reports one diagnostic and returns null.
std::unique_ptr<ast::Module> parseModule(const SourceFile& file, Diagnostics& diagnostics);

}  // namespace patchc
