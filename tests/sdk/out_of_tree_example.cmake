# The SDK acceptance test, run by CTest with cmake -P: install the SDK component of this build
# into a staging prefix, build the example connector shipped in that prefix with nothing but
# the prefix (no path into the source tree), and probe the plugin it produces. Then check it
# for conformance twice: with `dsrflow plugin check` (dsrflow's host) and with a vendor's
# GoogleTest program (tests/sdk/conformance_example, copied out of the tree) that links the
# installed SDK's DsrflowSdk::conformance.
#
# Inputs (-D): BUILD_DIR, SOURCE_DIR, WORK_DIR, GENERATOR, MAKE_PROGRAM, CXX_COMPILER, CCACHE
# (may be empty), PROBE, DSRFLOW (the dsrflow binary).
cmake_minimum_required(VERSION 3.23)

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(REPLACE ";" " " cmd "${ARGN}")
    message(FATAL_ERROR "failed (${rc}): ${cmd}\n${out}\n${err}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})

run(${CMAKE_COMMAND} --install ${BUILD_DIR} --component sdk --prefix ${prefix})
set(example ${prefix}/share/dsrflow-sdk/examples/hello_connector)
foreach(f include/dsrflow/plugin.h include/dsrflow/connector.hpp include/dsrflow/json.hpp
          share/cmake/DsrflowSdk/DsrflowSdkConfig.cmake
          share/dsrflow-sdk/dsrflow-plugin.schema.json share/dsrflow-sdk/plugin-sdk.md
          share/dsrflow-sdk/examples/hello_connector/CMakeLists.txt)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "the SDK install lacks ${f}")
  endif()
endforeach()

set(launcher "")
if(CCACHE)
  set(launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${CCACHE})
endif()
# A vendor's usual strict flags: the SDK headers must compile cleanly under them.
run(${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${WORK_DIR} CCACHE_NOHASHDIR=1
    ${CMAKE_COMMAND} -S ${example} -B ${build} -G ${GENERATOR} -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER} ${launcher} -DCMAKE_BUILD_TYPE=RelWithDebInfo
    "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror"
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON)
run(${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${WORK_DIR} CCACHE_NOHASHDIR=1
    ${CMAKE_COMMAND} --build ${build})

# Only the staging prefix may have been used.
file(STRINGS ${build}/CMakeCache.txt sdk_dir REGEX "^DsrflowSdk_DIR:")
if(NOT sdk_dir MATCHES "=${prefix}/")
  message(FATAL_ERROR "DsrflowSdk was not found in the staging prefix: ${sdk_dir}")
endif()
file(READ ${build}/compile_commands.json commands)
foreach(tree ${SOURCE_DIR}/plugins ${SOURCE_DIR}/core ${SOURCE_DIR}/tests)
  string(FIND "${commands}" "${tree}" found)
  if(NOT found EQUAL -1)
    message(FATAL_ERROR "the example build reached into the source tree (${tree})")
  endif()
endforeach()

run(${PROBE} ${build}/hello_connector.so --name com.example.hello --version 1.0.0
    --actions access,erase,test_connection)
message(STATUS "${run_output}")

# Conformance through dsrflow's own host: every check passes.
set(subject_email ada@example.com)
run(${DSRFLOW} plugin check ${build}/hello_connector.so --email ${subject_email})
if(NOT run_output MATCHES "9 checks: 9 passed, 0 failed, 0 skipped")
  message(FATAL_ERROR "dsrflow plugin check did not pass every check:\n${run_output}")
endif()
message(STATUS "${run_output}")

# Conformance through the SDK's GoogleTest kit, from a project outside the source tree.
set(kit_source ${WORK_DIR}/conformance_example)
set(kit_build ${WORK_DIR}/conformance_build)
file(COPY ${SOURCE_DIR}/tests/sdk/conformance_example/ DESTINATION ${kit_source})
run(${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${WORK_DIR} CCACHE_NOHASHDIR=1
    ${CMAKE_COMMAND} -S ${kit_source} -B ${kit_build} -G ${GENERATOR}
    -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM} -DCMAKE_CXX_COMPILER=${CXX_COMPILER} ${launcher}
    "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Werror"
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
    -DHELLO_CONNECTOR=${build}/hello_connector.so)
run(${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${WORK_DIR} CCACHE_NOHASHDIR=1
    ${CMAKE_COMMAND} --build ${kit_build})
file(READ ${kit_build}/compile_commands.json commands)
foreach(tree ${SOURCE_DIR}/plugins ${SOURCE_DIR}/core ${SOURCE_DIR}/tests ${BUILD_DIR}/plugins)
  string(FIND "${commands}" "${tree}" found)
  if(NOT found EQUAL -1)
    message(FATAL_ERROR "the conformance test build reached into dsrflow's trees (${tree})")
  endif()
endforeach()
run(${kit_build}/hello_conformance_test)
if(NOT run_output MATCHES "PASSED  \\] 9 tests")
  message(FATAL_ERROR "the GoogleTest conformance kit did not pass 9 tests:\n${run_output}")
endif()
message(STATUS "${run_output}")
