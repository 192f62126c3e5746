/* SPDX-License-Identifier: MIT */
/* cli.h -- the scan options every scanning subcommand shares, and the work
 * around the scan that goes with them.
 *
 * scan, check, sbom, obligations and notice all scan PATHs with the
 * pipeline (pipeline.h) and differ in what they make of the results.  This
 * module (a cmd-layer file: it reads argv, writes stderr) parses the options
 * they share, with one meaning everywhere, and does what each did its own
 * way: open -o, load the REUSE/DEP-5 stanzas, run the pipeline with a
 * progress line on a terminal, name each failed input on stderr (the first
 * CLI_SHOW_FAILURES, then a count: every one is in the output), and close
 * the output -- removing a regular -o file that could not be written whole
 * or that a fatal error cut short, so no partial output looks complete.
 *
 * The common options (cli_common_help prints them):
 *   PATH...                 default: .
 *   -f, --format FMT        one of the command's formats
 *   -o, --output FILE       -j, --jobs N        -q, --quiet (no progress line)
 *   --exclude GLOB          --follow-symlinks   --include-vcs
 *   --max-depth N           --max-file-size SZ  --max-total SZ
 *   --max-entries N         --max-ratio N       --min-coverage N
 *   --no-text               --no-stanzas        -h, --help
 * A command adds its own options: short letters in own_short, long ones
 * whose val is such a letter or >= CLI_OPT_OWN; own() is called for each.
 *
 *   struct cli c = { .name = "scan", .usage = ..., .exit_help = ...,
 *                    .formats = ..., .what = "report" };
 *   cli_parse(&c, argc, argv, own_short, own_long, own, ctx)
 *       1 go on, 0 after --help, -1 after a usage error (the command
 *       returns EXIT_DONE / EXIT_USAGE); fills po, roots, format (NULL
 *       when not given: the command's default)
 *   cli_open(&c)              -o FILE, else stdout: 0 or -1 after the message
 *   cli_run(&c, sink, ctx)    the scan; sink sees every result in path
 *                             order.  0 done, 1 the sink stopped it,
 *                             -1 fatal (said on stderr; cli_discard next)
 *   cli_failed(&c, path, what, reason)   one more input failed: named, counted
 *   cli_close(&c, err)        flushes and closes the output; err (an errno,
 *                             0 if none) or a write error found here: the
 *                             message, a regular -o file removed; 0 or -1.
 *                             Then the count of failures not named.
 *   cli_discard(&c)           closes, removes a regular -o file, silently
 *   cli_free(&c)              frees what parse took (safe to call twice)
 *
 * Ownership: argv and the strings given in struct cli are borrowed and
 * must outlive c; c owns its excludes array and the output it opened.
 * One thread: the sink runs on the thread that called cli_run. */
#ifndef PETAL_CLI_H
#define PETAL_CLI_H

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>

#include "index.h"
#include "pipeline.h"

#define CLI_SHOW_FAILURES 50 /* failed inputs named on stderr */
#define CLI_OPT_OWN 320      /* first long-only option value of a command */

struct cli {
	/* set by the command */
	const char *name;      /* "scan": messages say "petal scan: ..." */
	const char *usage;     /* usage line, description, its own options */
	const char *exit_help; /* "Exit: ..." lines, after the common options */
	const char *const *formats; /* -f values, NULL-terminated */
	const char *what;      /* "report", "SBOM": "cannot write the report" */
	/* parsed */
	const char *format;    /* NULL when not given */
	const char *out_path;  /* NULL: stdout */
	struct pipeline_opts po;
	const char *const *roots;
	size_t nroots;
	int quiet, no_text, no_stanzas;
	/* state */
	const char **excludes; /* owned array, borrowed strings */
	size_t nexcludes;
	FILE *out;             /* after cli_open */
	struct idx idx;        /* after cli_run: the license index */
	uint64_t failures;
	int progress_shown;
	int (*sink)(void *ctx, const struct file_result *r);
	void *sink_ctx;
	int sink_rc;
};

typedef int (*cli_own_fn)(struct cli *c, int opt, const char *arg, void *ctx);

int cli_parse(struct cli *c, int argc, char **argv, const char *own_short,
	      const struct option *own_long, cli_own_fn own, void *ctx);
void cli_common_help(FILE *f);
int cli_open(struct cli *c);
int cli_run(struct cli *c, int (*sink)(void *ctx, const struct file_result *r), void *ctx);
void cli_failed(struct cli *c, const char *path, const char *what, const char *reason);
int cli_close(struct cli *c, int err);
void cli_discard(struct cli *c);
void cli_free(struct cli *c);

/* A count or size argument: "4096", "64K", "16M", "1G"; at least min.
 * -1 after the message naming the option. */
int cli_parse_size(const struct cli *c, const char *opt, const char *s, uint64_t min,
		   uint64_t *out);

#endif
