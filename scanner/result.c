/* SPDX-License-Identifier: MIT */
#include "result.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "expr.h"

const char *result_type_name(enum file_type t)
{
	static const char *const names[] = {
		[FT_TEXT] = "text",       [FT_BINARY] = "binary",
		[FT_ARCHIVE] = "archive", [FT_SYMLINK] = "symlink",
		[FT_SPECIAL] = "special", [FT_SKIPPED] = "skipped",
	};
	return names[t];
}

const char *result_status_name(enum file_status s)
{
	static const char *const names[] = {
		[FS_SCANNED] = "scanned", [FS_SKIPPED] = "skipped", [FS_FAILED] = "failed",
	};
	return names[s];
}

const char *result_method_name(enum finding_method m)
{
	static const char *const names[] = {
		[FM_NONE] = NULL,         [FM_SPDX_TAG] = "spdx-tag",
		[FM_TEXT] = "text",       [FM_NOTICE] = "notice",
		[FM_REFERENCE] = "reference", [FM_MANIFEST] = "manifest",
		[FM_UNKNOWN] = "unknown",
	};
	return names[m];
}

const char *result_kind_name(enum finding_kind k)
{
	return k == FK_LICENSE ? "license" : "copyright";
}

void result_init(struct file_result *r)
{
	memset(r, 0, sizeof(*r));
}

struct finding *result_add(struct file_result *r)
{
	struct finding *f;

	if (r->nfindings == r->capfindings) {
		r->capfindings = r->capfindings ? r->capfindings * 2 : 4;
		r->findings = xrealloc(r->findings, r->capfindings * sizeof(*r->findings));
	}
	f = &r->findings[r->nfindings++];
	memset(f, 0, sizeof(*f));
	f->score = f->coverage = -1;
	f->extra_words = f->missing_words = -1;
	return f;
}

struct package *result_add_package(struct file_result *r)
{
	struct package *p;

	r->packages = xrealloc(r->packages, (r->npackages + 1) * sizeof(*r->packages));
	p = &r->packages[r->npackages++];
	memset(p, 0, sizeof(*p));
	return p;
}

void result_set_error(struct file_result *r, enum file_status st, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	free(r->error);
	r->error = buf_take(&b);
	r->status = st;
}

static void finding_release(struct finding *f)
{
	size_t i;

	free(f->expression);
	free(f->problem);
	free(f->note);
	free(f->rule);
	free(f->text);
	free(f->span);
	for (i = 0; i < f->nholders; i++)
		free(f->holders[i]);
	free(f->holders);
	free(f->years);
}

void result_package_release(struct package *p)
{
	free(p->ecosystem);
	free(p->namespace);
	free(p->name);
	free(p->version);
	free(p->declared);
	free(p->declared_raw);
	free(p->supplier);
	free(p->homepage);
	free(p->problem);
}

void result_release(struct file_result *r)
{
	size_t i;

	for (i = 0; i < r->nfindings; i++)
		finding_release(&r->findings[i]);
	free(r->findings);
	for (i = 0; i < r->npackages; i++)
		result_package_release(&r->packages[i]);
	free(r->packages);
	free(r->path);
	free(r->encoding);
	free(r->mime);
	free(r->target);
	free(r->expression);
	free(r->error);
	result_init(r);
}

void result_move(struct file_result *dst, struct file_result *src)
{
	*dst = *src;
	result_init(src);
}

void result_set_expression(struct file_result *r)
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
