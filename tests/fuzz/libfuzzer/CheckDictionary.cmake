# fuzz-dictionary test: the generated dictionary has entries from each of its sources.
file(READ ${DICTIONARY} text)
foreach(entry [["def"]] [["**="]] [["Sine"]] [["freq="]] [["maxdelay"]] [["random.uniform"]] [["midiToHz"]]
              [["setFreq"]] [["assert"]])
  string(FIND "${text}" "=${entry}\n" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${DICTIONARY} lacks ${entry}")
  endif()
endforeach()
