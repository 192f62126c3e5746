/* SPDX-License-Identifier: MIT */
/* gen_licmeta.c -- build-time compiler of rules/licmeta.txt into lm_table[].
 *
 *   gen_licmeta rules/licmeta.txt OUT.c
 *
 * Reads the data file (format in its top comment), checks it against the
 * embedded id list (licenses/lic.c, linked in), and writes OUT.c: one
 * struct lm_info per id, in lic_at() order, so that lm_find() is lic_find()
 * plus an index.  Checks, so that a typo fails the build and not a scan:
 * every id exists and has exactly one entry; categories, bases, uses,
 * obligations and scopes are known names; macros are defined before use
 * and not twice; a license with source terms has a scope and one without
 * has none; an exception only lifts ('-name'), a license never does; an
 * alias ("ID = TARGET") names an entry that is not itself an alias.
 *
 * Writes to OUT.c.tmp and renames, so a failed run leaves nothing for make
 * to trust.  Output depends only on input.  Exits 1 with "FILE:LINE: what"
 * on bad input.  Memory is never freed: the process is short-lived. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "gen_util.h"
#include "lic.h"
#include "licmeta.h"

#define MAX_MACROS 256

/* licmeta.c (linked in for its name tables) reads the table this program
 * writes; here it is empty. */
const struct lm_info lm_table[1];
const size_t lm_table_len = 0;

struct ent {
	int set;     /* seen in the file */
	int line;
	char *alias; /* "ID = TARGET": TARGET */
	char *with;  /* "ID = TARGET WITH EXC": EXC */
	struct lm_info info;
	char *note;
};

struct macro {
	char *name;
	char *terms;
};

struct gen {
	const char *path;
	int line;
	struct ent *ents; /* parallel to lic_at() */
	struct macro macros[MAX_MACROS];
	size_t nmacros;
};

static void die(struct gen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3), noreturn));

static void die(struct gen *g, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	gen_die("%s:%d: %s", g->path, g->line, msg);
}

static size_t ent_index(struct gen *g, const char *id)
{
	const struct lic_info *l = lic_find(id, strlen(id));

	if (!l || strcmp(l->id, id))
		die(g, "'%s' is not an id of the embedded list (check its case)", id);
	return (size_t)(l - lic_at(0));
}

static const char *macro_find(struct gen *g, const char *name)
{
	size_t i;

	for (i = 0; i < g->nmacros; i++)
		if (!strcmp(g->macros[i].name, name))
			return g->macros[i].terms;
	die(g, "macro '@%s' is not defined above", name);
}

/* "dist" -> the two distribution uses; "bin+saas" -> two bits. */
static unsigned parse_uses(struct gen *g, char *s)
{
	unsigned m = 0;
	char *tok, *save = NULL;
	enum lm_use u;

	for (tok = strtok_r(s, "+", &save); tok; tok = strtok_r(NULL, "+", &save)) {
		if (!strcmp(tok, "all"))
			m |= (1u << LM_NUSES) - 1;
		else if (!strcmp(tok, "dist"))
			m |= 1u << LM_USE_BINARY | 1u << LM_USE_SOURCE;
		else if (!strcmp(tok, "bin"))
			m |= 1u << LM_USE_BINARY;
		else if (!strcmp(tok, "src"))
			m |= 1u << LM_USE_SOURCE;
		else if (lm_use_parse(tok, &u) == 0)
			m |= 1u << u;
		else
			die(g, "unknown use '%s'", tok);
	}
	return m;
}

static int parse_scope(const char *s, enum lm_scope *out)
{
	static const enum lm_scope all[] = { LM_SCOPE_FILE, LM_SCOPE_LIBRARY, LM_SCOPE_WORK };
	size_t i;

	for (i = 0; i < 3; i++)
		if (!strcmp(s, lm_scope_name(all[i])))
			return *out = all[i], 0;
	return -1;
}

