#include "frontend/SourceLocation.h"

namespace patchc {

SourceFile::SourceFile(std::string name, std::string text) : name_(std::move(name)), text_(std::move(text)) {
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
  if (end > begin && text_[end - 1] == '\r') --end;  // a CRLF file quotes like an LF file
  return text_.substr(begin, end - begin);
}

std::string SourceRange::str() const {
  if (file == nullptr) return "<unknown>";
  if (begin.line <= 0) return file->name();
  return file->name() + ":" + std::to_string(begin.line) + ":" + std::to_string(begin.column);
}

}  // namespace patchc
