/* SPDX-License-Identifier: MIT */
/* rulefile.c -- the rule file reader.  See rulefile.h and rules/README.md.
 *
 * Line by line: a line at column 0 starts a field (`name: value`), a line
 * starting with a space or tab continues the last field's value, a blank
 * line ends the stanza, a '#' at column 0 outside a value is a comment.
 * A stanza is checked whole when it ends. */
#include "rulefile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static const char *const kind_names[RULEF_NKINDS] = {
	[RULEF_NOTICE] = "notice",       [RULEF_REFERENCE] = "reference",
	[RULEF_TAG_LIKE] = "tag-like",   [RULEF_EXCEPTION] = "exception",
	[RULEF_FALSE_POSITIVE] = "false-positive",
};

const char *rulef_kind_name(enum rulef_kind k)
{
	return kind_names[k];
}

struct parser {
	struct rulef_set *s;
	struct rulef *r;  /* the stanza being read, NULL between stanzas */
	struct buf *val;  /* the value being read, NULL when none */
	int field;        /* index in fields[] of the value being read */
	unsigned line;
	int seen;         /* fields seen in this stanza, one bit each */
	struct perr *e;
};

enum { F_RULE, F_KIND, F_EXPRESSION, F_TEXT, F_POSITIVE, F_NEGATIVE, F_MINCOV, F_NOTE, F_N };

static const char *const fields[F_N] = {
	"rule", "kind", "expression", "text", "positive", "negative", "minimum-coverage", "note",
};

static int fail(struct parser *p, unsigned line, const char *what, const char *arg)
{
	return perr_set(p->e, PERR_USAGE, "line %u: %s%s%s%s", line, what, arg ? " '" : "",
			arg ? arg : "", arg ? "'" : "");
}

/* A percentage 1..100 in v (trailing blanks allowed); -1 for anything else,
 * such as "80%" or a number past int (atoi took both). */
static int percent(const char *v)
{
	char *end;
	long x;

	errno = 0;
	x = strtol(v, &end, 10);
	while (*end == ' ' || *end == '\t' || *end == '\r')
		end++;
	if (end == v || *end || errno || x < 1 || x > 100)
		return -1;
	return (int)x;
}

static void push(char ***v, size_t *n, char *s)
{
	*v = xrealloc(*v, (*n + 1) * sizeof(**v));
	(*v)[(*n)++] = s;
}

static int name_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || strchr(".-_+", *s)))
			return 0;
	return 1;
}

/* Words outside gaps, and whether the gaps are well formed. */
struct count { size_t words; };

static void count_piece(void *ctx, const char *s, size_t n, int gap_after)
{
	struct count *c = ctx;
	size_t i;
	int in = 0;

	for (i = 0; i < n; i++) {
		int w = (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
			(s[i] >= '0' && s[i] <= '9');

		c->words += w && !in;
		in = w;
	}
	(void)gap_after;
}

static int check_text(struct parser *p, const struct rulef *r)
{
	struct count c = { 0 };
	const char *t = r->text, *o, *cl;
	size_t n = strlen(t);

	for (o = strstr(t, "{{"); o; o = strstr(cl + 2, "{{")) {
		cl = strstr(o + 2, "}}");
		if (!cl || (strstr(o + 2, "{{") && strstr(o + 2, "{{") < cl))
			return fail(p, r->line, "unclosed gap '{{' in text", NULL);
	}
	while (n && strchr(" \t\n", t[n - 1]))
		n--;
	while (*t && strchr(" \t\n", *t))
		t++, n--;
	if (!strncmp(t, "{{", 2) || (n >= 2 && !strncmp(t + n - 2, "}}", 2)))
		return fail(p, r->line, "a gap may not start or end the text", NULL);
	rulef_pieces(r->text, count_piece, &c);
	if (c.words < 5)
		return fail(p, r->line, "fewer than 5 words outside gaps in text", NULL);
	return 0;
}

/* The stanza just ended: is it a whole rule? */
static int check_rule(struct parser *p)
{
	struct rulef *r = p->r;

	if (!(p->seen & (1 << F_KIND)))
		return fail(p, r->line, "no kind: for rule", r->name);
	if (!r->text)
		return fail(p, r->line, "no text: for rule", r->name);
	if (r->kind == RULEF_FALSE_POSITIVE && (p->seen & (1 << F_EXPRESSION)))
		return fail(p, r->line, "a false-positive rule has no expression:", r->name);
	if (r->kind != RULEF_FALSE_POSITIVE && !(p->seen & (1 << F_EXPRESSION)))
		return fail(p, r->line, "no expression: for rule", r->name);
	if (!r->npositive || !r->nnegative)
		return fail(p, r->line, "a rule needs a positive: and a negative: example:", r->name);
	return check_text(p, r);
}

static void take_value(struct parser *p)
{
	char *v;
	size_t n;

	if (!p->val)
		return;
	n = p->val->len;
	while (n && p->val->data[n - 1] == '\n')
		n--;
	p->val->len = n;
	if (p->val->data)
		p->val->data[n] = '\0';
	v = buf_take(p->val);
	free(p->val);
	p->val = NULL;
	switch (p->field) {
	case F_TEXT: p->r->text = v; break;
	case F_POSITIVE: push(&p->r->positive, &p->r->npositive, v); break;
	case F_NEGATIVE: push(&p->r->negative, &p->r->nnegative, v); break;
	case F_NOTE: p->r->note = v; break;
	default: free(v);
	}
}

static int end_stanza(struct parser *p)
{
	take_value(p);
	if (!p->r)
		return 0;
	if (check_rule(p) < 0)
		return -1;
	p->r = NULL;
	p->seen = 0;
	return 0;
}

static int new_rule(struct parser *p, const char *v, const char *path)
{
	struct rulef_set *s = p->s;
	size_t i;

	if (!name_ok(v))
		return fail(p, p->line, "bad rule name (a-z 0-9 . - _ +):", v);
	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i].name, v))
			return fail(p, p->line, "duplicate rule name", v);
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	p->r = memset(&s->v[s->n++], 0, sizeof(*p->r));
	p->r->name = xstrdup(v);
	p->r->file = xstrdup(path);
	p->r->line = p->line;
	return 0;
}

