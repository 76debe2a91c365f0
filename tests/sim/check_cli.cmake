# ctest: the emgen-sim command line. --help names every option; start-up prints the URL, the user and the password;
# a bad --now and a schema set that does not check are refused with a located message and a failing status.
#   cmake -DSIM=<emgen-sim> -DBROKEN=<schema directory that does not check> -P check_cli.cmake

function(expect_contains output text what)
  string(FIND "${output}" "${text}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${what}: \"${text}\" is missing from:\n${output}")
  endif()
endfunction()

execute_process(COMMAND "${SIM}" --help OUTPUT_VARIABLE help RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "emgen-sim --help exited with ${status}")
endif()
foreach(option IN ITEMS --schemas --import --port --tls --json-style --now --speed --scenario --user --password
                        --idle-timeout --lenient-requests --task-polls --sessions --data-dir record replay)
  expect_contains("${help}" "${option}" "--help")
endforeach()

# The server runs until a signal; the time limit ends it once its first lines are out.
execute_process(COMMAND "${SIM}" --user someone --password "Pa55 word" OUTPUT_VARIABLE started TIMEOUT 20)
expect_contains("${started}" "emgen-sim: serving http://127.0.0.1:" "start-up")
expect_contains("${started}" "user \"someone\", password \"Pa55 word\"" "start-up")

execute_process(COMMAND "${SIM}" --now yesterday ERROR_VARIABLE refused RESULT_VARIABLE status)
if(status EQUAL 0)
  message(FATAL_ERROR "emgen-sim --now yesterday was accepted")
endif()
expect_contains("${refused}" "--now: \"yesterday\" is not a time" "--now")

execute_process(COMMAND "${SIM}" --schemas "${BROKEN}" ERROR_VARIABLE refused RESULT_VARIABLE status TIMEOUT 20)
if(status EQUAL 0)
  message(FATAL_ERROR "emgen-sim served a schema set that does not check")
endif()
expect_contains("${refused}" "does not check:" "--schemas")
expect_contains("${refused}" ".yaml:" "--schemas")
