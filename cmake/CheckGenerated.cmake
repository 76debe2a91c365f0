# ctest: fails when generated/ differs from what the schemas and templates generate now.
#   cmake "-DCOMMAND=<emgen generate ... --check>" -P CheckGenerated.cmake
execute_process(COMMAND ${COMMAND} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${err}generated/ is stale. Refresh it with:\n  cmake --build build --target update-generated\n"
                      "then review and commit the diff.")
endif()
message(STATUS "${out}")
