/* SPDX-License-Identifier: MIT */
/* oblig.h -- group scan results by license and say what each asks of a use.
 *
 * Each file's expression (and each declared package's) is evaluated under
 * the chosen use (licmeta.h: AND takes both sides, OR the less demanding,
 * WITH lifts what the exception lifts); the expression taken is cut into
 * its operands -- "MIT", "GPL-2.0-only WITH Classpath-exception-2.0",
 * "LicenseRef-x" -- and each operand is a group: the files and packages that
 * bring it, the copyright holders of those files (FK_COPYRIGHT findings;
 * a file with no license credits its holders under the licenses of the
 * other files of its directory, else of its nearest package at finish),
 * the NOTICE files that go with it (when the use asks for them, as
 * Apache-2.0 4(d) does when distributing: a file named NOTICE, NOTICE.txt
 * or NOTICE.md in the directory of a file that carries it, or above), and
 * its obligations.  License-like text that no known license matched is
 * the group OBLIG_UNKNOWN, with the texts, so nothing found is left out.
 * Every OR resolved is kept as a choice
 * (expression, what was taken, how many files), so a reader can see what
 * was assumed.
 *
 * Nothing is lost: every input that was not analysed, or only in part, is
 * kept with its reason -- failed (could not be read), skipped (excluded,
 * a special file, a link not followed, over a --max-* limit...) or
 * truncated (only its first bytes, up to --max-file-size, were read) --
 * so a reader of the obligations knows what they do not cover.  A NOTICE
 * file the scan could not read is still a NOTICE file of its group.
 *
 *   o = oblig_new(use)
 *   oblig_file(o, r)         a pipeline sink (order.h): call in path order
 *   oblig_finish(o)          sorts and de-duplicates; call once, at the end
 *   oblig_ngroups(o), oblig_group(o, i)     groups sorted by license
 *   oblig_nchoices(o), oblig_choice(o, i)   choices sorted by expression
 *   oblig_totals(o)          counts and the union of obligations
 *   oblig_nunread(o), oblig_unread(o, i)    inputs not analysed, by path
 *   oblig_unread_find(o, path)              one of them, or NULL
 *   oblig_unread_add(o, path, status, why)  one more (e.g. a NOTICE file
 *                            that could not be read again); kept in path
 *                            order, a path already there is not added
 *   oblig_free(o)            accepts NULL
 *
 * Ownership: o owns everything it returns; pointers stay valid until
 * oblig_free.  Paths and holders are copied from the results.  One thread
 * at a time (the pipeline's sink is). */
#ifndef PETAL_OBLIG_H
#define PETAL_OBLIG_H

#include <stddef.h>
#include <stdint.h>

#include "licmeta.h"
#include "result.h"

struct oblig_strs {
	char **v; /* owned, each owned */
	size_t n, cap;
};

struct oblig_group {
	char *license;        /* owned; canonical operand, e.g. "MIT" */
	char *id;             /* owned; the license (or LicenseRef) before WITH */
	char *exception;      /* owned; NULL, or the exception after WITH */
	enum lm_category category;
	enum lm_basis basis;
	const char *note;     /* static; "" when none */
	struct lm_result res; /* obligations under the use; res.unknown: review */
	struct oblig_strs files;    /* paths, in scan order */
	struct oblig_strs packages; /* "ecosystem/name@version (manifest path)" */
	struct oblig_strs holders;  /* sorted, distinct after finish */
	struct oblig_strs notices;  /* NOTICE files, when include-notice-file */
	struct oblig_strs texts;    /* OBLIG_UNKNOWN: the texts found, distinct */
};

/* The group of legal text no known license matched (findings "unknown"):
 * of category unknown, to review, with the texts for a notice. */
#define OBLIG_UNKNOWN "LicenseRef-petal-unknown-text"

struct oblig_choice {
	char *expression; /* owned; as found */
	char *chosen;     /* owned; what was taken */
	char *why;        /* owned; "MIT over GPL-2.0-only" */
	uint64_t count;   /* files and packages that carry it */
};

/* An input not analysed, or only in part. */
struct oblig_unread {
	char *path;         /* owned; as the scan shows it */
	const char *status; /* static: "failed", "skipped" or "truncated" */
	char *reason;       /* owned */
};

struct oblig_totals {
	uint64_t files;        /* results seen */
	uint64_t failed;       /* ... of them FS_FAILED */
	uint64_t with_license; /* ... with an expression (or a package's) */
	uint64_t invalid;      /* expressions that did not parse */
	unsigned oblig;        /* union over groups */
	enum lm_scope scope;   /* widest */
	size_t review;         /* groups without data */
};

struct oblig;

struct oblig *oblig_new(enum lm_use use);
int oblig_file(void *o, const struct file_result *r);
void oblig_finish(struct oblig *o);
enum lm_use oblig_use(const struct oblig *o);
size_t oblig_ngroups(const struct oblig *o);
const struct oblig_group *oblig_group(const struct oblig *o, size_t i);
size_t oblig_nchoices(const struct oblig *o);
const struct oblig_choice *oblig_choice(const struct oblig *o, size_t i);
const struct oblig_totals *oblig_totals(const struct oblig *o);
size_t oblig_nunread(const struct oblig *o);
const struct oblig_unread *oblig_unread(const struct oblig *o, size_t i);
const struct oblig_unread *oblig_unread_find(const struct oblig *o, const char *path);
void oblig_unread_add(struct oblig *o, const char *path, const char *status, const char *reason);
void oblig_free(struct oblig *o);

/* 1 when path's base name is NOTICE, NOTICE.txt or NOTICE.md (any case). */
int oblig_is_notice(const char *path);

#endif
