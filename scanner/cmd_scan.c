/* SPDX-License-Identifier: MIT */
/* cmd_scan.c -- `petal scan [options] [PATH...]`. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "cmd.h"
#include "pipeline.h"
#include "report.h"

#define SHOW_FAILURES 50 /* failures named on stderr; all are in the output */

struct scan_args {
	struct pipeline_opts po;
	struct idx idx;
	const char *format;
	const char *out_path;
	const char **excludes;
	size_t nexcludes;
	int quiet;
	int no_text;
	int no_stanzas;
};

struct scan_run {
	struct report *rp;
	uint64_t failures;
	int progress_shown;
	int write_errno; /* the report could not be written: why (0: it could) */
};

static const char scan_usage[] =
	"usage: petal scan [options] [PATH...]\n"
	"\n"
	"Scans directories, files and archives (default: .) and reports every file\n"
	"with the licenses found in it.\n"
	"\n"
	"  -f, --format FMT       text (default on a terminal), json (default otherwise), jsonl\n"
	"  -o, --output FILE      write the report to FILE instead of stdout\n"
	"  -j, --jobs N           worker threads (default: online CPUs)\n"
	"      --checksums        add SHA-1 and SHA-256 of every file\n"
	"      --exclude GLOB     skip paths matching GLOB (repeatable; a GLOB with '/'\n"
	"                         matches the path below the root, else the base name;\n"
	"                         a trailing '/' matches directories only)\n"
	"      --follow-symlinks  follow links that stay inside the scanned tree\n"
	"      --include-vcs      also scan .git, .hg, .svn, .bzr, CVS, _darcs\n"
	"      --max-depth N      nested archive levels opened (default 8)\n"
	"      --max-file-size SZ bytes of one file analysed (default 64M)\n"
	"      --max-total SZ     bytes expanded from one archive (default 16G)\n"
	"      --max-entries N    entries read from one archive (default 1000000)\n"
	"      --max-ratio N      expansion ratio of one archive (default 1000)\n"
	"      --no-text          SPDX tags and copyrights only: no license text matching\n"
	"      --no-stanzas       do not apply REUSE.toml, .reuse/dep5 or debian/copyright\n"
	"                         to the files they cover: what the files say only\n"
	"      --min-coverage N   % of a license text that must match for the file to\n"
	"                         be said to carry it (default 90); less is reported\n"
	"                         as a partial match\n"
	"  -q, --quiet            no progress line\n"
	"\n"
	"Exit: 0 done, 2 usage error, 3 some inputs failed (each is named in the output).\n";

enum {
	OPT_CHECKSUMS = 256, OPT_EXCLUDE, OPT_FOLLOW, OPT_VCS, OPT_MAX_DEPTH,
	OPT_MAX_FILE, OPT_MAX_TOTAL, OPT_MAX_ENTRIES, OPT_MAX_RATIO, OPT_MIN_COVERAGE, OPT_NO_TEXT,
	OPT_NO_STANZAS,
};

static const struct option scan_opts[] = {
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "checksums", no_argument, NULL, OPT_CHECKSUMS },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "follow-symlinks", no_argument, NULL, OPT_FOLLOW },
	{ "include-vcs", no_argument, NULL, OPT_VCS },
	{ "max-depth", required_argument, NULL, OPT_MAX_DEPTH },
	{ "max-file-size", required_argument, NULL, OPT_MAX_FILE },
	{ "max-total", required_argument, NULL, OPT_MAX_TOTAL },
	{ "max-entries", required_argument, NULL, OPT_MAX_ENTRIES },
	{ "max-ratio", required_argument, NULL, OPT_MAX_RATIO },
	{ "min-coverage", required_argument, NULL, OPT_MIN_COVERAGE },
	{ "no-text", no_argument, NULL, OPT_NO_TEXT },
	{ "no-stanzas", no_argument, NULL, OPT_NO_STANZAS },
	{ NULL, 0, NULL, 0 },
};

