/* SPDX-License-Identifier: MIT */
/* policy.h -- a license policy (YAML) and the verdicts it gives.
 *
 * A policy says which licenses are allowed, need review or are denied,
 * by SPDX id or by category (rules/licmeta.h), for one use of the code,
 * with per-path and per-package exceptions, and what to do with findings
 * that name no license (unknown texts, partial matches, invalid
 * expressions, conflicts, files without a license).  The file format is
 * documented in README.md ("Policy file"); in short:
 *
 *   use: distribute-binary        internal|saas|distribute-binary|distribute-source
 *   default: review               allow|review|deny: licenses in no list
 *   allow:  [category:permissive, MPL-2.0]
 *   review: [category:weak-copyleft]
 *   deny:   [category:strong-copyleft, AGPL-3.0-only]
 *   when: {saas: {deny: [category:network-copyleft]}}   per-use lists
 *   unknown-text: warn            fail|warn|ignore, and partial-match,
 *                                 invalid-expression, conflict, no-license
 *   exceptions:
 *     - {path: "vendor/", reason: "...", allow: [GPL-2.0-only]}
 *     - {package: left-pad, reason: "..."}    (no allow: everything)
 *
 * How a license expression is judged.  Each single license (a leaf: an
 * id, id+, id WITH exception, LicenseRef-x) is looked up in scopes, most
 * specific first: the matching exception's allow list, then the `when`
 * block of the use in force, then the top-level lists; the first scope
 * that has an entry for the leaf decides.  Inside a scope: the exact entry
 * ("GPL-2.0-only WITH Classpath-exception-2.0", "Apache-2.0+"), else the
 * same with the version the recipient may always take (X-or-later as
 * X-only, id+ as id), else the bare license of a WITH (then its X-only
 * form), else the category
 * (a WITH's exception category when the metadata has one, else the
 * license's; LicenseRef and unlisted ids are "unknown"); where one level
 * has entries in several lists, deny beats review beats allow.  A leaf no
 * scope names gets `default`.  Then OR takes the best of its operands and
 * AND the worst; the rule reported is the one that decided that operand.
 *
 *   p = policy_parse(text, len, &pos, e)  NULL + e (PERR_USAGE) and pos
 *                                         (1-based line, column; 0 when
 *                                         not about one place) if malformed
 *   p = policy_load(path, &pos, e)        the same from a file
 *   policy_set_use(p, use)                --use overrides the file's use
 *   policy_eval(p, x, exc, &d)            verdict of one parsed expression
 *   policy_eval_file(p, r, rel, pkgs, n, &fv)   every hit in one file
 *   policy_file_verdict_release(&fv)
 *   policy_free(p)                        accepts NULL
 *
 * policy_eval_file in two steps, for a caller that learns a file's
 * packages only later (the gate: a manifest may come after the files it
 * covers).  What a file's findings are judged to be does not depend on
 * exceptions; an exception only lowers hits afterwards:
 *
 *   m = policy_memo_new()                 optional: each distinct expression
 *                                         is parsed and judged once
 *   policy_judge_file(p, m, r, keep_pass, &fv)   hits, raw verdicts (keep_pass
 *                                         0: hits whose raw verdict is pass are
 *                                         left out, no exception changes them)
 *   x = policy_exception_for_path(p, rel, &pkg_first)   pkg_first: a package
 *                                         exception comes first, so the
 *                                         packages may decide (policy_exception_for)
 *   policy_exception_apply(p, x, &fv)     x may be NULL; sets verdicts, waived
 *   policy_memo_free(m)                   accepts NULL
 *
 * Ownership: the policy owns its rules; decisions and hits point at them
 * (valid while p lives).  A hit owns its strings.  A policy is read-only
 * once built: any number of threads may evaluate with it.  A memo serves
 * one policy (with the use it has when the memo is first used) and one
 * thread at a time; it keeps at most a few thousand expressions. */
#ifndef PETAL_POLICY_H
#define PETAL_POLICY_H

#include <stddef.h>

#include "expr.h"
#include "licmeta.h"
#include "perr.h"
#include "result.h"

enum policy_verdict {
	POLICY_PASS,   /* allow */
	POLICY_REVIEW, /* a warning: does not fail the gate */
	POLICY_FAIL,   /* deny */
};

enum policy_use {
	POLICY_USE_INTERNAL,
	POLICY_USE_SAAS,
	POLICY_USE_DIST_BINARY,
	POLICY_USE_DIST_SOURCE,
	POLICY_NUSES,
};

/* What to do with findings that name no license; each is fail|warn|ignore. */
enum policy_treat {
	POLICY_T_UNKNOWN_TEXT,  /* method "unknown": license-like text not identified */
	POLICY_T_PARTIAL,       /* a text match short of the whole license */
	POLICY_T_INVALID,       /* a tag or declared license that is no valid expression */
	POLICY_T_CONFLICT,      /* tags/manifests and detected texts disagree */
	POLICY_T_NO_LICENSE,    /* a text file with no license finding at all */
	POLICY_NTREAT,
};

