#include "http/status_page_handler.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <date/date.h>

#include <sstream>

#include "http/json_response.hpp"

namespace dsrflow::http {

std::string htmlEscape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

void sendStatusJson(const ServiceStatus& s, Poco::Net::HTTPServerResponse& response) {
  Poco::JSON::Object body;
  body.set("version", s.version);
  body.set("started_at", date::format("%FT%TZ", s.startedAt));
  Poco::JSON::Object store;
  store.set("backend", s.storeBackend);
  store.set("schema_version", s.schemaVersion);
  store.set("reachable", s.storeReachable);
  body.set("store", store);
  Poco::JSON::Array controllers;
  for (const auto& c : s.controllers) controllers.add(c);
  body.set("controllers", controllers);
  Poco::JSON::Array systems;
  for (const auto& id : s.systems) systems.add(id);
  body.set("systems", systems);
  Poco::JSON::Object requests;
  for (const auto& [status, count] : s.requestsByStatus) requests.set(status, count);
  body.set("requests_by_status", requests);
  body.set("open_overdue", s.openOverdue);
  body.set("open_due_within_7_days", s.openDueSoon);
  body.set("reviews_overdue", s.reviewsOverdue);
  body.set("reviews_due_within_7_days", s.reviewsDueSoon);
  sendJson(response, Poco::Net::HTTPResponse::HTTP_OK, body);
}

}  // namespace

void StatusPageHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                      Poco::Net::HTTPServerResponse& response) {
  const ServiceStatus s = status_->status();
  if (request.get("Accept", "").find("application/json") != std::string::npos) {
    sendStatusJson(s, response);
    return;
  }
  std::ostringstream html;
  html << "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
       << "<title>dsrflow status</title><style>body{font-family:sans-serif;margin:2em}"
       << "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;"
       << "text-align:left}</style></head><body><h1>dsrflow</h1><table>"
       << "<tr><th>Version</th><td>" << htmlEscape(s.version) << "</td></tr>"
       << "<tr><th>Running since</th><td>" << date::format("%F %T UTC", s.startedAt)
       << "</td></tr><tr><th>Store</th><td>" << htmlEscape(s.storeBackend) << ", schema version "
       << s.schemaVersion << ", "
       << (s.storeReachable ? "reachable" : "unreachable: " + htmlEscape(s.storeError))
       << "</td></tr><tr><th>Controllers</th><td>";
  for (const auto& c : s.controllers) html << htmlEscape(c) << "<br>";
  html << "</td></tr><tr><th>Systems</th><td>";
  if (s.systems.empty()) html << "none configured";
  for (const auto& id : s.systems) html << htmlEscape(id) << "<br>";
  html << "</td></tr></table><h2>Requests</h2><table><tr><th>Status</th><th>Count</th></tr>";
  for (const auto& [status, count] : s.requestsByStatus) {
    html << "<tr><td>" << htmlEscape(status) << "</td><td>" << count << "</td></tr>";
  }
  html << "</table><p>Open requests past their deadline: <strong>" << s.openOverdue
       << "</strong>; due within 7 days: <strong>" << s.openDueSoon << "</strong></p>"
       << "<p>Routed reviews past their due date: <strong>" << s.reviewsOverdue
       << "</strong>; due within 7 days: <strong>" << s.reviewsDueSoon << "</strong></p>";
  html << "<p><a href=\"/healthz\">/healthz</a> · <a href=\"/readyz\">/readyz</a></p>"
       << "</body></html>";
  const std::string page = html.str();
  response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("text/html; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
  response.setContentLength(static_cast<std::streamsize>(page.size()));
  response.send() << page;
}

}  // namespace dsrflow::http
