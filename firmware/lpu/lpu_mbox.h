/* The mailbox protocol between a host driver and the LPU's DMC firmware (docs/lpu/device.md).
 *
 * The host writes a request into MBOX_REQ[0..15] (word 0: command, then arguments) and writes
 * MBOX_H2D. The DMC executes it, writes the response into MBOX_RSP[0..15] (word 0: status, then
 * results) and writes MBOX_D2H, which sets INT_STATUS.MAILBOX. One request at a time. After boot
 * the DMC posts one unsolicited response: LPU_MBOX_READY in word 0, the self-test result after. */
#ifndef NODEVP_FIRMWARE_LPU_MBOX_H
#define NODEVP_FIRMWARE_LPU_MBOX_H

#define LPU_MBOX_READY 0x52454459u /* "REDY" */
#define LPU_FW_VERSION 0x00010000u

/* Commands (request word 0) and their arguments. Host addresses are 64-bit (lo, hi words);
 * SRAM offsets are slice-major byte offsets (docs/lpu/architecture.md). */
enum lpu_mbox_cmd {
    LPU_CMD_PING = 1,         /* -> [1] firmware version */
    LPU_CMD_LOAD_PROGRAM = 2, /* [1,2] host address, [3] length: program image by DMA */
    LPU_CMD_RUN = 3,          /* run the loaded program to its end */
    LPU_CMD_WRITE_SRAM = 4,   /* [1,2] host address, [3] SRAM offset, [4] length */
    LPU_CMD_READ_SRAM = 5,    /* [1,2] host address, [3] SRAM offset, [4] length */
    LPU_CMD_STATUS = 6,       /* -> the status words below */
    LPU_CMD_RESET = 7,        /* chip reset: no program, error registers cleared */
    LPU_CMD_RUN_IO = 8,       /* [1,2] input host address, [3] SRAM offset, [4] length,
                               * [5,6] output host address, [7] SRAM offset, [8] length: DMA the
                               * input in, RUN, DMA the output out (a length of 0 skips its
                               * transfer); answered as RUN; no output DMA if the program fails */
};
#define LPU_RUN_IO_ARGS 8u

/* Response word 0. */
enum lpu_mbox_status {
    LPU_ST_OK = 0,
    LPU_ST_BAD_COMMAND = 1,   /* unknown command word */
    LPU_ST_DMA_ERROR = 2,     /* a DMA transfer failed (bad host address, SRAM range, ECC) */
    LPU_ST_BAD_IMAGE = 3,     /* the program image was rejected; [1] = ERR_CODE */
    LPU_ST_PROGRAM_ERROR = 4, /* the program stopped with an error; words as for RUN */
    LPU_ST_NO_PROGRAM = 5,    /* RUN without a loaded program */
};

/* RUN response: [1,2] cycles (lo, hi); on LPU_ST_PROGRAM_ERROR also [3] ERR_CODE, [4] ERR_QUEUE,
 * [5] ERR_PC, [6] ERR_OPCODE, [7,8] ERR_CYCLE (lo, hi). */
enum lpu_mbox_run_word {
    LPU_RUN_CYCLES_LO = 1,
    LPU_RUN_CYCLES_HI = 2,
    LPU_RUN_ERR_CODE = 3,
    LPU_RUN_ERR_QUEUE = 4,
    LPU_RUN_ERR_PC = 5,
    LPU_RUN_ERR_OPCODE = 6,
    LPU_RUN_ERR_CYCLE_LO = 7,
    LPU_RUN_ERR_CYCLE_HI = 8,
};

/* STATUS response words (also the counters the firmware keeps). */
enum lpu_mbox_status_word {
    LPU_STATUS_STATE = 1,         /* STATUS register */
    LPU_STATUS_ECC_CORRECTED = 2, /* ECC_CORRECTED register */
    LPU_STATUS_ECC_DETECTED = 3,  /* ECC_DETECTED register */
    LPU_STATUS_COMMANDS = 4,      /* requests handled since boot */
    LPU_STATUS_ERRORS = 5,        /* requests answered with a status other than OK */
    LPU_STATUS_PROGRAMS = 6,      /* programs run to their end (done or error) */
    LPU_STATUS_DMA_BYTES = 7,     /* bytes moved by DMA */
    LPU_STATUS_SELFTEST = 8,      /* boot self-test result, as in the READY message */
};

/* READY message: [1] firmware version, [2] self-test result (0 pass, else the failed step),
 * [3] ECC corrections the self-test counted. */
enum lpu_mbox_ready_word {
    LPU_READY_VERSION = 1,
    LPU_READY_SELFTEST = 2,
    LPU_READY_CORRECTED = 3,
};

#endif /* NODEVP_FIRMWARE_LPU_MBOX_H */
