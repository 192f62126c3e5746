/* SPDX-License-Identifier: MIT */
/* cmd_notice.c -- `petal notice [options] [PATH...]`: a third-party notice
 * file.  For each license found (rules/oblig.h groups, sorted): the files
 * and packages it covers, their copyright holders, the NOTICE files that
 * go with Apache-2.0 components (read again through readf, as the scan
 * reads files: the scan keeps no file contents), and the license's
 * reference text from the embedded index, once per license.  The inputs
 * not analysed (and NOTICE files not reproduced) are listed first, with
 * the reason each.  Formats are rows of a table: text, markdown,
 * html; each escapes what its readers would take for markup. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "buf.h"
#include "cmd.h"
#include "readf.h"
#include "version.h"
#include "walk.h"

#define NOTICE_MAX (1 << 20) /* bytes of one NOTICE file reproduced */

static const char notice_usage[] =
	"usage: petal notice [options] [PATH...]\n"
	"\n"
	"Scans directories, files and archives (default: .) and writes a third-party\n"
	"notice: for each license found, its full text once, the files and packages\n"
	"it covers, their copyright holders, and the NOTICE files of Apache-2.0\n"
	"components.  A choice (A OR B) takes the less demanding license for the use.\n"
	"Inputs not analysed (and NOTICE files not reproduced) are listed first, under\n"
	"\"Not analysed\", with the reason each.\n"
	"\n"
	"  -f, --format FMT       text (default), markdown, html\n"
	"  -u, --use USE          the use choices are made for (default\n"
	"                         distribute-binary)\n";

static const char notice_exit[] =
	"Exit: 0 done, 2 usage error, 3 some inputs failed (or a NOTICE file could not\n"
	"be read).\n";

/* A format: how to write a title, a paragraph and a block of verbatim
 * lines (paths, holders, license and NOTICE texts). */
struct notice_fmt {
	const char *name;
	void (*begin)(FILE *f, const char *title);
	void (*heading)(FILE *f, int level, const char *s);
	void (*para)(FILE *f, const char *s);
	void (*block)(FILE *f, const char *s, size_t n);
	void (*end)(FILE *f);
};

/* --- text ------------------------------------------------------------------ */

static void text_begin(FILE *f, const char *title)
{
	fprintf(f, "%s\n", title);
}

static void text_heading(FILE *f, int level, const char *s)
{
	size_t i, n = strlen(s);

	fprintf(f, "\n%s\n", s);
	for (i = 0; i < n; i++)
		fputc(level == 1 ? '=' : '-', f);
	fputc('\n', f);
}

static void text_para(FILE *f, const char *s)
{
	fprintf(f, "\n%s\n", s);
}

static void text_block(FILE *f, const char *s, size_t n)
{
	fputc('\n', f);
	fwrite(s, 1, n, f);
	if (n && s[n - 1] != '\n')
		fputc('\n', f);
}

static void text_end(FILE *f)
{
	(void)f;
}

/* --- markdown ---------------------------------------------------------------- */

static void md_escape(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\`*_[]<>|&#", *s))
			fputc('\\', f);
		fputc(*s, f);
	}
}

static void md_begin(FILE *f, const char *title)
{
	fputs("# ", f);
	md_escape(f, title);
	fputc('\n', f);
}

static void md_heading(FILE *f, int level, const char *s)
{
	fprintf(f, "\n%s ", level == 1 ? "##" : "###");
	md_escape(f, s);
	fputc('\n', f);
}

static void md_para(FILE *f, const char *s)
{
	fputc('\n', f);
	md_escape(f, s);
	fputc('\n', f);
}

/* A fence longer than any run of backticks in the text. */
static void md_block(FILE *f, const char *s, size_t n)
{
	size_t i, run = 0, longest = 0;

	for (i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		longest = run > longest ? run : longest;
	}
	longest = longest < 3 ? 3 : longest + 1;
	fputc('\n', f);
	for (i = 0; i < longest; i++)
		fputc('`', f);
	fputs("text\n", f);
	fwrite(s, 1, n, f);
	if (n && s[n - 1] != '\n')
		fputc('\n', f);
	for (i = 0; i < longest; i++)
		fputc('`', f);
	fputc('\n', f);
}

