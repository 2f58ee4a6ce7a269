#include "support/SourceLocation.h"

namespace patchc {

namespace {

// What Python's tokenizer reads: without a leading UTF-8 byte order mark, and with CRLF and lone CR line endings
// (Windows, classic Mac OS) as LF, so that every later stage sees one kind of line ending.
std::string normalized(std::string text) {
  size_t from = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  if (from == 0 && text.find('\r') == std::string::npos) return text;
  size_t to = 0;
  for (; from < text.size(); ++from) {
    if (text[from] != '\r') {
      text[to++] = text[from];
    } else {
      text[to++] = '\n';
      if (from + 1 < text.size() && text[from + 1] == '\n') ++from;
    }
  }
  text.resize(to);
  return text;
}

}  // namespace

SourceFile::SourceFile(std::string name, std::string text)
    : name_(std::move(name)), text_(normalized(std::move(text))) {
  lineStarts_.push_back(0);
  for (size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') lineStarts_.push_back(i + 1);
  }
}

std::string SourceFile::line(int lineNumber) const {
  if (lineNumber < 1 || static_cast<size_t>(lineNumber) > lineStarts_.size()) return {};
  size_t begin = lineStarts_[lineNumber - 1];
  size_t end = text_.find('\n', begin);
  if (end == std::string::npos) end = text_.size();
  return text_.substr(begin, end - begin);
}

std::string SourceRange::str() const {
  if (file == nullptr) return "<unknown>";
  if (begin.line <= 0) return file->name();
  return file->name() + ":" + std::to_string(begin.line) + ":" + std::to_string(begin.column);
}

}  // namespace patchc
