#pragma once
// The dsrflow connector SDK: the one header a connector includes. Header-only C++17 over the C
// ABI in dsrflow/plugin.h; it needs nothing but a C++17 compiler and standard library.
//
//   #include <dsrflow/connector.hpp>
//   using namespace dsrflow::sdk;
//
//   class HelloConnector : public Connector {
//    public:
//     explicit HelloConnector(const Config& config);
//     Outcome access(Call& call, const ActionRequest& request) override;
//     Outcome erase(Call& call, const ActionRequest& request) override;
//   };
//
//   DSRFLOW_CONNECTOR(HelloConnector, "com.example.hello", "1.0.0", kConfigSchema, kManifest)
//
// See docs/plugin-sdk.md for the whole story.

#include "dsrflow/json.hpp"
#include "dsrflow/plugin.h"
#include "dsrflow/sdk/action_request.hpp"
#include "dsrflow/sdk/call.hpp"
#include "dsrflow/sdk/callback_request.hpp"
#include "dsrflow/sdk/connector_base.hpp"
#include "dsrflow/sdk/entry.hpp"
#include "dsrflow/sdk/outcome.hpp"
#include "dsrflow/sdk/record.hpp"
#include "dsrflow/sdk/time.hpp"