struct policy_pos {
	unsigned line, col; /* 1-based; 0 when the error is not about one place */
};

struct policy_rule {
	char *id;        /* owned; shown and matched in baselines: "deny/GPL-3.0-only",
			  * "when.saas/deny/category:network-copyleft",
			  * "exceptions[1]/allow/MIT", "default/review", "conflict/warn" */
	char *entry;     /* owned; canonical entry ("MIT", "category:permissive") */
	enum policy_verdict verdict;
	int is_category;
	enum lm_category cat;
	unsigned line, col; /* where it is in the policy file; 0 for built-in */
};

struct policy_scope {
	struct policy_rule *rules; /* owned array */
	size_t n, cap;
};

struct policy_exception {
	char *path;    /* owned; a glob, or NULL */
	char *package; /* owned; a package name, or NULL */
	char *reason;  /* owned; never NULL */
	int has_allow; /* 0: every finding in a matching file is accepted */
	struct policy_scope allow;
	unsigned line;
};

struct policy {
	enum policy_use use;
	struct policy_rule dflt;                 /* id "default/<verdict>" */
	struct policy_rule treat[POLICY_NTREAT]; /* id "<name>/<fail|warn|ignore>" */
	struct policy_scope top;
	struct policy_scope when[POLICY_NUSES];
	struct policy_exception *exc; /* owned array */
	size_t nexc;
};

/* One license decision: the verdict and what gave it. */
struct policy_decision {
	enum policy_verdict verdict;
	const struct policy_rule *rule; /* borrowed from the policy */
	char *leaf;                     /* owned; the single license that decided */
};

/* One thing found in a file and judged (a license finding, a declared
 * package license, a conflict, a missing license). */
struct policy_hit {
	enum policy_verdict verdict; /* after exceptions */
	enum policy_verdict raw;     /* before exceptions */
	const struct policy_rule *rule;        /* borrowed; what decided raw */
	const struct policy_exception *waived; /* borrowed; the exception that
						* lowered the verdict, or NULL */
	char *license;  /* owned; the expression, or "(unknown text)", "(none)"... */
	char *leaf;     /* owned; the single license that decided, or NULL */
	char *evidence; /* owned; the finding's text, or a description */
	char *note;     /* owned; the finding's problem, why a conflict... or NULL */
	unsigned start_line, end_line; /* 0 when not about lines */
	int is_expression; /* license is an expression the lists judged (an
			    * exception's allow list judges it again) */
};

struct policy_file_verdict {
	enum policy_verdict verdict; /* worst hit; POLICY_PASS with none */
	struct policy_hit *hits;     /* owned array */
	size_t nhits;
};

struct policy *policy_parse(const char *text, size_t len, struct policy_pos *pos,
			    struct perr *e);
struct policy *policy_load(const char *path, struct policy_pos *pos, struct perr *e);
void policy_set_use(struct policy *p, enum policy_use use);
void policy_free(struct policy *p);

/* d->leaf must be freed (free()); exc may be NULL. */
void policy_eval(const struct policy *p, const struct expr *x,
		 const struct policy_exception *exc, struct policy_decision *d);

/* Judges every license finding and package of r.  rel: r's path below the
 * scan root (globs match it); pkgs: the names of the packages r belongs
 * to (its own and those of the nearest manifest above it). */
void policy_eval_file(const struct policy *p, const struct file_result *r, const char *rel,
		      const char *const *pkgs, size_t npkgs, struct policy_file_verdict *fv);
void policy_file_verdict_release(struct policy_file_verdict *fv);

struct policy_memo;
struct policy_memo *policy_memo_new(void);
void policy_memo_free(struct policy_memo *m);
/* m may be NULL.  fv->verdict is the worst raw verdict until
 * policy_exception_apply. */
void policy_judge_file(const struct policy *p, struct policy_memo *m,
		       const struct file_result *r, int keep_pass,
		       struct policy_file_verdict *fv);
void policy_exception_apply(const struct policy *p, const struct policy_exception *exc,
			    struct policy_file_verdict *fv);

/* The exception that covers rel or one of pkgs (the first listed), or NULL. */
const struct policy_exception *policy_exception_for(const struct policy *p, const char *rel,
						    const char *const *pkgs, size_t npkgs);
/* The first exception whose path glob covers rel, or NULL; *pkg_first is
 * 1 when an exception by package comes before it in the policy. */
const struct policy_exception *policy_exception_for_path(const struct policy *p,
							 const char *rel, int *pkg_first);

/* Glob: '*' any bytes but '/', '**' any bytes, '?' one byte but '/',
 * "[abc]"/"[!a-z]" a class; a pattern without '/' matches the base name,
 * one ending in '/' a directory and all below it. */
int policy_glob_match(const char *pattern, const char *path);

const char *policy_verdict_name(enum policy_verdict v); /* "pass", "review", "fail" */
const char *policy_use_name(enum policy_use u);
int policy_use_parse(const char *s, enum policy_use *out); /* 0, or -1 */

#endif
