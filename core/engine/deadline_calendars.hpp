#pragma once
// One DeadlineCalculator per configured controller (time zone + holiday calendar), built once.

#include <map>
#include <string>

#include "config/config.hpp"
#include "model/deadline.hpp"

namespace dsrflow {

class DeadlineCalendars {
 public:
  //! Errors name the controller whose calendar or time zone is invalid.
  static Result<DeadlineCalendars> fromConfig(const config::Config& config);

  //! The calculator of a controller; kNotFound for an unknown id.
  [[nodiscard]] Result<const DeadlineCalculator*> forController(std::string_view id) const;

 private:
  std::map<std::string, DeadlineCalculator, std::less<>> calculators_;
};

}  // namespace dsrflow