/* --- html -------------------------------------------------------------------- */

static void html_escape(FILE *f, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		switch (s[i]) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default: fputc(s[i], f);
		}
}

static void html_begin(FILE *f, const char *title)
{
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
	html_escape(f, title, strlen(title));
	fputs("</title>\n</head>\n<body>\n<h1>", f);
	html_escape(f, title, strlen(title));
	fputs("</h1>\n", f);
}

static void html_heading(FILE *f, int level, const char *s)
{
	fprintf(f, "<h%d>", level + 1);
	html_escape(f, s, strlen(s));
	fprintf(f, "</h%d>\n", level + 1);
}

static void html_para(FILE *f, const char *s)
{
	fputs("<p>", f);
	html_escape(f, s, strlen(s));
	fputs("</p>\n", f);
}

static void html_block(FILE *f, const char *s, size_t n)
{
	fputs("<pre>", f);
	html_escape(f, s, n);
	fputs("</pre>\n", f);
}

static void html_end(FILE *f)
{
	fputs("</body>\n</html>\n", f);
}

static const struct notice_fmt fmts[] = {
	{ "text", text_begin, text_heading, text_para, text_block, text_end },
	{ "markdown", md_begin, md_heading, md_para, md_block, text_end },
	{ "html", html_begin, html_heading, html_para, html_block, html_end },
};

/* --- content ------------------------------------------------------------------ */

/* The reference text of id: its own, or its twin's (an alias). */
static int find_text(const struct idx *x, const char *id, struct idx_lic *out)
{
	size_t i, n = strlen(id);

	for (i = 0; i < idx_count(x); i++) {
		const char *p;

		idx_lic(x, i, out);
		if (!strcmp(out->id, id))
			return 0;
		for (p = out->alias; (p = strstr(p, id)) != NULL; p += n)
			if ((p == out->alias || p[-1] == ' ') && (p[n] == ' ' || !p[n]))
				return 0;
	}
	return -1;
}

static void block_strs(const struct notice_fmt *nf, FILE *f, const struct oblig_strs *s)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < s->n; i++)
		buf_printf(&b, "%s\n", s->v[i]);
	if (b.len)
		nf->block(f, b.data, b.len);
	buf_release(&b);
}

/* A NOTICE file of a group, read again before anything is written: text
 * holds it (up to NOTICE_MAX), or why is why it is not reproduced. */
struct notice_text {
	char *path;  /* owned */
	struct buf text;
	char *why;   /* owned; NULL when read */
	int written; /* reproduced once, under the first group it goes with */
};

struct done {
	struct oblig_strs texts; /* license ids whose text was written */
	struct notice_text *nt;  /* every NOTICE file of every group */
	size_t nnt;
};

static char *why_dup(const char *fmt, const char *arg)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, fmt, arg);
	return buf_take(&b);
}

/* With --follow-symlinks the scan read a link that stays inside its root
 * through its target; so is a NOTICE read then.  The target's real path,
 * or NULL when path is no such link. */
static char *followed(const struct cli *c, const char *path)
{
	struct stat st;
	char *real;
	size_t i;

	if (!c->po.walk.follow || lstat(path, &st) < 0 || !S_ISLNK(st.st_mode) ||
	    !(real = realpath(path, NULL)))
		return NULL;
	for (i = 0; i < c->nroots; i++) {
		char *root = realpath(c->roots[i], NULL);
		size_t n = root ? strlen(root) : 0;
		int inside = n && !strncmp(real, root, n) && (real[n] == '/' || root[n - 1] == '/');

		free(root);
		if (inside)
			return real;
	}
	free(real);
	return NULL;
}

static int read_at(struct readf *rf, const char *path, struct perr *e)
{
	return readf_open(rf, path, 0, e) < 0 || readf_rest(rf, NOTICE_MAX, e) < 0 ? -1 : 0;
}

/* Why a NOTICE could not be read: a link not followed is skipped (as the
 * walk skips it), anything else failed (exit 3). */
