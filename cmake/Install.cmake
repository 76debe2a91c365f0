# Install rules (included from the top-level CMakeLists.txt when EMGEN_INSTALL is on). Relocatable: every
# path in the package files is relative to the prefix the package is found in.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(EMGEN_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/emgen")
set(EMGEN_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/emgen")

# Targets, exported as emgen::emgen (the generator), emgen::em-inspect, emgen::emgen-sim, emgen::runtime,
# emgen::http, emgen::sim (the simulator library) and emgen::veeam_em(_client); emgenConfig.cmake adds veeam::em
# and veeam::em_client on top, the names add_subdirectory(emgen) gives.
set_target_properties(emgen PROPERTIES EXPORT_NAME emgen)
set_target_properties(emgen_runtime PROPERTIES EXPORT_NAME runtime)
set_target_properties(emgen_http PROPERTIES EXPORT_NAME http)
set_target_properties(emgen_sim PROPERTIES EXPORT_NAME sim)
set_target_properties(emgen_warnings PROPERTIES EXPORT_NAME warnings)
# emgen_text, and emgen_dynamic with the generator's libraries below it: what emgen_sim links (a static library is
# installed with what it links), since the simulator serves any schema set it loads at run time.
set(emgen_sim_generator_libraries emgen_dynamic emgen_generator emgen_output emgen_cpp emgen_precompile emgen_format
    emgen_import emgen_diff)
foreach(library IN LISTS emgen_sim_generator_libraries)
  string(REPLACE "emgen_" "" export_name "${library}")
  set_target_properties(${library} PROPERTIES EXPORT_NAME "generator_${export_name}")
endforeach()
install(TARGETS emgen em-inspect emgen-sim emgen_runtime emgen_http emgen_sim emgen_text ${emgen_sim_generator_libraries}
  veeam_em veeam_em_client emgen_warnings
  EXPORT emgenTargets
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}"
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}")
install(EXPORT emgenTargets NAMESPACE emgen:: DESTINATION "${EMGEN_INSTALL_CMAKEDIR}")

# Headers: the runtimes', the simulator's and the generated EM bindings'.
install(DIRECTORY runtime/include/ http/include/ tools/emgen-sim/include/ DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
get_target_property(veeam_em_output veeam_em EMGEN_OUTPUT_DIR)
install(DIRECTORY "${veeam_em_output}/include/" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")

# What emgen_generate() needs: the templates, and the EM schemas that IMPORTS veeam::em reads; their examples are
# also the payloads an installed emgen-sim serves.
install(DIRECTORY templates/ DESTINATION "${EMGEN_INSTALL_DATADIR}/templates")
install(DIRECTORY schemas/ DESTINATION "${EMGEN_INSTALL_DATADIR}/schemas")

configure_package_config_file(cmake/emgenConfig.cmake.in "${CMAKE_CURRENT_BINARY_DIR}/emgenConfig.cmake"
  INSTALL_DESTINATION "${EMGEN_INSTALL_CMAKEDIR}"
  PATH_VARS EMGEN_INSTALL_DATADIR)
write_basic_package_version_file("${CMAKE_CURRENT_BINARY_DIR}/emgenConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}" COMPATIBILITY SameMinorVersion)
install(FILES "${CMAKE_CURRENT_BINARY_DIR}/emgenConfig.cmake" "${CMAKE_CURRENT_BINARY_DIR}/emgenConfigVersion.cmake"
  cmake/Emgen.cmake DESTINATION "${EMGEN_INSTALL_CMAKEDIR}")
