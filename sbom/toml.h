/* SPDX-License-Identifier: MIT */
/* toml.h -- a small TOML reader, enough for Cargo.toml, pyproject.toml and
 * REUSE.toml.
 *
 * The whole document becomes a tree of values: tables ([a.b], dotted keys
 * a.b = 1, inline tables { k = v }), arrays of tables ([[a]]), arrays,
 * strings (basic and literal, single and multi-line, escapes decoded to
 * UTF-8).  Integers, floats, booleans and dates are kept as the raw token
 * (TOML_SCALAR): manifests never need their value.  Redefined keys and
 * tables are errors, as in TOML.  A recursive-descent parser over the
 * bytes; nesting is capped at TOML_MAX_DEPTH and values at TOML_MAX_VALUES
 * so hostile input costs bounded time and memory; keys of a large table
 * are found through a hash index, so a table of thousands of keys costs
 * no more than their number.
 *
 *   root = toml_parse(s, len, e)   NULL + e ("line 3: expected '='") on error
 *   v = toml_get(table, key)       one key of a table; NULL if absent
 *   v = toml_path(table, "a.b.c")  dotted look-up (bare keys only)
 *   toml_free(root)                accepts NULL
 *
 * The tree is owned by root; lookups return borrowed pointers.  No state
 * outside the tree: threads may parse concurrently. */
#ifndef PETAL_TOML_H
#define PETAL_TOML_H

#include <stddef.h>

#include "perr.h"

#define TOML_MAX_DEPTH 64
#define TOML_MAX_VALUES 200000

enum toml_type {
	TOML_STRING,
	TOML_SCALAR, /* integer, float, boolean, date: the raw token in s */
	TOML_ARRAY,
	TOML_TABLE,
};

struct toml_val {
	enum toml_type type;
	char *s;             /* owned; STRING (decoded) or SCALAR (raw) */
	size_t slen;         /* bytes in s (a string may hold NUL) */
	unsigned line;       /* 1-based line where the value starts */
	char **keys;         /* owned; TABLE: the keys, in document order */
	struct toml_val **v; /* owned; TABLE: values by key; ARRAY: items */
	size_t n, cap;
	size_t *slots;       /* owned; TABLE: open-addressed index + 1 by key hash */
	size_t nslots;       /* 0 (linear search) or a power of two > 2n */
	unsigned char defined; /* TABLE: had its own [header] or was inline */
	unsigned char frozen;  /* inline table or static array: closed */
	unsigned char aot;     /* ARRAY: made by [[header]] */
};

struct toml_val *toml_parse(const char *s, size_t len, struct perr *e);
const struct toml_val *toml_get(const struct toml_val *table, const char *key);
const struct toml_val *toml_path(const struct toml_val *table, const char *dotted);
void toml_free(struct toml_val *v);

#endif
