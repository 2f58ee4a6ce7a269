# Copies every *.patch of examples/, tests/ and bench/cases/ into CORPUS_DIR, named after its path (slashes as
# '_') so that files of the same name stay apart. Run at build time by the patchc_fuzz_seed_corpus target.
file(GLOB_RECURSE patches RELATIVE ${SOURCE_DIR}
     ${SOURCE_DIR}/examples/*.patch ${SOURCE_DIR}/tests/*.patch ${SOURCE_DIR}/bench/cases/*.patch)
file(REMOVE_RECURSE ${CORPUS_DIR})
file(MAKE_DIRECTORY ${CORPUS_DIR})
foreach(patch ${patches})
  string(REPLACE "/" "_" name ${patch})
  configure_file(${SOURCE_DIR}/${patch} ${CORPUS_DIR}/${name} COPYONLY)
endforeach()
list(LENGTH patches count)
message(STATUS "Seed corpus: ${count} patches in ${CORPUS_DIR}")
