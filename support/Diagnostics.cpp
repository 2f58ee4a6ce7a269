#include "support/Diagnostics.h"

#include <algorithm>
#include <cctype>

namespace patchc {

namespace {

const char* severityName(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
    case Severity::Remark: return "remark";
  }
  return "error";
}

// The line under the quoted source line: blanks up to the column, then '^'. Tabs are copied so the caret lines up
// whatever the terminal's tab width; UTF-8 continuation bytes take no space because they share a glyph.
std::string caretLine(const std::string& sourceLine, int column) {
  std::string caret;
  for (int i = 0; i + 1 < column && i < static_cast<int>(sourceLine.size()); ++i) {
    unsigned char c = static_cast<unsigned char>(sourceLine[i]);
    if (c == '\t') {
      caret += '\t';
    } else if ((c & 0xC0) != 0x80) {
      caret += ' ';
    }
  }
  // A column past the end of the line (an error at the end of a line) still gets its caret there.
  for (int i = static_cast<int>(sourceLine.size()); i + 1 < column; ++i) caret += ' ';
  return caret + '^';
}

// Optimal string alignment distance: Levenshtein plus the transposition of two adjacent letters.
size_t editDistance(const std::string& a, const std::string& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> d(n + 1, std::vector<size_t>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = i;
  for (size_t j = 0; j <= m; ++j) d[0][j] = j;
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[n][m];
}

std::string lowercase(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

}  // namespace

std::string formatDiagnostic(const Diagnostic& diagnostic) {
  const SourceRange& range = diagnostic.range;
  std::string text;
  if (range.file != nullptr) text += range.str() + ": ";
  text += std::string(severityName(diagnostic.severity)) + ": " + diagnostic.message + "\n";
  if (range.known()) {
    std::string sourceLine = range.file->line(range.begin.line);
    text += sourceLine + "\n" + caretLine(sourceLine, range.begin.column) + "\n";
  }
  return text;
}

void Diagnostics::report(Severity severity, const SourceRange& range, const std::string& message) {
  Diagnostic diagnostic{severity, range, message};
  out_ << formatDiagnostic(diagnostic) << std::flush;
  if (severity == Severity::Error) ++errors_;
  all_.push_back(std::move(diagnostic));
}

std::string closestMatch(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string key = lowercase(word);
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  std::string best;
  size_t bestDistance = limit + 1;
  for (const std::string& candidate : candidates) {
    size_t distance = editDistance(key, lowercase(candidate));
    if (distance < bestDistance) {  // strict: the first of equally close candidates wins
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

}  // namespace patchc
