// Python's numbers at compile time: arithmetic, comparison, conversion and formatting of the elaborator's bools,
// ints and floats, with Python's results and Python's errors (ZeroDivisionError, OverflowError, ValueError
// become located diagnostics).
//
// Integers are 64-bit and never wrap: a result beyond int64 is an "integer overflow" error at the operator. Python's
// integers are unbounded, but every number of a patch ends up as a float parameter of an object, so 64 bits hold
// every integer a patch meaningfully computes; an error keeps the rule that what patchc cannot compute is never a
// silently different value, without making every value carry an arbitrary-precision number. Floats follow
// Python exactly: inf and nan where Python gives them (1e308 * 10, float('nan')), errors where Python raises
// (0.0 ** -1, 2.0 ** 10**15, 1.0 % 0.0).
#pragma once

#include "elab/Value.h"
#include "frontend/AST.h"

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

namespace patchc::elab {

// `left op right` for two numbers (bool, int or float): + - * / // % **.
Value arithmetic(ast::BinaryOp op, const Value& left, const Value& right, const SourceRange& range);

// -value for a number.
Value negate(const Value& value, const SourceRange& range);

// Python's ordering of two numbers, exact between an int and a float; unordered when either is nan.
std::partial_ordering compareNumbers(const Value& left, const Value& right);

// The int of a bool or an int value.
inline int64_t integerOf(const Value& value) { return value.type == Value::Type::Int ? value.integer : value.boolean; }

// int(x) for a float: truncates toward zero; an error for nan, infinities and values beyond 64 bits.
int64_t floatToInteger(double value, const SourceRange& range);

// Checked integer arithmetic for builtins (sum, range, ...): an integer overflow error at `range`.
int64_t addIntegers(int64_t a, int64_t b, const SourceRange& range);
int64_t subtractIntegers(int64_t a, int64_t b, const SourceRange& range);
int64_t multiplyIntegers(int64_t a, int64_t b, const SourceRange& range);

// "integer overflow: WHAT does not fit in 64 bits; ..." at `range`.
[[noreturn]] void integerOverflow(const SourceRange& range, const std::string& what);

// int(text) and float(text) as Python parses them (surrounding whitespace, a sign, underscores between digits;
// float also "inf", "infinity", "nan" in any case); nullopt when Python raises ValueError. parseInteger reports an
// integer overflow at `range` for a well-formed number beyond 64 bits.
std::optional<int64_t> parseInteger(const std::string& text, const SourceRange& range);
std::optional<double> parseFloat(const std::string& text);

// Python's repr() of a float: "1.0", "0.1", "1e+16", "inf", "nan".
std::string floatRepr(double value);

}  // namespace patchc::elab
