// A failed parse reports exactly one error, at the right place, in clang's three-line format.
#include "ParseHelpers.h"

#include <gtest/gtest.h>

namespace patchc {
namespace {

using frontend_test::parse;
using frontend_test::ParseResult;

// Parses `source`, which must fail, and returns the single diagnostic's text.
std::string failure(const std::string& source) {
  ParseResult result = parse(source);
  EXPECT_EQ(result.module, nullptr);
  EXPECT_EQ(result.errorCount, 1) << result.errors;
  EXPECT_EQ(result.diagnostics.size(), 1u);
  return result.errors;
}

TEST(SyntaxErrorTest, UnclosedCallPointsAtTheOpeningParenthesis) {
  EXPECT_EQ(failure("from pyo import *\n\na = Sine(440\nb = 2\n"),
            "test.patch:3:9: error: '(' was never closed\n"
            "a = Sine(440\n"
            "        ^\n");
  EXPECT_EQ(failure("x = [1, (2,\n"),
            "test.patch:1:9: error: '(' was never closed\n"
            "x = [1, (2,\n"
            "        ^\n");
}

TEST(SyntaxErrorTest, MissingCommaInsideBracketsIsNotAnUnclosedBracket) {
  EXPECT_EQ(failure("x = [1, 2,\n     3\n     4]\n"),
            "test.patch:3:6: error: unexpected number, expected ']' or ','\n"
            "     4]\n"
            "     ^\n");
}

TEST(SyntaxErrorTest, UnexpectedTokenNamesWhatWasExpected) {
  EXPECT_EQ(failure("if x\n    pass\n"),
            "test.patch:1:5: error: unexpected end of line, expected ':'\n"
            "if x\n"
            "    ^\n");
  EXPECT_EQ(failure("f(a b)\n"),
            "test.patch:1:5: error: unexpected identifier 'b', expected ')' or ','\n"
            "f(a b)\n"
            "    ^\n");
  EXPECT_EQ(failure("x = 1 +\n"),
            "test.patch:1:8: error: unexpected end of line, expected an expression\n"
            "x = 1 +\n"
            "       ^\n");
}

TEST(SyntaxErrorTest, AssignmentInAConditionSuggestsEquality) {
  EXPECT_NE(failure("if x = 1:\n    pass\n").find("test.patch:1:6: error: unexpected '=', expected ':' (did you mean '=='?)"),
            std::string::npos);
}

TEST(SyntaxErrorTest, IndentationErrors) {
  EXPECT_EQ(failure("x = 1\n    y = 2\n"),
            "test.patch:2:5: error: unexpected indent\n"
            "    y = 2\n"
            "    ^\n");
  EXPECT_EQ(failure("if x:\n        a = 1\n    b = 2\n"),
            "test.patch:3:5: error: unindent does not match any outer indentation level\n"
            "    b = 2\n"
            "    ^\n");
  EXPECT_EQ(failure("def f():\nreturn 1\n"),
            "test.patch:2:1: error: expected an indented block\n"
            "return 1\n"
            "^\n");
}

TEST(SyntaxErrorTest, CaretLineKeepsTabs) {
  EXPECT_EQ(failure("if a:\n\tx = (1 +\n\t\t2 a)\n"),
            "test.patch:3:5: error: unexpected identifier 'a', expected ')' or ','\n"
            "\t\t2 a)\n"
            "\t\t  ^\n");
}

TEST(SyntaxErrorTest, LexicalErrors) {
  EXPECT_EQ(failure("s = 'abc\n"),
            "test.patch:1:5: error: unterminated string literal\n"
            "s = 'abc\n"
            "    ^\n");
  EXPECT_EQ(failure("s = \"\"\"abc\n\nmore"),
            "test.patch:1:5: error: unterminated triple-quoted string literal\n"
            "s = \"\"\"abc\n"
            "    ^\n");
  EXPECT_NE(failure("x = 3 $ 4\n").find("test.patch:1:7: error: unexpected character '$'"), std::string::npos);
  EXPECT_NE(failure(std::string("x = \0\n", 6)).find("1:5: error: unexpected character '\\x00'"), std::string::npos);
  EXPECT_NE(failure("x = (1]\n").find("1:7: error: closing parenthesis ']' does not match opening parenthesis '('"),
            std::string::npos);
  EXPECT_NE(failure("x = 1)\n").find("1:6: error: unmatched ')'"), std::string::npos);
  EXPECT_NE(failure("x = 010\n").find("1:5: error: leading zeros"), std::string::npos);
  EXPECT_NE(failure("x = a & b\n").find("1:7: error: the bitwise operator '&' is not supported"), std::string::npos);
}

TEST(SyntaxErrorTest, UnsupportedConstructsAreNamed) {
  EXPECT_NE(failure("with x:\n    pass\n").find("1:1: error: 'with' is not supported in a patch"), std::string::npos);
  // try needs an except or a finally clause, as in Python; a bare except is the last one.
  EXPECT_NE(failure("try:\n    pass\n").find("'except'"), std::string::npos);
  EXPECT_NE(failure("try:\n    pass\nexcept:\n    pass\nexcept ImportError:\n    pass\n")
                .find("3:1: error: default 'except:' must be last"),
            std::string::npos);
  EXPECT_NE(failure("f(x for x in y)\n").find("1:5: error: generator expressions are not supported"),
            std::string::npos);
  EXPECT_NE(failure("f(**kwargs)\n").find("argument unpacking (**kwargs) is not supported"), std::string::npos);
  EXPECT_NE(failure("f(a=1, *args)\n").find("argument unpacking (*args) after a keyword argument is not supported"),
            std::string::npos);
  EXPECT_NE(failure("x = f'{a}'\n").find("f-strings are not supported"), std::string::npos);
  EXPECT_NE(failure("x = {1, 2}\n").find("set literals are not supported"), std::string::npos);
}

TEST(SyntaxErrorTest, InvalidTargetsAndArguments) {
  EXPECT_NE(failure("f() = 3\n").find("1:1: error: cannot assign to a function call"), std::string::npos);
  EXPECT_NE(failure("a = 1 = b\n").find("1:5: error: cannot assign to a literal"), std::string::npos);
  EXPECT_NE(failure("a, b += 1\n").find("cannot apply an augmented assignment to a tuple"), std::string::npos);
  EXPECT_NE(failure("for f(x) in y:\n    pass\n").find("1:5: error: cannot assign to a function call"),
            std::string::npos);
  EXPECT_NE(failure("f(a=1, 2)\n").find("1:8: error: positional argument follows keyword argument"),
            std::string::npos);
  EXPECT_NE(failure("f(a=1, a=2)\n").find("1:8: error: keyword argument repeated: a"), std::string::npos);
  EXPECT_NE(failure("def f(a=1, b):\n    pass\n").find("1:12: error: parameter without a default follows"),
            std::string::npos);
  EXPECT_NE(failure("def f(a, a):\n    pass\n").find("duplicate parameter 'a'"), std::string::npos);
}

TEST(SyntaxErrorTest, EndOfFileInsideABlockHeader) {
  EXPECT_NE(failure("if x:").find("expected an indented block"), std::string::npos);
  EXPECT_NE(failure("def f(").find("1:6: error: '(' was never closed"), std::string::npos);
}

TEST(SyntaxErrorTest, NestingLimitsAreErrorsNotCrashes) {
  EXPECT_NE(failure("x = " + std::string(1000, '(') + "1" + std::string(1000, ')') + "\n")
                .find("too many nested parentheses"),
            std::string::npos);
  EXPECT_NE(failure("x = " + std::string(5000, '-') + "1\n").find("expression is nested too deeply"),
            std::string::npos);
  std::string sum = "x = 1";
  for (int i = 0; i < 5000; ++i) sum += "+1";
  EXPECT_NE(failure(sum + "\n").find("expression is nested too deeply"), std::string::npos);
  std::string chain = "x = a";
  for (int i = 0; i < 5000; ++i) chain += ".b";
  EXPECT_NE(failure(chain + "\n").find("expression is nested too deeply"), std::string::npos);
  std::string blocks;
  for (int i = 0; i < 150; ++i) blocks += std::string(i, ' ') + "if x:\n";
  EXPECT_NE(failure(blocks + std::string(150, ' ') + "pass\n").find("too many levels of indentation"),
            std::string::npos);
}

// No input, however broken, may crash the parser or produce more than one diagnostic.
TEST(SyntaxErrorTest, ArbitraryBytesNeverCrash) {
  const std::string alphabet = std::string("ab1.(),[]{}:=+-*/'\"#\\ \t\n\n\n    ifordefelse") + '\0' + "\xff";
  unsigned state = 12345;
  for (int round = 0; round < 3000; ++round) {
    std::string source;
    int length = static_cast<int>(state % 60);
    for (int i = 0; i < length; ++i) {
      state = state * 1103515245u + 12345u;
      source += alphabet[(state >> 16) % alphabet.size()];
    }
    state = state * 1103515245u + 12345u;
    ParseResult result = parse(source);
    EXPECT_LE(result.errorCount, 1) << source;
    EXPECT_EQ(result.module == nullptr, result.errorCount == 1) << source;
  }
}

}  // namespace
}  // namespace patchc
