# emgen_output_paths() (cmake/Emgen.cmake) must list exactly what `emgen outputs` lists, for the namespace given:
# CMake needs the list at configure time, before the generator is built, so it derives it from file names; this
# test keeps the two from drifting apart. Run with -DEMGEN=<emgen> -DSCHEMAS=<dir> -DNAMESPACE=<ns>.
include("${CMAKE_CURRENT_LIST_DIR}/../../cmake/Emgen.cmake")
file(GLOB schema_files "${SCHEMAS}/*.yaml")
set(stems "")
foreach(schema IN LISTS schema_files)
  get_filename_component(stem "${schema}" NAME_WE)
  list(APPEND stems "${stem}")
endforeach()
emgen_output_paths(from_cmake "${NAMESPACE}" ${stems})
execute_process(COMMAND "${EMGEN}" outputs --schemas "${SCHEMAS}" --namespace "${NAMESPACE}"
                OUTPUT_VARIABLE listed RESULT_VARIABLE status ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "emgen outputs failed (${status}): ${errors}")
endif()
string(STRIP "${listed}" listed)
string(REPLACE "\n" ";" from_emgen "${listed}")
if(NOT from_cmake STREQUAL from_emgen)
  message(FATAL_ERROR "emgen_output_paths() and `emgen outputs` disagree:\n  cmake: ${from_cmake}\n  emgen: ${from_emgen}")
endif()
list(LENGTH from_cmake count)
message(STATUS "${count} output paths agree for ${NAMESPACE}")
