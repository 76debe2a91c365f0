# ctest: README.md stays a front door, and the documents do not name issues by number.
#   cmake -DROOT=<tree holding README.md and docs/> [-DMAX_LINES=320] -P check_docs.cmake
# Fails, naming each file and line, when README.md is longer than MAX_LINES lines, or when README.md or a file
# under docs/ mentions "issue" followed by a number: the documents describe the code, not how the work on it
# was organised, and the detail of the manual belongs in docs/guide/.
if(NOT DEFINED ROOT)
  message(FATAL_ERROR "check_docs.cmake: pass -DROOT=<directory holding README.md and docs/>")
endif()
if(NOT DEFINED MAX_LINES)
  set(MAX_LINES 320)
endif()

# Lines as wc -l counts them, plus a last line without a newline.
function(count_lines text out_var)
  string(REGEX MATCHALL "\n" newlines "${text}")
  list(LENGTH newlines count)
  if(NOT text STREQUAL "" AND NOT text MATCHES "\n$")
    math(EXPR count "${count} + 1")
  endif()
  set(${out_var} ${count} PARENT_SCOPE)
endfunction()

set(problems "")

file(READ "${ROOT}/README.md" readme)
count_lines("${readme}" readme_lines)
if(readme_lines GREATER MAX_LINES)
  string(APPEND problems "README.md has ${readme_lines} lines, more than ${MAX_LINES}: it is the front door; move "
                         "the detail into a chapter of docs/guide/\n")
endif()

file(GLOB_RECURSE documents LIST_DIRECTORIES false RELATIVE "${ROOT}" "${ROOT}/docs/*")
list(PREPEND documents README.md)
list(SORT documents)
foreach(document IN LISTS documents)
  file(READ "${ROOT}/${document}" text)
  string(TOLOWER "${text}" lowered)
  # Each mention, with the number of the line it stands on.
  set(rest "${lowered}")
  set(consumed "")
  while(rest MATCHES "issues?[ #]*[0-9]+")
    set(mention "${CMAKE_MATCH_0}")
    string(FIND "${rest}" "${mention}" at)
    string(SUBSTRING "${rest}" 0 ${at} before)
    string(APPEND consumed "${before}")
    string(REGEX MATCHALL "\n" newlines "${consumed}")
    list(LENGTH newlines line)
    math(EXPR line "${line} + 1")
    string(APPEND problems "${document}:${line}: names an issue by number (\"${mention}\"); say what the code does "
                           "instead\n")
    string(LENGTH "${mention}" length)
    math(EXPR after "${at} + ${length}")
    string(SUBSTRING "${rest}" ${after} -1 rest)
    string(APPEND consumed "${mention}")
  endwhile()
endforeach()

if(NOT problems STREQUAL "")
  message(FATAL_ERROR "${problems}")
endif()
list(LENGTH documents checked)
message(STATUS "README.md: ${readme_lines} lines (at most ${MAX_LINES}); ${checked} documents name no issue by number")