static void notice_unread(struct oblig_cli *a, struct notice_text *t, const char *msg)
{
	struct stat st;
	int link = lstat(t->path, &st) == 0 && S_ISLNK(st.st_mode);
	char *why = why_dup("NOTICE file not reproduced: %s",
			    link ? "a symbolic link, not followed" : msg);

	t->why = xstrdup(why + strlen("NOTICE file not reproduced: "));
	oblig_unread_add(a->o, t->path, link ? "skipped" : "failed", why);
	if (!link)
		cli_failed(&a->c, t->path, "NOTICE file not reproduced: ", msg);
	free(why);
}

/* Through readf, as the scan reads files: no link followed (but one the
 * scan followed), nothing but a regular file, at most NOTICE_MAX bytes
 * kept.  A NOTICE that cannot be read (or only in part) goes under "Not
 * analysed" with the reason. */
static void notice_read(struct oblig_cli *a, struct notice_text *t)
{
	struct readf rf = READF_INIT;
	struct perr e = { PERR_OK, "" };
	char *real = NULL;
	int rc = read_at(&rf, t->path, &e);

	if (rc < 0 && (real = followed(&a->c, t->path)) != NULL)
		rc = read_at(&rf, real, &e);
	if (rc < 0) {
		notice_unread(a, t, e.msg);
	} else {
		buf_add(&t->text, rf.data ? (const char *)rf.data : "", rf.len);
		if (rf.truncated)
			oblig_unread_add(a->o, t->path, "truncated", "NOTICE file over 1 MiB: "
					 "only its first 1 MiB is reproduced");
	}
	readf_release(&rf);
	free(real);
}

/* What became of one NOTICE file: archive entries and inputs the scan
 * could not read are not read again. */
static void notice_load(struct oblig_cli *a, struct notice_text *t)
{
	const struct oblig_unread *u = oblig_unread_find(a->o, t->path);

	if (strstr(t->path, "!/")) {
		t->why = xstrdup("inside an archive");
		oblig_unread_add(a->o, t->path, "skipped",
				 "NOTICE file inside an archive: not reproduced");
	} else if (u && strcmp(u->status, "truncated")) {
		t->why = why_dup("%s", u->reason);
	} else {
		notice_read(a, t);
	}
}

static void notices_load(struct oblig_cli *a, struct done *d)
{
	size_t i, k, j;

	for (i = 0; i < oblig_ngroups(a->o); i++) {
		const struct oblig_strs *s = &oblig_group(a->o, i)->notices;

		for (k = 0; k < s->n; k++) {
			for (j = 0; j < d->nnt && strcmp(d->nt[j].path, s->v[k]); j++)
				;
			if (j < d->nnt)
				continue;
			d->nt = xrealloc(d->nt, (d->nnt + 1) * sizeof(*d->nt));
			memset(&d->nt[d->nnt], 0, sizeof(*d->nt));
			d->nt[d->nnt].path = xstrdup(s->v[k]);
			notice_load(a, &d->nt[d->nnt++]);
		}
	}
}

static void notice_file(const struct notice_fmt *nf, FILE *f, struct done *d, const char *path)
{
	struct buf b = BUF_INIT;
	size_t j;

	for (j = 0; j < d->nnt && strcmp(d->nt[j].path, path); j++)
		;
	if (j == d->nnt || d->nt[j].written)
		return;
	d->nt[j].written = 1;
	nf->heading(f, 2, path);
	if (d->nt[j].why) {
		buf_printf(&b, "(not reproduced: %s; see \"Not analysed\")", d->nt[j].why);
		nf->para(f, b.data);
	} else {
		nf->block(f, d->nt[j].text.data ? d->nt[j].text.data : "", d->nt[j].text.len);
	}
	buf_release(&b);
}

static int seen(struct oblig_strs *s, const char *v)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		if (!strcmp(s->v[i], v))
			return 1;
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 8;
		s->v = xrealloc(s->v, s->cap * sizeof(*s->v));
	}
	s->v[s->n++] = xstrdup(v);
	return 0;
}

/* The length of the scan root path is under (as the scan shows roots; 0
 * for "."), or -1 when it is under none. */
