/* SPDX-License-Identifier: MIT */
/* expr.c -- SPDX license expressions.  See expr.h for the grammar, the
 * canonical form and the error messages.
 *
 * A lexer cuts the text into ( ) AND OR WITH and ids; a recursive-descent
 * parser (one function per grammar rule) builds the tree; ids are looked
 * up in the embedded list as they are met, so the tree holds canonical
 * ids only. */
#include "expr.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "lic.h"

#define EXPR_MAX_DEPTH 64 /* parentheses; hostile input must not blow the stack */
#define SHOW_MAX 40       /* bytes of a bad token quoted in a message */

enum tok_kind { T_END, T_LPAREN, T_RPAREN, T_AND, T_OR, T_WITH, T_ID, T_BAD };

struct tok {
	enum tok_kind kind;
	const char *s;
	size_t len;
	size_t col; /* 1-based */
};

struct parser {
	const char *s;
	size_t len, pos;
	struct tok cur;
	unsigned depth;
	struct perr *e;
};

static int id_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '.' || c == '-' || c == '+' || c == ':';
}

static int word_is(const struct tok *t, const char *w)
{
	return t->len == strlen(w) && !strncasecmp(t->s, w, t->len);
}

static void next(struct parser *p)
{
	struct tok *t = &p->cur;

	while (p->pos < p->len && strchr(" \t\r\n\f\v", p->s[p->pos]))
		p->pos++;
	t->s = p->s + p->pos;
	t->col = p->pos + 1;
	t->len = 1;
	if (p->pos >= p->len) {
		t->kind = T_END;
		t->len = 0;
		return;
	}
	if (*t->s == '(' || *t->s == ')') {
		t->kind = *t->s == '(' ? T_LPAREN : T_RPAREN;
		p->pos++;
		return;
	}
	if (!id_char(*t->s)) {
		t->kind = T_BAD;
		return;
	}
	while (p->pos + t->len < p->len && id_char(t->s[t->len]))
		t->len++;
	p->pos += t->len;
	t->kind = word_is(t, "AND") ? T_AND : word_is(t, "OR") ? T_OR
		: word_is(t, "WITH") ? T_WITH : T_ID;
}

/* Quotes a token for a message, cut at SHOW_MAX bytes. */
static int bad(struct parser *p, const char *what, const struct tok *t)
{
	int n = t->len > SHOW_MAX ? SHOW_MAX : (int)t->len;

	if (t->kind == T_END)
		return perr_set(p->e, PERR_FILE, "%s at the end", what);
	return perr_set(p->e, PERR_FILE, "%s '%.*s%s' at column %zu", what, n, t->s,
			t->len > SHOW_MAX ? "..." : "", t->col);
}

static struct expr *node(enum expr_kind kind, char *id, struct expr *l, struct expr *r)
{
	struct expr *x = xcalloc(1, sizeof(*x));

	x->kind = kind;
	x->id = id;
	x->left = l;
	x->right = r;
	return x;
}

static int is_idstring(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!id_char(s[i]) || s[i] == '+' || s[i] == ':')
			return 0;
	return n > 0;
}

/* s (n bytes) is prefix + idstring; the prefix matched case-insensitively. */
static int ref_ok(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n > k && !strncasecmp(s, prefix, k) && is_idstring(s + k, n - k);
}

static int has_prefix(const struct tok *t, const char *prefix)
{
	return t->len >= strlen(prefix) && !strncasecmp(t->s, prefix, strlen(prefix));
}

/* LicenseRef-x or DocumentRef-y:LicenseRef-x, prefixes in canonical case. */
static struct expr *ref(struct parser *p, const struct tok *t)
{
	const char *colon = memchr(t->s, ':', t->len);
	size_t dl = colon ? (size_t)(colon - t->s) : 0;
	struct buf b = BUF_INIT;

