/* SPDX-License-Identifier: MIT */
/* detect.c -- the per-file detector chain.  See detect.h. */
#include "detect.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "copyright.h"
#include "expr.h"
#include "match.h"
#include "spdx_tag.h"
#include "text.h"

struct detect {
	struct detect_opts o;
	struct match_ctx *match; /* NULL without an index */
};

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
	free(d);
}

/* Evidence text is capped: a tag on a megabyte-long line is still one tag. */
#define DETECT_TEXT_MAX 1024

static char *evidence(const char *s, size_t n)
{
	return xstrndup(s, text_cut(s, n, DETECT_TEXT_MAX));
}

static void license_tag(struct finding *f, const char *v, size_t n)
{
	struct perr e = { PERR_OK, "" };
	struct buf b = BUF_INIT;

	f->kind = FK_LICENSE;
	f->method = FM_SPDX_TAG;
	f->rule = xstrdup("spdx-tag");
	if (n == 0) {
		f->problem = xstrdup("invalid SPDX expression: empty");
		return;
	}
	f->expression = expr_canonical(v, n, &e);
	if (f->expression) {
		f->score = f->coverage = 100;
		return;
	}
	buf_printf(&b, "invalid SPDX expression: %s", e.msg);
	f->problem = buf_take(&b);
}

struct tag_ctx {
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
		license_tag(f, c->text + t->value_off, t->value_len);
	else {
		f->kind = FK_COPYRIGHT; /* its value split by the one parser */
		copy_parse(c->text + t->value_off, t->value_len, f);
	}
	return 0;
}

static void set_expression(struct file_result *r)
{
	char **v = xcalloc(r->nfindings ? r->nfindings : 1, sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == FK_LICENSE && r->findings[i].expression)
			v[n++] = r->findings[i].expression;
	free(r->expression);
	r->expression = n ? expr_and_all(v, n) : NULL;
	free(v);
}

void detect_text(struct detect *d, const char *text, size_t len, struct file_result *r)
{
	struct tag_ctx c = { text, r };

	spdx_find_tags(text, len, tag_found, &c);
	if (d->match) {
		struct match_opts mo = { d->o.min_coverage };

		match_file(d->match, text, len, &mo, r);
	}
	copy_find(text, len, r);
	set_expression(r);
}