/* "USES:ob,-ob" */
static void term_oblig(struct gen *g, struct ent *e, char *t)
{
	char *colon = strchr(t, ':'), *tok, *save = NULL;
	unsigned uses, bits = 0, bit;
	int u;

	if (!colon)
		die(g, "'%s': want USES:OBLIGATION,... or scope=S or @macro", t);
	*colon = '\0';
	uses = parse_uses(g, t);
	for (tok = strtok_r(colon + 1, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int lift = *tok == '-';

		if (lift != e->info.exception)
			die(g, "'%s': exceptions only lift ('-name'), licenses never do", tok);
		if (lm_oblig_parse(tok + lift, &bit) < 0)
			die(g, "unknown obligation '%s'", tok + lift);
		bits |= bit;
	}
	for (u = 0; u < LM_NUSES; u++)
		if (uses & 1u << u)
			e->info.oblig[u] |= bits;
}

static void terms(struct gen *g, struct ent *e, char *s, int depth)
{
	char *tok, *save = NULL;

	if (depth > 4)
		die(g, "macros nested too deep");
	for (tok = strtok_r(s, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		if (*tok == '@') {
			char *copy = xstrdup(macro_find(g, tok + 1));

			terms(g, e, copy, depth + 1);
		} else if (!strncmp(tok, "scope=", 6)) {
			if (parse_scope(tok + 6, &e->info.scope) < 0)
				die(g, "unknown scope '%s'", tok + 6);
		} else {
			term_oblig(g, e, tok);
		}
	}
}

static void check_scope(struct gen *g, const struct ent *e)
{
	unsigned src = LM_DISCLOSE_SOURCE | LM_NETWORK_DISCLOSURE, any = 0;
	int u;

	for (u = 0; u < LM_NUSES; u++)
		any |= e->info.oblig[u];
	if (!e->info.exception && !!(any & src) != (e->info.scope != LM_SCOPE_NONE))
		die(g, "%s: scope=... goes with disclose-source or network-disclosure, "
		       "and they need it", e->info.id);
}

static void macro_def(struct gen *g, char *s)
{
	char *sp = s + strcspn(s, " \t");

	if (!*sp || g->nmacros == MAX_MACROS)
		die(g, "a macro is '@name TERMS...' (at most %d)", MAX_MACROS);
	*sp++ = '\0';
	for (size_t i = 0; i < g->nmacros; i++)
		if (!strcmp(g->macros[i].name, s + 1))
			die(g, "macro '%s' defined twice", s);
	g->macros[g->nmacros].name = xstrdup(s + 1);
	g->macros[g->nmacros++].terms = xstrdup(sp);
}

/* "ID CATEGORY BASIS TERMS... | NOTE" or "ID = TARGET | NOTE" */
static void entry(struct gen *g, char *s)
{
	char *bar = strchr(s, '|'), *save = NULL, *id, *cat, *basis;
	struct ent *e;

	if (bar) {
		*bar++ = '\0';
		bar += strspn(bar, " \t");
	}
	id = strtok_r(s, " \t", &save);
	cat = strtok_r(NULL, " \t", &save);
	e = &g->ents[ent_index(g, id)];
	if (e->set)
		die(g, "%s: second entry (first on line %d)", id, e->line);
	e->set = 1;
	e->line = g->line;
	e->info.id = lic_at((size_t)(e - g->ents))->id;
	e->info.exception = lic_at((size_t)(e - g->ents))->exception;
	e->note = xstrdup(bar ? bar : "");
	if (cat && !strcmp(cat, "=")) {
		if (!(e->alias = strtok_r(NULL, " \t", &save)))
			die(g, "%s: alias without a target", id);
		e->alias = xstrdup(e->alias);
		if ((e->with = strtok_r(NULL, " \t", &save)) != NULL) {
			if (strcmp(e->with, "WITH") || !(e->with = strtok_r(NULL, " \t", &save)))
				die(g, "%s: want '= LICENSE' or '= LICENSE WITH EXCEPTION'", id);
			e->with = xstrdup(e->with);
		}
		return;
	}
	basis = strtok_r(NULL, " \t", &save);
	if (!cat || lm_category_parse(cat, &e->info.category) < 0)
		die(g, "%s: unknown category '%s'", id, cat ? cat : "");
	if (!basis || (strcmp(basis, "curated") && strcmp(basis, "derived") && strcmp(basis, "nodata")))
		die(g, "%s: basis must be curated, derived or nodata", id);
	e->info.basis = *basis == 'c' ? LM_CURATED : *basis == 'd' ? LM_DERIVED : LM_NODATA;
	if (e->info.basis == LM_NODATA && !*e->note)
		die(g, "%s: nodata needs a reason after '|'", id);
	terms(g, e, save ? save : (char *)"", 0);
	check_scope(g, e);
}

/* "GPL-2.0-only WITH Classpath-exception-2.0": what lm_expr_eval does, and
 * the exception's category. */
static void apply_exception(struct gen *g, struct ent *e)
{
	const struct ent *x = &g->ents[ent_index(g, e->with)];

	if (!x->set || x->alias || !x->info.exception || e->info.exception)
		die(g, "%s: '%s' must be a plain exception entry", e->info.id, e->with);
	lm_with(&e->info, &x->info);
}

static void resolve_aliases(struct gen *g)
{
	size_t i;

	for (i = 0; i < lic_count(); i++) {
		struct ent *e = &g->ents[i], *t;

		if (!e->set) {
			g->line = 0;
			die(g, "%s: no entry", lic_at(i)->id);
		}
		if (!e->alias)
			continue;
		g->line = e->line;
		t = &g->ents[ent_index(g, e->alias)];
		if (!t->set || t->alias || t->info.exception != e->info.exception)
			die(g, "%s = %s: the target must be a plain entry of the same kind", e->info.id,
			    e->alias);
		e->info = t->info;
		e->info.id = lic_at(i)->id;
		if (e->with)
			apply_exception(g, e);
		if (!*e->note)
			e->note = t->note;
	}
}

static void read_file(struct gen *g)
{
	FILE *f = gen_open(g->path);
	char line[4096];
	unsigned lineno = 0;

	while (gen_line(f, line, sizeof(line), g->path, &lineno)) {
		size_t n = strlen(line);

		g->line = (int)lineno;
		while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
			line[--n] = '\0';
		if (!n || line[0] == '#')
			continue;
		if (line[0] == '@')
			macro_def(g, line);
		else
			entry(g, line);
	}
	fclose(f);
}

static void put_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++)
		if (*s == '"' || *s == '\\')
			fprintf(f, "\\%c", *s);
		else if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			fprintf(f, "\\%03o", (unsigned char)*s);
		else
			fputc(*s, f);
	fputc('"', f);
}

