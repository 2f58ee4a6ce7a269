// Python's layout rules as the lexer applies them: INDENT/DEDENT, logical lines, implicit and explicit joining.
#include "ParseHelpers.h"

#include <gtest/gtest.h>

namespace patchc {
namespace {

using frontend_test::dump;
using frontend_test::ParseResult;
using frontend_test::parse;

TEST(LayoutTest, NestedBlocksDedentSeveralLevelsAtOnce) {
  const char* source =
      "def f(n):\n"
      "    for i in range(n):\n"
      "        if i:\n"
      "            x = i\n"
      "y = 2\n";
  EXPECT_EQ(dump(source),
            "Module test.patch\n"
            "  Def 1:1 f\n"
            "    param n\n"
            "    body\n"
            "      For 2:5\n"
            "        Name i\n"
            "        Call 2:14\n"
            "          Name range\n"
            "          Name n\n"
            "        body\n"
            "          If 3:9\n"
            "            Name i\n"
            "            body\n"
            "              Assign 4:13\n"
            "                Name x\n"
            "                Name i\n"
            "  Assign 5:1\n"
            "    Name y\n"
            "    Number 2\n");
}

TEST(LayoutTest, DedentsToAnIntermediateLevel) {
  ParseResult result = parse("if a:\n  if b:\n    x = 1\n  y = 2\nz = 3\n");
  ASSERT_TRUE(result.module) << result.errors;
  const ast::Stmt& outer = *result.module->body.at(0);
  ASSERT_EQ(outer.body.size(), 2u);
  EXPECT_EQ(outer.body[1]->kind, ast::Stmt::Kind::Assign);
  EXPECT_EQ(result.module->body.size(), 2u);
}

TEST(LayoutTest, BlankAndCommentLinesDoNotMatter) {
  const char* source =
      "# header comment\n"
      "\n"
      "if a:\n"
      "\n"
      "        # a comment indented differently\n"
      "    x = 1   # trailing comment\n"
      "   \n"
      "    y = 2\n"
      "# the end";
  ParseResult result = parse(source);
  ASSERT_TRUE(result.module) << result.errors;
  ASSERT_EQ(result.module->body.size(), 1u);
  EXPECT_EQ(result.module->body[0]->body.size(), 2u);
}

TEST(LayoutTest, TabsIndentToTheNextMultipleOfEight) {
  // One tab and eight spaces are the same indentation.
  ParseResult result = parse("if a:\n\tx = 1\n        y = 2\n");
  ASSERT_TRUE(result.module) << result.errors;
  EXPECT_EQ(result.module->body[0]->body.size(), 2u);
}

TEST(LayoutTest, NewlinesInsideBracketsJoinLines) {
  const char* source =
      "src = SineLoop(freq=[1,\n"
      "    2],\n"
      "               # comment inside the call\n"
      "        mul=0.01)\n"
      "d = {'a':\n"
      "  1}\n";
  ParseResult result = parse(source);
  ASSERT_TRUE(result.module) << result.errors;
  ASSERT_EQ(result.module->body.size(), 2u);
  EXPECT_EQ(result.module->body[0]->value->keywords.size(), 2u);
}

TEST(LayoutTest, BackslashJoinsLines) {
  ParseResult result = parse("x = 1 + \\\n    2\ny = 3\n");
  ASSERT_TRUE(result.module) << result.errors;
  ASSERT_EQ(result.module->body.size(), 2u);
  EXPECT_EQ(result.module->body[0]->value->kind, ast::Expr::Kind::Binary);
}

TEST(LayoutTest, MissingFinalNewlineAndOpenBlocksAtEndOfFile) {
  ParseResult result = parse("def f():\n    if a:\n        return 1");
  ASSERT_TRUE(result.module) << result.errors;
  EXPECT_EQ(result.module->body[0]->body[0]->body[0]->kind, ast::Stmt::Kind::Return);
}

TEST(LayoutTest, EmptyAndBlankFilesParseToAnEmptyModule) {
  for (const char* source : {"", "\n", "   \n\n", "# only a comment", "\t\n# c\n  # d\n"}) {
    ParseResult result = parse(source);
    ASSERT_TRUE(result.module) << source << ": " << result.errors;
    EXPECT_TRUE(result.module->body.empty());
  }
}

TEST(LayoutTest, CrLfLineEndings) {
  ParseResult result = parse("if a:\r\n    x = 'b'\r\ny = 2\r\n");
  ASSERT_TRUE(result.module) << result.errors;
  EXPECT_EQ(result.module->body.size(), 2u);
  EXPECT_EQ(result.module->body[0]->body[0]->value->text, "b");
}

TEST(LayoutTest, SemicolonsSeparateSimpleStatements) {
  ParseResult result = parse("a = 1; b = 2;\nif a: c = 3; pass\n");
  ASSERT_TRUE(result.module) << result.errors;
  ASSERT_EQ(result.module->body.size(), 3u);
  EXPECT_EQ(result.module->body[2]->body.size(), 2u);
}

TEST(LayoutTest, SingleLineSuites) {
  ParseResult result = parse("class A: pass\nfor i in x: y = i\nwhile a: break\n");
  ASSERT_TRUE(result.module) << result.errors;
  EXPECT_EQ(result.module->body.size(), 3u);
}

}  // namespace
}  // namespace patchc
