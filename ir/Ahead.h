// The nodes a patch with callbacks renders a block ahead of the rest: what the control watches
// (Control::watchedNodes: TrigFunc's, Score's, Print's streams) and every node they read (a stopped node reads
// nothing: it outputs silence), so that the events of a
// block can be found in their buffers before the block is played. A handler's change reaches these nodes at the
// next block (as a pyo callback's change does) and the rest of the patch at the event's frame.
// Passes that merge nodes keep the two sets apart: a node outside that reads a Param, a list or a table handlers
// write would otherwise see the handler's change a block late (the code generator and the optimizer both ask here).
// The set is fixed on the graph as written (Node::ahead): the passes then keep when each node sees a change.
#pragma once

#include "ir/Graph.h"

#include <vector>

namespace patchc::ir {

// Marks Node::ahead on the graph as written (the elaborator's last step): what the control watches and what it reads.
void markRenderedAhead(Graph& graph);

// ahead[id] for every node of the graph: the nodes marked ahead when the graph was written, what is watched now,
// and everything those read (a node rendered ahead needs its inputs first). A pass that removes a read (const-fold
// of a Mix with mul=0) no longer moves a node out of the set; all false when nothing is watched.
std::vector<bool> renderedAhead(const Graph& graph);

}  // namespace patchc::ir
