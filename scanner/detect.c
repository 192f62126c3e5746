/* SPDX-License-Identifier: MIT */
/* detect.c -- the per-file detector chain.  See detect.h. */
#include "detect.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "copyright.h"
#include "expr.h"
#include "lic.h"
#include "manifest.h"
#include "match.h"
#include "spdx_tag.h"
#include "text.h"

/* Pure functions of a string, remembered per worker: a tree's files
 * carry a few tags over and over ("GPL-2.0"), and parsing them again
 * was most of the cost of a file with a tag and nothing else.  A few
 * slots, the oldest replaced; a result is used before the next look-up. */
#define MEMO_SLOTS 16

struct memo_slot {
	char *key;      /* owned; NULL: empty */
	size_t len;
	char *out;      /* owned; a canonical expression, NULL when invalid */
	char *msg;      /* owned; why it is invalid */
	struct expr *x; /* owned; a parsed expression, NULL when invalid */
};

struct memo {
	struct memo_slot s[MEMO_SLOTS];
	size_t next; /* the slot replaced next */
};

struct detect {
	struct detect_opts o;
	struct match_ctx *match; /* NULL without an index */
	struct memo canon;       /* tag value -> expr_canonical() */
	struct memo parse;       /* expression -> expr_parse() */
	struct memo and_all;     /* expressions, \n-joined -> expr_and_all() */
	struct buf key;
};

static struct memo_slot *memo_find(struct memo *m, const char *key, size_t len)
{
	size_t i;

	for (i = 0; i < MEMO_SLOTS; i++)
		if (m->s[i].key && m->s[i].len == len && !memcmp(m->s[i].key, key, len))
			return &m->s[i];
	return NULL;
}

static void memo_clear(struct memo_slot *s)
{
	free(s->key);
	free(s->out);
	free(s->msg);
	expr_free(s->x);
	memset(s, 0, sizeof(*s));
}

/* An empty slot for key, in place of the oldest. */
static struct memo_slot *memo_add(struct memo *m, const char *key, size_t len)
{
	struct memo_slot *s = &m->s[m->next];

	m->next = (m->next + 1) % MEMO_SLOTS;
	memo_clear(s);
	s->key = xstrndup(key, len);
	s->len = len;
	return s;
}

static void memo_release(struct memo *m)
{
	size_t i;

	for (i = 0; i < MEMO_SLOTS; i++)
		memo_clear(&m->s[i]);
}

struct detect *detect_new(const struct detect_opts *o)
{
	struct detect *d = xcalloc(1, sizeof(*d));

	d->o = *o;
	if (o->idx)
		d->match = match_ctx_new(o->idx);
	return d;
}

void detect_free(struct detect *d)
{
	if (!d)
		return;
	match_ctx_free(d->match);
	memo_release(&d->canon);
	memo_release(&d->parse);
	memo_release(&d->and_all);
	buf_release(&d->key);
	free(d);
}

/* Evidence text is capped: a tag on a megabyte-long line is still one tag. */
#define DETECT_TEXT_MAX 1024

static char *evidence(const char *s, size_t n)
{
	return xstrndup(s, text_cut(s, n, DETECT_TEXT_MAX));
}

static void license_tag(struct detect *d, struct finding *f, const char *v, size_t n)
{
	struct buf b = BUF_INIT;
	struct memo_slot *m;

	f->kind = FK_LICENSE;
	f->method = FM_SPDX_TAG;
	f->rule = xstrdup("spdx-tag");
	if (n == 0) {
		f->problem = xstrdup("invalid SPDX expression: empty");
		return;
	}
	if (!(m = memo_find(&d->canon, v, n))) {
		struct perr e = { PERR_OK, "" };

		m = memo_add(&d->canon, v, n);
		m->out = expr_canonical(v, n, &e);
		m->msg = m->out ? NULL : xstrdup(e.msg);
	}
	if (m->out) {
		f->expression = xstrdup(m->out);
		f->score = f->coverage = 100;
		return;
	}
	buf_printf(&b, "invalid SPDX expression: %s", m->msg);
	f->problem = buf_take(&b);
}

