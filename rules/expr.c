/* SPDX-License-Identifier: MIT */
/* expr.c -- SPDX license expressions.  See expr.h for the grammar, the
 * canonical form and the error messages.
 *
 * A lexer cuts the text into ( ) AND OR WITH and ids; a recursive-descent
 * parser (one function per grammar rule) builds the tree; ids are looked
 * up in the embedded list as they are met, so the tree holds canonical
 * ids only.  A deprecated id is replaced by parsing its replacement text
 * (trusted data from licenses/deprecated.tsv) with the same parser.
 *
 * Hostile input: recursion happens only at '(' and is capped at
 * EXPR_MAX_DEPTH; operator chains (A AND B AND C ...) are built, printed
 * and freed by loops, and capped at EXPR_MAX_OPERANDS; a quoted token in
 * a message is cut and its non-printable bytes escaped. */
#include "expr.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "lic.h"

#define EXPR_MAX_DEPTH 64      /* nested parentheses */
#define EXPR_MAX_OPERANDS 4096 /* licenses in one expression */
#define SHOW_MAX 40            /* bytes of a bad token quoted in a message */

enum tok_kind { T_END, T_LPAREN, T_RPAREN, T_AND, T_OR, T_WITH, T_ID, T_BAD };

struct tok {
	enum tok_kind kind;
	const char *s; /* borrowed from the input */
	size_t len;
	size_t col; /* byte column, from 1 */
};

struct parser {
	const char *s; /* borrowed; len bytes, not NUL-terminated */
	size_t len, pos;
	struct tok cur; /* the next token, not yet consumed */
	unsigned depth; /* open parentheses */
	size_t operands;
	struct perr *e;
};

/* --- lexer ------------------------------------------------------------------- */

/* Id characters, plus '+' (or later) and ':' (DocumentRef-x:LicenseRef-y):
 * a token is cut greedily and checked afterwards. */
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

	while (p->pos < p->len && strchr(" \t\r\n\f\v", p->s[p->pos]) && p->s[p->pos])
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

/* --- errors ------------------------------------------------------------------ */

/* "WHAT 'TOKEN' at column N", the token cut at SHOW_MAX bytes and bytes
 * outside printable ASCII written \xNN: the message may end up in JSON. */
static int bad(struct parser *p, const char *what, const struct tok *t)
{
	size_t n = t->len > SHOW_MAX ? SHOW_MAX : t->len, i;
	struct buf q = BUF_INIT;

	if (t->kind == T_END)
		return perr_set(p->e, PERR_FILE, "%s at the end", what);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t->s[i];

		if (c < 0x20 || c >= 0x7f || c == '\'' || c == '\\')
			buf_printf(&q, "\\x%02x", c);
		else
			buf_addc(&q, (char)c);
	}
	perr_set(p->e, PERR_FILE, "%s '%s%s' at column %zu", what, q.data ? q.data : "",
		 t->len > SHOW_MAX ? "..." : "", t->col);
	buf_release(&q);
	return -1;
}

/* --- tree -------------------------------------------------------------------- */

static struct expr *node(enum expr_kind kind, char *id, struct expr *l, struct expr *r)
{
	struct expr *x = xcalloc(1, sizeof(*x));

	x->kind = kind;
	x->id = id;
	x->left = l;
	x->right = r;
	return x;
}

/* Without recursion: a left child is rotated up until there is none, so a
 * chain of any length frees in constant stack. */
void expr_free(struct expr *x)
{
	while (x) {
		struct expr *up = x->left;

		if (up) {
			x->left = up->right;
			up->right = x;
			x = up;
			continue;
		}
		up = x->right;
		free(x->id);
		free(x);
		x = up;
	}
}

/* A growable array of borrowed node pointers. */
struct nodes {
	const struct expr **v;
	size_t n, cap;
};

static void nodes_push(struct nodes *a, const struct expr *x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 16;
		a->v = xrealloc(a->v, a->cap * sizeof(*a->v));
	}
	a->v[a->n++] = x;
}

