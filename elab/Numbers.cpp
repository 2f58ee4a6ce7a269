#include "elab/Numbers.h"

#include "elab/ElaborationError.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <limits>

namespace patchc::elab {

namespace {

using O = ast::BinaryOp;

bool isInteger(const Value& v) { return v.type == Value::Type::Int || v.type == Value::Type::Bool; }

std::string describe(int64_t a, const char* op, int64_t b) { return fmt::format("{} {} {}", a, op, b); }

[[noreturn]] void zeroDivision(const SourceRange& range, const char* message) {
  throw ElaborationError(range, fmt::format("ZeroDivisionError: {}", message));
}

// Python's float ** float (Objects/floatobject.c float_pow): C99's pow, except that 0.0 to a negative power is a
// ZeroDivisionError, a negative base to a fractional power is a complex number, and a result too large for a
// float is an OverflowError rather than inf.
double floatPower(double base, double exponent, const SourceRange& range) {
  if (base == 0.0 && exponent < 0.0) zeroDivision(range, "0.0 cannot be raised to a negative power");
  if (base < 0.0 && std::isfinite(base) && std::isfinite(exponent) && exponent != std::floor(exponent))
    throw ElaborationError(range, fmt::format("({}) ** {} is a complex number in Python; a patch has no complex "
                                              "numbers", floatRepr(base), floatRepr(exponent)));
  double result = std::pow(base, exponent);
  if (std::isinf(result) && std::isfinite(base) && std::isfinite(exponent))
    throw ElaborationError(range, fmt::format("OverflowError: {} ** {} is too large for a float (numerical result "
                                              "out of range)", floatRepr(base), floatRepr(exponent)));
  return result;
}

// Python's float divmod (float_divmod): the quotient is floored, the remainder takes the divisor's sign, and
// inf // 1 is nan as in Python (not floor(inf / 1)).
void floatDivmod(double x, double y, double& quotient, double& remainder) {
  double mod = std::fmod(x, y);
  double div = (x - mod) / y;
  if (mod != 0.0) {
    if ((y < 0) != (mod < 0)) {
      mod += y;
      div -= 1.0;
    }
  } else {
    mod = std::copysign(0.0, y);
  }
  double floorDiv;
  if (div != 0.0) {
    floorDiv = std::floor(div);
    if (div - floorDiv > 0.5) floorDiv += 1.0;
  } else {
    floorDiv = std::copysign(0.0, x / y);
  }
  quotient = floorDiv;
  remainder = mod;
}

Value integerPower(int64_t base, int64_t exponent, const SourceRange& range) {
  if (exponent < 0) return Value::fromFloat(floatPower(double(base), double(exponent), range));
  // By squaring: at most 63 multiplications before any base other than 0, 1 and -1 overflows, so 2 ** 10**15
  // is an error at once instead of a loop of 10**15 steps.
  if (base == 0 || base == 1) return Value::fromInt(exponent == 0 ? 1 : base);
  if (base == -1) return Value::fromInt(exponent % 2 == 0 ? 1 : -1);
  int64_t result = 1, square = base;
  for (int64_t e = exponent;;) {
    if ((e & 1) && __builtin_mul_overflow(result, square, &result))
      integerOverflow(range, describe(base, "**", exponent));
    e >>= 1;
    if (e == 0) break;
    if (__builtin_mul_overflow(square, square, &square)) integerOverflow(range, describe(base, "**", exponent));
  }
  return Value::fromInt(result);
}

Value integerArithmetic(O op, int64_t a, int64_t b, const SourceRange& range) {
  int64_t result = 0;
  switch (op) {
    case O::Add:
      if (__builtin_add_overflow(a, b, &result)) integerOverflow(range, describe(a, "+", b));
      return Value::fromInt(result);
    case O::Sub:
      if (__builtin_sub_overflow(a, b, &result)) integerOverflow(range, describe(a, "-", b));
      return Value::fromInt(result);
    case O::Mul:
      if (__builtin_mul_overflow(a, b, &result)) integerOverflow(range, describe(a, "*", b));
      return Value::fromInt(result);
    case O::Div:
      if (b == 0) zeroDivision(range, "division by zero");
      // Python rounds the exact quotient once; long double holds every int64 exactly.
      return Value::fromFloat(static_cast<double>(static_cast<long double>(a) / static_cast<long double>(b)));
    case O::FloorDiv: {
      if (b == 0) zeroDivision(range, "integer division or modulo by zero");
      if (a == std::numeric_limits<int64_t>::min() && b == -1) integerOverflow(range, describe(a, "//", b));
      int64_t quotient = a / b;
      if (a % b != 0 && ((a < 0) != (b < 0))) --quotient;  // floor, not C++'s truncation
      return Value::fromInt(quotient);
    }
    case O::Mod: {
      if (b == 0) zeroDivision(range, "integer modulo by zero");
      if (b == -1) return Value::fromInt(0);  // INT64_MIN % -1 traps in C++
      int64_t m = a % b;
      if (m != 0 && ((m < 0) != (b < 0))) m += b;  // Python's sign follows the divisor
      return Value::fromInt(m);
    }
    case O::Pow: return integerPower(a, b, range);
    default: break;
  }
  throw ElaborationError(range, "unsupported arithmetic");
}

Value floatArithmetic(O op, double x, double y, const SourceRange& range) {
  double quotient, remainder;
  switch (op) {
    case O::Add: return Value::fromFloat(x + y);
    case O::Sub: return Value::fromFloat(x - y);
    case O::Mul: return Value::fromFloat(x * y);
    case O::Div:
      if (y == 0) zeroDivision(range, "float division by zero");
      return Value::fromFloat(x / y);
    case O::FloorDiv:
      if (y == 0) zeroDivision(range, "float floor division by zero");
      floatDivmod(x, y, quotient, remainder);
      return Value::fromFloat(quotient);
    case O::Mod:
      if (y == 0) zeroDivision(range, "float modulo by zero");
      floatDivmod(x, y, quotient, remainder);
      return Value::fromFloat(remainder);
    case O::Pow: return Value::fromFloat(floatPower(x, y, range));
    default: break;
  }
  throw ElaborationError(range, "unsupported arithmetic");
}

std::string stripped(const std::string& text) {
  const char* space = " \t\n\r\f\v";
  size_t begin = text.find_first_not_of(space);
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(space) - begin + 1);
}

// Digits with single underscores between them, as Python's number syntax allows; the digits without them.
std::optional<std::string> withoutUnderscores(const std::string& text, const char* allowed) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '_') {
      bool between = i > 0 && i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i - 1])) &&
                     std::isdigit(static_cast<unsigned char>(text[i + 1]));
      if (!between) return std::nullopt;
      continue;
    }
    if (!std::strchr(allowed, c)) return std::nullopt;
    out += c;
  }
  return out;
}

}  // namespace

