#include "frontend/Parser.h"

#include "frontend/Lexer.h"

#include <new>
#include <sstream>

namespace patchc {

std::unique_ptr<ast::Module> parseModule(const SourceFile& file, Diagnostics& diagnostics) {
  syntax::ParseContext context{file, diagnostics, std::make_unique<ast::Module>()};
  context.module->fileName = file.name();
  std::istringstream input(file.text());
  syntax::Lexer lexer(input, file);
  syntax::Parser parser(lexer, context);
  try {
    int status = parser.parse();
    if (status != 0 && !context.failed) context.reportError(SourceRange{{}, {}, &file}, "invalid syntax");
  } catch (const std::bad_alloc&) {
    context.reportError(SourceRange{{}, {}, &file}, "out of memory while parsing");
  } catch (const std::exception& error) {
    context.reportError(SourceRange{{}, {}, &file}, std::string("internal error in the parser: ") + error.what());
  }
  if (context.failed) return nullptr;
  return std::move(context.module);
}

}  // namespace patchc
