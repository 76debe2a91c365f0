# ctest: fails when PROGRAM (linked against the generated bindings only) loads libcurl or refers to a curl_
# symbol. cmake -DPROGRAM=<file> -P check_no_libcurl.cmake
execute_process(COMMAND ldd "${PROGRAM}" OUTPUT_VARIABLE libraries RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "ldd ${PROGRAM} failed")
endif()
if(libraries MATCHES "libcurl")
  message(FATAL_ERROR "${PROGRAM} loads libcurl:\n${libraries}")
endif()
execute_process(COMMAND nm -C --undefined-only "${PROGRAM}" OUTPUT_VARIABLE symbols RESULT_VARIABLE status)
if(symbols MATCHES "curl_")
  message(FATAL_ERROR "${PROGRAM} refers to libcurl symbols")
endif()
message(STATUS "${PROGRAM}: no libcurl")