void integerOverflow(const SourceRange& range, const std::string& what) {
  throw ElaborationError(range, fmt::format("integer overflow: {} does not fit in 64 bits; patchc's compile-time "
                                            "integers are 64-bit (a float operand, e.g. 2.0, computes it as a float)",
                                            what));
}

Value arithmetic(O op, const Value& left, const Value& right, const SourceRange& range) {
  if (isInteger(left) && isInteger(right)) return integerArithmetic(op, integerOf(left), integerOf(right), range);
  return floatArithmetic(op, left.toNumber(), right.toNumber(), range);
}

Value negate(const Value& value, const SourceRange& range) {
  if (value.type == Value::Type::Float) return Value::fromFloat(-value.real);
  int64_t v = integerOf(value);
  if (v == std::numeric_limits<int64_t>::min()) integerOverflow(range, fmt::format("-({})", v));
  return Value::fromInt(-v);
}

std::partial_ordering compareNumbers(const Value& left, const Value& right) {
  if (isInteger(left) && isInteger(right)) return integerOf(left) <=> integerOf(right);
  // long double holds every int64 and every double exactly, so 2**53 + 1 > 2.0**53 as in Python.
  auto exact = [](const Value& v) {
    return v.type == Value::Type::Float ? static_cast<long double>(v.real) : static_cast<long double>(integerOf(v));
  };
  return exact(left) <=> exact(right);
}

