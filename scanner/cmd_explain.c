/* SPDX-License-Identifier: MIT */
/* cmd_explain.c -- `petal explain FILE...`: each license text found, with
 * its span and coverage, and the words that differ from the reference. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "ftype.h"
#include "match.h"
#include "readf.h"
#include "text.h"

#define EXPLAIN_MAX_BYTES (64u << 20)

static const char explain_usage[] =
	"usage: petal explain [--min-coverage N] FILE...\n"
	"\n"
	"For each license text found in FILE: the lines it spans, how much of the\n"
	"reference text matched, and, word by word, what the file lacks (-) and\n"
	"what it adds (+), in normalized words.  Omittable parts (a title, the\n"
	"how-to-apply appendix) are not listed as missing.\n";

/* The runs of each finding, kept until its summary line is printed. */
struct explain_ctx {
	const struct file_result *r;
	struct buf *runs; /* one per finding */
	size_t nruns;
};

static void keep_run(void *ctx, const struct finding *f, const struct match_run *run)
{
	struct explain_ctx *c = ctx;
	size_t k = (size_t)(f - c->r->findings);

	if (k >= c->nruns) {
		c->runs = realloc(c->runs, (k + 1) * sizeof(*c->runs));
		if (!c->runs)
			abort();
		while (c->nruns <= k)
			c->runs[c->nruns++] = (struct buf)BUF_INIT;
	}
	buf_printf(&c->runs[k], "      line %-5u %c %zu word%s: %s\n", run->line,
		   run->op == MATCH_MISSING ? '-' : '+', run->nwords, run->nwords == 1 ? "" : "s",
		   run->words);
}

static void print_finding(const struct finding *f)
{
	printf("  %s%s, lines %u-%u: coverage %d%%, score %d, %ld word%s extra, %ld missing\n",
	       f->expression ? "" : "partial ", f->rule, f->start_line, f->end_line, f->coverage,
	       f->score, f->extra_words, f->extra_words == 1 ? "" : "s", f->missing_words);
	if (f->note)
		printf("    note: %s\n", f->note);
}

/* Reads and decodes path; explains it.  Returns 0, or -1 after a message. */
static int explain_file(const char *path, struct match_ctx *m, const struct match_opts *o)
{
	struct readf rf = READF_INIT;
	struct buf dec = BUF_INIT;
	struct file_result r;
	struct explain_ctx c = { &r, NULL, 0 };
	struct perr e = { PERR_OK, "" };
	enum text_enc enc;
	const char *t;
	size_t tn, i;

	if (readf_open(&rf, path, 0, &e) < 0 || readf_rest(&rf, EXPLAIN_MAX_BYTES, &e) < 0) {
		fprintf(stderr, "petal: %s: %s\n", path, e.msg);
		readf_release(&rf);
		return -1;
	}
	if (ftype_sniff(rf.data, rf.len, &enc) != FT_TEXT) {
		fprintf(stderr, "petal: %s: not a text file\n", path);
		readf_release(&rf);
		return -1;
	}
	text_decode(rf.data, rf.len, enc, &dec, &t, &tn);
	result_init(&r);
	printf("%s:\n", path);
	match_explain(m, t, tn, o, &r, keep_run, &c);
	if (!r.nfindings)
		printf("  no license text found\n");
	for (i = 0; i < r.nfindings; i++) {
		print_finding(&r.findings[i]);
		if (i < c.nruns && c.runs[i].len)
			fputs(c.runs[i].data, stdout);
	}
	for (i = 0; i < c.nruns; i++)
		buf_release(&c.runs[i]);
	free(c.runs);
	result_release(&r);
	buf_release(&dec);
	readf_release(&rf);
	return 0;
}

/* 1..100, the whole argument: "9x" is a usage error, not 9. */
static int parse_coverage(const char *s, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 1 || v > 100)
		return -1;
	*out = (int)v;
	return 0;
}

int cmd_explain(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "min-coverage", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct match_opts o = { MATCH_MIN_COVERAGE };
	struct perr e;
	struct match_ctx *m;
	struct idx x;
	int c, i, rc = EXIT_DONE;

	optind = 1;
	while ((c = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (c == 'h') {
			fputs(explain_usage, stdout);
			return EXIT_DONE;
		}
		if (c != 'c' || parse_coverage(optarg, &o.min_coverage) < 0) {
			fputs(explain_usage, stderr);
			return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		fputs(explain_usage, stderr);
		return EXIT_USAGE;
	}
	if (idx_open(&x, &e) < 0) {
		fprintf(stderr, "petal: %s\n", e.msg);
		return EXIT_INPUT;
	}
	m = match_ctx_new(&x);
	for (i = optind; i < argc; i++)
		if (explain_file(argv[i], m, &o) < 0)
			rc = EXIT_INPUT;
	match_ctx_free(m);
	return rc;
}
