// Record references as reviewers type them: short, yet unique within the request.

#include <gtest/gtest.h>

#include "engine/answer_review.hpp"

namespace dsrflow {
namespace {

Task taskWithId(const std::string& id) {
  Task t;
  t.id = id;
  return t;
}

TEST(RecordRefTest, EightCharactersUnlessAnotherTaskSharesThem) {
  const std::vector<Task> tasks{taskWithId("1a2b3c4d-0000-4000-8000-000000000001"),
                                taskWithId("9f8e7d6c-0000-4000-8000-000000000002")};
  EXPECT_EQ(recordRef(tasks, tasks[0].id, 3), "1a2b3c4d:3");
  const std::vector<Task> close{taskWithId("1a2b3c4d-0000-4000-8000-000000000001"),
                                taskWithId("1a2b3c4d-0f00-4000-8000-000000000002")};
  EXPECT_EQ(recordRef(close, close[0].id, 0), "1a2b3c4d-00:0");
  EXPECT_EQ(recordRef(close, close[1].id, 0), "1a2b3c4d-0f:0");
}

}  // namespace
}  // namespace dsrflow
