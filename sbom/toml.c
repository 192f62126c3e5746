/* SPDX-License-Identifier: MIT */
/* toml.c -- the TOML subset reader.  See toml.h.
 *
 * One pass, recursive descent.  `cur` is the table that key = value lines
 * go into: the root until a [header] or [[header]] moves it.  Keys of a
 * table are searched linearly up to 16, then through an open-addressed
 * index (FNV-1a); a table holds at most TOML_MAX_KEYS. */
#include "toml.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "text.h"

#define TOML_MAX_KEYS 65536
#define TOML_MAX_PARTS 64 /* parts of one dotted key */

struct tp {
	const char *p, *end;
	unsigned line;
	size_t nvalues;
	struct perr *e;
};

static int fail(struct tp *t, const char *what)
{
	return perr_set(t->e, PERR_FILE, "line %u: %s", t->line, what);
}

static struct toml_val *val_new(struct tp *t, enum toml_type type)
{
	struct toml_val *v;

	if (++t->nvalues > TOML_MAX_VALUES) {
		perr_set(t->e, PERR_LIMIT, "line %u: over %d values", t->line, TOML_MAX_VALUES);
		return NULL;
	}
	v = xcalloc(1, sizeof(*v));
	v->type = type;
	v->line = t->line;
	return v;
}

void toml_free(struct toml_val *v)
{
	size_t i;

	if (!v)
		return;
	for (i = 0; i < v->n; i++) {
		if (v->keys)
			free(v->keys[i]);
		toml_free(v->v[i]);
	}
	free(v->keys);
	free(v->slots);
	free(v->v);
	free(v->s);
	free(v);
}

static size_t key_hash(const char *k)
{
	size_t h = 1469598103934665603u;

	while (*k)
		h = (h ^ (unsigned char)*k++) * 1099511628211u;
	return h;
}

/* Index of key in table t, or -1; linear while small. */
static long find_index(const struct toml_val *t, const char *key)
{
	size_t i, m;

	if (!t->nslots) {
		for (i = 0; i < t->n; i++)
			if (!strcmp(t->keys[i], key))
				return (long)i;
		return -1;
	}
	m = t->nslots - 1;
	for (i = key_hash(key) & m; t->slots[i]; i = (i + 1) & m)
		if (!strcmp(t->keys[t->slots[i] - 1], key))
			return (long)(t->slots[i] - 1);
	return -1;
}

static void slot_put(struct toml_val *t, size_t idx)
{
	size_t m = t->nslots - 1, i;

	for (i = key_hash(t->keys[idx]) & m; t->slots[i]; i = (i + 1) & m)
		;
	t->slots[i] = idx + 1;
}

/* Tables past 16 keys get a hash index, rebuilt at half load. */
static void index_key(struct toml_val *t)
{
	size_t i;

	if (t->n <= 16)
		return;
	if (2 * t->n > t->nslots) {
		free(t->slots);
		t->nslots = t->nslots ? t->nslots * 2 : 64;
		t->slots = xcalloc(t->nslots, sizeof(*t->slots));
		for (i = 0; i < t->n; i++)
			slot_put(t, i);
		return;
	}
	slot_put(t, t->n - 1);
}

static void push(struct toml_val *c, char *key, struct toml_val *v)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		c->v = xrealloc(c->v, c->cap * sizeof(*c->v));
		if (c->type == TOML_TABLE)
			c->keys = xrealloc(c->keys, c->cap * sizeof(*c->keys));
	}
	if (c->type == TOML_TABLE)
		c->keys[c->n] = key;
	c->v[c->n++] = v;
	if (c->type == TOML_TABLE)
		index_key(c);
}

const struct toml_val *toml_get(const struct toml_val *table, const char *key)
{
	long i;

	if (!table || table->type != TOML_TABLE || (i = find_index(table, key)) < 0)
		return NULL;
	return table->v[i];
}

