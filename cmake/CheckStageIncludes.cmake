# The `stage-dependencies` test: every `#include "STAGE/..."` in a stage folder names that stage or one it may use
# (cmake/StageDependencies.cmake). Run as cmake -DSOURCE_DIR=... -P CheckStageIncludes.cmake.
cmake_minimum_required(VERSION 3.20)  # IN_LIST
include(${CMAKE_CURRENT_LIST_DIR}/StageDependencies.cmake)

set(violations "")
foreach(stage ${PATCHC_STAGES})
  file(GLOB_RECURSE sources RELATIVE ${SOURCE_DIR}
       ${SOURCE_DIR}/${stage}/*.h ${SOURCE_DIR}/${stage}/*.cpp ${SOURCE_DIR}/${stage}/*.yy ${SOURCE_DIR}/${stage}/*.ll)
  foreach(source ${sources})
    file(STRINGS ${SOURCE_DIR}/${source} includes REGEX "^[ \t]*#[ \t]*include[ \t]*\"[a-z]+/")
    foreach(line ${includes})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*\"([a-z]+)/.*" "\\1" used "${line}")
      if(used IN_LIST PATCHC_STAGES AND NOT used STREQUAL stage AND NOT used IN_LIST PATCHC_STAGE_USES_${stage})
        string(APPEND violations "  ${source}: ${line} (${stage}/ may not use ${used}/)\n")
      endif()
    endforeach()
  endforeach()
endforeach()

if(violations)
  message(FATAL_ERROR "Includes against the stages' one-way flow (cmake/StageDependencies.cmake):\n${violations}")
endif()
message(STATUS "Every stage includes only the stages it may use")