static long root_len(const struct cli *c, const char *path)
{
	long best = -1;
	size_t i;

	for (i = 0; i < c->nroots; i++) {
		char *r = walk_root_dup(c->roots[i]);
		size_t n = strlen(r);

		if ((!n || (!strncmp(path, r, n) && path[n] == '/')) && (long)n > best)
			best = (long)n;
		free(r);
	}
	return best;
}

/* One candidate LICENSES/<id>.txt, read as a NOTICE is (no link followed,
 * a regular file, at most NOTICE_MAX bytes, whole); 0 when it was. */
static int reuse_try(const char *dir, const char *id, struct buf *text, char **from)
{
	struct readf rf = READF_INIT;
	struct perr e = { PERR_OK, "" };
	struct buf p = BUF_INIT;
	int rc;

	buf_printf(&p, "%s%sLICENSES/%s.txt", dir, *dir ? "/" : "", id);
	rc = read_at(&rf, p.data, &e) == 0 && !rf.truncated && rf.len ? 0 : -1;
	if (!rc) {
		buf_add(text, (const char *)rf.data, rf.len);
		*from = buf_take(&p);
	}
	readf_release(&rf);
	buf_release(&p);
	return rc;
}

/* A LicenseRef's text as REUSE keeps it: LICENSES/<id>.txt in the
 * directory of one of its files or above, up to the scan root (not in
 * archives); 0 and *from (owned) when found. */
static int reuse_text(const struct cli *c, const struct oblig_group *g, struct buf *text,
		      char **from)
{
	size_t k;

	for (k = 0; k < g->files.n; k++) {
		const char *path = g->files.v[k];
		long top = root_len(c, path);
		char *dir, *slash;
		int rc = -1;

		if (top < 0 || strstr(path, "!/"))
			continue;
		dir = xstrdup(path);
		while (rc < 0 && (slash = strrchr(dir, '/')) && slash - dir >= top) {
			*slash = '\0';
			rc = reuse_try(dir, g->id, text, from);
		}
		if (rc < 0 && top == 0)
			rc = reuse_try("", g->id, text, from);
		free(dir);
		if (!rc)
			return 0;
	}
	return -1;
}

/* A LicenseRef without a reference text: its REUSE text, once. */
static int reuse_license(const struct notice_fmt *nf, FILE *f, const struct cli *c,
			 const struct oblig_group *g, struct done *d)
{
	struct buf t = BUF_INIT, b = BUF_INIT;
	char *from = NULL;

	if (strncmp(g->id, "LicenseRef-", 11) || reuse_text(c, g, &t, &from) < 0)
		return -1;
	if (seen(&d->texts, g->id)) {
		buf_printf(&b, "The text of %s is given above.", g->id);
		nf->para(f, b.data);
	} else {
		buf_printf(&b, "The text of %s, from %s:", g->id, from);
		nf->para(f, b.data);
		nf->block(f, t.data, t.len);
	}
	free(from);
	buf_release(&t);
	buf_release(&b);
	return 0;
}

static void license_text(const struct notice_fmt *nf, FILE *f, const struct cli *c,
			 const struct oblig_group *g, struct done *d)
{
	struct buf b = BUF_INIT;
	struct idx_lic L;
	size_t i;

	if (g->texts.n) {
		nf->para(f, g->texts.n == 1 ? "The text found in the files above (no known license):"
					    : "The texts found in the files above (no known license):");
		for (i = 0; i < g->texts.n; i++)
			nf->block(f, g->texts.v[i], strlen(g->texts.v[i]));
	} else if (find_text(&c->idx, g->id, &L) < 0) {
		if (reuse_license(nf, f, c, g, d) < 0) {
			buf_printf(&b, "petal has no reference text for %s: see the files above.",
				   g->id);
			nf->para(f, b.data);
		}
	} else if (seen(&d->texts, L.id)) {
		buf_printf(&b, "The text of %s is given above.", L.id);
		nf->para(f, b.data);
	} else {
		nf->block(f, L.text, L.text_len);
	}
	buf_reset(&b);
	if (g->exception) {
		buf_printf(&b, "With the exception %s; petal carries no exception texts: see the files above.", g->exception);
		nf->para(f, b.data);
	}
	buf_release(&b);
}

