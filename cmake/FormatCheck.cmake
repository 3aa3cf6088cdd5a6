# Run as a ctest: fails when clang-format would change any C++ file of the project.
file(GLOB_RECURSE files ${SOURCE_DIR}/core/*.cpp ${SOURCE_DIR}/core/*.hpp ${SOURCE_DIR}/plugins/*.cpp
     ${SOURCE_DIR}/plugins/*.hpp ${SOURCE_DIR}/plugins/*.h ${SOURCE_DIR}/connectors/*.cpp
     ${SOURCE_DIR}/connectors/*.hpp ${SOURCE_DIR}/tests/*.cpp ${SOURCE_DIR}/tests/*.hpp)
execute_process(COMMAND ${CLANG_FORMAT} --dry-run -Werror ${files} RESULT_VARIABLE rc
                ERROR_VARIABLE out)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "clang-format would change these files (run packaging/dev.sh format):\n${out}")
endif()
