#include "tools/ReplInput.h"

#include <cctype>

namespace patchc {

namespace {

bool blank(const std::string& line) { return line.find_first_not_of(" \t\r\f") == std::string::npos; }

// The line without its comment and trailing blanks (a rough cut: '#' inside a string ends nothing here, and
// such a line is only looked at for a final ':').
std::string code(const std::string& line) {
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '#') {
      break;
    } else if (c == '\'' || c == '"') {
      quote = c;
    }
    out += c;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\t' || out.back() == '\r')) out.pop_back();
  return out;
}

// Words that continue a block at its own indentation rather than start a new statement.
bool continuesBlock(const std::string& line) {
  for (const char* word : {"else", "elif", "except", "finally"}) {
    const std::string w(word);
    if (line.compare(0, w.size(), w) == 0 && (line.size() == w.size() || !(std::isalnum((unsigned char)line[w.size()]) || line[w.size()] == '_')))
      return true;
  }
  return false;
}

}  // namespace

void StatementReader::reset() {
  pending_.clear();
  block_ = false;
  depth_ = 0;
  tripleQuote_ = 0;
  backslash_ = false;
}

void StatementReader::scan(const std::string& line) {
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (tripleQuote_) {
      if (c == '\\') ++i;
      else if (c == tripleQuote_ && line.compare(i, 3, std::string(3, c)) == 0) {
        tripleQuote_ = 0;
        i += 2;
      }
      continue;
    }
    if (c == '#') break;
    if (c == '\'' || c == '"') {
      if (line.compare(i, 3, std::string(3, c)) == 0) {
        tripleQuote_ = c;
        i += 2;
        continue;
      }
      // A one-line string: skip to its end (an unterminated one is the parser's error to report).
      for (++i; i < line.size() && line[i] != c; ++i)
        if (line[i] == '\\') ++i;
      continue;
    }
    if (c == '(' || c == '[' || c == '{') ++depth_;
    if ((c == ')' || c == ']' || c == '}') && depth_ > 0) --depth_;
  }
  backslash_ = !tripleQuote_ && !line.empty() && line.back() == '\\';
}

std::vector<ReplItem> StatementReader::feed(const std::string& rawLine) {
  std::string line = rawLine;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  std::vector<ReplItem> items;
  const bool open = depth_ > 0 || tripleQuote_ || backslash_;
  if (pending_.empty()) {
    // Blank and comment-only lines between statements are nothing to run (Python's prompt skips them too).
    if (blank(line) || code(line).find_first_not_of(" \t") == std::string::npos) return items;
    const size_t first = line.find_first_not_of(" \t");
    if (line[first] == ':') {
      items.push_back({ReplItem::Kind::Command, line.substr(first)});
      return items;
    }
  } else if (block_ && !open) {
    if (blank(line)) {
      items.push_back({ReplItem::Kind::Statement, pending_});
      reset();
      return items;
    }
    // Back at the margin: the block is over and this line begins the next statement.
    if (line[0] != ' ' && line[0] != '\t' && !continuesBlock(line)) {
      items.push_back({ReplItem::Kind::Statement, pending_});
      reset();
      for (auto& item : feed(rawLine)) items.push_back(std::move(item));
      return items;
    }
  }
  const bool startsStatement = pending_.empty();
  pending_ += line + "\n";
  scan(line);
  if (depth_ > 0 || tripleQuote_ || backslash_) return items;
  if (startsStatement || !block_) {
    const std::string c = code(line);
    if (!c.empty() && c.back() == ':') block_ = true;
  }
  if (!block_) {
    items.push_back({ReplItem::Kind::Statement, pending_});
    reset();
  }
  return items;
}

std::vector<ReplItem> StatementReader::finish() {
  std::vector<ReplItem> items;
  if (!pending_.empty()) items.push_back({ReplItem::Kind::Statement, pending_});
  reset();
  return items;
}

}  // namespace patchc
