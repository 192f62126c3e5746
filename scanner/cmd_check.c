/* SPDX-License-Identifier: MIT */
/* cmd_check.c -- `petal check --policy FILE [options] [PATH...]`: the CI gate. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "check.h"
#include "cmd.h"
#include "pipeline.h"

#define SHOW_FAILURES 50 /* scan errors named on stderr; all are in the report */

struct check_args {
	struct pipeline_opts po;
	const char *policy;
	const char *format;
	const char *out_path;
	const char *baseline;
	const char *use;
	const char **excludes;
	size_t nexcludes;
	int no_text;
};

struct check_run {
	struct check *ck;
	uint64_t failures;
};

static const char check_usage[] =
	"usage: petal check --policy FILE [options] [PATH...]\n"
	"\n"
	"Scans PATHs (default: .) and judges every license found against the policy\n"
	"(see README.md, \"Policy file\").\n"
	"\n"
	"  -p, --policy FILE     the policy (YAML); required\n"
	"  -f, --format FMT      text (default), json, sarif (SARIF 2.1.0), junit\n"
	"  -o, --output FILE     write the report to FILE instead of stdout\n"
	"      --baseline FILE   a report of 'petal check --format json': the violations\n"
	"                        it lists (same path, license and rule) do not fail\n"
	"      --use USE         internal, saas, distribute-binary, distribute-source\n"
	"                        (overrides the policy's 'use')\n"
	"  -j, --jobs N          worker threads (default: online CPUs)\n"
	"      --exclude GLOB    skip paths matching GLOB (as petal scan; repeatable)\n"
	"      --no-text         SPDX tags only: no license text matching\n"
	"      --follow-symlinks follow links that stay inside the scanned tree\n"
	"      --include-vcs     also scan .git, .hg, .svn, .bzr, CVS, _darcs\n"
	"\n"
	"Exit: 0 pass (reviews are warnings), 1 policy violation, 2 usage error (a bad\n"
	"policy names its file, line and column), 3 some inputs could not be scanned\n"
	"(the report is written anyway; 3 wins over 1).\n";

enum { OPT_BASELINE = 256, OPT_USE, OPT_EXCLUDE, OPT_NO_TEXT, OPT_FOLLOW, OPT_VCS };

static const struct option check_opts[] = {
	{ "policy", required_argument, NULL, 'p' },
	{ "format", required_argument, NULL, 'f' },
	{ "output", required_argument, NULL, 'o' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "help", no_argument, NULL, 'h' },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "use", required_argument, NULL, OPT_USE },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "no-text", no_argument, NULL, OPT_NO_TEXT },
	{ "follow-symlinks", no_argument, NULL, OPT_FOLLOW },
	{ "include-vcs", no_argument, NULL, OPT_VCS },
	{ NULL, 0, NULL, 0 },
};

static int parse_opt(int c, struct check_args *a)
{
	char *end;
	long v;

	switch (c) {
	case 'p': a->policy = optarg; return 0;
	case 'f': a->format = optarg; return 0;
	case 'o': a->out_path = optarg; return 0;
	case OPT_BASELINE: a->baseline = optarg; return 0;
	case OPT_USE: a->use = optarg; return 0;
	case OPT_NO_TEXT: a->no_text = 1; return 0;
	case OPT_FOLLOW: a->po.walk.follow = 1; return 0;
	case OPT_VCS: a->po.walk.vcs = 1; return 0;
	case OPT_EXCLUDE:
		a->excludes = xrealloc(a->excludes, (a->nexcludes + 1) * sizeof(*a->excludes));
		a->excludes[a->nexcludes++] = optarg;
		return 0;
	case 'j':
		errno = 0;
		v = strtol(optarg, &end, 10);
		if (errno || *end || v < 1 || v > 1024) {
			fprintf(stderr, "petal check: --jobs: not a valid number: '%s'\n", optarg);
			return -1;
		}
		a->po.jobs = (unsigned)v;
		return 0;
	default:
		return -1;
	}
}

