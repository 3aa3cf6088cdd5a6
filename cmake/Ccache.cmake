# Use ccache when it is installed; CCACHE_BASEDIR lets clones in other folders share hits.
find_program(DSRFLOW_CCACHE ccache)
if(DSRFLOW_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env CCACHE_BASEDIR=${CMAKE_SOURCE_DIR}
      CCACHE_NOHASHDIR=1 ${DSRFLOW_CCACHE})
endif()
