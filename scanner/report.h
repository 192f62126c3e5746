/* SPDX-License-Identifier: MIT */
/* report.h -- write results as they come, then a summary.
 *
 * Formats are rows of a const table (struct report_ops), as ripgrep's
 * printers are separate sinks: text (a summary for people), json (one
 * document: tool, version, files[], summary) and jsonl (one line per
 * file, streamed).  To add a format: write its begin/file/end in
 * report_<name>.c, add a row to formats[] in report.c.
 *
 *   rp = report_new(format, out, e)    NULL + e (PERR_USAGE) for an
 *                                      unknown format; out is borrowed
 *   report_file(rp, r)                 a pipeline sink: call in path order
 *   report_end(rp)                     summary, flush; -1 on write error
 *   s = report_summary(rp)             the counts, for the exit code
 *   report_free(rp)
 *
 * Every reporter sees the same summary, built here as files go by. */
#ifndef PETAL_REPORT_H
#define PETAL_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "perr.h"
#include "result.h"

#define REPORT_EXAMPLES 3   /* example paths kept per license */
#define REPORT_PROBLEMS 200 /* problems kept for the text summary */
#define REPORT_PACKAGES 50  /* packages kept for the text summary */

struct report_license {
	char *expression; /* owned */
	uint64_t files;
	char *examples[REPORT_EXAMPLES]; /* owned; the first paths seen */
};

struct report_problem {
	char *path; /* owned */
	char *what; /* owned */
};

struct report_summary {
	uint64_t files, bytes;
	uint64_t by_type[FT_SKIPPED + 1];
	uint64_t by_status[FS_FAILED + 1];
	uint64_t with_license;    /* files with an expression */
	uint64_t text_without;    /* text files with none */
	uint64_t problems;        /* failed files + invalid findings */
	struct report_license *lic; /* open-addressed by expression; see report.c */
	size_t lic_cap, nlic;
	struct report_problem *prob; /* the first REPORT_PROBLEMS */
	size_t nprob;
	uint64_t packages;           /* packages declared by manifests */
	struct report_problem *pkg;  /* the first REPORT_PACKAGES: path, "npm a 1.0: MIT" */
	size_t npkg;
};

struct report;

struct report_ops {
	const char *name;
	int (*begin)(struct report *rp);
	int (*file)(struct report *rp, const struct file_result *r);
	int (*end)(struct report *rp);
};

struct report {
	const struct report_ops *ops;
	FILE *out;
	struct report_summary sum;
	uint64_t nwritten; /* records written (json: for the commas) */
};

struct report *report_new(const char *format, FILE *out, struct perr *e);
int report_file(void *rp, const struct file_result *r);
int report_end(struct report *rp);
const struct report_summary *report_summary(const struct report *rp);
void report_free(struct report *rp);

/* For the reporters: licenses sorted by file count (most first), then by
 * expression; the array is the caller's to free (not its strings). */
struct report_license **report_licenses_sorted(const struct report_summary *s, size_t *n);

extern const struct report_ops report_text_ops;
extern const struct report_ops report_json_ops;
extern const struct report_ops report_jsonl_ops;

#endif
