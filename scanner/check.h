/* SPDX-License-Identifier: MIT */
/* check.h -- the CI gate: scan results in, policy verdicts and a report out.
 *
 * check_file() is a pipeline sink: it judges each result as it arrives
 * (policy_judge_file, with a memo: a tree repeats a few expressions) and
 * keeps only what the reports read: the path, status, expression and
 * error, and the hits that are not a plain pass.  A file's package is
 * only known once every manifest has been seen (the walk puts
 * a/lib/x.js before a/package.json), so a file with such hits whose
 * exception may be one by package waits: check_finish() finds its package
 * (the manifests in the nearest directory above it that has any) and
 * applies the exception.  Without package exceptions in the policy,
 * nothing waits and check_finish() has nothing to do; the summary is
 * counted as files are judged, with the violations an earlier report (the
 * baseline) already had marked.  Writers are rows of a const table, as
 * report.h's formats: text, json, sarif (2.1.0), junit; add one by writing
 * check_write_<name>() in check_out.c and a row to check_formats[].
 *
 *   ck = check_new(p, roots, nroots)   p and roots borrowed, must outlive ck
 *   check_baseline(ck, path, e)        optional, before the first check_file;
 *                                      -1 and e (PERR_USAGE) when unreadable
 *   check_file(ck, r)                  sink: call in path order
 *   check_finish(ck)
 *   check_write(ck, format, out, e)    -1 + e: unknown format (PERR_USAGE)
 *                                      or write error (PERR_FATAL)
 *   s = check_summary(ck)              counts for the exit code
 *   check_free(ck)                     accepts NULL
 *
 * Paths: a file's rel (what globs and SARIF uris use) is its path below
 * the root it came from: below the directory for a directory root, below
 * the file's own directory for a file (or archive) root.
 *
 * Baseline: the JSON that `petal check --format json` wrote; each entry
 * of its "violations" with verdict "fail" is a (path, license, rule)
 * that no longer fails the gate.  One thread. */
#ifndef PETAL_CHECK_H
#define PETAL_CHECK_H

#include <stdint.h>
#include <stdio.h>

#include "perr.h"
#include "policy.h"
#include "result.h"

struct check_summary {
	uint64_t files;                 /* every input file */
	uint64_t pass, review, fail;    /* files by verdict (scan errors excluded) */
	uint64_t fail_baselined;        /* of fail: files whose every fail hit the
					 * baseline has (they fail the gate no more) */
	uint64_t failed;                /* scan errors (status failed) */
	uint64_t violations;            /* fail hits not in the baseline: exit 1 */
	uint64_t baselined;             /* fail hits the baseline had */
	uint64_t warnings;              /* review hits */
	uint64_t excepted;              /* hits an exception accepted */
};

struct check_root {
	char *prefix; /* owned; the root as the walk names it ("" for ".") */
	size_t strip; /* bytes of a path under this root that are not rel */
	char *uri;    /* owned; file:// URI of the directory rel is below, or NULL */
};

struct check_entry {
	struct file_result r;       /* path, type, status, size, expression, error */
	const char *rel;            /* into r.path */
	size_t root;
	struct policy_file_verdict v; /* hits whose raw verdict is not pass */
	unsigned char *baselined;   /* owned; per hit of v (NULL without hits) */
	int pending;                /* its exception waits for the manifests */
};

struct check_pkgdir; /* check.c: a directory's package names */

struct check {
	const struct policy *p;
	struct check_root *roots; /* owned */
	size_t nroots;
	struct check_entry *files; /* owned, path order */
	size_t nfiles, cap;
	char **base;               /* owned; sorted "path\037license\037rule" */
	size_t nbase;
	struct check_summary sum;
	struct policy_memo *memo;  /* owned */
	int by_package;            /* the policy has exceptions by package */
	struct check_pkgdir *dirs; /* owned; manifests' package names (by_package) */
	size_t ndirs, capdirs;
	size_t npending;           /* entries waiting for check_finish */
};

struct check_format {
	const char *name;
	int (*write)(const struct check *ck, FILE *out);
};

struct check *check_new(const struct policy *p, const char *const *roots, size_t nroots);
int check_baseline(struct check *ck, const char *path, struct perr *e);
/* The same from the report's bytes (the fuzz harness's way in). */
int check_baseline_json(struct check *ck, const char *data, size_t len, struct perr *e);
int check_file(void *ck, const struct file_result *r);
void check_finish(struct check *ck);
int check_write(const struct check *ck, const char *format, FILE *out, struct perr *e);
const struct check_summary *check_summary(const struct check *ck);
void check_free(struct check *ck);

/* For the writers (check_out.c). */
extern const struct check_format check_formats[];
int check_write_text(const struct check *ck, FILE *out);
int check_write_json(const struct check *ck, FILE *out);
int check_write_sarif(const struct check *ck, FILE *out);
int check_write_junit(const struct check *ck, FILE *out);

#endif
