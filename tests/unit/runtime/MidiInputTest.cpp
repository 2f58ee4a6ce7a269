// Live MIDI input where there may be no MIDI at all (CI and containers have no /dev/snd/seq): listing and
// opening give a clear answer, print nothing (ALSA's own complaint is silenced), and never crash. With a
// device present (a musician's machine), the default input opens, reads on its thread and closes.
#include "runtime/MidiInput.h"

#include <gtest/gtest.h>

namespace patchc::runtime {
namespace {

TEST(MidiInput, ListingPrintsNothingAndAlwaysAnswers) {
  ::testing::internal::CaptureStderr();
  const MidiInputList list = listMidiInputs();
  const MidiInputList again = listMidiInputs();  // PortMidi started and stopped twice
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  EXPECT_EQ(list.error, "");
  EXPECT_EQ(list.inputs.size(), again.inputs.size());
  if (list.inputs.empty()) {
    EXPECT_EQ(describeMidiInputs(list), "MIDI inputs: none\n");
  }
}

TEST(MidiInput, DescribesTheInputsForListDevices) {
  MidiInputList list;
  list.inputs = {{1, "Midi Through Port-0", "ALSA", false}, {3, "Launchkey Mini MIDI 1", "ALSA", true}};
  EXPECT_EQ(describeMidiInputs(list),
            "MIDI inputs:\n  1: Midi Through Port-0 (ALSA)\n  3: Launchkey Mini MIDI 1 (ALSA) [default]\n");
  EXPECT_EQ(describeMidiInputs({{}, "PortMidi could not start: x"}),
            "MIDI inputs: none (PortMidi could not start: x)\n");
}

TEST(MidiInput, TheDefaultIsTheFirstInputThatIsNotMidiThrough) {
  std::vector<MidiInputDevice> inputs = {{0, "Midi Through Port-0", "ALSA", false},
                                         {2, "Launchkey Mini MIDI 1", "ALSA", false},
                                         {4, "Digital Piano MIDI 1", "ALSA", false}};
  markDefaultMidiInput(inputs);
  EXPECT_FALSE(inputs[0].isDefault);
  EXPECT_TRUE(inputs[1].isDefault);
  EXPECT_FALSE(inputs[2].isDefault);
  std::vector<MidiInputDevice> onlyThrough = {{0, "Midi Through Port-0", "ALSA", false}};
  markDefaultMidiInput(onlyThrough);
  EXPECT_TRUE(onlyThrough[0].isDefault);
  std::vector<MidiInputDevice> none;
  markDefaultMidiInput(none);  // nothing to mark, nothing read
}

TEST(MidiInput, OpeningWithoutADeviceIsAClearError) {
  if (!listMidiInputs().inputs.empty()) GTEST_SKIP() << "this machine has a MIDI input";
  ::testing::internal::CaptureStderr();
  std::string error;
  EXPECT_EQ(MidiInput::open(MidiInput::kDefaultDevice, error), nullptr);
  EXPECT_EQ(error, "cannot open MIDI input: there is no MIDI input device (PortMidi found none; on Linux it uses "
                   "ALSA's sequencer, /dev/snd/seq)");
  EXPECT_EQ(MidiInput::open(2, error), nullptr);
  EXPECT_EQ(MidiInput::open(MidiInput::kAllDevices, error), nullptr);
  EXPECT_EQ(error, "cannot open MIDI input: there is no MIDI input device (PortMidi found none; on Linux it uses "
                   "ALSA's sequencer, /dev/snd/seq)");
  EXPECT_EQ(::testing::internal::GetCapturedStderr(), "");
  // Each failed open gave PortMidi back: it starts again for the next user.
  EXPECT_EQ(listMidiInputs().error, "");
}

TEST(MidiInput, AnIdThatIsNotAnInputIsRefused) {
  std::string error;
  EXPECT_EQ(MidiInput::open(100000, error), nullptr);
  EXPECT_EQ(error.rfind("cannot open MIDI input: ", 0), 0u) << error;
  if (!listMidiInputs().inputs.empty()) {
    EXPECT_NE(error.find("device 100000 is not a MIDI input; the inputs are "), std::string::npos) << error;
  }
}

TEST(MidiInput, TheDefaultInputOpensAndCloses) {
  const MidiInputList list = listMidiInputs();
  if (list.inputs.empty()) GTEST_SKIP() << "no MIDI input on this machine";
  std::string error;
  std::unique_ptr<MidiInput> input = MidiInput::open(MidiInput::kDefaultDevice, error, 64);
  ASSERT_NE(input, nullptr) << error;
  MidiEvent out[64];
  input->source().eventsBefore(256, out, 64);  // whatever arrived: no crash, no wait
  EXPECT_EQ(input->dropped(), 0u);
  ASSERT_EQ(input->devices().size(), 1u);
  EXPECT_TRUE(input->devices()[0].isDefault);
  input.reset();
  std::unique_ptr<MidiInput> all = MidiInput::open(MidiInput::kAllDevices, error, 64);
  ASSERT_NE(all, nullptr) << error;
  EXPECT_EQ(all->devices().size(), list.inputs.size());
}

}  // namespace
}  // namespace patchc::runtime
