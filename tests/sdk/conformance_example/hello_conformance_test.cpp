// A vendor's whole conformance test: one GoogleTest test per check of the dsrflow contract,
// run against the built plugin with a config and a subject the (demo) system knows.
#include <dsrflow/conformance/gtest.hpp>

DSRFLOW_CONFORMANCE_TESTS(HelloConnector, HELLO_CONNECTOR_PATH, "{}",
                          R"({"type": "email", "format": "raw", "value": "ada@example.com"})");
