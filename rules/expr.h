/* SPDX-License-Identifier: MIT */
/* expr.h -- SPDX license expressions: parse, check, print canonically.
 *
 * Grammar (SPDX 2.3 Annex D), operators case-insensitive:
 *
 *   or     := and ( OR and )*
 *   and    := with ( AND with )*          AND binds tighter than OR
 *   with   := simple ( WITH exception )?
 *   simple := id '+'? | LicenseRef-x | DocumentRef-y:LicenseRef-x | '(' or ')'
 *
 * Ids are looked up in the embedded list (lic.h) case-insensitively and
 * written back in canonical case.  Deprecated ids are replaced by their
 * replacement expression (GPL-2.0 -> GPL-2.0-only, GPL-2.0+ and
 * GPL-2.0-only+ -> GPL-2.0-or-later, GPL-2.0-with-classpath-exception ->
 * GPL-2.0-only WITH Classpath-exception-2.0), and a deprecated exception
 * by its replacement; a deprecated id with no single replacement
 * (Net-SNMP) is kept.  A '+' on a GNU id becomes -or-later; on any other
 * id it is kept ("Apache-2.0+").  A WITH after an id whose replacement
 * already has an exception is an error.
 *
 * Errors: an unknown id, an exception used as a license or a license
 * after WITH, unbalanced parentheses, a missing operand, trailing text,
 * parentheses nested deeper than 64, more than 4096 licenses.  The
 * message says what and where ("unknown license id 'FOO' at column 1",
 * "unexpected ')' at column 7"; columns count bytes from 1, bytes outside
 * printable ASCII are quoted as \xNN); the caller prefixes "invalid SPDX
 * expression: ".
 *
 *   x = expr_parse(s, len, e)   NULL with e set when invalid; caller frees
 *   str = expr_to_string(x)     canonical text; caller frees
 *   expr_free(x)                accepts NULL
 *   str = expr_canonical(s, len, e)   parse + print in one call
 *   str = expr_and_all(v, n)    AND of n canonical expressions: each AND
 *                               operand once, first-seen order kept; NULL
 *                               when n is 0 (invalid inputs are skipped)
 *   v = expr_operands(x, &n)    the operands of the AND or OR chain at x,
 *                               left to right, through parentheses of the
 *                               same operator ((A AND B) AND C: A, B, C);
 *                               any other x: x alone.  v borrows from x;
 *                               caller frees v
 *
 * Canonical printing: same-operator chains are flattened (A AND (B AND C)
 * prints A AND B AND C), a compound operand of the other operator is put
 * in parentheses (A OR (B AND C)), outer parentheses are dropped, one
 * space around operators.  Operand order is kept as written.
 *
 * Tree shape: a chain leans left (A AND B AND C is AND(AND(A, B), C)), so
 * a walker should loop down ->left rather than recurse on it; recursion
 * on ->right is bounded by the parentheses. */
#ifndef PETAL_EXPR_H
#define PETAL_EXPR_H

#include <stddef.h>

#include "perr.h"

enum expr_kind {
	EXPR_LICENSE, /* id: a listed license id */
	EXPR_REF,     /* id: LicenseRef-x or DocumentRef-y:LicenseRef-x */
	EXPR_WITH,    /* left: license or ref; id: the exception */
	EXPR_AND,     /* left, right */
	EXPR_OR,      /* left, right */
};

struct expr {
	enum expr_kind kind;
	char *id;            /* owned; canonical id (LICENSE, REF, WITH's exception) */
	int or_later;        /* a kept '+' (non-GNU ids) */
	struct expr *left;   /* owned */
	struct expr *right;  /* owned */
};

struct expr *expr_parse(const char *s, size_t len, struct perr *e);
char *expr_to_string(const struct expr *x);
const struct expr **expr_operands(const struct expr *x, size_t *n);
void expr_free(struct expr *x);
char *expr_canonical(const char *s, size_t len, struct perr *e);
char *expr_and_all(char *const *exprs, size_t n);

#endif
