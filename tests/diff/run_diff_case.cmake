# One case of the emgen diff corpus: `emgen diff --old OLD --new cases/CASE/new --fail-on none`, run in the
# corpus directory (so reports name files as cases/...), must print cases/CASE/expected.txt exactly, and report
# the rule the case is named after (a second case of one rule is named RULE.VARIANT). OLD is cases/CASE/old when
# the case has one, else base.
# -DEMGEN= -DDIFF_DIR= -DCASE=
set(case_dir "${DIFF_DIR}/cases/${CASE}")
set(old base)
if(IS_DIRECTORY "${case_dir}/old")
  set(old "cases/${CASE}/old")
endif()
execute_process(COMMAND "${EMGEN}" diff --old "${old}" --new "cases/${CASE}/new" --fail-on none
                WORKING_DIRECTORY "${DIFF_DIR}" RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "emgen diff failed (${status}):\n${err}")
endif()
string(REGEX REPLACE "\\..*$" "" rule "${CASE}")
string(TOUPPER "${rule}" rule)
if(NOT out MATCHES "\n  ${rule}  ")
  message(FATAL_ERROR "the report does not name ${rule}:\n${out}")
endif()
file(READ "${case_dir}/expected.txt" expected)
if(NOT out STREQUAL expected)
  message(FATAL_ERROR "the report differs from cases/${CASE}/expected.txt.\n--- expected\n${expected}\n--- got\n${out}\n"
                      "When the change is intended, refresh it: (cd tests/diff && emgen diff --old ${old} "
                      "--new cases/${CASE}/new --fail-on none > cases/${CASE}/expected.txt)")
endif()
