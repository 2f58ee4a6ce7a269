/* The patch scanner: Python's tokens and layout (INDENT/DEDENT/NEWLINE), see Lexer.h. */
%option c++ prefix="patchc" yyclass="patchc::syntax::Lexer"
%option noyywrap nounput noinput nodefault never-interactive 8bit warn

%{
#include "frontend/Lexer.h"

#include <climits>
#include <cstdio>

// Flex reads at most YY_READ_BUF_SIZE bytes per refill (8 KiB by default) and, after each refill, rescans the
// token under way from its first byte and moves it to the buffer's start: a token of n bytes cost n^2/8192 steps
// (a 4 MB comment took 8 s). Letting each refill fill all the free space, which doubles when a token fills the
// buffer, makes the refills of one token geometric and the scan linear.
#define YY_READ_BUF_SIZE INT_MAX

// Flex's scanning function returns the parser's typed tokens instead of an int.
#undef YY_DECL
#define YY_DECL patchc::syntax::Parser::symbol_type patchc::syntax::Lexer::scan()
#define yyterminate() return endOfInput()

using patchc::syntax::Parser;
%}

/* Python 3 allows one underscore between digits: 1_000_000. */
DIGITS      [0-9](_?[0-9])*
EXPONENT    [eE][+-]?{DIGITS}
NAME        [A-Za-z_][A-Za-z0-9_]*
PREFIX      [rRuUbBfF]|[rR][bBfF]|[bBfF][rR]
SQ_BODY     ([^'\\\r\n]|\\(\r?\n|.))*
DQ_BODY     ([^"\\\r\n]|\\(\r?\n|.))*

/* BOL: at the start of a logical line, where leading whitespace is indentation. LONG_SQ/LONG_DQ: inside a
   triple-quoted string. */
%x BOL LONG_SQ LONG_DQ

%%

<BOL>{
  [ \t\f]*(#[^\r\n]*)?\r?\n  { consume(); /* a blank or comment-only line is not a logical line */ }
  [ \t\f]*#[^\r\n]*          { consume(); /* the same on the last line, without its newline */ }
  [ \t\f]+                   {
                               int width = 0;
                               for (int i = 0; i < yyleng; ++i) {
                                 if (yytext[i] == '\t') width = (width / 8 + 1) * 8;
                                 else if (yytext[i] == '\f') width = 0;  // as in CPython
                                 else ++width;
                               }
                               consume();
                               BEGIN(INITIAL);
                               indentTo(width, here());
                               if (!pending_.empty()) return takePending();
                             }
  .                          {
                               yyless(0);
                               BEGIN(INITIAL);
                               indentTo(0, here());
                               if (!pending_.empty()) return takePending();
                             }
  <<EOF>>                    { return endOfInput(); }
}

[ \t\f]+                { consume(); }
#[^\r\n]*               { consume(); }
\\\r?\n                 { consume(); /* explicit line joining */ }
\\                      { fail(consume(), "unexpected character after line continuation character"); }
\r?\n                   {
                          SourceRange range = consume();
                          // Inside brackets lines join implicitly and the next line's indentation means nothing.
                          if (brackets_.empty()) {
                            BEGIN(BOL);
                            if (lineHasTokens_) {
                              lineHasTokens_ = false;
                              return Parser::make_NEWLINE(range);
                            }
                          }
                        }

"def"       { return Parser::make_DEF(consume()); }
"return"    { return Parser::make_RETURN(consume()); }
"for"       { return Parser::make_FOR(consume()); }
"in"        { return Parser::make_IN(consume()); }
"if"        { return Parser::make_IF(consume()); }
"elif"      { return Parser::make_ELIF(consume()); }
"else"      { return Parser::make_ELSE(consume()); }
"while"     { return Parser::make_WHILE(consume()); }
"not"       { return Parser::make_NOT(consume()); }
"and"       { return Parser::make_AND(consume()); }
"or"        { return Parser::make_OR(consume()); }
"is"        { return Parser::make_IS(consume()); }
"import"    { return Parser::make_IMPORT(consume()); }
"from"      { return Parser::make_FROM(consume()); }
"as"        { return Parser::make_AS(consume()); }
"pass"      { return Parser::make_PASS(consume()); }
"break"     { return Parser::make_BREAK(consume()); }
"continue"  { return Parser::make_CONTINUE(consume()); }
"class"     { return Parser::make_CLASS(consume()); }
"lambda"    { return Parser::make_LAMBDA(consume()); }
"True"      { return Parser::make_TRUE(consume()); }
"False"     { return Parser::make_FALSE(consume()); }
"None"      { return Parser::make_NONE(consume()); }
"global"    { return Parser::make_GLOBAL(consume()); }
"try"       { return Parser::make_TRY(consume()); }
"except"    { return Parser::make_EXCEPT(consume()); }
"finally"   { return Parser::make_FINALLY(consume()); }
 /* Python keywords of statements patchc does not compile: the parser names them in its error. */
"assert"|"async"|"await"|"del"|"nonlocal"|"raise"|"with"|"yield" {
              std::string word = yytext;
              return Parser::make_RESERVED(word, consume());
            }

{NAME}      { std::string name = yytext; return Parser::make_NAME(name, consume()); }

0[xX](_?[0-9a-fA-F])+  { return integer(16, 2); }
0[oO](_?[0-7])+        { return integer(8, 2); }
0[bB](_?[01])+         { return integer(2, 2); }
{DIGITS}               {
                         // Python 3 reserves 0-prefixed decimals (C's octal); only zeros may lead.
                         std::string digits = yytext;
                         if (digits.size() > 1 && digits[0] == '0' && digits.find_first_not_of("0_") != std::string::npos)
                           fail(consume(), "leading zeros in decimal integer literals are not permitted; "
                                           "use an 0o prefix for octal integers");
                         return integer(10, 0);
                       }
{DIGITS}\.{DIGITS}?{EXPONENT}?|\.{DIGITS}{EXPONENT}?|{DIGITS}{EXPONENT} {
                         std::string text;
                         for (int i = 0; i < yyleng; ++i) if (yytext[i] != '_') text += yytext[i];
                         NumberLiteral number{std::strtod(text.c_str(), nullptr), 0, false};
                         return Parser::make_NUMBER(number, consume());
                       }

({PREFIX})?'{SQ_BODY}'   |
({PREFIX})?\"{DQ_BODY}\" {
                           std::string text(yytext, yyleng);
                           size_t quote = text.find_first_of("'\"");
                           return string(consume(), text.substr(0, quote), text.substr(quote + 1, text.size() - quote - 2));
                         }
({PREFIX})?'{SQ_BODY}    |
({PREFIX})?\"{DQ_BODY}   { fail(consume(), "unterminated string literal"); }
({PREFIX})?'''           |
({PREFIX})?\"\"\"        {
                           std::string text = yytext;
                           longStringPrefix_ = text.substr(0, text.size() - 3);
                           longString_.clear();
                           longStringStart_ = consume();
                           BEGIN(text.back() == '\'' ? LONG_SQ : LONG_DQ);
                         }

<LONG_SQ>"'''"           |
<LONG_DQ>"\"\"\""        {
                           SourceRange range = longStringStart_;
                           range.end = consume().end;
                           BEGIN(INITIAL);
                           return string(range, longStringPrefix_, longString_);
                         }
<LONG_SQ>[^'\\]+         |
<LONG_DQ>[^"\\]+         |
<LONG_SQ,LONG_DQ>\\(.|\n)?       |
<LONG_SQ,LONG_DQ>.       { longString_.append(yytext, yyleng); consume(); }
<LONG_SQ,LONG_DQ><<EOF>> { fail(longStringStart_, "unterminated triple-quoted string literal"); }

"+="        { return Parser::make_PLUS_ASSIGN(consume()); }
"-="        { return Parser::make_MINUS_ASSIGN(consume()); }
"*="        { return Parser::make_STAR_ASSIGN(consume()); }
"/="        { return Parser::make_SLASH_ASSIGN(consume()); }
"//="       { return Parser::make_DOUBLE_SLASH_ASSIGN(consume()); }
"%="        { return Parser::make_PERCENT_ASSIGN(consume()); }
"**="       { return Parser::make_DOUBLE_STAR_ASSIGN(consume()); }
"=="        { return Parser::make_EQUAL(consume()); }
"!="        { return Parser::make_NOT_EQUAL(consume()); }
"<="        { return Parser::make_LESS_EQUAL(consume()); }
">="        { return Parser::make_GREATER_EQUAL(consume()); }
"->"        { return Parser::make_ARROW(consume()); }
"**"        { return Parser::make_DOUBLE_STAR(consume()); }
"//"        { return Parser::make_DOUBLE_SLASH(consume()); }
"+"         { return Parser::make_PLUS(consume()); }
"-"         { return Parser::make_MINUS(consume()); }
"*"         { return Parser::make_STAR(consume()); }
"/"         { return Parser::make_SLASH(consume()); }
"%"         { return Parser::make_PERCENT(consume()); }
"<"         { return Parser::make_LESS(consume()); }
">"         { return Parser::make_GREATER(consume()); }
"="         { return Parser::make_ASSIGN(consume()); }
"("         { SourceRange range = consume(); openBracket('(', range); return Parser::make_LPAREN(range); }
"["         { SourceRange range = consume(); openBracket('[', range); return Parser::make_LBRACKET(range); }
"{"         { SourceRange range = consume(); openBracket('{', range); return Parser::make_LBRACE(range); }
")"         { SourceRange range = consume(); closeBracket(')', range); return Parser::make_RPAREN(range); }
"]"         { SourceRange range = consume(); closeBracket(']', range); return Parser::make_RBRACKET(range); }
"}"         { SourceRange range = consume(); closeBracket('}', range); return Parser::make_RBRACE(range); }
","         { return Parser::make_COMMA(consume()); }
":"         { return Parser::make_COLON(consume()); }
"."         { return Parser::make_DOT(consume()); }
";"         { return Parser::make_SEMICOLON(consume()); }

"<<="|">>="|"&="|"|="|"^="|"<<"|">>"|"&"|"|"|"^"|"~" {
              std::string op = yytext;
              fail(consume(), "the bitwise operator '" + op + "' is not supported");
            }
":="        { fail(consume(), "assignment expressions (':=') are not supported"); }
"@"         { fail(consume(), "'@' (decorators, matrix multiplication) is not supported"); }
[\xC0-\xFF][\x80-\xBF]* {
              std::string character = yytext;
              fail(consume(), "unexpected character '" + character +
                              "'; outside strings and comments a patch is ASCII");
            }
.           {
              unsigned char c = static_cast<unsigned char>(yytext[0]);
              char text[8];
              if (c >= 0x20 && c < 0x7F) std::snprintf(text, sizeof text, "%c", c);
              else std::snprintf(text, sizeof text, "\\x%02x", c);
              fail(consume(), std::string("unexpected character '") + text + "'");
            }
<<EOF>>     { return endOfInput(); }

%%

namespace patchc::syntax {

namespace {

void appendUtf8(std::string& out, unsigned long codePoint) {
  if (codePoint < 0x80) {
    out += static_cast<char>(codePoint);
  } else if (codePoint < 0x800) {
    out += static_cast<char>(0xC0 | (codePoint >> 6));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  } else if (codePoint < 0x10000) {
    out += static_cast<char>(0xE0 | (codePoint >> 12));
    out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | ((codePoint >> 18) & 0x07));
    out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (codePoint & 0x3F));
  }
}

int hexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Python's string escapes. Unknown escapes keep their backslash, as Python does; CRLF becomes LF.
std::string decodeEscapes(const std::string& body, bool raw) {
  std::string out;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\r' && i + 1 < body.size() && body[i + 1] == '\n') continue;
    if (c != '\\' || raw || i + 1 == body.size()) {
      out += c;
      if (c == '\\' && raw && i + 1 < body.size()) out += body[++i];  // a raw string's \' stays two characters
      continue;
    }
    char escape = body[++i];
    switch (escape) {
      case '\n': break;  // backslash-newline continues the string on the next line
      case '\r':
        if (i + 1 < body.size() && body[i + 1] == '\n') ++i;
        break;
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case '\\': case '\'': case '"': out += escape; break;
      case 'x': case 'u': case 'U': {
        size_t digits = escape == 'x' ? 2 : escape == 'u' ? 4 : 8;
        unsigned long value = 0;
        size_t n = 0;
        for (; n < digits && i + 1 < body.size() && hexDigit(body[i + 1]) >= 0; ++n) value = value * 16 + hexDigit(body[++i]);
        if (n != digits) throw std::invalid_argument(std::string("truncated \\") + escape + " escape");
        if (escape == 'x') out += static_cast<char>(value);
        else if (value > 0x10FFFF) throw std::invalid_argument("\\U escape beyond the Unicode range");
        else appendUtf8(out, value);
        break;
      }
      default:
        if (escape >= '0' && escape <= '7') {
          int value = escape - '0';
          for (int n = 1; n < 3 && i + 1 < body.size() && body[i + 1] >= '0' && body[i + 1] <= '7'; ++n)
            value = value * 8 + (body[++i] - '0');
          out += static_cast<char>(value);
        } else {
          out += '\\';
          out += escape;
        }
    }
  }
  return out;
}

}  // namespace

Lexer::Lexer(std::istream& input, const SourceFile& file) : patchcFlexLexer(&input), file_(file) { BEGIN(BOL); }

Parser::symbol_type Lexer::next() {
  Parser::symbol_type token = pending_.empty() ? scan() : takePending();
  switch (token.kind()) {
    case Parser::symbol_kind::S_NEWLINE:
    case Parser::symbol_kind::S_INDENT:
    case Parser::symbol_kind::S_DEDENT:
    case Parser::symbol_kind::S_YYEOF:
      break;
    default:
      lastTokenEnd_ = token.location.end;
      lineHasTokens_ = true;
  }
  return token;
}

bool Lexer::findUnclosedBracket(std::string& message, SourceRange& where) {
  if (brackets_.empty()) return false;
  try {
    while (next().kind() != Parser::symbol_kind::S_YYEOF) {
    }
  } catch (const Parser::syntax_error& error) {
    if (unclosedBracket_) {
      message = error.what();
      where = error.location;
      return true;
    }
  }
  return false;
}

void Lexer::LexerError(const char* message) { fail(here(), std::string("internal scanner error: ") + message); }

SourceRange Lexer::consume() {
  SourceRange range{position_, position_, &file_};
  for (int i = 0; i < yyleng; ++i) {
    if (yytext[i] == '\n') {
      ++position_.line;
      position_.column = 1;
    } else {
      ++position_.column;
    }
  }
  range.end = position_;
  return range;
}

void Lexer::fail(const SourceRange& where, const std::string& message) { throw Parser::syntax_error(where, message); }

void Lexer::indentTo(int width, const SourceRange& where) {
  if (width > indents_.back()) {
    if (static_cast<int>(indents_.size()) > kMaxIndentLevels) fail(where, "too many levels of indentation");
    indents_.push_back(width);
    pending_.push_back(Parser::make_INDENT(where));
    return;
  }
  while (width < indents_.back()) {
    indents_.pop_back();
    pending_.push_back(Parser::make_DEDENT(where));
  }
  if (width != indents_.back()) fail(where, "unindent does not match any outer indentation level");
}

void Lexer::openBracket(char symbol, const SourceRange& where) {
  if (static_cast<int>(brackets_.size()) >= kMaxBracketDepth) fail(where, "too many nested parentheses");
  brackets_.push_back({symbol, where});
}

void Lexer::closeBracket(char symbol, const SourceRange& where) {
  if (brackets_.empty()) fail(where, std::string("unmatched '") + symbol + "'");
  OpenBracket open = brackets_.back();
  char expected = open.symbol == '(' ? ')' : open.symbol == '[' ? ']' : '}';
  if (symbol != expected) {
    std::string message = std::string("closing parenthesis '") + symbol + "' does not match opening parenthesis '" +
                          open.symbol + "'";
    if (open.range.begin.line != where.begin.line) message += " on line " + std::to_string(open.range.begin.line);
    fail(where, message);
  }
  brackets_.pop_back();
}

// End of input: close the last logical line and every open block, so the grammar sees a well-formed layout.
Parser::symbol_type Lexer::endOfInput() {
  if (!brackets_.empty()) {
    unclosedBracket_ = true;
    fail(brackets_.back().range, std::string("'") + brackets_.back().symbol + "' was never closed");
  }
  SourceRange at{lastTokenEnd_, lastTokenEnd_, &file_};
  if (lineHasTokens_) {
    lineHasTokens_ = false;
    pending_.push_back(Parser::make_NEWLINE(at));
  }
  for (; indents_.size() > 1; indents_.pop_back()) pending_.push_back(Parser::make_DEDENT(at));
  pending_.push_back(Parser::make_END(at));
  return takePending();
}

Parser::symbol_type Lexer::integer(int base, int prefixLength) {
  // Exact, in 64 bits like every compile-time integer (elab/Numbers.h says why): a longer literal is an error, not a
  // rounded or wrapped number.
  int64_t value = 0;
  for (int i = prefixLength; i < yyleng; ++i) {
    if (yytext[i] == '_') continue;
    if (__builtin_mul_overflow(value, int64_t(base), &value) || __builtin_add_overflow(value, hexDigit(yytext[i]), &value)) {
      std::string text(yytext, std::min<size_t>(yyleng, 40));
      fail(consume(), "integer overflow: the literal " + text + (yyleng > 40 ? "..." : "") +
                          " does not fit in 64 bits; patchc's compile-time integers are 64-bit (write it as a "
                          "float, e.g. 1e20)");
    }
  }
  return Parser::make_NUMBER(NumberLiteral{static_cast<double>(value), value, true}, consume());
}

Parser::symbol_type Lexer::string(const SourceRange& where, const std::string& prefix, const std::string& body) {
  if (prefix.find_first_of("fF") != std::string::npos) fail(where, "f-strings are not supported");
  if (prefix.find_first_of("bB") != std::string::npos) fail(where, "bytes literals are not supported");
  try {
    return Parser::make_STRING(decodeEscapes(body, prefix.find_first_of("rR") != std::string::npos), where);
  } catch (const std::invalid_argument& error) {
    fail(where, std::string("invalid string literal: ") + error.what());
  }
}

Parser::symbol_type Lexer::takePending() {
  Parser::symbol_type token = std::move(pending_.front());
  pending_.pop_front();
  return token;
}

}  // namespace patchc::syntax
