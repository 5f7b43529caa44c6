/* Exits with code 42 from S mode: the code must reach nodevp's exit status (--boot sbi). */
#include <stdio.h>

int main(void) {
    printf("sbi_exit: exiting with 42\n");
    return 42;
}
