# The fuzz targets and what each one links; included by tests/fuzz/CMakeLists.txt (libFuzzer binaries, clang)
# and tests/fuzz/replay/CMakeLists.txt (replay tests of the normal build, any compiler).
set(EMGEN_FUZZ_TARGETS fuzz_xml fuzz_json fuzz_dynamic fuzz_schema_loader fuzz_datetime fuzz_uid)
set(EMGEN_FUZZ_DIR "${CMAKE_CURRENT_LIST_DIR}")

# Adds fuzz target <name>'s source (with its LLVMFuzzerTestOneInput) and libraries to <target>.
function(emgen_fuzz_sources target name)
  target_sources(${target} PRIVATE "${EMGEN_FUZZ_DIR}/${name}.cpp")
  target_include_directories(${target} PRIVATE "${EMGEN_FUZZ_DIR}")
  target_link_libraries(${target} PRIVATE emgen_warnings)
  if(name STREQUAL "fuzz_xml" OR name STREQUAL "fuzz_json")
    target_link_libraries(${target} PRIVATE veeam::em)
  elseif(name STREQUAL "fuzz_dynamic")
    # The differential check of tests/dynamic, over the IR of the project's schemas.
    target_link_libraries(${target} PRIVATE veeam::em emgen_dynamic)
    target_include_directories(${target} PRIVATE "${PROJECT_SOURCE_DIR}/tests/dynamic")
    target_compile_definitions(${target} PRIVATE "EMGEN_FUZZ_SCHEMA_DIR=\"${PROJECT_SOURCE_DIR}/schemas\"")
  elseif(name STREQUAL "fuzz_schema_loader")
    target_link_libraries(${target} PRIVATE emgen_generator)
    target_compile_definitions(${target} PRIVATE "EMGEN_FUZZ_SCHEMA_DIR=\"${PROJECT_SOURCE_DIR}/schemas\"")
  else()
    target_link_libraries(${target} PRIVATE emgen::runtime)
  endif()
endfunction()
