# EMGEN_FUZZ=ON (clang only, cmake --preset fuzz): the same, with libFuzzer's coverage instrumentation
# (-fsanitize=fuzzer-no-link) added to everything, so that the fuzz targets of tests/fuzz see into the
# runtime, the generated bindings and the generator; those targets link libFuzzer themselves.
#
# EMGEN_SANITIZE=ON: every target of this build (runtime, generator, bindings, tools, tests) is compiled and
# linked with AddressSanitizer (leaks included) and UndefinedBehaviorSanitizer. Undefined behaviour stops the
# program instead of printing a warning, so a ctest run fails on the first report.
#   cmake --preset sanitize && cmake --build --preset sanitize && ctest --preset sanitize
# Works with g++ and clang++. Applies to this directory and below; a project that includes emgen with
# add_subdirectory() and wants sanitizers sets the flags for its own targets too (it must link with them).
#
# EMGEN_TSAN=ON (cmake --preset tsan): ThreadSanitizer instead, for the tests of a Session shared by threads
# (ctest label "concurrency"); it cannot be combined with AddressSanitizer.
if(EMGEN_TSAN)
  if(EMGEN_SANITIZE OR EMGEN_FUZZ)
    message(FATAL_ERROR "EMGEN_TSAN cannot be combined with EMGEN_SANITIZE or EMGEN_FUZZ: ThreadSanitizer and "
                        "AddressSanitizer exclude each other; use a build directory for each")
  endif()
  set(EMGEN_SANITIZER_FLAGS -fsanitize=thread -fno-omit-frame-pointer)
  add_compile_options(${EMGEN_SANITIZER_FLAGS})
  add_link_options(${EMGEN_SANITIZER_FLAGS})
  message(STATUS "emgen: building with ${EMGEN_SANITIZER_FLAGS}")
  return()
endif()
if(NOT EMGEN_SANITIZE AND NOT EMGEN_FUZZ)
  return()
endif()

if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  message(FATAL_ERROR "EMGEN_SANITIZE needs g++ or clang++ (found ${CMAKE_CXX_COMPILER_ID})")
endif()
if(NOT PROJECT_IS_TOP_LEVEL)
  message(WARNING "EMGEN_SANITIZE is ON in a project that includes emgen: only emgen's own targets get the "
                  "sanitizer flags; give your targets -fsanitize=address,undefined as well, or they will not link")
endif()

if(EMGEN_FUZZ AND NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "EMGEN_FUZZ=ON needs clang++ with libFuzzer (found ${CMAKE_CXX_COMPILER_ID} "
                      "${CMAKE_CXX_COMPILER}). On Debian 12: apt-get install clang libclang-rt-14-dev, then "
                      "cmake --preset fuzz (or -DCMAKE_CXX_COMPILER=clang++ -DEMGEN_FUZZ=ON) in a new build directory.")
endif()

set(EMGEN_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
add_link_options(${EMGEN_SANITIZER_FLAGS})
if(EMGEN_FUZZ)
  list(APPEND EMGEN_SANITIZER_FLAGS -fsanitize=fuzzer-no-link)
endif()
add_compile_options(${EMGEN_SANITIZER_FLAGS})
message(STATUS "emgen: building with ${EMGEN_SANITIZER_FLAGS}")
