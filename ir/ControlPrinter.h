// The text form of the control program (ir/Control.h), after the graph in `patchc emit --stage=graph`: the
// lowered handlers that lit tests check, e.g.
//   timer pat = Pattern(new_event) every 0.25 s, playing
//   handler new_event:  ; 09.patch:8:1
//     dur#3 = [0.125, 0.25, 0.5][randbelow(3)]
//     param %Param7[0] = float(dur#3)
//     play %Param9
#pragma once

#include "ir/Graph.h"

#include <functional>
#include <string>

namespace patchc::ir {

// `nodeName` prints a node's name as the graph's printout does.
std::string printControl(const Graph& graph, const std::function<std::string(NodeId)>& nodeName);

}  // namespace patchc::ir
