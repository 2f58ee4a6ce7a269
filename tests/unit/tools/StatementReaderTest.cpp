// The REPL's reading of lines into statements (tools/ReplInput.h), as Python's prompt reads them.
#include "tools/ReplInput.h"

#include <gtest/gtest.h>

namespace patchc {
namespace {

// Feeds `lines` and returns what they completed, statements as their text and commands as "CMD <text>".
std::vector<std::string> read(const std::vector<std::string>& lines, bool finish = true) {
  StatementReader reader;
  std::vector<std::string> out;
  auto take = [&](const std::vector<ReplItem>& items) {
    for (const auto& item : items) out.push_back((item.kind == ReplItem::Kind::Command ? "CMD " : "") + item.text);
  };
  for (const auto& line : lines) take(reader.feed(line));
  if (finish) take(reader.finish());
  return out;
}

TEST(StatementReader, OneLineIsOneStatement) {
  EXPECT_EQ(read({"a = Sine(440).out()"}), (std::vector<std::string>{"a = Sine(440).out()\n"}));
}

TEST(StatementReader, BlankAndCommentLinesBetweenStatementsAreSkipped) {
  EXPECT_EQ(read({"", "   ", "# a comment", "x = 1  # trailing"}), (std::vector<std::string>{"x = 1  # trailing\n"}));
}

TEST(StatementReader, CommandsAreLinesStartingWithAColon) {
  EXPECT_EQ(read({"  :graph --dot", "x = {'a': 1}"}), (std::vector<std::string>{"CMD :graph --dot", "x = {'a': 1}\n"}));
}

TEST(StatementReader, OpenBracketsContinue) {
  EXPECT_EQ(read({"src = SineLoop(freq=[1, 2],", "               feedback=0.1)", "y = 2"}),
            (std::vector<std::string>{"src = SineLoop(freq=[1, 2],\n               feedback=0.1)\n", "y = 2\n"}));
}

TEST(StatementReader, BracketsInStringsAndCommentsDoNotCount) {
  EXPECT_EQ(read({"print('(', \"[\")  # (", "z = 3"}), (std::vector<std::string>{"print('(', \"[\")  # (\n", "z = 3\n"}));
}

TEST(StatementReader, ABlockEndsAtABlankLine) {
  StatementReader reader;
  EXPECT_TRUE(reader.feed("def f(x):").empty());
  EXPECT_TRUE(reader.continuing());
  EXPECT_TRUE(reader.feed("    y = x * 2").empty());
  EXPECT_TRUE(reader.feed("    return y").empty());
  auto items = reader.feed("");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, "def f(x):\n    y = x * 2\n    return y\n");
  EXPECT_FALSE(reader.continuing());
}

TEST(StatementReader, ABlockEndsAtALineBackAtTheMarginWhichStartsTheNext) {
  EXPECT_EQ(read({"for i in range(3):", "    pass", "a = 1"}, false),
            (std::vector<std::string>{"for i in range(3):\n    pass\n", "a = 1\n"}));
}

TEST(StatementReader, ElseContinuesTheBlock) {
  EXPECT_EQ(read({"if x:", "    a = 1", "else:", "    a = 2", ""}),
            (std::vector<std::string>{"if x:\n    a = 1\nelse:\n    a = 2\n"}));
}

TEST(StatementReader, ColonsInsideBracketsDoNotOpenABlock) {
  EXPECT_EQ(read({"d = {1:", "2}"}), (std::vector<std::string>{"d = {1:\n2}\n"}));
}

TEST(StatementReader, TripleQuotedStringsAndBackslashesContinue) {
  EXPECT_EQ(read({"s = '''one", "two'''", "t = 1 + \\", "    2"}),
            (std::vector<std::string>{"s = '''one\ntwo'''\n", "t = 1 + \\\n    2\n"}));
}

TEST(StatementReader, TheEndOfInputCompletesWhatIsPending) {
  EXPECT_EQ(read({"class A:", "    x = 1"}), (std::vector<std::string>{"class A:\n    x = 1\n"}));
}

TEST(StatementReader, ResetDropsTheStatementUnderWay) {
  StatementReader reader;
  reader.feed("def f():");
  reader.reset();
  EXPECT_FALSE(reader.continuing());
  auto items = reader.feed("x = 1");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].text, "x = 1\n");
}

}  // namespace
}  // namespace patchc