const struct toml_val *toml_path(const struct toml_val *table, const char *dotted)
{
	char part[128];
	const char *dot;

	while (table && (dot = strchr(dotted, '.')) != NULL) {
		size_t n = (size_t)(dot - dotted);

		if (n >= sizeof(part))
			return NULL;
		memcpy(part, dotted, n);
		part[n] = 0;
		table = toml_get(table, part);
		dotted = dot + 1;
	}
	return toml_get(table, dotted);
}

/* --- lexing ------------------------------------------------------------ */

static void skip_ws(struct tp *t)
{
	while (t->p < t->end && (*t->p == ' ' || *t->p == '\t'))
		t->p++;
}

static void skip_comment(struct tp *t)
{
	if (t->p < t->end && *t->p == '#')
		while (t->p < t->end && *t->p != '\n')
			t->p++;
}

/* White space, comments and newlines (inside arrays, between lines). */
static void skip_all(struct tp *t)
{
	for (;;) {
		skip_ws(t);
		skip_comment(t);
		if (t->p < t->end && (*t->p == '\n' || *t->p == '\r')) {
			if (*t->p == '\n')
				t->line++;
			t->p++;
			continue;
		}
		return;
	}
}

/* After a key = value or a header: only a comment, then the line's end. */
static int end_of_line(struct tp *t)
{
	skip_ws(t);
	skip_comment(t);
	if (t->p < t->end && *t->p == '\r')
		t->p++;
	if (t->p == t->end)
		return 0;
	if (*t->p != '\n')
		return fail(t, "expected the end of the line");
	t->p++;
	t->line++;
	return 0;
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int unicode_escape(struct tp *t, struct buf *b, int digits)
{
	unsigned long cp = 0;
	int i, h;

	if (t->end - t->p < digits)
		return fail(t, "short \\u escape");
	for (i = 0; i < digits; i++) {
		if ((h = hexval((unsigned char)t->p[i])) < 0)
			return fail(t, "bad \\u escape");
		cp = cp * 16 + (unsigned long)h;
	}
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return fail(t, "\\u escape is not a Unicode scalar value");
	text_put_utf8(b, (unsigned)cp);
	t->p += digits;
	return 0;
}

/* One escape after the backslash (t->p is past it). */
static int escape(struct tp *t, struct buf *b)
{
	static const char from[] = "btnfr\"\\e", to[] = "\b\t\n\f\r\"\\\x1b";
	const char *k;

	if (t->p == t->end)
		return fail(t, "unterminated string");
	if (*t->p == 'u' || *t->p == 'U') {
		int digits = *t->p == 'u' ? 4 : 8;

		t->p++;
		return unicode_escape(t, b, digits);
	}
	if (!(k = strchr(from, *t->p)) || !*t->p)
		return fail(t, "unknown escape in string");
	buf_addc(b, to[k - from]);
	t->p++;
	return 0;
}

/* "..." or '...' on one line; t->p at the opening quote. */
static int str_line(struct tp *t, struct buf *b)
{
	char q = *t->p++;

	while (t->p < t->end && *t->p != q) {
		if (*t->p == '\n')
			return fail(t, "newline in a one-line string");
		if (q == '"' && *t->p == '\\') {
			t->p++;
			if (escape(t, b) < 0)
				return -1;
			continue;
		}
		buf_addc(b, *t->p++);
	}
	if (t->p == t->end)
		return fail(t, "unterminated string");
	t->p++;
	return 0;
}

/* A backslash ending a line in a """ string trims the white space after. */
static int line_continues(struct tp *t)
{
	const char *q = t->p + 1;

	while (q < t->end && (*q == ' ' || *q == '\t'))
		q++;
	if (q < t->end && *q == '\r')
		q++;
	if (q == t->end || *q != '\n')
		return 0;
	t->p = q;
	skip_all(t);
	return 1;
}

/* """...""" or '''...'''; t->p at the first of the three quotes. */
static int str_multi(struct tp *t, struct buf *b)
{
	char q = *t->p;

	t->p += 3;
	if (t->p < t->end && *t->p == '\r' && t->p + 1 < t->end && t->p[1] == '\n')
		t->p++;
	if (t->p < t->end && *t->p == '\n') {
		t->p++;
		t->line++;
	}
	while (t->end - t->p >= 3 && !(t->p[0] == q && t->p[1] == q && t->p[2] == q)) {
		if (q == '"' && *t->p == '\\') {
			if (line_continues(t))
				continue;
			t->p++;
			if (escape(t, b) < 0)
				return -1;
			continue;
		}
		if (*t->p == '\n')
			t->line++;
		buf_addc(b, *t->p++);
	}
	if (t->end - t->p < 3)
		return fail(t, "unterminated multi-line string");
	/* Up to two quotes right before the closing three belong to the text. */
	if (t->end - t->p > 3 && t->p[3] == q) {
		buf_addc(b, q);
		t->p++;
		if (t->end - t->p > 3 && t->p[3] == q) {
			buf_addc(b, q);
			t->p++;
		}
	}
	t->p += 3;
	return 0;
}

static int is_bare(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* One key part (bare or quoted) into a fresh string. */
static char *key_part(struct tp *t)
{
	struct buf b = BUF_INIT;

	if (t->p < t->end && (*t->p == '"' || *t->p == '\'')) {
		if (t->end - t->p >= 3 && t->p[1] == *t->p && t->p[2] == *t->p) {
			fail(t, "multi-line string as a key");
			return NULL;
		}
		if (str_line(t, &b) < 0) {
			buf_release(&b);
			return NULL;
		}
		return buf_take(&b);
	}
	while (t->p < t->end && is_bare(*t->p))
		buf_addc(&b, *t->p++);
	if (!b.len) {
		fail(t, "expected a key");
		return NULL;
	}
	return buf_take(&b);
}

struct key {
	char *part[TOML_MAX_PARTS];
	size_t n;
};

static void key_release(struct key *k)
{
	while (k->n)
		free(k->part[--k->n]);
}

/* a.b."c d" -- parts are owned by k (release on every path). */
static int key_read(struct tp *t, struct key *k)
{
	k->n = 0;
	for (;;) {
		skip_ws(t);
		if (k->n == TOML_MAX_PARTS)
			return fail(t, "key with too many parts");
		if (!(k->part[k->n] = key_part(t)))
			return -1;
		k->n++;
		skip_ws(t);
		if (t->p == t->end || *t->p != '.')
			return 0;
		t->p++;
	}
}

/* --- values ------------------------------------------------------------- */

static struct toml_val *value(struct tp *t, int depth);

static struct toml_val *string_val(struct tp *t)
{
	struct toml_val *v = val_new(t, TOML_STRING);
	struct buf b = BUF_INIT;
	int rc;

	if (!v)
		return NULL;
	if (t->end - t->p >= 3 && t->p[1] == *t->p && t->p[2] == *t->p)
		rc = str_multi(t, &b);
	else
		rc = str_line(t, &b);
	if (rc < 0) {
		buf_release(&b);
		toml_free(v);
		return NULL;
	}
	v->slen = b.len;
	v->s = buf_take(&b);
	return v;
}

static int scalar_ok(const char *s, size_t n)
{
	static const char *const words[] = { "true", "false", "inf", "nan" };
	size_t i;

	if (n && strchr("+-0123456789", *s))
		return 1;
	for (i = 0; i < 4; i++)
		if (n == strlen(words[i]) && !memcmp(s, words[i], n))
			return 1;
	return 0;
}

/* Numbers, booleans, dates ("1979-05-27 07:32:00Z" holds one space). */
static struct toml_val *scalar_val(struct tp *t)
{
	const char *s = t->p;
	struct toml_val *v;

	while (t->p < t->end && !strchr(",]}#\r\n \t", *t->p))
		t->p++;
	if (t->p - s == 10 && t->end - t->p > 1 && *t->p == ' ' && t->p[1] >= '0' &&
	    t->p[1] <= '9' && s[4] == '-')
		for (t->p++; t->p < t->end && !strchr(",]}#\r\n \t", *t->p);)
			t->p++;
	if (!scalar_ok(s, (size_t)(t->p - s))) {
		fail(t, "expected a value");
		return NULL;
	}
	if (!(v = val_new(t, TOML_SCALAR)))
		return NULL;
	v->slen = (size_t)(t->p - s);
	v->s = xstrndup(s, v->slen);
	return v;
}

static struct toml_val *array_val(struct tp *t, int depth)
{
	struct toml_val *a = val_new(t, TOML_ARRAY), *it;

	if (!a)
		return NULL;
	a->frozen = 1;
	t->p++;
	for (;;) {
		skip_all(t);
		if (t->p < t->end && *t->p == ']')
			break;
		if (!(it = value(t, depth + 1)))
			goto bad;
		push(a, NULL, it);
		skip_all(t);
		if (t->p < t->end && *t->p == ',') {
			t->p++;
			continue;
		}
		if (t->p == t->end || *t->p != ']') {
			fail(t, "expected ',' or ']' in an array");
			goto bad;
		}
		break;
	}
	t->p++;
	return a;
bad:
	toml_free(a);
	return NULL;
}

static int insert(struct tp *t, struct toml_val *tab, const struct key *k, struct toml_val *v);

static struct toml_val *inline_table(struct tp *t, int depth)
{
	struct toml_val *tab = val_new(t, TOML_TABLE), *v;
	struct key k;

	if (!tab)
		return NULL;
	tab->defined = 1;
	t->p++;
	for (;;) {
		skip_all(t);
		if (t->p < t->end && *t->p == '}' && !tab->n)
			break;
		if (key_read(t, &k) < 0)
			goto bad_key;
		skip_ws(t);
		if (t->p == t->end || *t->p != '=') {
			fail(t, "expected '=' in an inline table");
			goto bad_key;
		}
		t->p++;
		skip_ws(t);
		if (!(v = value(t, depth + 1)))
			goto bad_key;
		if (insert(t, tab, &k, v) < 0)
			goto bad; /* insert freed v and the key */
		skip_all(t);
		if (t->p < t->end && *t->p == ',') {
			t->p++;
			continue;
		}
		if (t->p == t->end || *t->p != '}') {
			fail(t, "expected ',' or '}' in an inline table");
			goto bad;
		}
		break;
	}
	t->p++;
	tab->frozen = 1;
	return tab;
bad_key:
	key_release(&k);
bad:
	toml_free(tab);
	return NULL;
}

static struct toml_val *value(struct tp *t, int depth)
{
	if (depth > TOML_MAX_DEPTH) {
		perr_set(t->e, PERR_LIMIT, "line %u: nested deeper than %d", t->line,
			 TOML_MAX_DEPTH);
		return NULL;
	}
	if (t->p == t->end) {
		fail(t, "expected a value");
		return NULL;
	}
	switch (*t->p) {
	case '"':
	case '\'':
		return string_val(t);
	case '[':
		return array_val(t, depth);
	case '{':
		return inline_table(t, depth);
	default:
		return scalar_val(t);
	}
}

/* --- tables ------------------------------------------------------------- */

static struct toml_val *find(struct toml_val *tab, const char *key)
{
	return (struct toml_val *)toml_get(tab, key);
}

/* Hands part i of k over to the caller. */
static char *take(struct key *k, size_t i)
{
	char *s = k->part[i];

	k->part[i] = NULL;
	return s;
}

/* Adds key = v to tab; takes both on every path. */
static int add_key(struct tp *t, struct toml_val *tab, char *key, struct toml_val *v)
{
	if (tab->n >= TOML_MAX_KEYS) {
		free(key);
		toml_free(v);
		perr_set(t->e, PERR_LIMIT, "line %u: table over %d keys", t->line, TOML_MAX_KEYS);
		return -1; /* v is freed: callers test < 0 (perr_set's -1 is out of sight here) */
	}
	push(tab, key, v);
	return 0;
}

/* The table that part i of a dotted key or header names under tab,
 * made when absent; the last table of an array of tables. */
static struct toml_val *descend(struct tp *t, struct toml_val *tab, struct key *k, size_t i)
{
	struct toml_val *v = find(tab, k->part[i]);

	if (!v) {
		if (!(v = val_new(t, TOML_TABLE)) || add_key(t, tab, take(k, i), v) < 0)
			return NULL;
		return v;
	}
	if (v->type == TOML_ARRAY && v->aot && v->n)
		v = v->v[v->n - 1];
	if (v->type != TOML_TABLE || v->frozen) {
		fail(t, "key already holds a value");
		return NULL;
	}
	return v;
}

/* key = value into tab; takes v and the key's parts on every path. */
static int insert(struct tp *t, struct toml_val *tab, const struct key *kc, struct toml_val *v)
{
	struct key *k = (struct key *)kc;
	size_t i;
	int rc = 0;

	for (i = 0; i + 1 < k->n && tab; i++)
		tab = descend(t, tab, k, i);
	if (!tab)
		rc = -1;
	else if (find(tab, k->part[k->n - 1]))
		rc = fail(t, "key defined twice");
	else if (add_key(t, tab, take(k, k->n - 1), v) < 0)
		rc = -1, v = NULL;
	else
		v = NULL;
	toml_free(v);
	key_release(k);
	return rc;
}

/* [a.b] or [[a.b]]; returns the table that follows lines go into. */
static struct toml_val *header(struct tp *t, struct toml_val *root)
{
	int aot = t->end - t->p > 1 && t->p[1] == '[';
	struct toml_val *tab = root, *v = NULL;
	struct key k;
	size_t i;

	t->p += aot ? 2 : 1;
	if (key_read(t, &k) < 0)
		goto out;
	skip_ws(t);
	if (t->end - t->p < (aot ? 2 : 1) || t->p[0] != ']' || (aot && t->p[1] != ']')) {
		fail(t, aot ? "expected ']]'" : "expected ']'");
		goto out;
	}
	t->p += aot ? 2 : 1;
	for (i = 0; i + 1 < k.n && tab; i++)
		tab = descend(t, tab, &k, i);
	if (!tab)
		goto out;
	v = find(tab, k.part[k.n - 1]);
	if (aot) {
		struct toml_val *item;

		if (!v) {
			if (!(v = val_new(t, TOML_ARRAY)) ||
			    add_key(t, tab, take(&k, k.n - 1), v) < 0) {
				v = NULL;
				goto out;
			}
			v->aot = 1;
		} else if (v->type != TOML_ARRAY || !v->aot) {
			fail(t, "[[table]] names a key that holds a value");
			v = NULL;
			goto out;
		}
		if (!(item = val_new(t, TOML_TABLE))) {
			v = NULL;
			goto out;
		}
		item->defined = 1;
		push(v, NULL, item);
		v = item;
		goto out;
	}
	if (v && (v->type != TOML_TABLE || v->defined || v->frozen)) {
		fail(t, "table defined twice");
		v = NULL;
		goto out;
	}
	if (!v) {
		if (!(v = val_new(t, TOML_TABLE)) || add_key(t, tab, take(&k, k.n - 1), v) < 0) {
			v = NULL;
			goto out;
		}
	}
	v->defined = 1;
out:
	key_release(&k);
	return v;
}

static int key_value(struct tp *t, struct toml_val *cur)
{
	struct toml_val *v;
	struct key k;

	if (key_read(t, &k) < 0) {
		key_release(&k);
		return -1;
	}
	skip_ws(t);
	if (t->p == t->end || *t->p != '=') {
		key_release(&k);
		return fail(t, "expected '=' after a key");
	}
	t->p++;
	skip_ws(t);
	if (!(v = value(t, 0))) {
		key_release(&k);
		return -1;
	}
	return insert(t, cur, &k, v);
}

struct toml_val *toml_parse(const char *s, size_t len, struct perr *e)
{
	struct tp t = { s, s + len, 1, 0, e };
	struct toml_val *root = val_new(&t, TOML_TABLE), *cur = root;

	root->defined = 1;
	if (len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3))
		t.p += 3;
	for (;;) {
		skip_all(&t);
		if (t.p == t.end)
			return root;
		if (*t.p == '[')
			cur = header(&t, root);
		else if (key_value(&t, cur) < 0)
			cur = NULL;
		if (!cur || end_of_line(&t) < 0)
			break;
	}
	toml_free(root);
	return NULL;
}
