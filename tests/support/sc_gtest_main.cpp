// main() for GoogleTest executables that link SystemC: SystemC's library wants an sc_main, and
// the copyright banner is kept out of test output. Benches that elaborate modules define their
// own sc_main (nodevp_gtest(... SC_MAIN)) and link only nodevp_sc_main.
#include <cstdlib>

#include <gtest/gtest.h>
#include <systemc>

#ifndef NODEVP_OWN_SC_MAIN
int sc_main(int argc, char* argv[]) {
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
#endif

int main(int argc, char* argv[]) {
    setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);
    return sc_core::sc_elab_and_sim(argc, argv);
}
