// Compiles a patch from text through the whole pipeline (tools/Pipeline.h) and renders it into memory, so audio
// tests measure exactly what `patchc render` would write.
#pragma once

#include "runtime/FileRenderer.h"
#include "runtime/PatchInstance.h"
#include "runtime/Reports.h"
#include "tools/Pipeline.h"

#include <gtest/gtest.h>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace patchc::test {

struct Rendered {
  std::unique_ptr<CompiledPatch> patch;
  std::vector<std::vector<float>> channels;
  std::string diagnostics;
  double sampleRate = 44100.0;
  // What the patch printed (Print, print() in callbacks), with the frame of each report; at most
  // runtime::ReportQueue::kCapacity of them (the render is one call: nothing drains the queue before the end).
  struct Report {
    int64_t frame;
    std::string line;
  };
  std::vector<Report> reports;
};

inline Rendered renderPatch(const std::string& text, double seconds, CompileOptions options = {}) {
  Rendered out;
  std::ostringstream messages;
  Diagnostics diagnostics(messages);
  out.patch = compilePatch(std::make_unique<SourceFile>("test.patch", text), diagnostics, options);
  out.diagnostics = messages.str();
  if (!out.patch) {
    ADD_FAILURE() << "the patch did not compile:\n" << out.diagnostics;
    return out;
  }
  runtime::PatchInstance instance(out.patch->abi());
  out.sampleRate = instance.sampleRate();
  out.channels = runtime::renderToBuffer(instance, static_cast<int64_t>(seconds * instance.sampleRate()));
  const runtime::PatchABI& abi = instance.abi();
  if (abi.reportQueue != runtime::PatchABI::kNoReports) {
    auto* queue = reinterpret_cast<runtime::ReportQueue*>(static_cast<char*>(instance.state()) + abi.reportQueue);
    queue->drain([&](const runtime::ReportQueue::Entry& e) {
      out.reports.push_back({e.frame, runtime::formatReport(abi.reportFormats[e.message], e)});
    });
  }
  return out;
}

// The same patch rendered unoptimized (-O0: no graph pass, no LLVM optimization) and at -O2 (the default): what
// the optimizer must not change.
struct RenderedTwice {
  Rendered unoptimized, optimized;
  bool compiled() const { return unoptimized.patch && optimized.patch; }
};
inline RenderedTwice renderUnoptimizedAndOptimized(const std::string& text, double seconds) {
  CompileOptions o0;
  o0.optimizer.level = opt::Level::O0;
  o0.llvmOptLevel = 0;
  RenderedTwice r;
  r.unoptimized = renderPatch(text, seconds, o0);
  r.optimized = renderPatch(text, seconds);
  return r;
}

inline std::vector<float> slice(const std::vector<float>& x, double sampleRate, double from, double to) {
  auto a = static_cast<size_t>(from * sampleRate), b = static_cast<size_t>(to * sampleRate);
  return std::vector<float>(x.begin() + static_cast<long>(a), x.begin() + static_cast<long>(std::min(b, x.size())));
}

}  // namespace patchc::test