int64_t floatToInteger(double value, const SourceRange& range) {
  if (std::isnan(value)) throw ElaborationError(range, "ValueError: cannot convert float NaN to integer");
  if (std::isinf(value)) throw ElaborationError(range, "OverflowError: cannot convert float infinity to integer");
  double truncated = std::trunc(value);
  // -2^63 is exact in a double; 2^63 is the first value beyond int64.
  if (truncated < -9223372036854775808.0 || truncated >= 9223372036854775808.0)
    integerOverflow(range, fmt::format("int({})", floatRepr(value)));
  return static_cast<int64_t>(truncated);
}

int64_t addIntegers(int64_t a, int64_t b, const SourceRange& range) {
  int64_t result;
  if (__builtin_add_overflow(a, b, &result)) integerOverflow(range, describe(a, "+", b));
  return result;
}

int64_t subtractIntegers(int64_t a, int64_t b, const SourceRange& range) {
  int64_t result;
  if (__builtin_sub_overflow(a, b, &result)) integerOverflow(range, describe(a, "-", b));
  return result;
}

int64_t multiplyIntegers(int64_t a, int64_t b, const SourceRange& range) {
  int64_t result;
  if (__builtin_mul_overflow(a, b, &result)) integerOverflow(range, describe(a, "*", b));
  return result;
}

std::optional<int64_t> parseInteger(const std::string& text, const SourceRange& range) {
  std::string s = stripped(text);
  bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.erase(0, 1);
  if (s.empty() || !std::isdigit(static_cast<unsigned char>(s[0]))) return std::nullopt;
  auto digits = withoutUnderscores(s, "0123456789");
  if (!digits) return std::nullopt;
  uint64_t magnitude = 0;
  for (char c : *digits) {
    if (__builtin_mul_overflow(magnitude, 10u, &magnitude) ||
        __builtin_add_overflow(magnitude, static_cast<uint64_t>(c - '0'), &magnitude) ||
        magnitude > (negative ? 9223372036854775808ull : 9223372036854775807ull))
      integerOverflow(range, fmt::format("int('{}')", text));
  }
  return negative ? static_cast<int64_t>(0 - magnitude) : static_cast<int64_t>(magnitude);
}

std::optional<double> parseFloat(const std::string& text) {
  std::string s = stripped(text);
  std::string body = s;
  double sign = 1.0;
  if (!body.empty() && (body[0] == '-' || body[0] == '+')) {
    sign = body[0] == '-' ? -1.0 : 1.0;
    body.erase(0, 1);
  }
  std::string lower;
  for (char c : body) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "inf" || lower == "infinity") return sign * std::numeric_limits<double>::infinity();
  if (lower == "nan") return std::copysign(std::numeric_limits<double>::quiet_NaN(), sign);
  // Only decimal syntax: strtod alone would also take hexadecimal floats, which Python's float() refuses.
  auto cleaned = withoutUnderscores(s, "0123456789.eE+-");
  if (!cleaned || cleaned->empty()) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(cleaned->c_str(), &end);
  if (end != cleaned->c_str() + cleaned->size()) return std::nullopt;
  return value;
}

std::string floatRepr(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value < 0 ? "-inf" : "inf";
  // The shortest digits that read back as the same double, laid out as Python's repr does: positional for
  // exponents from -4 to 15, with ".0" when integral; scientific with a two-digit exponent otherwise.
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::scientific);
  std::string scientific(buffer, end);
  size_t e = scientific.find('e');
  int exponent = std::atoi(scientific.c_str() + e + 1);
  std::string mantissa = scientific.substr(0, e);
  bool negative = mantissa[0] == '-';
  if (negative) mantissa.erase(0, 1);
  std::string digits;
  for (char c : mantissa)
    if (c != '.') digits += c;
  std::string out;
  if (exponent < -4 || exponent >= 16) {
    out = digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    out += fmt::format("e{}{:02d}", exponent < 0 ? '-' : '+', std::abs(exponent));
  } else if (exponent < 0) {
    out = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  } else {
    size_t point = static_cast<size_t>(exponent) + 1;
    if (digits.size() <= point) out = digits + std::string(point - digits.size(), '0') + ".0";
    else out = digits.substr(0, point) + "." + digits.substr(point);
  }
  return negative ? "-" + out : out;
}

}  // namespace patchc::elab