/* expr_parse(s), remembered: the tree is d's, valid until the next call. */
static const struct expr *parsed(struct detect *d, const char *s)
{
	size_t n = strlen(s);
	struct memo_slot *m = memo_find(&d->parse, s, n);

	if (!m) {
		m = memo_add(&d->parse, s, n);
		m->x = expr_parse(s, n, NULL);
	}
	return m->x;
}

struct tag_ctx {
	struct detect *d;
	const char *text;
	struct file_result *r;
};

static int tag_found(void *ctx, const struct spdx_tag *t)
{
	struct tag_ctx *c = ctx;
	struct finding *f = result_add(c->r);

	f->start_line = f->end_line = t->line;
	f->text = evidence(c->text + t->tag_off, t->tag_len);
	if (t->kind == SPDX_TAG_LICENSE)
		license_tag(c->d, f, c->text + t->value_off, t->value_len);
	else {
		f->kind = FK_COPYRIGHT; /* its value split by the one parser */
		copy_parse(c->text + t->value_off, t->value_len, f);
	}
	return 0;
}

/* --- rule findings: exceptions, conflicts with the tags ---------------- */

static int is_exception_id(const char *s)
{
	const struct lic_info *li = s ? lic_find(s, strlen(s)) : NULL;

	return li && li->exception;
}

/* The length of the license a WITH can take from f: a single license id
 * ("GPL-2.0-only"), or the license of "X WITH E" (a second exception next
 * to the first applies to X too); 0 when f has none. */
static size_t single_license(const struct finding *f)
{
	const char *e = f->expression, *sp;

	if (f->kind != FK_LICENSE || !e || is_exception_id(e))
		return 0;
	if (!(sp = strchr(e, ' ')))
		return strlen(e);
	return !strncmp(sp, " WITH ", 6) && !strchr(sp + 6, ' ') ? (size_t)(sp - e) : 0;
}

/* The license an exception at index i applies to: the nearest single
 * license before it, else after it.  -1 when there is none. */
static long exception_target(const struct file_result *r, size_t i)
{
	size_t k;

	for (k = i; k-- > 0;)
		if (single_license(&r->findings[k]))
			return (long)k;
	for (k = i + 1; k < r->nfindings; k++)
		if (single_license(&r->findings[k]))
			return (long)k;
	return -1;
}

/* An exception rule's finding holds the exception id alone: it becomes
 * `LICENSE WITH EXCEPTION` on itself and on the notice or text it applies
 * to (a tag is left as written), or a problem when no license is near. */
static void combine_exceptions(struct file_result *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++) {
		struct finding *f = &r->findings[i], *t;
		struct buf b = BUF_INIT;
		long k;

		if (f->kind != FK_LICENSE || f->method != FM_NOTICE || !is_exception_id(f->expression))
			continue;
		if ((k = exception_target(r, i)) < 0) {
			buf_printf(&b, "license exception %s without the license it applies to",
				   f->expression);
			f->problem = buf_take(&b);
			free(f->expression);
			f->expression = NULL;
			continue;
		}
		t = &r->findings[k];
		buf_printf(&b, "%.*s WITH %s", (int)single_license(t), t->expression, f->expression);
		free(f->expression);
		f->expression = buf_take(&b);
		if (t->method != FM_SPDX_TAG && !strstr(t->expression, " WITH ")) {
			free(t->expression);
			t->expression = xstrdup(f->expression);
		}
	}
}

/* The license ids of the file's SPDX tags. */
struct idset {
	char **v;
	size_t n;
};

/* Adds each license id of x to ids (the license of a WITH). */
static void expr_ids(const struct expr *x, struct idset *ids)
{
	for (; x; x = x->left) {
		if (x->kind == EXPR_LICENSE || x->kind == EXPR_REF || x->kind == EXPR_WITH) {
			const struct expr *l = x->kind == EXPR_WITH ? x->left : x;

			ids->v = xrealloc(ids->v, (ids->n + 1) * sizeof(*ids->v));
			ids->v[ids->n++] = xstrdup(l->id);
			return;
		}
		expr_ids(x->right, ids);
	}
}

