# emgen_generate(): build-time generation of C++ bindings from emgen YAML schemas.
#
#   emgen_generate(TARGET <library>
#                  SCHEMAS <schema.yaml>...          # all in one directory, api.yaml included
#                  [TEMPLATES <dir>]                 # default: emgen's own templates
#                  [NAMESPACE <ns>]                  # default: veeam::em
#                  [OUTPUT_DIR <dir>]                # default: ${CMAKE_CURRENT_BINARY_DIR}/<library>-generated
#                  [EXAMPLE_TESTS <test-executable>] # also build the tests generated from the schemas' examples
#                  [IMPORTS <target>...]             # bindings whose types and enums these schemas use by name
#                  [TYPES <type>...]                 # only these types and what they need (emgen generate --types)
#                  [AREAS <area>...]                 # only these areas of api.yaml (emgen generate --areas)
#                  [ALLOW_API_VERSION_MISMATCH])    # ...even when their api.yaml declares another version
#
# Adds one custom command whose OUTPUT lists every generated file and whose DEPENDS lists every schema, every
# template and the emgen executable, and two libraries: <library>, the bindings (types, XML and JSON reading and
# writing; links emgen::runtime, no libcurl), and <library>_client, the generated Client over emgen::http. emgen
# writes only files whose bytes change, so touching one schema recompiles only what includes its header.
# SCHEMAS must list every *.yaml of its directory, because emgen reads them all. With TYPES, the schema files
# outside the closure of those types are generated empty: the file list stays the same, their code is gone.
# AREAS does the same for the root types of the named areas (with TYPES, the closure of both). A program links
# one such library, holding the union of what it needs: two closures generated into one namespace would define
# the types they share twice.

# Cached, so that emgen_generate() called from a project that includes emgen with add_subdirectory sees it. An
# installed emgen's package file sets EMGEN_INSTALLED_TEMPLATES (its share/emgen/templates) before including this.
if(DEFINED EMGEN_INSTALLED_TEMPLATES)
  set(emgen_templates "${EMGEN_INSTALLED_TEMPLATES}")
else()
  get_filename_component(emgen_templates "${CMAKE_CURRENT_LIST_DIR}/../templates" ABSOLUTE)
endif()
set(EMGEN_DEFAULT_TEMPLATES "${emgen_templates}" CACHE PATH "Templates emgen_generate() uses when given none")

# The files `emgen outputs` lists, from file names alone (the generator may not be built yet at configure time).
function(emgen_output_paths out_var namespace)
  string(REPLACE "::" "/" prefix "${namespace}")
  set(paths ".clang-format" "include/${prefix}/api.hpp" "include/${prefix}/client.hpp" "include/${prefix}/index.hpp"
      "include/${prefix}/query.hpp" "src/client.cpp" "src/index.cpp" "tests/examples_test.cpp")
  foreach(stem IN LISTS ARGN)
    if(NOT stem STREQUAL "api")
      list(APPEND paths "include/${prefix}/${stem}.hpp" "src/${stem}.cpp")
    endif()
  endforeach()
  list(SORT paths)
  set(${out_var} "${paths}" PARENT_SCOPE)
endfunction()

