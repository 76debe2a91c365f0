# ctest: docs/coverage.md is what em-coverage prints now. -DTOOL= -DPAGES= -DSCHEMAS= -DNOTES= -DREPORT=
execute_process(COMMAND "${TOOL}" --pages "${PAGES}" --schemas "${SCHEMAS}" --notes "${NOTES}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "em-coverage failed (${status}):\n${err}")
endif()
file(READ "${REPORT}" committed)
if(NOT out STREQUAL committed)
  message(FATAL_ERROR "docs/coverage.md is stale (the schemas or the importer changed); refresh it:\n"
                      "  build/tools/em-coverage --pages tests/import/pages --schemas schemas --notes docs/coverage-notes.yaml > docs/coverage.md")
endif()
string(REGEX MATCH "\\| covered \\| [0-9]+ \\|" covered "${out}")
message(STATUS "docs/coverage.md is current: ${covered}")