/* "64M", "16G", "4096": a count of bytes (or of anything, without suffix). */
static int parse_size(const char *opt, const char *s, uint64_t min, uint64_t *out)
{
	char *end;
	unsigned long long v;
	int shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end && !end[1])
		shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20
		      : *end == 'G' || *end == 'g' ? 30 : -1;
	if (errno || end == s || *s == '-' || shift < 0 || (*end && end[1]) || v < min ||
	    (shift && v > (~0ull >> shift))) {
		fprintf(stderr, "petal scan: --%s: not a valid number: '%s'\n", opt, s);
		return -1;
	}
	*out = (uint64_t)v << shift;
	return 0;
}

static int parse_limit(int opt, const char *arg, struct arc_limits *lim)
{
	uint64_t v;

	switch (opt) {
	case OPT_MAX_DEPTH:
		if (parse_size("max-depth", arg, 0, &v) < 0 || v > 64)
			return fprintf(stderr, "petal scan: --max-depth: 0..64\n"), -1;
		lim->max_depth = (unsigned)v;
		return 0;
	case OPT_MAX_FILE:
		if (parse_size("max-file-size", arg, 1, &v) < 0 || v > ((uint64_t)1 << 40))
			return -1;
		lim->max_entry_bytes = v;
		return 0;
	case OPT_MAX_TOTAL:
		return parse_size("max-total", arg, 1, &lim->max_total_bytes);
	case OPT_MAX_ENTRIES:
		return parse_size("max-entries", arg, 1, &lim->max_entries);
	default:
		return parse_size("max-ratio", arg, 1, &lim->max_ratio);
	}
}

static int parse_opt(int c, struct scan_args *a)
{
	uint64_t v;

	switch (c) {
	case 'f':
		a->format = optarg;
		return 0;
	case 'o':
		a->out_path = optarg;
		return 0;
	case 'j':
		if (parse_size("jobs", optarg, 1, &v) < 0 || v > 1024)
			return -1;
		a->po.jobs = (unsigned)v;
		return 0;
	case 'q':
		a->quiet = 1;
		return 0;
	case OPT_CHECKSUMS:
		a->po.checksums = 1;
		return 0;
	case OPT_EXCLUDE:
		a->excludes = xrealloc(a->excludes, (a->nexcludes + 1) * sizeof(*a->excludes));
		a->excludes[a->nexcludes++] = optarg;
		return 0;
	case OPT_FOLLOW:
		a->po.walk.follow = 1;
		return 0;
	case OPT_VCS:
		a->po.walk.vcs = 1;
		return 0;
	case OPT_NO_TEXT:
		a->no_text = 1;
		return 0;
	case OPT_NO_STANZAS:
		a->no_stanzas = 1;
		return 0;
	case OPT_MIN_COVERAGE:
		if (parse_size("min-coverage", optarg, 1, &v) < 0 || v > 100)
			return fprintf(stderr, "petal scan: --min-coverage: 1..100\n"), -1;
		a->po.detect.min_coverage = (int)v;
		return 0;
	case OPT_MAX_DEPTH: case OPT_MAX_FILE: case OPT_MAX_TOTAL:
	case OPT_MAX_ENTRIES: case OPT_MAX_RATIO:
		return parse_limit(c, optarg, &a->po.lim);
	default:
		return -1;
	}
}

