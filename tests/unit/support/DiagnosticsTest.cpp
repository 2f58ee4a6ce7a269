// Diagnostic formatting, source lines and spelling suggestions.
#include "support/Diagnostics.h"

#include <gtest/gtest.h>

#include <sstream>

namespace patchc {
namespace {

TEST(SourceFileTest, LinesWithoutTheirNewline) {
  SourceFile file("f.patch", "one\r\ntwo\n\nlast");
  EXPECT_EQ(file.line(1), "one");
  EXPECT_EQ(file.line(2), "two");
  EXPECT_EQ(file.line(3), "");
  EXPECT_EQ(file.line(4), "last");
  EXPECT_EQ(file.line(5), "");
  EXPECT_EQ(file.line(0), "");
}

TEST(SourceRangeTest, Str) {
  SourceFile file("f.patch", "x\n");
  EXPECT_EQ((SourceRange{{3, 14}, {3, 15}, &file}).str(), "f.patch:3:14");
  EXPECT_EQ(SourceRange{}.str(), "<unknown>");
}

TEST(DiagnosticsTest, FormatQuotesTheLineWithACaret) {
  SourceFile file("chorus.patch", "a = 1\n    a = Sine(440\n");
  Diagnostic diagnostic{Severity::Error, {{2, 14}, {2, 17}, &file}, "expected ')'"};
  EXPECT_EQ(formatDiagnostic(diagnostic),
            "chorus.patch:2:14: error: expected ')'\n"
            "    a = Sine(440\n"
            "             ^\n");
}

TEST(DiagnosticsTest, SeverityNames) {
  SourceFile file("p.patch", "x\n");
  SourceRange at{{1, 1}, {1, 2}, &file};
  EXPECT_EQ(formatDiagnostic({Severity::Warning, at, "w"}).substr(0, 22), "p.patch:1:1: warning: ");
  EXPECT_EQ(formatDiagnostic({Severity::Note, at, "n"}).substr(0, 19), "p.patch:1:1: note: ");
  EXPECT_EQ(formatDiagnostic({Severity::Remark, at, "r"}).substr(0, 21), "p.patch:1:1: remark: ");
}

TEST(DiagnosticsTest, UnknownLocationsHaveNoSourceLine) {
  EXPECT_EQ(formatDiagnostic({Severity::Error, {}, "no input"}), "error: no input\n");
}

TEST(DiagnosticsTest, CaretAfterTheEndOfTheLineAndAfterUtf8) {
  SourceFile file("u.patch", "s = 'é' +\n");
  // 'é' is two bytes: byte column 11 is the end of the line, which is 10 characters wide.
  EXPECT_EQ(formatDiagnostic({Severity::Error, {{1, 11}, {1, 11}, &file}, "m"}),
            "u.patch:1:11: error: m\ns = 'é' +\n         ^\n");
}

TEST(DiagnosticsTest, ReportPrintsCountsAndStores) {
  std::ostringstream out;
  Diagnostics diagnostics(out);
  SourceFile file("p.patch", "x = 1\n");
  diagnostics.note({{1, 1}, {1, 2}, &file}, "a note");
  EXPECT_FALSE(diagnostics.hasErrors());
  EXPECT_EQ(out.str(), "p.patch:1:1: note: a note\nx = 1\n^\n");
  diagnostics.error({{1, 5}, {1, 6}, &file}, "an error");
  EXPECT_EQ(diagnostics.errorCount(), 1);
  ASSERT_EQ(diagnostics.all().size(), 2u);
  EXPECT_EQ(diagnostics.all()[1].message, "an error");
}

TEST(ClosestMatchTest, FindsLikelyMisspellings) {
  const std::vector<std::string> objects = {"Sine", "SineLoop", "Phaser", "Metro", "Noise"};
  EXPECT_EQ(closestMatch("Sien", objects), "Sine");       // transposition
  EXPECT_EQ(closestMatch("sine", objects), "Sine");       // case is ignored
  EXPECT_EQ(closestMatch("SineLop", objects), "SineLoop");
  EXPECT_EQ(closestMatch("Phasor", objects), "Phaser");
  EXPECT_EQ(closestMatch("Reverb", objects), "");         // nothing close
  EXPECT_EQ(closestMatch("x", {}), "");
}

TEST(ClosestMatchTest, ThresholdGrowsWithTheWordAndTiesGoToTheFirst) {
  EXPECT_EQ(closestMatch("ab", {"xy", "ax"}), "ax");          // short words allow one edit
  EXPECT_EQ(closestMatch("abcdef", {"abxdyf"}), "abxdyf");    // 6 letters allow two edits
  EXPECT_EQ(closestMatch("abcdef", {"axxdyf"}), "");          // but not three
  EXPECT_EQ(closestMatch("Metre", {"Metro", "Meter"}), "Metro");
}

}  // namespace
}  // namespace patchc
