// Positions in a patch's source text, shared by every stage that reports back to the user.
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace patchc {

// The text of one source file, kept for the whole compilation so that diagnostics can quote its lines.
class SourceFile {
 public:
  // `text` as Python's tokenizer reads it: a leading UTF-8 byte order mark is dropped, CRLF and CR become LF.
  SourceFile(std::string name, std::string text);
  const std::string& name() const { return name_; }
  const std::string& text() const { return text_; }
  // The line (1-based), without its newline; empty when out of range.
  std::string line(int lineNumber) const;

 private:
  std::string name_;
  std::string text_;
  std::vector<size_t> lineStarts_;
};

struct SourcePosition {
  int line = 0;    // 1-based; 0 means unknown
  int column = 0;  // 1-based, in bytes (a tab is one column; diagnostics keep tabs so carets still line up)
};

// A span of source text: `begin` is its first character, `end` is one past its last (on the same line or later).
struct SourceRange {
  SourcePosition begin;
  SourcePosition end;
  const SourceFile* file = nullptr;
  bool known() const { return file != nullptr && begin.line > 0; }
  // "file:line:col", or "<unknown>".
  std::string str() const;
};

}  // namespace patchc