/* 1 to go on, 0 for --help, -1 on a usage error. */
static int parse_args(int argc, char **argv, struct check_args *a)
{
	int c;

	pipeline_opts_default(&a->po);
	optind = 1;
	while ((c = getopt_long(argc, argv, "p:f:o:j:h", check_opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(check_usage, stdout);
			return 0;
		}
		if (parse_opt(c, a) < 0) {
			fputs(check_usage, stderr);
			return -1;
		}
	}
	if (!a->policy) {
		fprintf(stderr, "petal check: --policy FILE is required\n%s", check_usage);
		return -1;
	}
	a->po.walk.excludes = a->excludes;
	a->po.walk.nexcludes = a->nexcludes;
	if (!a->format)
		a->format = "text";
	if (strcmp(a->format, "text") && strcmp(a->format, "json") && strcmp(a->format, "sarif") &&
	    strcmp(a->format, "junit")) {
		fprintf(stderr, "petal check: unknown format '%s' (text, json, sarif, junit)\n",
			a->format);
		return -1;
	}
	return 1;
}

static struct policy *load_policy(const struct check_args *a)
{
	struct perr e = { PERR_OK, "" };
	struct policy_pos pos;
	struct policy *p = policy_load(a->policy, &pos, &e);
	enum policy_use u;

	if (!p) {
		if (pos.line)
			fprintf(stderr, "petal: %s:%u:%u: %s\n", a->policy, pos.line, pos.col, e.msg);
		else
			fprintf(stderr, "petal: %s: %s\n", a->policy, e.msg);
		return NULL;
	}
	if (a->use && policy_use_parse(a->use, &u) < 0) {
		fprintf(stderr, "petal check: --use: unknown use '%s' (internal, saas, "
				"distribute-binary, distribute-source)\n", a->use);
		policy_free(p);
		return NULL;
	}
	if (a->use)
		policy_set_use(p, u);
	return p;
}

static int check_sink(void *ctx, const struct file_result *r)
{
	struct check_run *run = ctx;

	if (r->status == FS_FAILED && run->failures++ < SHOW_FAILURES)
		fprintf(stderr, "petal: %s: %s\n", r->path, r->error ? r->error : "failed");
	return check_file(run->ck, r);
}

/* Scans, judges, writes; returns the exit code. */
static int run_check(struct check_args *a, struct check_run *run, const char *const *roots,
		     size_t nroots, FILE *out)
{
	struct perr e = { PERR_OK, "" };
	struct mani_annots *annots;
	struct idx idx;
	const struct check_summary *s;
	int rc;

	if (!a->no_text && idx_open(&idx, &e) < 0) {
		fprintf(stderr, "petal: %s\n", e.msg);
		return EXIT_INPUT;
	}
	a->po.detect.idx = a->no_text ? NULL : &idx;
	a->po.annots = annots = mani_annots_load(roots, nroots); /* REUSE, DEP-5: as petal scan */
	rc = pipeline_run(roots, nroots, &a->po, check_sink, run, NULL, &e);
	mani_annots_free(annots);
	if (rc < 0) {
		fprintf(stderr, "petal: %s\n", e.msg);
		return EXIT_INPUT;
	}
	if (run->failures > SHOW_FAILURES)
		fprintf(stderr, "petal: %llu more inputs failed (all are in the report)\n",
			(unsigned long long)(run->failures - SHOW_FAILURES));
	check_finish(run->ck);
	if (check_write(run->ck, a->format, out, &e) < 0) {
		fprintf(stderr, "petal: %s: %s\n", a->out_path ? a->out_path : "stdout", e.msg);
		return EXIT_INPUT;
	}
	s = check_summary(run->ck);
	return s->failed ? EXIT_INPUT : s->violations ? EXIT_POLICY : EXIT_DONE;
}

int cmd_check(int argc, char **argv)
{
	struct check_args a = { .format = NULL };
	struct check_run run = { NULL, 0 };
	static const char *const here[] = { "." };
	const char *const *roots = here;
	size_t nroots = 1;
	struct perr e = { PERR_OK, "" };
	struct policy *p = NULL;
	/* cppcheck-suppress unreadVariable ; read when there is no -o */
	FILE *out = stdout;
	int rc = parse_args(argc, argv, &a);

	if (rc <= 0 || !(p = load_policy(&a))) {
		free(a.excludes);
		return rc == 0 ? EXIT_DONE : EXIT_USAGE;
	}
	if (optind < argc)
		roots = (const char *const *)argv + optind, nroots = (size_t)(argc - optind);
	run.ck = check_new(p, roots, nroots);
	if (a.baseline && check_baseline(run.ck, a.baseline, &e) < 0) {
		fprintf(stderr, "petal: %s: %s\n", a.baseline, e.msg);
		rc = EXIT_USAGE;
	} else if (a.out_path && !(out = fopen(a.out_path, "w"))) {
		fprintf(stderr, "petal: %s: cannot write: %s\n", a.out_path, strerror(errno));
		rc = EXIT_USAGE;
	} else {
		rc = run_check(&a, &run, roots, nroots, out);
		if (out != stdout && fclose(out) != 0 && rc != EXIT_INPUT) {
			fprintf(stderr, "petal: %s: cannot write: %s\n", a.out_path, strerror(errno));
			rc = EXIT_INPUT;
		}
	}
	check_free(run.ck);
	policy_free(p);
	free(a.excludes);
	return rc;
}
