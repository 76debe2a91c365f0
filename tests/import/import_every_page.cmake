# Drafts every help page of PAGES alone and checks each draft (`emgen import page --each PAGE... --out OUT`, one
# process). A page either drafts schemas that check, or documents no representation of its own; anything else
# (a crash, an import error, a draft that does not check) fails, with the page named.
file(GLOB pages "${PAGES}/*.md")
list(FILTER pages EXCLUDE REGEX "/SOURCES\\.md$")
list(LENGTH pages count)
file(REMOVE_RECURSE "${OUT}")
execute_process(COMMAND "${EMGEN}" import page --each ${pages} --out "${OUT}"
                RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "emgen import page --each: exit ${status}\n${out}\n${err}")
endif()
if(NOT out MATCHES "emgen import page --each: ${count} page\\(s\\): ([0-9]+) drafted schemas that check, ([0-9]+) document no representation of their own, 0 failed")
  message(FATAL_ERROR "unexpected summary of ${count} pages:\n${out}")
endif()
math(EXPR sum "${CMAKE_MATCH_1} + ${CMAKE_MATCH_2}")
# 284 pages draft today; far fewer would mean the importer stopped reading tables it reads.
if(NOT sum EQUAL count OR CMAKE_MATCH_1 LESS 250)
  message(FATAL_ERROR "${CMAKE_MATCH_1} drafted + ${CMAKE_MATCH_2} with nothing to draft is not all ${count} pages, or too few drafted:\n${out}")
endif()
message(STATUS "${out}")
