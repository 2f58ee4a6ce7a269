// What the REPL reads: lines gathered into complete statements as Python's interactive prompt does (a block
// opened by a line ending in ':' runs until a blank line, or until a line back at the left margin; an open
// bracket, a string or a trailing backslash continues on the next line), and `:command` lines. Blank and
// comment-only lines between statements are skipped.
#pragma once

#include <string>
#include <vector>

namespace patchc {

struct ReplItem {
  enum class Kind { Statement, Command };
  Kind kind = Kind::Statement;
  std::string text;  // a statement's lines, each ending with a newline; a command's line without it
};

class StatementReader {
public:
  // Adds one line (without its newline); returns what it completed: nothing, a statement, a command, or a block
  // that ended because this line began the next statement (then that one may be complete too).
  std::vector<ReplItem> feed(const std::string& line);
  // The end of input: what is pending is complete.
  std::vector<ReplItem> finish();
  // A statement is under way: the prompt is "... ".
  bool continuing() const { return !pending_.empty(); }
  // Drops the statement under way (Ctrl-C at the prompt).
  void reset();

private:
  // Scans `line` for brackets and strings, carrying the state of an unfinished triple-quoted string.
  void scan(const std::string& line);
  std::string pending_;
  bool block_ = false;        // the statement opened a block
  int depth_ = 0;             // open brackets
  char tripleQuote_ = 0;      // inside a ''' or """ string
  bool backslash_ = false;    // the last line ended with a backslash
};

}  // namespace patchc