/* The operands of the chain of x->kind operators at x, left to right,
 * looking through parentheses: (A AND B) AND C gives A, B, C.  The parser
 * builds chains leaning left, so the left spine is walked by a loop; a
 * same-kind right operand comes from parentheses, bounded by the depth. */
static void operands(const struct expr *x, struct nodes *out)
{
	enum expr_kind k = x->kind;
	struct nodes right = { NULL, 0, 0 };
	size_t i;

	for (; x->kind == k; x = x->left)
		nodes_push(&right, x->right);
	nodes_push(out, x);
	for (i = right.n; i-- > 0;) {
		if (right.v[i]->kind == k)
			operands(right.v[i], out);
		else
			nodes_push(out, right.v[i]);
	}
	free(right.v);
}

const struct expr **expr_operands(const struct expr *x, size_t *n)
{
	struct nodes ops = { NULL, 0, 0 };

	if (x->kind == EXPR_AND || x->kind == EXPR_OR)
		operands(x, &ops);
	else
		nodes_push(&ops, x);
	*n = ops.n;
	return ops.v;
}

/* --- parser ------------------------------------------------------------------ */

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

/* LicenseRef-x or DocumentRef-y:LicenseRef-x, prefixes in canonical case,
 * x and y as written. */
static struct expr *ref(struct parser *p, const struct tok *t)
{
	static const char doc[] = "DocumentRef-", lic[] = "LicenseRef-";
	const char *colon = memchr(t->s, ':', t->len);
	const char *l = colon ? colon + 1 : t->s;
	size_t dl = colon ? (size_t)(colon - t->s) : 0, ll = t->len - (size_t)(l - t->s);
	struct buf b = BUF_INIT;

	if ((colon && !ref_ok(t->s, dl, doc)) || !ref_ok(l, ll, lic)) {
		bad(p, "invalid license reference", t);
		return NULL;
	}
	if (colon) {
		buf_adds(&b, doc);
		buf_add(&b, t->s + strlen(doc), dl - strlen(doc));
		buf_addc(&b, ':');
	}
	buf_adds(&b, lic);
	buf_add(&b, l + strlen(lic), ll - strlen(lic));
	return node(EXPR_REF, buf_take(&b), NULL, NULL);
}

/* A '+': the GNU families have an -or-later id for it (X+ and X-only+
 * both mean X-or-later); on other ids it is kept. */
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

/* A listed license: its replacement when deprecated and replaced (a
 * deprecated id with none, as Net-SNMP, stays as it is). */
static struct expr *listed(struct parser *p, const struct lic_info *info)
{
	if (info->deprecated && info->replacement)
		return expr_parse(info->replacement, strlen(info->replacement), p->e);
	return node(EXPR_LICENSE, xstrdup(info->id), NULL, NULL);
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
	if (info)
		return listed(p, info);
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
	x = listed(p, info);
	if (x && plus)
		apply_plus(x);
	return x;
}

static struct expr *parse_or(struct parser *p);

static struct expr *parse_group(struct parser *p)
{
	struct tok open = p->cur;
	struct expr *x;

	if (++p->depth > EXPR_MAX_DEPTH) {
		perr_set(p->e, PERR_FILE, "parentheses nested deeper than %d at column %zu",
			 EXPR_MAX_DEPTH, open.col);
		return NULL;
	}
	next(p);
	x = parse_or(p);
	if (x && p->cur.kind != T_RPAREN) {
		if (p->cur.kind == T_END)
			perr_set(p->e, PERR_FILE, "missing ')' for the '(' at column %zu",
				 open.col);
		else
			bad(p, "expected ')', found", &p->cur);
		expr_free(x);
		return NULL;
	}
	p->depth--;
	next(p);
	return x;
}

static struct expr *parse_simple(struct parser *p)
{
	struct tok t = p->cur;

	if (++p->operands > EXPR_MAX_OPERANDS) {
		perr_set(p->e, PERR_FILE, "more than %d licenses in one expression",
			 EXPR_MAX_OPERANDS);
		return NULL;
	}
	if (t.kind == T_LPAREN)
		return parse_group(p);
	if (t.kind != T_ID) {
		bad(p, t.kind == T_END ? "missing license" : "unexpected", &t);
		return NULL;
	}
	next(p);
	return license(p, &t);
}

