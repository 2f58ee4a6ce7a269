# lit configuration for patchc's compiler-stage tests: `# RUN: patchc ... | FileCheck %s`.
import os
import sys
import lit.formats

config.name = "patchc"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".patch"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(os.path.dirname(config.patchc_bin_dir), "tests", "lit-out")
config.excludes = ["Inputs", "tools"]
config.environment["PATH"] = os.pathsep.join(
    [config.patchc_bin_dir, config.llvm_tools_dir, config.environment.get("PATH", "/usr/bin:/bin")])
config.substitutions.append(("%examples", os.path.join(config.patchc_source_dir, "examples")))
config.substitutions.append(("%bench", os.path.join(config.patchc_source_dir, "bench", "cases")))
tools = os.path.join(os.path.dirname(__file__), "tools")
# `%build-matches-render DIR SECONDS PATCH...`: each patch built, its program's render = patchc render's.
config.substitutions.append(("%build-matches-render", "%s %s" % (sys.executable, os.path.join(tools, "build-matches-render.py"))))
# `%same-samples A.wav B.wav`: the same format and sample bytes (tools/same-samples.py).
config.substitutions.append(("%same-samples", "%s %s" % (sys.executable, os.path.join(os.path.dirname(__file__), "tools", "same-samples.py"))))
# `%largest-jump A.wav [--not-above B.wav] [--above X]`: the largest sample-to-sample step (a hot swap's click).
config.substitutions.append(("%largest-jump", "%s %s" % (sys.executable, os.path.join(tools, "largest-jump.py"))))
# `%wav-measure FILE.wav onset|silent|freq|value CHANNEL ...`: a measurement of a render (tools/wav-measure.py).
config.substitutions.append(("%wav-measure", "%s %s" % (sys.executable, os.path.join(tools, "wav-measure.py"))))
# `%midi-read FILE.mid RATE dump|pattern-notes ...`: a MIDI file's messages at exact frames (tools/midi-read.py).
config.substitutions.append(("%midi-read", "%s %s" % (sys.executable, os.path.join(tools, "midi-read.py"))))
# `%midi-fixtures`: tests/midi, the MIDI files renders read with --midi (tests/midi/README.md lists their events).
config.substitutions.append(("%midi-fixtures", os.path.join(config.patchc_source_dir, "tests", "midi")))
# `UNSUPPORTED: asan` for what depends on the size of stack frames, which AddressSanitizer multiplies.
if config.patchc_sanitize.upper() in ("ON", "1", "TRUE", "YES"):
    config.available_features.add("asan")