	if (colon ? !ref_ok(t->s, dl, "DocumentRef-") ||
			    !ref_ok(colon + 1, t->len - dl - 1, "LicenseRef-")
		  : !ref_ok(t->s, t->len, "LicenseRef-")) {
		bad(p, "invalid license reference", t);
		return NULL;
	}
	if (colon) {
		buf_adds(&b, "DocumentRef-");
		buf_add(&b, t->s + 12, dl - 12);
		buf_addc(&b, ':');
	}
	buf_adds(&b, "LicenseRef-");
	buf_add(&b, t->s + dl + (colon ? 1 : 0) + 11, t->len - dl - (colon ? 1 : 0) - 11);
	return node(EXPR_REF, buf_take(&b), NULL, NULL);
}

/* A '+': the GNU families have an -or-later id for it; others keep it. */
static void apply_plus(struct expr *x)
{
	struct buf b = BUF_INIT;
	const struct lic_info *later;
	size_t n;

	if (x->kind == EXPR_WITH)
		x = x->left;
	if (x->kind != EXPR_LICENSE)
		return;
	n = strlen(x->id);
	if (n > 9 && !strcmp(x->id + n - 9, "-or-later"))
		return;
	if (n > 5 && !strcmp(x->id + n - 5, "-only"))
		n -= 5;
	buf_add(&b, x->id, n);
	buf_adds(&b, "-or-later");
	later = lic_find(b.data, b.len);
	buf_release(&b);
	if (later) {
		free(x->id);
		x->id = xstrdup(later->id);
	} else {
		x->or_later = 1;
	}
}

static struct expr *replacement(struct parser *p, const struct lic_info *info)
{
	return expr_parse(info->replacement, strlen(info->replacement), p->e);
}

static struct expr *license(struct parser *p, const struct tok *t)
{
	const struct lic_info *info;
	int plus = t->s[t->len - 1] == '+';
	size_t n = t->len - (size_t)plus;
	struct expr *x;

	if (has_prefix(t, "LicenseRef-") || has_prefix(t, "DocumentRef-"))
		return ref(p, t);
	if (!is_idstring(t->s, n)) {
		bad(p, "invalid license id", t);
		return NULL;
	}
	info = plus ? lic_find(t->s, t->len) : NULL; /* GPL-2.0+ is an id of its own */
	if (info && info->deprecated)
		return replacement(p, info);
	info = lic_find(t->s, n);
	if (!info) {
		struct tok id = *t;

		id.len = n;
		bad(p, "unknown license id", &id);
		return NULL;
	}
	if (info->exception) {
		bad(p, "a license exception needs WITH and a license before it:", t);
		return NULL;
	}
	x = info->deprecated ? replacement(p, info) : node(EXPR_LICENSE, xstrdup(info->id), NULL, NULL);
	if (x && plus)
		apply_plus(x);
	return x;
}

static struct expr *parse_or(struct parser *p);

static struct expr *parse_simple(struct parser *p)
{
	struct tok t = p->cur;
	struct expr *x;

	if (t.kind == T_ID) {
		next(p);
		return license(p, &t);
	}
	if (t.kind != T_LPAREN) {
		bad(p, t.kind == T_END ? "missing license" : "unexpected", &t);
		return NULL;
	}
	if (++p->depth > EXPR_MAX_DEPTH) {
		perr_set(p->e, PERR_FILE, "parentheses nested deeper than %d", EXPR_MAX_DEPTH);
		return NULL;
	}
	next(p);
	x = parse_or(p);
	if (x && p->cur.kind != T_RPAREN) {
		if (p->cur.kind == T_END)
			perr_set(p->e, PERR_FILE, "missing ')' for the '(' at column %zu", t.col);
		else
			bad(p, "expected ')', found", &p->cur);
		expr_free(x);
		return NULL;
	}
	p->depth--;
	next(p);
	return x;
}

static struct expr *parse_with(struct parser *p)
{
	int grouped = p->cur.kind == T_LPAREN;
	struct expr *x = parse_simple(p);
	const struct lic_info *info;
	struct tok t;