/* 1 to go on, 0 for --help, -1 on a usage error. */
static int parse_args(int argc, char **argv, struct scan_args *a)
{
	int c;

	pipeline_opts_default(&a->po);
	optind = 1;
	while ((c = getopt_long(argc, argv, "f:o:j:qh", scan_opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(scan_usage, stdout);
			return 0;
		}
		if (parse_opt(c, a) < 0) {
			fputs(scan_usage, stderr);
			return -1;
		}
	}
	a->po.walk.excludes = a->excludes;
	a->po.walk.nexcludes = a->nexcludes;
	if (!a->format)
		a->format = isatty(STDOUT_FILENO) && !a->out_path ? "text" : "json";
	return 1;
}

static void show_progress(void *ctx, const struct pipeline_counts *c)
{
	struct scan_run *run = ctx;

	if (c->seconds < 1.0)
		return;
	fprintf(stderr, "\rpetal: %llu files, %.0f MB, %.0f s ", (unsigned long long)c->files,
		(double)c->bytes / 1e6, c->seconds);
	run->progress_shown = 1;
}

/* The report, plus each failure named once on stderr. */
static int scan_sink(void *ctx, const struct file_result *r)
{
	struct scan_run *run = ctx;

	if (r->status == FS_FAILED && run->failures++ < SHOW_FAILURES)
		fprintf(stderr, "%spetal: %s: %s\n", run->progress_shown ? "\r\033[K" : "",
			r->path, r->error ? r->error : "failed");
	if (report_file(run->rp, r) < 0) {
		run->write_errno = errno ? errno : EIO;
		return -1; /* stops the scan: nothing more can be reported */
	}
	return 0;
}

/* Closes the report (not stdout).  When it could not be written, err or
 * the close says why (a full disk, /dev/full, EIO): the reason goes to
 * stderr and a cut report never stays behind looking whole -- a regular
 * file given with -o is removed.  Returns 0, or -1 after the message. */
static int end_output(FILE *out, const char *out_path, int err)
{
	struct stat st;
	int regular = out != stdout && fstat(fileno(out), &st) == 0 && S_ISREG(st.st_mode);
	int removed = 0;

	if (out != stdout && fclose(out) != 0 && !err)
		err = errno ? errno : EIO;
	if (!err)
		return 0;
	if (regular && out_path)
		removed = unlink(out_path) == 0;
	fprintf(stderr, "petal: %s: cannot write the report: %s%s\n",
		out_path ? out_path : "stdout", strerror(err),
		removed ? " (the partial report was removed)" : "");
	return -1;
}

static int finish(struct scan_run *run, FILE *out, const char *out_path)
{
	const struct report_summary *s = report_summary(run->rp);

	if (run->progress_shown)
		fputs("\r\033[K", stderr);
	if (!run->write_errno && report_end(run->rp) < 0)
		run->write_errno = errno ? errno : EIO;
	if (end_output(out, out_path, run->write_errno) < 0)
		return EXIT_INPUT;
	if (run->failures > SHOW_FAILURES)
		fprintf(stderr, "petal: %llu more inputs failed (all are in the report)\n",
			(unsigned long long)(run->failures - SHOW_FAILURES));
	return s->by_status[FS_FAILED] ? EXIT_INPUT : EXIT_DONE;
}

int cmd_scan(int argc, char **argv)
{
	struct scan_args a = { .format = NULL };
	struct scan_run run = { NULL, 0, 0, 0 };
	struct pipeline_progress prog = { show_progress, &run, 250 };
	static const char *const here[] = { "." };
	struct perr e = { PERR_OK, "" };
	struct mani_annots *annots;
	const char *const *roots;
	size_t nroots;
	FILE *out = stdout;
	int rc = parse_args(argc, argv, &a);

	if (rc <= 0) {
		free(a.excludes);
		return rc < 0 ? EXIT_USAGE : EXIT_DONE;
	}
	if (idx_open(&a.idx, &e) < 0) {
		fprintf(stderr, "petal: %s\n", e.msg);
		free(a.excludes);
		return EXIT_INPUT;
	}
	a.po.detect.idx = a.no_text ? NULL : &a.idx;
	if (a.out_path && !(out = fopen(a.out_path, "w"))) {
		fprintf(stderr, "petal: %s: cannot write: %s\n", a.out_path, strerror(errno));
		free(a.excludes);
		return EXIT_USAGE;
	}
	run.rp = report_new(a.format, out, &e);
	if (!run.rp) {
		fprintf(stderr, "petal scan: %s\n", e.msg);
		if (out != stdout)
			fclose(out);
		free(a.excludes);
		return EXIT_USAGE;
	}
	roots = optind < argc ? (const char *const *)argv + optind : here;
	nroots = optind < argc ? (size_t)(argc - optind) : 1;
	a.po.annots = annots = a.no_stanzas ? NULL : mani_annots_load(roots, nroots);
	rc = pipeline_run(roots, nroots, &a.po, scan_sink, &run,
			  a.quiet || !isatty(STDERR_FILENO) ? NULL : &prog, &e);
	mani_annots_free(annots);
	if (rc < 0 && !run.write_errno) {
		fprintf(stderr, "petal: %s\n", e.msg);
		if (out != stdout)
			fclose(out);
		rc = EXIT_INPUT;
	} else {
		rc = finish(&run, out, a.out_path);
	}
	report_free(run.rp);
	free(a.excludes);
	return rc;
}
