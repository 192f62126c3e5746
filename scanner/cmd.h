/* SPDX-License-Identifier: MIT */
/* cmd.h -- petal's subcommands, one file each (git's builtin.h).
 *
 * To add a subcommand: write cmd_foo(argc, argv) in scanner/cmd_foo.c,
 * declare it here, add a row to cmds[] in main.c, add a case under
 * tests/cli.  argv[0] is the subcommand's name.  Each returns an exit
 * code: 0 done, 1 policy violation, 2 usage error, 3 some inputs failed.
 * Only main.c, cli.c (the scan options the scanning commands share) and
 * cmd_*.c read argv, write to stderr or decide exit codes. */
#ifndef PETAL_CMD_H
#define PETAL_CMD_H

enum {
	EXIT_DONE = 0,
	EXIT_POLICY = 1,
	EXIT_USAGE = 2,
	EXIT_INPUT = 3,
};

int cmd_scan(int argc, char **argv);
int cmd_explain(int argc, char **argv);
int cmd_licenses(int argc, char **argv);
int cmd_version(int argc, char **argv);
int cmd_obligations(int argc, char **argv);
int cmd_notice(int argc, char **argv);

/* The scan shared by obligations and notice (cmd_obligations.c): begin
 * parses the common options (cli.h) and -u/--use, opens the output and
 * scans into a.o (rules/oblig.h); it returns an exit code when there is
 * nothing to write, -1 to go on and write to a.c.out.  end takes that
 * return: it closes the output (when -1), frees, and returns the exit
 * code. */
#include "cli.h"
#include "oblig.h"

struct oblig_cli {
	struct cli c;         /* name, usage, formats set by the command */
	enum lm_use use;
	struct oblig *o;      /* owned */
};

int oblig_cli_begin(struct oblig_cli *a, int argc, char **argv);
int oblig_cli_end(struct oblig_cli *a, int rc);
int cmd_check(int argc, char **argv);
int cmd_sbom(int argc, char **argv);

#endif
