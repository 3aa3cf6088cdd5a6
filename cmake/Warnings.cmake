# Strict warnings for project code only; third-party headers are included as SYSTEM.
add_library(dsrflow_warnings INTERFACE)
target_compile_options(dsrflow_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Woverloaded-virtual -Wconversion -Wsign-conversion -Wnull-dereference -Wdouble-promotion
  -Wformat=2 -Wimplicit-fallthrough
  # Designated initializers may leave members at their defaults on purpose.
  -Wno-missing-field-initializers
  # g++ 12 reports a false -Wrestrict inside <string> at -O3.
  -Wno-restrict)
if(DSRFLOW_WERROR)
  target_compile_options(dsrflow_warnings INTERFACE -Werror)
endif()