function(emgen_generate)
  cmake_parse_arguments(PARSE_ARGV 0 EG "ALLOW_API_VERSION_MISMATCH" "TARGET;TEMPLATES;NAMESPACE;OUTPUT_DIR;EXAMPLE_TESTS"
                        "SCHEMAS;IMPORTS;TYPES;AREAS")
  if(NOT EG_TARGET)
    message(FATAL_ERROR "emgen_generate: TARGET is required")
  endif()
  if(NOT EG_SCHEMAS)
    message(FATAL_ERROR "emgen_generate(${EG_TARGET}): SCHEMAS lists no file")
  endif()
  if(NOT EG_TEMPLATES)
    set(EG_TEMPLATES "${EMGEN_DEFAULT_TEMPLATES}")
  endif()
  if(NOT EG_NAMESPACE)
    set(EG_NAMESPACE "veeam::em")
  endif()
  if(NOT EG_OUTPUT_DIR)
    set(EG_OUTPUT_DIR "${CMAKE_CURRENT_BINARY_DIR}/${EG_TARGET}-generated")
  endif()

  set(schema_dir "")
  set(stems "")
  set(schema_files "")
  foreach(schema IN LISTS EG_SCHEMAS)
    get_filename_component(schema "${schema}" ABSOLUTE)
    get_filename_component(dir "${schema}" DIRECTORY)
    get_filename_component(stem "${schema}" NAME_WE)
    if(schema_dir AND NOT dir STREQUAL schema_dir)
      message(FATAL_ERROR "emgen_generate(${EG_TARGET}): all schemas must be in one directory (${schema_dir}, ${dir})")
    endif()
    set(schema_dir "${dir}")
    list(APPEND stems "${stem}")
    list(APPEND schema_files "${schema}")
  endforeach()
  # emgen reads the whole directory: a schema there but not listed would be generated and not compiled, and
  # fail only at link time. Both lists must agree.
  file(GLOB present CONFIGURE_DEPENDS "${schema_dir}/*.yaml")
  set(unlisted "${present}")
  list(REMOVE_ITEM unlisted ${schema_files})
  set(missing "")
  foreach(schema IN LISTS schema_files)
    if(NOT EXISTS "${schema}")
      list(APPEND missing "${schema}")
    endif()
  endforeach()
  if(unlisted OR missing)
    list(JOIN unlisted ", " unlisted_text)
    list(JOIN missing ", " missing_text)
    message(FATAL_ERROR "emgen_generate(${EG_TARGET}): emgen reads every *.yaml of ${schema_dir}, so SCHEMAS must list "
                        "exactly those.\n  In the directory, not in SCHEMAS: ${unlisted_text}\n  In SCHEMAS, not in "
                        "the directory: ${missing_text}\n  (file(GLOB ... CONFIGURE_DEPENDS ${schema_dir}/*.yaml) lists "
                        "them all.)")
  endif()
  # Example payloads are read by the generator (it checks they exist), so they are inputs too.
  file(GLOB_RECURSE example_files CONFIGURE_DEPENDS "${schema_dir}/examples/*")
  file(GLOB templates CONFIGURE_DEPENDS "${EG_TEMPLATES}/*.mustache")

  emgen_output_paths(relative_outputs "${EG_NAMESPACE}" ${stems})
  set(outputs "")
  set(sources "")
  set(client_sources "")
  foreach(path IN LISTS relative_outputs)
    list(APPEND outputs "${EG_OUTPUT_DIR}/${path}")
    if(path STREQUAL "src/client.cpp")
      list(APPEND client_sources "${EG_OUTPUT_DIR}/${path}")
    elseif(path MATCHES "^src/.*\\.cpp$")
      list(APPEND sources "${EG_OUTPUT_DIR}/${path}")
    endif()
  endforeach()

  # IMPORTS: bindings targets made by emgen_generate (here or in an installed emgen), whose schema directory and
  # namespace these schemas use by name; the new library links them.
  set(import_arguments "")
  set(import_files "")
  foreach(imported IN LISTS EG_IMPORTS)
    if(NOT TARGET "${imported}")
      message(FATAL_ERROR "emgen_generate(${EG_TARGET}): IMPORTS ${imported} is not a target (link veeam::em from "
                          "add_subdirectory(emgen) or find_package(emgen))")
    endif()
    get_target_property(imported_dir "${imported}" EMGEN_SCHEMA_DIR)
    get_target_property(imported_namespace "${imported}" EMGEN_NAMESPACE)
    if(NOT imported_dir OR NOT imported_namespace)
      message(FATAL_ERROR "emgen_generate(${EG_TARGET}): IMPORTS ${imported} was not made by emgen_generate "
                          "(it has no EMGEN_SCHEMA_DIR and EMGEN_NAMESPACE)")
    endif()
    if(imported_namespace STREQUAL EG_NAMESPACE)
      message(FATAL_ERROR "emgen_generate(${EG_TARGET}): NAMESPACE ${EG_NAMESPACE} is the namespace of ${imported}; "
                          "give these bindings their own")
    endif()
    list(APPEND import_arguments --import "${imported_dir}=${imported_namespace}")
    file(GLOB imported_schemas CONFIGURE_DEPENDS "${imported_dir}/*.yaml")
    list(APPEND import_files ${imported_schemas})
  endforeach()
  if(EG_ALLOW_API_VERSION_MISMATCH)
    list(APPEND import_arguments --allow-version-mismatch)
  endif()
  set(closure_arguments "")
  if(EG_TYPES)
    list(JOIN EG_TYPES "," type_list)
    set(closure_arguments --types "${type_list}")
  endif()
  if(EG_AREAS)
    list(JOIN EG_AREAS "," area_list)
    list(APPEND closure_arguments --areas "${area_list}")
  endif()

  if(TARGET emgen)
    set(emgen_command "$<TARGET_FILE:emgen>")
    set(emgen_dependency emgen)
  elseif(TARGET emgen::emgen)
    set(emgen_command "$<TARGET_FILE:emgen::emgen>")
    set(emgen_dependency emgen::emgen)
  else()
    find_program(EMGEN_EXECUTABLE emgen REQUIRED)
    set(emgen_command "${EMGEN_EXECUTABLE}")
    set(emgen_dependency "${EMGEN_EXECUTABLE}")
  endif()

  add_custom_command(
    OUTPUT ${outputs}
    COMMAND "${emgen_command}" generate --quiet --schemas "${schema_dir}" --templates "${EG_TEMPLATES}"
            --out "${EG_OUTPUT_DIR}" --namespace "${EG_NAMESPACE}" ${import_arguments} ${closure_arguments}
    DEPENDS ${schema_files} ${import_files} ${templates} ${example_files} ${emgen_dependency}
    COMMENT "emgen: generating ${EG_TARGET} from ${schema_dir}"
    VERBATIM)

  add_library(${EG_TARGET} ${sources})
  target_include_directories(${EG_TARGET} PUBLIC $<BUILD_INTERFACE:${EG_OUTPUT_DIR}/include> $<INSTALL_INTERFACE:include>)
  target_link_libraries(${EG_TARGET} PUBLIC emgen::runtime ${EG_IMPORTS})
  target_compile_features(${EG_TARGET} PUBLIC cxx_std_20)
  # The generated Client: the bindings, plus the HTTP layer and libcurl.
  add_library(${EG_TARGET}_client ${client_sources})
  target_link_libraries(${EG_TARGET}_client PUBLIC ${EG_TARGET} emgen::http)
  foreach(library IN ITEMS ${EG_TARGET} ${EG_TARGET}_client)
    if(TARGET emgen_warnings)
      target_link_libraries(${library} PRIVATE emgen_warnings)
    endif()
  endforeach()
  set_target_properties(${EG_TARGET} PROPERTIES EMGEN_OUTPUT_DIR "${EG_OUTPUT_DIR}" EMGEN_SCHEMA_DIR "${schema_dir}"
                                                EMGEN_NAMESPACE "${EG_NAMESPACE}" EMGEN_CLIENT_TARGET "${EG_TARGET}_client")

  if(EG_EXAMPLE_TESTS)
    find_package(GTest REQUIRED)
    include(GoogleTest)
    add_executable(${EG_EXAMPLE_TESTS} "${EG_OUTPUT_DIR}/tests/examples_test.cpp")
    target_link_libraries(${EG_EXAMPLE_TESTS} PRIVATE ${EG_TARGET} GTest::gtest_main)
    target_compile_definitions(${EG_EXAMPLE_TESTS} PRIVATE "EMGEN_SCHEMA_DIR=\"${schema_dir}\"")
    # The example tests check values, not speed, and their one source grows with every example: compiled
    # without optimization it builds in half the time (64 s at -O2, 31 s at -O0 with 200 types).
    target_compile_options(${EG_EXAMPLE_TESTS} PRIVATE $<$<CXX_COMPILER_ID:GNU,Clang>:-O0>)
    gtest_discover_tests(${EG_EXAMPLE_TESTS} DISCOVERY_TIMEOUT 60)
  endif()
endfunction()
