// Expression shapes: precedence, associativity, comparison chains, calls, comprehensions, literals, ranges.
#include "ParseHelpers.h"

#include <gtest/gtest.h>

namespace patchc {
namespace {

using ast::Expr;
using frontend_test::dump;
using frontend_test::onlyExpression;
using frontend_test::parse;
using frontend_test::ParseResult;

// The printed tree of one expression statement, without the Module and Expression lines.
std::string tree(const std::string& expression) {
  std::string text = dump(expression + "\n");
  const std::string prefix = "Module test.patch\n  Expression 1:1\n";
  if (text.rfind(prefix, 0) != 0) return text;
  std::string body;
  size_t start = prefix.size();
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    body += text.substr(start + 4, end - start - 4) + "\n";  // drop the two levels above
    start = end + 1;
  }
  return body;
}

TEST(ExpressionTest, PowerBindsTighterThanUnaryMinusOnItsLeft) {
  EXPECT_EQ(tree("-2**2"),
            "Unary 1:1 -\n"
            "  Binary 1:2 **\n"
            "    Number 2\n"
            "    Number 2\n");
}

TEST(ExpressionTest, PowerIsRightAssociativeAndTakesAUnaryRightOperand) {
  EXPECT_EQ(tree("2**-x**2"),
            "Binary 1:1 **\n"
            "  Number 2\n"
            "  Unary 1:4 -\n"
            "    Binary 1:5 **\n"
            "      Name x\n"
            "      Number 2\n");
}

TEST(ExpressionTest, MultiplicationBindsTighterThanAddition) {
  EXPECT_EQ(tree("a+b*c"),
            "Binary 1:1 +\n"
            "  Name a\n"
            "  Binary 1:3 *\n"
            "    Name b\n"
            "    Name c\n");
}

TEST(ExpressionTest, SubtractionIsLeftAssociative) {
  EXPECT_EQ(tree("a - b - c"),
            "Binary 1:1 -\n"
            "  Binary 1:1 -\n"
            "    Name a\n"
            "    Name b\n"
            "  Name c\n");
}

TEST(ExpressionTest, ParenthesesGroup) {
  EXPECT_EQ(tree("(a + b) * c // d % e"),
            "Binary 1:1 %\n"
            "  Binary 1:1 //\n"
            "    Binary 1:1 *\n"
            "      Binary 1:2 +\n"
            "        Name a\n"
            "        Name b\n"
            "      Name c\n"
            "    Name d\n"
            "  Name e\n");
}

TEST(ExpressionTest, ComparisonsChainIntoOneNode) {
  EXPECT_EQ(tree("a < b <= c != d"),
            "Compare 1:1 <, <=, !=\n"
            "  Name a\n"
            "  Name b\n"
            "  Name c\n"
            "  Name d\n");
  EXPECT_EQ(tree("x not in y is not z"),
            "Compare 1:1 not in, is not\n"
            "  Name x\n"
            "  Name y\n"
            "  Name z\n");
}

TEST(ExpressionTest, ParenthesizedComparisonIsAnOperandNotAChain) {
  ParseResult result = parse("(a < b) < c\n");
  ASSERT_TRUE(result.module) << result.errors;
  const Expr& compare = onlyExpression(result);
  ASSERT_EQ(compare.kind, Expr::Kind::Compare);
  EXPECT_EQ(compare.compareOps.size(), 1u);
  EXPECT_EQ(compare.object->kind, Expr::Kind::Compare);
}

TEST(ExpressionTest, BooleanOperatorsBindLooserThanNotAndComparisons) {
  EXPECT_EQ(tree("not a == b or c and d"),
            "Binary 1:1 or\n"
            "  Unary 1:1 not\n"
            "    Compare 1:5 ==\n"
            "      Name a\n"
            "      Name b\n"
            "  Binary 1:15 and\n"
            "    Name c\n"
            "    Name d\n");
}

TEST(ExpressionTest, ConditionalExpression) {
  EXPECT_EQ(tree("a if c else b if d else e"),
            "Conditional 1:1\n"
            "  Name c\n"
            "  Name a\n"
            "  Conditional 1:13\n"
            "    Name d\n"
            "    Name b\n"
            "    Name e\n");
}

TEST(ExpressionTest, Lambda) {
  EXPECT_EQ(tree("lambda x, y: x * y"),
            "Lambda 1:1 (x, y)\n"
            "  Binary 1:14 *\n"
            "    Name x\n"
            "    Name y\n");
  EXPECT_EQ(tree("lambda: 0"), "Lambda 1:1 ()\n  Number 0\n");
}

TEST(ExpressionTest, CallWithPositionalAndKeywordArguments) {
  ParseResult result = parse("Phaser(src, 1, freq=lfo, q=20,)\n");
  ASSERT_TRUE(result.module) << result.errors;
  const Expr& call = onlyExpression(result);
  ASSERT_EQ(call.kind, Expr::Kind::Call);
  EXPECT_EQ(call.object->text, "Phaser");
  ASSERT_EQ(call.elements.size(), 2u);
  ASSERT_EQ(call.keywords.size(), 2u);
  EXPECT_EQ(call.keywords[0].name, "freq");
  EXPECT_EQ(call.keywords[0].value->text, "lfo");
  EXPECT_EQ(call.keywords[1].name, "q");
  // A keyword argument's range is its name.
  EXPECT_EQ(call.keywords[1].range.begin.line, 1);
  EXPECT_EQ(call.keywords[1].range.begin.column, 26);
  EXPECT_EQ(call.keywords[1].range.end.column, 27);
}

TEST(ExpressionTest, MethodChainRangesBeginAtTheReceiver) {
  ParseResult result = parse("x = Sine(.25).range(200, 400)\n");
  ASSERT_TRUE(result.module) << result.errors;
  const Expr& outer = *result.module->body[0]->value;
  ASSERT_EQ(outer.kind, Expr::Kind::Call);
  EXPECT_EQ(outer.range.begin.column, 5);
  EXPECT_EQ(outer.range.end.column, 30);  // one past the ')'
  const Expr& attribute = *outer.object;
  ASSERT_EQ(attribute.kind, Expr::Kind::Attribute);
  EXPECT_EQ(attribute.text, "range");
  EXPECT_EQ(attribute.range.begin.column, 5);
  EXPECT_EQ(attribute.object->object->text, "Sine");
  EXPECT_DOUBLE_EQ(attribute.object->elements[0]->number, 0.25);
}

TEST(ExpressionTest, SubscriptsIndexWithOneValueOrATuple) {
  EXPECT_EQ(tree("a[0][i, j]"),
            "Subscript 1:1\n"
            "  Subscript 1:1\n"
            "    Name a\n"
            "    Number 0\n"
            "  Tuple 1:6\n"
            "    Name i\n"
            "    Name j\n");
}

TEST(ExpressionTest, ListComprehensionWithSeveralClauses) {
  EXPECT_EQ(tree("[e for x in it if c for y, z in it2 if d if f]"),
            "ListComp 1:1\n"
            "  Name e\n"
            "  for\n"
            "    Name x\n"
            "    Name it\n"
            "    if\n"
            "      Name c\n"
            "  for\n"
            "    Tuple 1:25\n"
            "      Name y\n"
            "      Name z\n"
            "    Name it2\n"
            "    if\n"
            "      Name d\n"
            "    if\n"
            "      Name f\n");
}

TEST(ExpressionTest, ComprehensionElementMayBeAConditional) {
  ParseResult result = parse("[a if b else c for i in range(3)]\n");
  ASSERT_TRUE(result.module) << result.errors;
  const Expr& comprehension = onlyExpression(result);
  ASSERT_EQ(comprehension.kind, Expr::Kind::ListComp);
  EXPECT_EQ(comprehension.element->kind, Expr::Kind::Conditional);
  EXPECT_TRUE(comprehension.clauses[0].conditions.empty());
}

TEST(ExpressionTest, TuplesListsAndDicts) {
  EXPECT_EQ(tree("()"), "Tuple 1:1\n");
  EXPECT_EQ(tree("(a,)"), "Tuple 1:1\n  Name a\n");
  EXPECT_EQ(tree("(a)"), "Name a\n");
  EXPECT_EQ(tree("a, b,"), "Tuple 1:1\n  Name a\n  Name b\n");
  EXPECT_EQ(tree("[1, [2],]"), "List 1:1\n  Number 1\n  List 1:5\n    Number 2\n");
  EXPECT_EQ(tree("{}"), "Dict 1:1\n");
  EXPECT_EQ(tree("{'a': 1, \"b\": x,}"),
            "Dict 1:1\n"
            "  entry\n"
            "    String \"a\"\n"
            "    Number 1\n"
            "  entry\n"
            "    String \"b\"\n"
            "    Name x\n");
}

TEST(ExpressionTest, NumberLiterals) {
  EXPECT_EQ(tree("[1, 2.5, .25, 5., 1e-24, 3E2, 0x1F, 0o17, 0b101, 1_000, 0]"),
            "List 1:1\n"
            "  Number 1\n"
            "  Number 2.5\n"
            "  Number 0.25\n"
            "  Number 5.0\n"
            "  Number 1e-24\n"
            "  Number 300.0\n"
            "  Number 31\n"
            "  Number 15\n"
            "  Number 5\n"
            "  Number 1000\n"
            "  Number 0\n");
  ParseResult result = parse("x = 7\ny = 7.0\n");
  ASSERT_TRUE(result.module);
  EXPECT_TRUE(result.module->body[0]->value->isInteger);
  EXPECT_FALSE(result.module->body[1]->value->isInteger);
}

TEST(ExpressionTest, StringLiteralsEscapesAndConcatenation) {
  EXPECT_EQ(tree(R"('a\tb' "c\"d" 'e\x41\101\u00e9')"), "String \"a\\tbc\\\"deAA\xc3\xa9\"\n");
  EXPECT_EQ(tree(R"(r'\d+')"), "String \"\\\\d+\"\n");
  EXPECT_EQ(tree("'''one\ntwo ''' \"\"\"three\"\"\""), "String \"one\\ntwo three\"\n");
  EXPECT_EQ(tree("'a\\\nb'"), "String \"ab\"\n");
}

TEST(ExpressionTest, TrueFalseNone) { EXPECT_EQ(tree("[True, False, None]"), "List 1:1\n  Bool True\n  Bool False\n  None\n"); }

TEST(ExpressionTest, DepthIsRecorded) {
  ParseResult result = parse("-(a + b)\n");
  ASSERT_TRUE(result.module) << result.errors;
  EXPECT_EQ(onlyExpression(result).depth, 3);
}

}  // namespace
}  // namespace patchc
