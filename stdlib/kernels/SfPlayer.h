// SfPlayer(path, speed, loop, offset, interp, fileSampleRate): per-lane state.
#pragma once

namespace patchc::kernel::sfplayer {

struct State {
  double position;  // read position in the file's samples
  int finished;     // 1 once a non-looping player ran off either end of the sound
};

}  // namespace patchc::kernel::sfplayer
