/* SPDX-License-Identifier: MIT */
/* cmd_scan.c -- `petal scan [options] [PATH...]`. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmd.h"
#include "report.h"

static const char scan_usage[] =
	"usage: petal scan [options] [PATH...]\n"
	"\n"
	"Scans directories, files and archives (default: .) and reports every file\n"
	"with the licenses found in it.\n"
	"\n"
	"  -f, --format FMT       text (default on a terminal), json (default otherwise), jsonl\n"
	"      --checksums        add SHA-1 and SHA-256 of every file\n";

static const char scan_exit[] =
	"Exit: 0 done, 2 usage error, 3 some inputs failed (each is named in the output).\n";

enum { OPT_CHECKSUMS = CLI_OPT_OWN };

static const struct option scan_opts[] = {
	{ "checksums", no_argument, NULL, OPT_CHECKSUMS },
	{ NULL, 0, NULL, 0 },
};

static int scan_opt(struct cli *c, int opt, const char *arg, void *ctx)
{
	(void)arg;
	(void)ctx;
	if (opt != OPT_CHECKSUMS)
		return -1;
	c->po.checksums = 1;
	return 0;
}

struct scan_run {
	struct report *rp;
	int write_errno; /* the report could not be written: why (0: it could) */
};

static int scan_sink(void *ctx, const struct file_result *r)
{
	struct scan_run *run = ctx;

	if (report_file(run->rp, r) < 0) {
		run->write_errno = errno ? errno : EIO;
		return -1; /* stops the scan: nothing more can be reported */
	}
	return 0;
}

int cmd_scan(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", "jsonl", NULL };
	struct cli c = { .name = "scan", .usage = scan_usage, .exit_help = scan_exit,
			 .formats = formats, .what = "report" };
	struct scan_run run = { NULL, 0 };
	struct perr e = { PERR_OK, "" };
	int rc = cli_parse(&c, argc, argv, NULL, scan_opts, scan_opt, NULL);

	if (rc <= 0 || cli_open(&c) < 0) {
		cli_free(&c);
		return rc == 0 ? EXIT_DONE : EXIT_USAGE;
	}
	if (!c.format)
		c.format = isatty(STDOUT_FILENO) && !c.out_path ? "text" : "json";
	run.rp = report_new(c.format, c.out, &e);
	if (!run.rp) {
		fprintf(stderr, "petal scan: %s\n", e.msg);
		cli_discard(&c);
		cli_free(&c);
		return EXIT_USAGE;
	}
	rc = cli_run(&c, scan_sink, &run);
	if (rc < 0) {
		cli_discard(&c);
		rc = EXIT_INPUT;
	} else {
		if (!run.write_errno && report_end(run.rp) < 0)
			run.write_errno = errno ? errno : EIO;
		rc = cli_close(&c, run.write_errno) < 0 || report_summary(run.rp)->by_status[FS_FAILED]
			     ? EXIT_INPUT : EXIT_DONE;
	}
	report_free(run.rp);
	cli_free(&c);
	return rc;
}