/* The exception after WITH, current (a deprecated one is replaced). */
static const struct lic_info *exception(struct parser *p)
{
	const struct tok *t = &p->cur;
	const struct lic_info *info = t->kind == T_ID ? lic_find(t->s, t->len) : NULL;

	if (!info || !info->exception) {
		bad(p, t->kind == T_END ? "missing license exception after WITH"
		       : t->kind != T_ID ? "expected a license exception after WITH, found"
		       : info ? "not a license exception after WITH:" : "unknown license exception",
		    t);
		return NULL;
	}
	next(p);
	if (info->deprecated && info->replacement)
		info = lic_find(info->replacement, strlen(info->replacement));
	return info;
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
	if (grouped || (x->kind != EXPR_LICENSE && x->kind != EXPR_REF)) {
		bad(p, x->kind == EXPR_WITH ? "second exception: the license already has one,"
					     : "WITH must follow one license, not a group:", &t);
		expr_free(x);
		return NULL;
	}
	next(p);
	info = exception(p);
	if (!info) {
		expr_free(x);
		return NULL;
	}
	return node(EXPR_WITH, xstrdup(info->id), x, NULL);
}

/* The two binary levels: AND over WITH-terms, OR over AND-terms.  A chain
 * is built by a loop and leans left: A OR B OR C is ((A OR B) OR C). */
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
	struct parser p = { s ? s : "", s ? len : 0, 0, { T_END, NULL, 0, 1 }, 0, 0, e };
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

/* --- printing ---------------------------------------------------------------- */

static void print(struct buf *b, const struct expr *x, enum expr_kind parent)
{
	struct nodes ops = { NULL, 0, 0 };
	int paren;
	size_t i;

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
	case EXPR_AND:
	case EXPR_OR:
		break;
	}
	paren = (parent == EXPR_AND || parent == EXPR_OR) && parent != x->kind;
	operands(x, &ops);
	if (paren)
		buf_addc(b, '(');
	for (i = 0; i < ops.n; i++) {
		if (i)
			buf_adds(b, x->kind == EXPR_AND ? " AND " : " OR ");
		print(b, ops.v[i], x->kind);
	}
	if (paren)
		buf_addc(b, ')');
	free(ops.v);
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

/* --- AND of many ------------------------------------------------------------- */

struct term {
	char *s;   /* owned; printed alone */
	int is_or; /* parenthesised next to others */
};

struct terms {
	struct term *v; /* owned */
	size_t n, cap;
};

static void terms_add(struct terms *t, const struct expr *x)
{
	char *s = expr_to_string(x);
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (!strcmp(t->v[i].s, s)) {
			free(s);
			return;
		}
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 8;
		t->v = xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].s = s;
	t->v[t->n++].is_or = x->kind == EXPR_OR;
}

/* Each AND operand of every input once, first seen first: A AND A is A. */
char *expr_and_all(char *const *exprs, size_t n)
{
	struct terms t = { NULL, 0, 0 };
	struct buf b = BUF_INIT;
	struct perr e;
	size_t i;

	for (i = 0; i < n; i++) {
		struct expr *x = exprs[i] ? expr_parse(exprs[i], strlen(exprs[i]), &e) : NULL;
		const struct expr **ops;
		size_t j, nops;

		if (!x)
			continue;
		ops = x->kind == EXPR_AND ? expr_operands(x, &nops) : NULL;
		for (j = 0; j < (ops ? nops : 1); j++)
			terms_add(&t, ops ? ops[j] : x);
		free(ops);
		expr_free(x);
	}
	for (i = 0; i < t.n; i++) {
		int paren = t.n > 1 && t.v[i].is_or;

		buf_printf(&b, "%s%s%s%s", i ? " AND " : "", paren ? "(" : "", t.v[i].s,
			   paren ? ")" : "");
		free(t.v[i].s);
	}
	free(t.v);
	return t.n ? buf_take(&b) : NULL;
}