static int ids_cover(const struct idset *tags, const char *id, int family)
{
	size_t i, n = lic_family_len(id);

	for (i = 0; i < tags->n; i++)
		if (family ? lic_family_len(tags->v[i]) == n && !strncmp(tags->v[i], id, n)
			   : !strcmp(tags->v[i], id))
			return 1;
	return 0;
}

/* Whether x agrees with the tags' licenses: every license of an AND, one
 * side of an OR (the tag chose it).  family: compare without -only/
 * -or-later.  Rule and text expressions are short: recursion is shallow. */
static int agrees(const struct expr *x, const struct idset *tags, int family)
{
	switch (x->kind) {
	case EXPR_OR:
		return agrees(x->left, tags, family) || agrees(x->right, tags, family);
	case EXPR_AND:
		return agrees(x->left, tags, family) && agrees(x->right, tags, family);
	case EXPR_WITH:
		return ids_cover(tags, x->left->id, family);
	default:
		return ids_cover(tags, x->id, family);
	}
}

static int agrees_with_tags(struct detect *d, const struct finding *f,
			    const struct idset *tags)
{
	const struct expr *x = parsed(d, f->expression);

	return !x || agrees(x, tags, f->method == FM_TEXT && f->note);
}

/* A notice or text naming a license that the file's SPDX tags do not:
 * both are kept, and the finding says it conflicts. */
static void mark_conflicts(struct detect *d, struct file_result *r)
{
	struct idset tags = { NULL, 0 };
	struct buf b = BUF_INIT;
	unsigned line = 0;
	size_t i;

	for (i = 0; i < r->nfindings; i++) {
		const struct finding *f = &r->findings[i];
		const struct expr *x;

		if (f->kind != FK_LICENSE || f->method != FM_SPDX_TAG || !f->expression ||
		    !(x = parsed(d, f->expression)))
			continue;
		expr_ids(x, &tags);
		line = line ? line : f->start_line;
	}
	for (i = 0; tags.n && i < r->nfindings; i++) {
		struct finding *f = &r->findings[i];

		if (f->kind != FK_LICENSE || f->method == FM_SPDX_TAG || !f->expression ||
		    f->problem || agrees_with_tags(d, f, &tags))
			continue;
		buf_reset(&b);
		buf_printf(&b, "conflicts with the SPDX tag at line %u", line);
		f->problem = buf_take(&b);
	}
	for (i = 0; i < tags.n; i++)
		free(tags.v[i]);
	free(tags.v);
	buf_release(&b);
}

static void set_expression(struct detect *d, struct file_result *r)
{
	char **v = xcalloc(r->nfindings ? r->nfindings : 1, sizeof(*v));
	struct memo_slot *m = NULL;
	size_t i, n = 0;

	buf_reset(&d->key);
	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_LICENSE && r->findings[i].expression) {
			if (n)
				buf_addc(&d->key, '\n'); /* no expression holds one */
			buf_adds(&d->key, r->findings[i].expression);
			v[n++] = r->findings[i].expression;
		}
	free(r->expression);
	r->expression = NULL;
	if (n && !(m = memo_find(&d->and_all, d->key.data, d->key.len))) {
		m = memo_add(&d->and_all, d->key.data, d->key.len);
		m->out = expr_and_all(v, n);
	}
	if (n && m->out)
		r->expression = xstrdup(m->out);
	free(v);
}

void detect_text(struct detect *d, const char *text, size_t len, struct file_result *r)
{
	struct tag_ctx c = { d, text, r };

	if (r->path)
		mani_read(r->path, text, len, r);
	spdx_find_tags(text, len, tag_found, &c);
	if (d->match) {
		struct match_opts mo = { d->o.min_coverage };

		match_file(d->match, text, len, &mo, r);
		combine_exceptions(r);
		mark_conflicts(d, r);
	}
	copy_find(text, len, r);
	set_expression(d, r);
}