static void group(const struct notice_fmt *nf, FILE *f, const struct cli *c,
		  const struct oblig_group *g, struct done *d)
{
	size_t i;

	nf->heading(f, 1, g->license);
	if (g->files.n) {
		nf->para(f, "Files:");
		block_strs(nf, f, &g->files);
	}
	if (g->packages.n) {
		nf->para(f, "Packages:");
		block_strs(nf, f, &g->packages);
	}
	if (g->holders.n) {
		nf->para(f, "Copyright holders:");
		block_strs(nf, f, &g->holders);
	}
	for (i = 0; i < g->notices.n; i++)
		notice_file(nf, f, d, g->notices.v[i]);
	license_text(nf, f, c, g, d);
}

/* The inputs not analysed, near the top where a reader sees them: what
 * they hold is missing from the notice. */
static void unread_section(const struct notice_fmt *nf, FILE *f, const struct oblig *o)
{
	struct buf b = BUF_INIT;
	size_t i, n = oblig_nunread(o);

	if (!n)
		return;
	nf->heading(f, 1, "Not analysed");
	buf_printf(&b, "%zu input%s could not be analysed, or only in part: licenses, copyright "
		   "holders and NOTICE files in %s may be missing from this notice.", n,
		   n == 1 ? "" : "s", n == 1 ? "it" : "them");
	nf->para(f, b.data);
	buf_reset(&b);
	for (i = 0; i < n; i++) {
		const struct oblig_unread *u = oblig_unread(o, i);

		buf_printf(&b, "%s (%s: %s)\n", u->path, u->status, u->reason);
	}
	nf->block(f, b.data, b.len);
	buf_release(&b);
}

static void done_release(struct done *d)
{
	size_t i;

	for (i = 0; i < d->texts.n; i++)
		free(d->texts.v[i]);
	for (i = 0; i < d->nnt; i++) {
		free(d->nt[i].path);
		free(d->nt[i].why);
		buf_release(&d->nt[i].text);
	}
	free(d->texts.v);
	free(d->nt);
}

static void write_notice(const struct notice_fmt *nf, struct oblig_cli *a)
{
	struct done d = { { NULL, 0, 0 }, NULL, 0 };
	struct buf b = BUF_INIT;
	size_t i;

	notices_load(a, &d);
	nf->begin(a->c.out, "Third-party notices");
	buf_printf(&b, "Generated by petal %s from the files scanned; %zu license%s.",
		   PETAL_VERSION, oblig_ngroups(a->o), oblig_ngroups(a->o) == 1 ? "" : "s");
	if (oblig_nunread(a->o))
		buf_printf(&b, " %zu input%s not analysed: see \"Not analysed\".",
			   oblig_nunread(a->o), oblig_nunread(a->o) == 1 ? " was" : "s were");
	nf->para(a->c.out, b.data);
	unread_section(nf, a->c.out, a->o);
	for (i = 0; i < oblig_nchoices(a->o); i++) {
		const struct oblig_choice *c = oblig_choice(a->o, i);

		buf_reset(&b);
		buf_printf(&b, "%s is used under %s.", c->expression, c->chosen);
		nf->para(a->c.out, b.data);
	}
	for (i = 0; i < oblig_ngroups(a->o); i++)
		group(nf, a->c.out, &a->c, oblig_group(a->o, i), &d);
	nf->end(a->c.out);
	buf_release(&b);
	done_release(&d);
}

int cmd_notice(int argc, char **argv)
{
	static const char *const formats[] = { "text", "markdown", "html", NULL };
	struct oblig_cli a = { .c = { .name = "notice", .usage = notice_usage,
				      .exit_help = notice_exit, .formats = formats,
				      .what = "notice" },
			       .use = LM_USE_BINARY };
	int rc = oblig_cli_begin(&a, argc, argv);
	size_t i;

	errno = 0; /* what a failed write sets is the reason given */
	for (i = 0; rc < 0 && i < sizeof(fmts) / sizeof(fmts[0]); i++)
		if (!strcmp(fmts[i].name, a.c.format))
			write_notice(&fmts[i], &a);
	return oblig_cli_end(&a, rc);
}
