/* Assertions for firmware tests on the platform: a failed check prints what differed and ends
 * the run with a non-zero exit code (the check's line number, so each check is identifiable). */
#ifndef NODEVP_TESTS_FIRMWARE_CHECK_H
#define NODEVP_TESTS_FIRMWARE_CHECK_H

#include <stdio.h>
#include <stdlib.h>

#define CHECK_EQ(actual, expected)                                                                 \
    do {                                                                                           \
        unsigned long long check_a_ = (unsigned long long)(actual);                                \
        unsigned long long check_e_ = (unsigned long long)(expected);                              \
        if (check_a_ != check_e_) {                                                                \
            printf("FAIL %s:%d: %s = 0x%llx, expected %s = 0x%llx\n", __FILE__, __LINE__, #actual, \
                   check_a_, #expected, check_e_);                                                 \
            exit(__LINE__);                                                                        \
        }                                                                                          \
    } while (0)

#define CHECK(cond)                                                \
    do {                                                           \
        if (!(cond)) {                                             \
            printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
            exit(__LINE__);                                        \
        }                                                          \
    } while (0)

#endif /* NODEVP_TESTS_FIRMWARE_CHECK_H */
