#pragma once
// The simulator's clock: the real time, or a time given at start-up that then runs at a chosen speed, so that
// a data set made "around now" stays consistent with the times a client computes from its own clock.

#include <chrono>
#include <emgen/datetime.hpp>
#include <optional>

namespace emgen::sim::detail {

class Clock {
 public:
  /// start: the simulated time at construction (nullopt: the real time); speed: simulated seconds per real
  /// second (> 0).
  explicit Clock(std::optional<DateTime> start = std::nullopt, double speed = 1.0)
      : real_start_(std::chrono::steady_clock::now()),
        start_(start ? *start
                     : std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now())),
        speed_(speed) {}

  DateTime now() const {
    const auto elapsed = std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - real_start_);
    return start_ + std::chrono::microseconds(static_cast<std::int64_t>(elapsed.count() * speed_));
  }

  /// A simulated duration in real time (how long a real client waits for it to pass).
  double speed() const { return speed_; }

 private:
  std::chrono::steady_clock::time_point real_start_;
  DateTime start_;
  double speed_;
};

}  // namespace emgen::sim::detail
