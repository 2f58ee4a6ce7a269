# Which stage folder may use which (DESIGN §3): data flows one way, frontend → elab → ir ← optimizer → codegen;
# support/ (source ranges, diagnostics, limits) and stdlib/ (the objects) sit beside them; runtime/ knows no
# compiler stage, so a native executable links only libpatchrt. tools/ and tests/ may use every stage.
# Checked twice from this one table: the libraries each stage links (at configure time, patchc_check_stage_links)
# and the headers each stage's files include (the `stage-dependencies` test, CheckStageIncludes.cmake).

set(PATCHC_STAGES support frontend elab ir optimizer codegen runtime stdlib)

set(PATCHC_STAGE_USES_support "")
set(PATCHC_STAGE_USES_frontend support)
set(PATCHC_STAGE_USES_elab support frontend ir stdlib)
set(PATCHC_STAGE_USES_ir support stdlib)
set(PATCHC_STAGE_USES_optimizer support ir stdlib)
set(PATCHC_STAGE_USES_codegen support ir optimizer stdlib runtime)
set(PATCHC_STAGE_USES_runtime "")
set(PATCHC_STAGE_USES_stdlib support)

set(PATCHC_STAGE_LIBRARIES_support patchc_support)
set(PATCHC_STAGE_LIBRARIES_frontend patchc_frontend)
set(PATCHC_STAGE_LIBRARIES_elab patchc_elab)
set(PATCHC_STAGE_LIBRARIES_ir patchc_ir)
set(PATCHC_STAGE_LIBRARIES_optimizer patchc_optimizer)
set(PATCHC_STAGE_LIBRARIES_codegen patchc_codegen)
set(PATCHC_STAGE_LIBRARIES_runtime patchrt)
set(PATCHC_STAGE_LIBRARIES_stdlib patchc_stdlib patchc_kernels)

# The stage a library belongs to, in `out` (empty for a library of no stage: fmt, LLVM, sndfile, ...).
function(patchc_stage_of_library library out)
  set(found "")
  foreach(stage ${PATCHC_STAGES})
    if(library IN_LIST PATCHC_STAGE_LIBRARIES_${stage})
      set(found ${stage})
    endif()
  endforeach()
  set(${out} "${found}" PARENT_SCOPE)
endfunction()

# Fails the configuration when a stage's library links, directly or through another, one of a stage it may not use.
function(patchc_check_stage_links)
  foreach(stage ${PATCHC_STAGES})
    set(queue ${PATCHC_STAGE_LIBRARIES_${stage}})
    set(seen ${queue})
    while(queue)
      list(POP_FRONT queue target)
      get_target_property(links ${target} LINK_LIBRARIES)
      if(NOT links)
        continue()
      endif()
      foreach(link ${links})
        if(NOT TARGET ${link} OR link IN_LIST seen)
          continue()
        endif()
        list(APPEND seen ${link})
        list(APPEND queue ${link})
        patchc_stage_of_library(${link} used)
        if(used AND NOT used STREQUAL stage AND NOT used IN_LIST PATCHC_STAGE_USES_${stage})
          message(FATAL_ERROR "${stage}/ may not use ${used}/ (cmake/StageDependencies.cmake), but ${target} "
                              "links ${link}")
        endif()
      endforeach()
    endwhile()
  endforeach()
endfunction()
