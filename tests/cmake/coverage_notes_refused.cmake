# ctest: em-coverage refuses a broken notes file with a located error, and prints no report.
# -DTOOL= -DPAGES= -DSCHEMAS= -DNOTES= -DEXPECTED= (the exact first line of stderr, after the file name)
execute_process(COMMAND "${TOOL}" --pages "${PAGES}" --schemas "${SCHEMAS}" --notes "${NOTES}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(status EQUAL 0)
  message(FATAL_ERROR "em-coverage accepted ${NOTES}")
endif()
if(NOT out STREQUAL "")
  message(FATAL_ERROR "em-coverage printed a report for a broken notes file:\n${out}")
endif()
string(FIND "${err}" "${NOTES}${EXPECTED}\n" at)
if(at EQUAL -1)
  message(FATAL_ERROR "expected on stderr: ${NOTES}${EXPECTED}\ngot:\n${err}")
endif()
