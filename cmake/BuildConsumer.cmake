# ctest: configures, builds and tests examples/consumer, a project that extends the EM bindings through
# emgen_generate(... IMPORTS veeam::em), consuming emgen one of two ways:
#   cmake -DSOURCE=<consumer dir> -DBUILD=<build dir> -DEMGEN_SOURCE_DIR=<emgen tree> -P BuildConsumer.cmake
#       add_subdirectory(emgen)
#   cmake -DSOURCE=<consumer dir> -DBUILD=<build dir> -DINSTALL_FROM=<emgen build dir> [-DFLAGS=...] -P ...
#       cmake --install of that build into a staging prefix, moved elsewhere (the package must be relocatable),
#       then find_package(emgen); FLAGS (the sanitizer flags of a sanitizer build) go to the consumer's compile
#       and link lines, since the installed libraries were built with them.
file(REMOVE_RECURSE "${BUILD}")
if(INSTALL_FROM)
  execute_process(COMMAND ${CMAKE_COMMAND} --install "${INSTALL_FROM}" --prefix "${BUILD}/staging"
                  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "cmake --install failed\n${out}\n${err}")
  endif()
  file(RENAME "${BUILD}/staging" "${BUILD}/prefix")
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
