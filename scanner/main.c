/* SPDX-License-Identifier: MIT */
/* main.c -- petal's entry point: find the subcommand, run it. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

struct cmd {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *help;
};

/* To add a subcommand, see cmd.h. */
static const struct cmd cmds[] = {
	{ "scan", cmd_scan, "list every file with the licenses found in it" },
	{ "explain", cmd_explain, "show each license text found in a file and how it differs" },
	{ "licenses", cmd_licenses, "list the SPDX license and exception ids petal knows" },
	{ "version", cmd_version, "print petal's version and its license list" },
	{ "obligations", cmd_obligations, "what the licenses found ask of a use, by license" },
	{ "notice", cmd_notice, "write a third-party notice file: license texts and holders" },
	{ "check", cmd_check, "judge the licenses found against a policy (CI gate)" },
	{ "sbom", cmd_sbom, "write an SPDX 2.3 or CycloneDX 1.6 SBOM; --check one" },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: petal <command> [options] [args]\n\ncommands:\n");
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		fprintf(f, "  %-12s %s\n", cmds[i].name, cmds[i].help);
	fprintf(f, "\n'petal <command> --help' for a command's options.\n");
}

/* What a command wrote to stdout must have reached it: a full disk or
 * /dev/full is exit 3 with the reason, never a quiet 0.  A command that
 * already failed with 3 has said why (scan names its report). */
static int close_stdout(int rc)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return rc;
	if (rc != EXIT_INPUT)
		fprintf(stderr, "petal: stdout: cannot write: %s\n",
			errno ? strerror(errno) : "write error");
	return EXIT_INPUT;
}

static int run(int argc, char **argv)
{
	size_t i;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_DONE;
	}
	if (!strcmp(argv[1], "--version"))
		return cmd_version(argc - 1, argv + 1);
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (!strcmp(argv[1], cmds[i].name))
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "petal: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}

int main(int argc, char **argv)
{
	return close_stdout(run(argc, argv));
}