static void write_table(struct gen *g, const char *out)
{
	static const char *const cats[] = { "LM_PERMISSIVE", "LM_WEAK_COPYLEFT",
		"LM_STRONG_COPYLEFT", "LM_NETWORK_COPYLEFT", "LM_PUBLIC_DOMAIN",
		"LM_SOURCE_AVAILABLE", "LM_PROPRIETARY_FREE", "LM_UNKNOWN" };
	static const char *const bases[] = { "LM_CURATED", "LM_DERIVED", "LM_NODATA" };
	static const char *const scopes[] = { "LM_SCOPE_NONE", "LM_SCOPE_FILE",
		"LM_SCOPE_LIBRARY", "LM_SCOPE_WORK" };
	struct gen_out o;
	FILE *f;
	size_t i;

	gen_out_open(&o, out);
	f = o.f;
	fprintf(f, "/* Generated by rules/gen_licmeta.c from %s: do not edit. */\n"
		   "#include \"licmeta.h\"\n\nconst size_t lm_table_len = %zu;\n\n"
		   "const struct lm_info lm_table[] = {\n", g->path, lic_count());
	for (i = 0; i < lic_count(); i++) {
		const struct lm_info *m = &g->ents[i].info;

		fprintf(f, "\t{ ");
		put_str(f, m->id);
		fprintf(f, ", %s, %s, %d, %s, { %#x, %#x, %#x, %#x }, ", cats[m->category],
			bases[m->basis], m->exception, scopes[m->scope], m->oblig[0], m->oblig[1],
			m->oblig[2], m->oblig[3]);
		put_str(f, g->ents[i].note);
		fprintf(f, " },\n");
	}
	fprintf(f, "};\n");
	gen_out_close(&o);
}

int main(int argc, char **argv)
{
	struct gen g = { NULL, 0, NULL, { { NULL, NULL } }, 0 };

	if (argc != 3) {
		fprintf(stderr, "usage: gen_licmeta licmeta.txt OUT.c\n");
		return 2;
	}
	g.path = argv[1];
	g.ents = calloc(lic_count(), sizeof(*g.ents));
	if (!g.ents)
		return 1;
	read_file(&g);
	resolve_aliases(&g);
	write_table(&g, argv[2]);
	return 0;
}
