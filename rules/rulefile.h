/* SPDX-License-Identifier: MIT */
/* rulefile.h -- read the rule files of rules/data (format: rules/README.md).
 *
 * A rule file is a list of stanzas of `field: value` lines; values may
 * continue on lines starting with one space or tab.  rulef_parse() reads
 * one file's bytes into rules, checking every field: a rule that breaks
 * the format is an error naming the file, the line and the reason.
 *
 *   struct rulef_set s = RULEF_SET_INIT;
 *   rulef_parse(&s, path, bytes, len, &e)   appends the file's rules; -1 + e
 *   s.v[i]                                  the rules, in file order
 *   rulef_release(&s)
 *
 * The expression is only checked for form here (the index compiler and
 * the tests check it against the license list).  Every string is owned
 * by the set.  No shared state. */
#ifndef PETAL_RULEFILE_H
#define PETAL_RULEFILE_H

#include <stddef.h>

#include "perr.h"

enum rulef_kind {
	RULEF_NOTICE,
	RULEF_REFERENCE,
	RULEF_TAG_LIKE,
	RULEF_EXCEPTION,
	RULEF_FALSE_POSITIVE,
	RULEF_NKINDS
};

#define RULEF_GAP_WORDS 15 /* words a {{...}} gap may hold */

struct rulef {
	char *name;
	enum rulef_kind kind;
	char *expression; /* NULL for false-positive rules and `none` */
	char *text;       /* gaps as written: {{...}} */
	char **positive, **negative;
	size_t npositive, nnegative;
	int min_coverage; /* 0: the default */
	char *note;
	char *file;       /* where it was written */
	unsigned line;
};

struct rulef_set {
	struct rulef *v;
	size_t n, cap;
};

#define RULEF_SET_INIT { NULL, 0, 0 }

int rulef_parse(struct rulef_set *s, const char *path, const char *data, size_t len,
		struct perr *e) __attribute__((warn_unused_result));
void rulef_release(struct rulef_set *s);
const char *rulef_kind_name(enum rulef_kind k);

/* Calls fn for each stretch of rule text between gaps, in order;
 * gap_after says whether a gap follows the stretch. */
typedef void (*rulef_piece_fn)(void *ctx, const char *s, size_t n, int gap_after);
void rulef_pieces(const char *text, rulef_piece_fn fn, void *ctx);

#endif