static int set_kind(struct parser *p, const char *v)
{
	int k;

	for (k = 0; k < RULEF_NKINDS; k++)
		if (!strcmp(v, kind_names[k])) {
			p->r->kind = (enum rulef_kind)k;
			return 0;
		}
	return fail(p, p->line, "unknown kind", v);
}

/* A `name: value` line; a multi-line value starts collecting here. */
static int field_line(struct parser *p, const char *s, size_t n, const char *path)
{
	const char *colon = memchr(s, ':', n);
	char name[32], *v;
	int f, rc = 0;

	if (!colon || (size_t)(colon - s) >= sizeof(name))
		return fail(p, p->line, "expected 'field: value'", NULL);
	memcpy(name, s, (size_t)(colon - s));
	name[colon - s] = '\0';
	for (f = 0; f < F_N && strcmp(name, fields[f]); f++)
		;
	if (f == F_N)
		return fail(p, p->line, "unknown field", name);
	if (f != F_RULE && !p->r)
		return fail(p, p->line, "a stanza starts with rule:", NULL);
	if (p->seen & (1 << f) & ~((1 << F_POSITIVE) | (1 << F_NEGATIVE)))
		return fail(p, p->line, "repeated field", name);
	for (colon++; colon < s + n && (*colon == ' ' || *colon == '\t'); colon++)
		;
	v = xstrndup(colon, (size_t)(s + n - colon));
	if (f == F_RULE && p->r)
		rc = fail(p, p->line, "rule: inside a stanza (a blank line ends the one before)", NULL);
	else if (f == F_RULE)
		rc = new_rule(p, v, path);
	else if (f == F_KIND)
		rc = set_kind(p, v);
	else if (f == F_EXPRESSION)
		p->r->expression = strcmp(v, "none") ? xstrdup(v) : NULL;
	else if (f == F_MINCOV)
		rc = (p->r->min_coverage = percent(v)) < 0
			? fail(p, p->line, "minimum-coverage is a percentage:", v) : 0;
	if (rc == 0 && (f == F_TEXT || f == F_POSITIVE || f == F_NEGATIVE || f == F_NOTE)) {
		p->val = xcalloc(1, sizeof(*p->val));
		p->field = f;
		if (*v) {
			buf_adds(p->val, v);
			buf_addc(p->val, '\n');
		}
	}
	if (rc == 0 && f == F_EXPRESSION && !*v)
		rc = fail(p, p->line, "empty expression", NULL);
	p->seen |= 1 << f;
	free(v);
	return rc;
}

static int one_line(struct parser *p, const char *s, size_t n, const char *path)
{
	size_t i;

	for (i = 0; i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r'); i++)
		;
	if (i == n)
		return end_stanza(p);
	if (s[0] == ' ' || s[0] == '\t') {
		if (!p->val)
			return fail(p, p->line, "continuation line outside a multi-line value", NULL);
		s++, n--;
		if (n && s[n - 1] == '\r')
			n--;
		if (!(n == 1 && s[0] == '.'))
			buf_add(p->val, s, n);
		buf_addc(p->val, '\n');
		return 0;
	}
	take_value(p);
	if (s[0] == '#')
		return 0;
	while (n && (s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	return field_line(p, s, n, path);
}

int rulef_parse(struct rulef_set *s, const char *path, const char *data, size_t len,
		struct perr *e)
{
	struct parser p = { s, NULL, NULL, 0, 0, 0, e };
	const char *q = data, *end = data + len;

	while (q < end) {
		const char *nl = memchr(q, '\n', (size_t)(end - q));
		size_t n = nl ? (size_t)(nl - q) : (size_t)(end - q);

		p.line++;
		if (memchr(q, '\0', n))
			return fail(&p, p.line, "NUL byte", NULL);
		if (one_line(&p, q, n, path) < 0)
			goto err;
		q += n + 1;
	}
	if (end_stanza(&p) == 0)
		return 0;
err:
	if (p.val) {
		buf_release(p.val);
		free(p.val);
	}
	return -1;
}

static void rule_release(struct rulef *r)
{
	size_t i;

	for (i = 0; i < r->npositive; i++)
		free(r->positive[i]);
	for (i = 0; i < r->nnegative; i++)
		free(r->negative[i]);
	free(r->positive);
	free(r->negative);
	free(r->name);
	free(r->expression);
	free(r->text);
	free(r->note);
	free(r->file);
}

void rulef_release(struct rulef_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		rule_release(&s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

void rulef_pieces(const char *text, rulef_piece_fn fn, void *ctx)
{
	const char *p = text, *o;

	while ((o = strstr(p, "{{")) != NULL) {
		const char *c = strstr(o + 2, "}}");

		if (!c)
			break;
		fn(ctx, p, (size_t)(o - p), 1);
		p = c + 2;
	}
	fn(ctx, p, strlen(p), 0);
}