	if (!x || p->cur.kind != T_WITH)
		return x;
	t = p->cur;
	next(p);
	if (grouped || (x->kind != EXPR_LICENSE && x->kind != EXPR_REF)) {
		bad(p, x->kind == EXPR_WITH ? "second exception: the license already has one,"
					     : "WITH must follow one license, not a group:", &t);
		expr_free(x);
		return NULL;
	}
	info = p->cur.kind == T_ID ? lic_find(p->cur.s, p->cur.len) : NULL;
	if (!info || !info->exception) {
		bad(p, p->cur.kind == T_END ? "missing license exception after WITH"
		       : p->cur.kind != T_ID ? "expected a license exception after WITH, found"
		       : info ? "not a license exception after WITH:" : "unknown license exception",
		    &p->cur);
		expr_free(x);
		return NULL;
	}
	next(p);
	return node(EXPR_WITH, xstrdup(info->deprecated ? info->replacement : info->id), x, NULL);
}

/* The two binary levels: AND over WITH-terms, OR over AND-terms. */
static struct expr *parse_bin(struct parser *p, enum tok_kind op)
{
	struct expr *x = op == T_AND ? parse_with(p) : parse_bin(p, T_AND);

	while (x && p->cur.kind == op) {
		struct expr *y;

		next(p);
		y = op == T_AND ? parse_with(p) : parse_bin(p, T_AND);
		if (!y) {
			expr_free(x);
			return NULL;
		}
		x = node(op == T_AND ? EXPR_AND : EXPR_OR, NULL, x, y);
	}
	return x;
}

static struct expr *parse_or(struct parser *p)
{
	return parse_bin(p, T_OR);
}

struct expr *expr_parse(const char *s, size_t len, struct perr *e)
{
	struct parser p = { s, len, 0, { T_END, s, 0, 1 }, 0, e };
	struct expr *x;

	next(&p);
	if (p.cur.kind == T_END) {
		perr_set(e, PERR_FILE, "empty expression");
		return NULL;
	}
	x = parse_or(&p);
	if (x && p.cur.kind != T_END) {
		bad(&p, p.cur.kind == T_RPAREN ? "unbalanced" : "unexpected", &p.cur);
		expr_free(x);
		return NULL;
	}
	return x;
}

void expr_free(struct expr *x)
{
	if (!x)
		return;
	expr_free(x->left);
	expr_free(x->right);
	free(x->id);
	free(x);
}

static void print(struct buf *b, const struct expr *x, enum expr_kind parent)
{
	int paren;

	switch (x->kind) {
	case EXPR_LICENSE:
	case EXPR_REF:
		buf_adds(b, x->id);
		if (x->or_later)
			buf_addc(b, '+');
		return;
	case EXPR_WITH:
		print(b, x->left, x->kind);
		buf_adds(b, " WITH ");
		buf_adds(b, x->id);
		return;
	default:
		paren = (parent == EXPR_AND || parent == EXPR_OR) && parent != x->kind;
		if (paren)
			buf_addc(b, '(');
		print(b, x->left, x->kind);
		buf_adds(b, x->kind == EXPR_AND ? " AND " : " OR ");
		print(b, x->right, x->kind);
		if (paren)
			buf_addc(b, ')');
	}
}

char *expr_to_string(const struct expr *x)
{
	struct buf b = BUF_INIT;

	print(&b, x, EXPR_LICENSE);
	return buf_take(&b);
}

char *expr_canonical(const char *s, size_t len, struct perr *e)
{
	struct expr *x = expr_parse(s, len, e);
	char *out;

	if (!x)
		return NULL;
	out = expr_to_string(x);
	expr_free(x);
	return out;
}

char *expr_and_all(char *const *exprs, size_t n)
{
	struct expr *acc = NULL;
	struct perr e;
	size_t i, j;
	char *out;

	for (i = 0; i < n; i++) {
		struct expr *x;

		for (j = 0; j < i && strcmp(exprs[i], exprs[j]); j++)
			;
		if (j < i || !(x = expr_parse(exprs[i], strlen(exprs[i]), &e)))
			continue;
		acc = acc ? node(EXPR_AND, NULL, acc, x) : x;
	}
	if (!acc)
		return NULL;
	out = expr_to_string(acc);
	expr_free(acc);
	return out;
}
