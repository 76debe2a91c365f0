# ctest: configures, builds and tests examples/consumer, a project that extends the EM bindings through
# emgen_generate(... IMPORTS veeam::em), consuming emgen one of two ways:
#   cmake -DSOURCE=<consumer dir> -DBUILD=<build dir> -DEMGEN_SOURCE_DIR=<emgen tree> -P BuildConsumer.cmake
#       add_subdirectory(emgen)
#   cmake -DSOURCE=<consumer dir> -DBUILD=<build dir> -DINSTALL_FROM=<emgen build dir> [-DFLAGS=...] -P ...
#       cmake --install of that build into a staging prefix, moved elsewhere (the package must be relocatable),
#       then find_package(emgen); FLAGS (the sanitizer flags of a sanitizer build) go to the consumer's compile
#       and link lines, since the installed libraries were built with them. Before the project, the installed
#       tools run from the prefix: emgen, em-inspect on an installed payload, emgen-sim serving the installed
#       payloads.
file(REMOVE_RECURSE "${BUILD}")

# Runs an installed tool; its output must match `expected`. A tool that serves until stopped is given TIMEOUT
# seconds and stopped, its output read up to then.
function(expect_tool_output name expected)
  cmake_parse_arguments(PARSE_ARGV 2 RUN "" "TIMEOUT" "COMMAND")
  set(timeout_arguments "")
  if(RUN_TIMEOUT)
    set(timeout_arguments TIMEOUT ${RUN_TIMEOUT})
  endif()
  execute_process(COMMAND ${RUN_COMMAND} ${timeout_arguments} RESULT_VARIABLE status OUTPUT_VARIABLE out
                  ERROR_VARIABLE err)
  if((NOT RUN_TIMEOUT AND NOT status EQUAL 0) OR NOT out MATCHES "${expected}")
    list(JOIN RUN_COMMAND " " command_text)
    message(FATAL_ERROR "installed ${name}: `${command_text}` gave status ${status} and output\n${out}\n${err}\n"
                        "expected output matching: ${expected}")
  endif()
endfunction()
if(INSTALL_FROM)
  execute_process(COMMAND ${CMAKE_COMMAND} --install "${INSTALL_FROM}" --prefix "${BUILD}/staging"
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "cmake --install failed\n${out}\n${err}")
  endif()
  file(RENAME "${BUILD}/staging" "${BUILD}/prefix")
  set(prefix "${BUILD}/prefix")
  foreach(installed IN ITEMS bin/emgen bin/em-inspect bin/emgen-sim include/emgen/sim/simulator.hpp
                             include/veeam/em/backup_job_session.hpp share/emgen/schemas/examples/BackupJobSession_doc13.xml)
    if(NOT EXISTS "${prefix}/${installed}")
      message(FATAL_ERROR "cmake --install did not install ${installed}")
    endif()
  endforeach()
  file(GLOB_RECURSE sim_library "${prefix}/lib*/libemgen_sim.*")
  if(NOT sim_library)
    message(FATAL_ERROR "cmake --install did not install the simulator library (libemgen_sim) under ${prefix}/lib*")
  endif()
  set(examples "${prefix}/share/emgen/schemas/examples")
  string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" examples_pattern "${examples}")
  expect_tool_output(emgen "^emgen [0-9]+\\.[0-9]+\\.[0-9]+\n$" COMMAND "${prefix}/bin/emgen" --version)
  expect_tool_output(em-inspect "\"Name\": \"Backup Job 3@2025-09-24 20:00:09\""
                     COMMAND "${prefix}/bin/em-inspect" --strict BackupJobSession "${examples}/BackupJobSession_doc13.xml")
  # em-inspect is `emgen inspect` over the schemas installed beside it (the prefix's, wherever it was moved).
  string(REGEX REPLACE "([][+.*()^$?|\\])" "\\\\\\1" schemas_pattern "${prefix}/share/emgen/schemas")
  expect_tool_output(em-inspect "--schemas TEXT:DIR=${schemas_pattern}[ \n]" COMMAND "${prefix}/bin/em-inspect" --help)
  # The installed simulator's default payloads are the prefix's, not the build tree's.
  expect_tool_output(emgen-sim "--data-dir[^\n]*\\(default: ${examples_pattern}\\)" COMMAND "${prefix}/bin/emgen-sim" --help)
  expect_tool_output(emgen-sim "^emgen-sim: serving http://127\\.0\\.0\\.1:[0-9]+/api"
                     COMMAND "${prefix}/bin/emgen-sim" TIMEOUT 5)
  set(consume "-DCMAKE_PREFIX_PATH=${BUILD}/prefix")
  if(FLAGS)
    string(REPLACE ";" " " flags "${FLAGS}")
    list(APPEND consume "-DCMAKE_CXX_FLAGS=${flags}" "-DCMAKE_EXE_LINKER_FLAGS=${flags}")
  endif()
else()
  set(consume "-DEMGEN_SOURCE_DIR=${EMGEN_SOURCE_DIR}")
endif()
foreach(step IN ITEMS configure build test)
  if(step STREQUAL "configure")
    # Debug: compiling at -O0 is what this test waits for; the code is the same.
    set(command ${CMAKE_COMMAND} -S "${SOURCE}" -B "${BUILD}/project" -G Ninja -DCMAKE_BUILD_TYPE=Debug ${consume})
  elseif(step STREQUAL "build")
    set(command ${CMAKE_COMMAND} --build "${BUILD}/project")
  else()
    set(command ${CMAKE_CTEST_COMMAND} --test-dir "${BUILD}/project" --output-on-failure)
  endif()
  execute_process(COMMAND ${command} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "consumer project: ${step} failed\n${out}\n${err}")
  endif()
endforeach()
message(STATUS "consumer project: configured, built and tested\n${out}")
