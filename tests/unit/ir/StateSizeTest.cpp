// ir/StateSize.h: the state a patch makes init allocate, computed on the graph before anything is allocated.
#include "ir/StateSize.h"

#include "stdlib/CheckedSize.h"
#include "stdlib/Registry.h"

#include <gtest/gtest.h>

namespace patchc::ir {
namespace {

Node& delayNode(Graph& graph, float maxdelay, int lanes) {
  const ObjectSpec* delay = Registry::builtin().find("Delay");
  Node& node = graph.add(NodeKind::Object, delay, lanes, {});
  node.inputs = {Signal::constant(0.0f), Signal::constant(0.25f), Signal::constant(0.0f), Signal::constant(maxdelay),
                 Signal::constant(1.0f), Signal::constant(0.0f)};
  return node;
}

TEST(StateSize, CountsLanesStateAndBuffers) {
  Graph graph;
  Node& node = delayNode(graph, 1.0f, 3);
  NodeStateSize size = stateSizeOf(node, 44100.0);
  EXPECT_GE(size.laneState, 44100u * sizeof(float));
  EXPECT_EQ(size.laneStride % 16, 0u);
  EXPECT_EQ(size.total, 3 * (size.laneStride + kBufferBytesPerLane));
}

TEST(StateSize, RefusesAtTheBiggestObjectAndSaturates) {
  Graph graph;
  delayNode(graph, 1.0f, 1);
  Node& big = delayNode(graph, 3e38f, 4);  // saturates: more than 64 bits
  EXPECT_EQ(stateSizeOf(big, 44100.0).total, kSaturatedSize);
  auto error = checkStateBytes(graph, 1ull << 30);
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->message.find("Delay needs more than 16 EiB of state (4 lanes"), std::string::npos) << error->message;
  EXPECT_FALSE(checkStateBytes(graph, kSaturatedSize).has_value());  // --limit state-bytes=0
}

TEST(StateSize, DescribesBytesWithThreeDigits) {
  EXPECT_EQ(describeBytes(512), "512 bytes");
  EXPECT_EQ(describeBytes(1ull << 30), "1 GiB");
  EXPECT_EQ(describeBytes(1023 * 1024 + 1000), "1024 KiB");
  EXPECT_EQ(describeBytes(1764000016), "1.64 GiB");
  EXPECT_EQ(describeBytes(2831155), "2.7 MiB");
}

}  // namespace
}  // namespace patchc::ir
