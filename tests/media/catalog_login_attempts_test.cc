// Failed logins counted in the catalog (media/login_attempts.h), on both
// engines: a key fails a few times within its window, then waits until the
// window ends; a success forgets the failures; the rows stay bounded; two
// catalogs opened on the same database (two processes) count together.
#include "catalog_test_fixture.h"

namespace catalog_test {
namespace {

class CatalogLoginAttemptsTest : public CatalogTest {
 protected:
  static media::AttemptRule Rule(int max_failures, std::int64_t window, std::int64_t max_keys = 100000) {
    media::AttemptRule rule;
    rule.max_failures = max_failures;
    rule.window_seconds = window;
    rule.max_keys = max_keys;
    return rule;
  }
  std::int64_t Admit(const std::string& key, const media::AttemptRule& rule, std::int64_t now) {
    auto wait = catalog_->AdmitAttempt(key, rule, now);
    EXPECT_TRUE(wait.ok()) << wait.status().ToString();
    return wait.ok() ? *wait : -1;
  }
  std::int64_t Wait(const std::string& key, const media::AttemptRule& rule, std::int64_t now) {
    auto wait = catalog_->AttemptWait(key, rule, now);
    EXPECT_TRUE(wait.ok()) << wait.status().ToString();
    return wait.ok() ? *wait : -1;
  }
};

TEST_P(CatalogLoginAttemptsTest, RefusesAfterTheFailuresUntilTheWindowEnds) {
  const auto rule = Rule(3, 60);
  std::int64_t now = 1000;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Admit("ana", rule, now), 0) << i;
  now += 10;
  EXPECT_EQ(Admit("ana", rule, now), 50);
  EXPECT_EQ(Admit("ana", rule, now), 50) << "a refused attempt does not lengthen the wait";
  EXPECT_EQ(Admit("bob", rule, now), 0) << "other keys are not affected";
  now += 49;
  EXPECT_EQ(Admit("ana", rule, now), 1);
  now += 1;
  EXPECT_EQ(Admit("ana", rule, now), 0) << "a new window";
}

TEST_P(CatalogLoginAttemptsTest, ASuccessForgetsTheFailures) {
  const auto rule = Rule(2, 60);
  EXPECT_EQ(Admit("ana", rule, 0), 0);
  ASSERT_TRUE(catalog_->ForgetAttempts("ana").ok());
  EXPECT_EQ(Admit("ana", rule, 0), 0);
  EXPECT_EQ(Admit("ana", rule, 0), 0);
  EXPECT_GT(Admit("ana", rule, 0), 0);
}

TEST_P(CatalogLoginAttemptsTest, WaitCountsNothing) {
  const auto rule = Rule(2, 60);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(Wait("ana", rule, 0), 0);
  EXPECT_EQ(Admit("ana", rule, 0), 0);
  EXPECT_EQ(Admit("ana", rule, 0), 0);
  EXPECT_EQ(Wait("ana", rule, 10), 50);
  EXPECT_EQ(Wait("ana", rule, 60), 0);
}

TEST_P(CatalogLoginAttemptsTest, AClockThatWentBackNeverHoldsLongerThanAWindow) {
  const auto rule = Rule(1, 60);
  EXPECT_EQ(Admit("ana", rule, 100000), 0);
  EXPECT_EQ(Admit("ana", rule, 1000), 60);
  EXPECT_EQ(Wait("ana", rule, 1000), 60);
}

TEST_P(CatalogLoginAttemptsTest, ManyKeysStayBoundedAndRecentOnesAreKept) {
  const auto rule = Rule(1, 600, 50);
  EXPECT_EQ(Admit("target", rule, 0), 0);
  for (int i = 0; i < 80; ++i) Admit("spray-" + std::to_string(i), rule, 1 + i);
  // The oldest windows ("target") are dropped to make room, the newest are
  // still counted.
  EXPECT_GT(Admit("spray-79", rule, 100), 0);
  EXPECT_EQ(Admit("target", rule, 100), 0) << "the window that ends first was forgotten first";
}

TEST_P(CatalogLoginAttemptsTest, TwoProcessesCountTheSameFailures) {
  auto other = media::Catalog::Open(path_);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  const auto rule = Rule(4, 60);
  for (int i = 0; i < 2; ++i) {
    EXPECT_EQ(Admit("ana", rule, 0), 0);
    auto counted = (*other)->AdmitAttempt("ana", rule, 0);
    ASSERT_TRUE(counted.ok());
    EXPECT_EQ(*counted, 0);
  }
  EXPECT_EQ(Admit("ana", rule, 1), 59) << "four failures through two catalogs use up the window";
  auto wait = (*other)->AttemptWait("ana", rule, 1);
  ASSERT_TRUE(wait.ok());
  EXPECT_EQ(*wait, 59);
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogLoginAttemptsTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace catalog_test
