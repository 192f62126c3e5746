/* SPDX-License-Identifier: MIT */
/* cmd_check.c -- `petal check --policy FILE [options] [PATH...]`: the CI gate. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cli.h"
#include "cmd.h"

struct check_args {
	const char *policy;
	const char *baseline;
	const char *use;
};

static const char *const check_formats_list[] = { "text", "json", "sarif", "junit", NULL };

static const char check_usage[] =
	"usage: petal check --policy FILE [options] [PATH...]\n"
	"\n"
	"Scans PATHs (default: .) and judges every license found against the policy\n"
	"(see README.md, \"Policy file\").\n"
	"\n"
	"  -p, --policy FILE     the policy (YAML); required\n"
	"  -f, --format FMT      text (default), json, sarif (SARIF 2.1.0), junit\n"
	"      --baseline FILE   a report of 'petal check --format json': the violations\n"
	"                        it lists (same path, license and rule) do not fail\n"
	"      --use USE         internal, saas, distribute-binary, distribute-source\n"
	"                        (overrides the policy's 'use')\n";

static const char check_exit[] =
	"Exit: 0 pass (reviews are warnings), 1 policy violation, 2 usage error (a bad\n"
	"policy names its file, line and column), 3 some inputs could not be scanned\n"
	"(the report is written anyway; 3 wins over 1).\n";

enum { OPT_BASELINE = CLI_OPT_OWN, OPT_USE };

static const struct option check_opts[] = {
	{ "policy", required_argument, NULL, 'p' },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "use", required_argument, NULL, OPT_USE },
	{ NULL, 0, NULL, 0 },
};

static int check_opt(struct cli *c, int opt, const char *arg, void *ctx)
{
	struct check_args *a = ctx;

	(void)c;
	switch (opt) {
	case 'p': a->policy = arg; return 0;
	case OPT_BASELINE: a->baseline = arg; return 0;
	case OPT_USE: a->use = arg; return 0;
	default: return -1;
	}
}

/* 1 to go on, 0 for --help, -1 on a usage error. */
static int parse_args(int argc, char **argv, struct cli *c, struct check_args *a)
{
	int rc = cli_parse(c, argc, argv, "p:", check_opts, check_opt, a);

	if (rc > 0 && !a->policy) {
		fprintf(stderr, "petal check: --policy FILE is required\n%s", check_usage);
		return -1;
	}
	if (!c->format)
		c->format = "text";
	return rc;
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

/* Scans, judges, writes; returns the exit code. */
static int run_check(struct cli *c, struct check *ck)
{
	struct perr e = { PERR_OK, "" };
	const struct check_summary *s;
	int err, rc;

	errno = 0;
	rc = cli_run(c, check_file, ck);
	if (rc > 0) /* the sink stopped the scan: it could not write */
		cli_close(c, errno ? errno : EIO);
	else if (rc < 0)
		cli_discard(c);
	if (rc != 0)
		return EXIT_INPUT;
	check_finish(ck);
	errno = 0;
	err = check_write(ck, c->format, c->out, &e) < 0 ? (errno ? errno : EIO) : 0;
	if (cli_close(c, err) < 0)
		return EXIT_INPUT;
	s = check_summary(ck);
	return s->failed ? EXIT_INPUT : s->violations ? EXIT_POLICY : EXIT_DONE;
}

int cmd_check(int argc, char **argv)
{
	struct check_args a = { NULL, NULL, NULL };
	struct cli c = { .name = "check", .usage = check_usage, .exit_help = check_exit,
			 .formats = check_formats_list, .what = "report" };
	struct perr e = { PERR_OK, "" };
	struct check *ck = NULL;
	struct policy *p = NULL;
	int rc = parse_args(argc, argv, &c, &a);

	if (rc <= 0 || !(p = load_policy(&a))) {
		cli_free(&c);
		return rc == 0 ? EXIT_DONE : EXIT_USAGE;
	}
	ck = check_new(p, c.roots, c.nroots);
	if (a.baseline && check_baseline(ck, a.baseline, &e) < 0) {
		fprintf(stderr, "petal: %s: %s\n", a.baseline, e.msg);
		rc = EXIT_USAGE;
	} else if (cli_open(&c) < 0) {
		rc = EXIT_USAGE;
	} else {
		rc = run_check(&c, ck);
	}
	check_free(ck);
	policy_free(p);
	cli_free(&c);
	return rc;
}
