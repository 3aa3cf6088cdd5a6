#include "engine/task_params.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <sstream>

namespace dsrflow {
namespace {

Poco::JSON::Array::Ptr toArray(const std::vector<std::string>& values) {
  Poco::JSON::Array::Ptr array = new Poco::JSON::Array;
  for (const auto& v : values) array->add(v);
  return array;
}

std::vector<std::string> fromArray(const Poco::JSON::Object::Ptr& object, const std::string& key) {
  std::vector<std::string> out;
  if (auto array = object->getArray(key)) {
    for (std::size_t i = 0; i < array->size(); ++i) {
      out.push_back(array->getElement<std::string>(static_cast<unsigned>(i)));
    }
  }
  return out;
}

}  // namespace

std::string toJson(const TaskParams& params) {
  Poco::JSON::Object object;
  object.set("categories", toArray(params.categories));
  object.set("counts_only", params.countsOnly);
  object.set("after", toArray(params.after));
  std::ostringstream out;
  object.stringify(out);
  return out.str();
}

Result<TaskParams> parseTaskParams(const std::string& json) {
  try {
    auto object = Poco::JSON::Parser().parse(json).extract<Poco::JSON::Object::Ptr>();
    TaskParams params;
    params.categories = fromArray(object, "categories");
    params.countsOnly = object->optValue("counts_only", false);
    params.after = fromArray(object, "after");
    return params;
  } catch (const Poco::Exception& e) {
    return Error{ErrorCode::kInternal, "stored task parameters are unreadable: " + e.message()};
  }
}

}  // namespace dsrflow
