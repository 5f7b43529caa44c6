// Proof that the checker can fail: each injected protocol fault makes the random tester stop
// with a readable report naming the line, the agents' states and the recent messages.
#include <gtest/gtest.h>

#include "models/fabric/tester.hpp"

namespace nodevp::fabric {
namespace {

TesterResult run_with(Fault fault) {
    TesterConfig c;
    c.system.seed = 3;
    c.system.fault = fault;
    c.operations = 100000;
    RandomTester t(c);
    TesterResult r = t.run();
    EXPECT_TRUE(t.system().faults().fired());
    return r;
}

void expect_readable_report(const TesterResult& r) {
    EXPECT_FALSE(r.passed);
    EXPECT_NE(r.report.find("coherence violation on line 0x"), std::string::npos) << r.report;
    EXPECT_NE(r.report.find("agents: cpu0="), std::string::npos) << r.report;
    EXPECT_NE(r.report.find("io1="), std::string::npos) << r.report;
    EXPECT_NE(r.report.find("directory"), std::string::npos) << r.report;
    EXPECT_NE(r.report.find("last messages for this line"), std::string::npos) << r.report;
}

TEST(FaultSwitch, DroppedInvalidationLeavesDetectedStaleSharer) {
    TesterResult r = run_with(Fault::DropInvalidation);
    expect_readable_report(r);
    // The kept S copy is caught either beside a new unique owner or as stale data after a
    // home-side write; both reports show the SnpUnique it ignored.
    bool swmr = r.report.find("single-writer/multiple-reader broken") != std::string::npos;
    bool stale = r.report.find("holds S with word") != std::string::npos;
    EXPECT_TRUE(swmr || stale) << r.report;
    EXPECT_NE(r.report.find("SnpUnique"), std::string::npos) << r.report;
}

TEST(FaultSwitch, DroppedInvalidationBeforeAnUpgradeBreaksSingleWriter) {
    // Directed: cpu0 is the only sharer (cpu1 shared, then evicted); cpu2's store must
    // invalidate it, and the fault makes cpu0 keep its copy.
    SystemConfig c;
    c.caching_agents = 3;
    c.io_agents = 0;
    c.homes = 1;
    c.fault = Fault::DropInvalidation;
    System sys(c);
    sys.run(0, Op{Op::Kind::Load, 0x40});
    sys.run(1, Op{Op::Kind::Load, 0x40});
    sys.run(1, Op{Op::Kind::Evict, 0x40});
    sys.run(2, Op{Op::Kind::Store, 0x40, 1});
    ASSERT_TRUE(sys.checker().failed());
    const std::string& report = sys.checker().report();
    EXPECT_NE(report.find("coherence violation on line 0x40: single-writer/multiple-reader broken"
                          ": unique copies at cpu2(M), shared copies at cpu0(S)"),
              std::string::npos)
        << report;
    EXPECT_NE(report.find("home hn0: directory U owner cpu2"), std::string::npos) << report;
    EXPECT_NE(report.find("SnpUnique hn0->cpu0 addr 0x40"), std::string::npos) << report;
}

TEST(FaultSwitch, LostWriteBackIsCaughtAsStaleRead) {
    TesterResult r = run_with(Fault::LoseWriteBack);
    expect_readable_report(r);
    EXPECT_NE(r.report.find("latest value in coherence order"), std::string::npos) << r.report;
}

TEST(FaultSwitch, SnoopResponseWithoutDirtyDataIsCaughtAsStaleData) {
    TesterResult r = run_with(Fault::SkipSnoopData);
    expect_readable_report(r);
    EXPECT_NE(r.report.find("latest value in coherence order"), std::string::npos) << r.report;
}

TEST(FaultSwitch, UnarmedSwitchNeverFires) {
    FaultSwitch f;
    EXPECT_FALSE(f.fire(Fault::DropInvalidation, 0));
    FaultSwitch armed(Fault::LoseWriteBack);
    EXPECT_FALSE(armed.fire(Fault::DropInvalidation, 0));
    EXPECT_TRUE(armed.fire(Fault::LoseWriteBack, 0));
    EXPECT_FALSE(armed.fire(Fault::LoseWriteBack, 0));
}

TEST(FaultSwitch, FiresOnlyWithinItsAddressRange) {
    FaultSwitch s(Fault::DropInvalidation, 0x1000, 0x1fff);
    EXPECT_FALSE(s.fire(Fault::DropInvalidation, 0xfc0));
    EXPECT_FALSE(s.fire(Fault::DropInvalidation, 0x2000));
    EXPECT_TRUE(s.fire(Fault::DropInvalidation, 0x1040));
    EXPECT_FALSE(s.fire(Fault::DropInvalidation, 0x1040));
}

}  // namespace
}  // namespace nodevp::fabric
