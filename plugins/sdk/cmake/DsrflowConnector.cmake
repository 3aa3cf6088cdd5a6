# dsrflow_add_connector(<target> SOURCES <file>... [OUTPUT_NAME <name>] [CXX_STANDARD <n>]
#                       [STATIC_RUNTIME])
#
# Builds a connector plugin: a MODULE library <name>.so (OUTPUT_NAME defaults to <target>, no
# "lib" prefix) linked to DsrflowSdk::sdk, compiled as C++17 (or CXX_STANDARD) with hidden
# visibility. It exports exactly one symbol, dsrflow_plugin_entry (the DSRFLOW_CONNECTOR macro
# defines it; forgetting the macro fails the link), and links with --no-undefined, so a missing
# symbol shows up now rather than when the host loads the plugin. Exporting nothing else keeps
# the plugin's copies of the standard library from being mixed up with the host's.
# STATIC_RUNTIME links libstdc++ and libgcc statically (g++ only), for hosts with an older
# standard library than the build machine.
include_guard(GLOBAL)

function(dsrflow_add_connector target)
  cmake_parse_arguments(PARSE_ARGV 1 ARG "STATIC_RUNTIME" "OUTPUT_NAME;CXX_STANDARD" "SOURCES")
  if(ARG_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "dsrflow_add_connector: unknown arguments: ${ARG_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "dsrflow_add_connector(${target}): SOURCES is required")
  endif()
  if(NOT TARGET DsrflowSdk::sdk)
    message(FATAL_ERROR "dsrflow_add_connector: call find_package(DsrflowSdk) first")
  endif()
  if(NOT ARG_OUTPUT_NAME)
    set(ARG_OUTPUT_NAME ${target})
  endif()
  if(NOT ARG_CXX_STANDARD)
    set(ARG_CXX_STANDARD 17)
  endif()

  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE DsrflowSdk::sdk)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${ARG_OUTPUT_NAME}
    CXX_STANDARD ${ARG_CXX_STANDARD}
    CXX_STANDARD_REQUIRED ON
    CXX_EXTENSIONS OFF
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON)

  if(APPLE)
    target_link_options(${target} PRIVATE LINKER:-undefined,error
                        LINKER:-exported_symbol,_dsrflow_plugin_entry)
  elseif(UNIX)
    set(exports "${CMAKE_CURRENT_BINARY_DIR}/${target}.exports.map")
    file(CONFIGURE OUTPUT "${exports}"
         CONTENT "{\n  global: dsrflow_plugin_entry;\n  local: *;\n};\n" @ONLY)
    target_link_options(${target} PRIVATE LINKER:--no-undefined
                        LINKER:--undefined=dsrflow_plugin_entry LINKER:--version-script=${exports})
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${exports}")
  endif()

  if(ARG_STATIC_RUNTIME AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_link_options(${target} PRIVATE -static-libstdc++ -static-libgcc)
  endif()
endfunction()
