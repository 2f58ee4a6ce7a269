// Statement shapes: assignments, control flow, definitions, imports.
#include "ParseHelpers.h"

#include <gtest/gtest.h>

namespace patchc {
namespace {

using ast::Expr;
using ast::Stmt;
using frontend_test::dump;
using frontend_test::parse;
using frontend_test::ParseResult;

TEST(StatementTest, ChainedAssignmentKeepsTargetsInOrder) {
  EXPECT_EQ(dump("a = b.c = d[0] = 1\n"),
            "Module test.patch\n"
            "  Assign 1:1\n"
            "    Name a\n"
            "    Attribute 1:5 c\n"
            "      Name b\n"
            "    Subscript 1:11\n"
            "      Name d\n"
            "      Number 0\n"
            "    Number 1\n");
}

TEST(StatementTest, TupleAndListUnpacking) {
  ParseResult result = parse("a, b = 1, 2\n[c, (d, e)] = x\n");
  ASSERT_TRUE(result.module) << result.errors;
  EXPECT_EQ(result.module->body[0]->targets[0]->kind, Expr::Kind::Tuple);
  EXPECT_EQ(result.module->body[0]->value->kind, Expr::Kind::Tuple);
  EXPECT_EQ(result.module->body[1]->targets[0]->kind, Expr::Kind::List);
}

TEST(StatementTest, AugmentedAssignment) {
  EXPECT_EQ(dump("self.x += 1\ny //= 2\n"),
            "Module test.patch\n"
            "  AugAssign 1:1 +=\n"
            "    Attribute 1:1 x\n"
            "      Name self\n"
            "    Number 1\n"
            "  AugAssign 2:1 //=\n"
            "    Name y\n"
            "    Number 2\n");
}

TEST(StatementTest, ElifBecomesANestedIf) {
  EXPECT_EQ(dump("if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\n"),
            "Module test.patch\n"
            "  If 1:1\n"
            "    Name a\n"
            "    body\n"
            "      Assign 2:5\n"
            "        Name x\n"
            "        Number 1\n"
            "    else\n"
            "      If 3:1\n"
            "        Name b\n"
            "        body\n"
            "          Assign 4:5\n"
            "            Name x\n"
            "            Number 2\n"
            "        else\n"
            "          Assign 6:5\n"
            "            Name x\n"
            "            Number 3\n");
}

TEST(StatementTest, ForWithTupleTargetAndWhile) {
  ParseResult result = parse("for i, f in enumerate(fs):\n    continue\nwhile x < 3:\n    x += 1\n    break\n");
  ASSERT_TRUE(result.module) << result.errors;
  const Stmt& loop = *result.module->body[0];
  EXPECT_EQ(loop.kind, Stmt::Kind::For);
  EXPECT_EQ(loop.target->kind, Expr::Kind::Tuple);
  EXPECT_EQ(loop.value->kind, Expr::Kind::Call);
  EXPECT_EQ(loop.body[0]->kind, Stmt::Kind::Continue);
  const Stmt& whileLoop = *result.module->body[1];
  EXPECT_EQ(whileLoop.kind, Stmt::Kind::While);
  EXPECT_EQ(whileLoop.body.size(), 2u);
}

TEST(StatementTest, DefWithDefaultsAndAnnotations) {
  ParseResult result = parse("def play(self, chnl: int = 0, mul=.5) -> None:\n    return\n");
  ASSERT_TRUE(result.module) << result.errors;
  const Stmt& def = *result.module->body[0];
  EXPECT_EQ(def.kind, Stmt::Kind::Def);
  EXPECT_EQ(def.name, "play");
  ASSERT_EQ(def.params.size(), 3u);
  EXPECT_EQ(def.params[0].name, "self");
  EXPECT_EQ(def.params[0].defaultValue, nullptr);
  EXPECT_EQ(def.params[1].name, "chnl");
  EXPECT_EQ(def.params[1].range.begin.column, 16);
  EXPECT_DOUBLE_EQ(def.params[2].defaultValue->number, 0.5);
  EXPECT_EQ(def.body[0]->kind, Stmt::Kind::Return);
  EXPECT_EQ(def.body[0]->value, nullptr);
}

TEST(StatementTest, ClassWithAndWithoutBases) {
  ParseResult result = parse("class A:\n    pass\nclass B(A, object):\n    def f(self): return self.x\n");
  ASSERT_TRUE(result.module) << result.errors;
  EXPECT_TRUE(result.module->body[0]->bases.empty());
  EXPECT_EQ(result.module->body[1]->bases.size(), 2u);
  EXPECT_EQ(result.module->body[1]->body[0]->kind, Stmt::Kind::Def);
}

TEST(StatementTest, Imports) {
  EXPECT_EQ(dump("from pyo import *\nimport random, os.path as p\nfrom random import uniform, randint as ri\n"
                 "from math import (pi,\n    sin,)\nglobal g, h\n"),
            "Module test.patch\n"
            "  FromImport 1:1 pyo import *\n"
            "  Import 2:1 random, os.path as p\n"
            "  FromImport 3:1 random import uniform, randint as ri\n"
            "  FromImport 4:1 math import pi, sin\n"
            "  Global 6:1 g, h\n");
  ParseResult result = parse("from pyo import *\n");
  const Stmt& star = *result.module->body[0];
  EXPECT_EQ(star.name, "pyo");
  ASSERT_EQ(star.imports.size(), 1u);
  EXPECT_EQ(star.imports[0].name, "*");
}

TEST(StatementTest, DocstringIsAnExpressionStatement) {
  ParseResult result = parse("def f():\n    \"\"\"Builds\n    a chorus.\"\"\"\n    pass\n");
  ASSERT_TRUE(result.module) << result.errors;
  const Stmt& docstring = *result.module->body[0]->body[0];
  EXPECT_EQ(docstring.kind, Stmt::Kind::Expression);
  EXPECT_EQ(docstring.value->text, "Builds\n    a chorus.");
  EXPECT_EQ(result.module->body[0]->body[1]->range.begin.line, 4);
}

TEST(StatementTest, GlitchyClassFromThePyoManual) {
  const char* source =
      "class Glitchy:\n"
      "    def __init__(self):\n"
      "        self.amp = Sine(0.2).range(0.01, 0.3)\n"
      "    def play(self, chnl=0):\n"
      "        self.amp.play()\n"
      "        return self\n";
  ParseResult result = parse(source);
  ASSERT_TRUE(result.module) << result.errors;
  const Stmt& glitchy = *result.module->body.at(0);
  EXPECT_EQ(glitchy.name, "Glitchy");
  ASSERT_EQ(glitchy.body.size(), 2u);
  EXPECT_EQ(glitchy.body[1]->name, "play");
  EXPECT_EQ(glitchy.body[1]->range.begin.line, 4);
  EXPECT_EQ(glitchy.body[1]->range.begin.column, 5);
}

}  // namespace
}  // namespace patchc
