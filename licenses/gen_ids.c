/* SPDX-License-Identifier: MIT */
/* gen_ids.c -- build-time generator of the SPDX id table behind lic.h.
 *
 *   gen_ids LISTDIR EXCDIR DEPRECATED_TSV LISTPKG EXCPKG OUTBASE
 *
 * Reads, from the pinned npm packages fetched by licenses/fetch.sh:
 *   LISTDIR/spdx.json         spdx-license-list: id -> {name, url, osiApproved}
 *   EXCDIR/index.json         spdx-exceptions: array of exception ids
 *   EXCDIR/deprecated.json    spdx-exceptions: array of deprecated ones
 * and our licenses/deprecated.tsv (id TAB replacement expression, or "-"
 * for a deprecated id with no single replacement).
 *
 * Checks, so that a bad pin or a typo fails the build and not a scan:
 * each package directory holds the version LISTPKG/EXCPKG names; ids use
 * the characters the expression lexer knows; no id is listed twice, even
 * in another case; every TSV id exists; a replacement names only current
 * ids, licenses before WITH and exceptions after it; every id of
 * deprecated.json has a TSV line.
 *
 * Writes OUTBASE.h (declarations) and OUTBASE.c: lic_table[] sorted by id
 * with strcasecmp, then bytes (what lic_find()'s binary search expects),
 * lic_table_len and lic_table_version ("LISTPKG EXCPKG").  Both are
 * written to a temporary name and renamed, so a failed run leaves no
 * half-written table for make to trust.  Output depends only on input.
 *
 * Runs on the build host; exits 1 with a message on any bad input.  Memory
 * is never freed: the process is short-lived. */
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "gen_util.h"

struct ent {
	char *id;          /* owned */
	char *name;        /* owned; exceptions: the id */
	char *replacement; /* owned; NULL unless deprecated with one */
	int osi, deprecated, exception;
	int in_dep_json; /* listed in spdx-exceptions' deprecated.json */
};

struct table {
	struct ent *v; /* owned */
	size_t n, cap;
};

/* --- reading -------------------------------------------------------------- */

static json_object *load(const char *dir, const char *file, json_type want)
{
	char path[4096];
	json_object *o;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	o = json_object_from_file(path);
	if (!o)
		gen_die("cannot read %s: %s", path, json_util_get_last_err());
	if (!json_object_is_type(o, want))
		gen_die("%s: unexpected layout (not a JSON %s)", path, json_type_to_name(want));
	return o;
}

static const char *get_str(json_object *o, const char *key)
{
	json_object *v;

	if (!json_object_object_get_ex(o, key, &v) || !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* The fetched tree must be the pinned one: a stale build/cache after the
 * pin moved would otherwise give old ids under the new version string. */
static void check_version(const char *dir, const char *pkg)
{
	json_object *o = load(dir, "package.json", json_type_object);
	const char *name = get_str(o, "name"), *ver = get_str(o, "version");
	char got[512];

	snprintf(got, sizeof(got), "%s@%s", name ? name : "?", ver ? ver : "?");
	if (strcmp(got, pkg))
		gen_die("%s holds %s, but %s is pinned: delete that directory and run make again",
		    dir, got, pkg);
	json_object_put(o);
}

/* [A-Za-z0-9.-]+, and for licenses an optional final '+' (GPL-2.0+):
 * what rules/expr.c's lexer can read back. */
static int valid_id(const char *id, int plus_ok)
{
	static const char chars[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-";
	size_t n = strlen(id);

	if (plus_ok && n > 1 && id[n - 1] == '+')
		n--;
	return n > 0 && strspn(id, chars) == n;
}

static struct ent *find(const struct table *t, const char *id, size_t len)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strlen(t->v[i].id) == len && !strncasecmp(t->v[i].id, id, len))
			return &t->v[i];
	return NULL;
}

static struct ent *add(struct table *t, const char *id, const char *name, int exception)
{
	struct ent *e;

	if (!valid_id(id, !exception))
		gen_die("'%s': not an id the expression parser can read", id);
	e = find(t, id, strlen(id));
	if (e)
		gen_die("'%s' is listed twice (also as '%s')", id, e->id);
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->v = realloc(t->v, t->cap * sizeof(*t->v));
		if (!t->v)
			gen_die("out of memory");
	}
	e = &t->v[t->n++];
	memset(e, 0, sizeof(*e));
	e->id = xstrdup(id);
	e->name = xstrdup(name);
	e->exception = exception;
	return e;
}

static void read_licenses(struct table *t, const char *dir)
{
	json_object *all = load(dir, "spdx.json", json_type_object);

	json_object_object_foreach(all, id, val) {
		int is_obj = json_object_is_type(val, json_type_object);
		const char *name = is_obj ? get_str(val, "name") : NULL;
		json_object *osi;

		if (!name)
			gen_die("%s/spdx.json: '%s' has no name", dir, id);
		add(t, id, name, 0)->osi = json_object_object_get_ex(val, "osiApproved", &osi) &&
					   json_object_get_boolean(osi);
	}
	json_object_put(all);
}

/* index.json lists the current exceptions, deprecated.json the others. */
static void read_exceptions(struct table *t, const char *dir, const char *file, int deprecated)
{
	json_object *all = load(dir, file, json_type_array);
	size_t i;

	for (i = 0; i < json_object_array_length(all); i++) {
		json_object *v = json_object_array_get_idx(all, i);
		const char *id;

		if (!json_object_is_type(v, json_type_string))
			gen_die("%s/%s: entry %zu is not a string", dir, file, i);
		id = json_object_get_string(v);
		add(t, id, id, 1)->in_dep_json = deprecated;
	}
	json_object_put(all);
}

static void read_deprecated(struct table *t, const char *path)
{
	FILE *f = gen_open(path);
	char line[1024];
	unsigned lineno = 0;

	while (gen_line(f, line, sizeof(line), path, &lineno)) {
		char *tab = strchr(line, '\t');
		struct ent *e;

		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!tab)
			gen_die("%s:%u: no TAB between id and replacement", path, lineno);
		*tab = '\0';
		e = find(t, line, strlen(line));
		if (!e || strcmp(e->id, line))
			gen_die("%s:%u: '%s' is not in the pinned lists%s%s", path, lineno, line,
			    e ? "; write " : "", e ? e->id : "");
		if (e->deprecated)
			gen_die("%s:%u: '%s' has two lines", path, lineno, line);
		e->deprecated = 1;
		if (!tab[1])
			gen_die("%s:%u: no replacement for '%s' (write - for none)", path, lineno, line);
		e->replacement = strcmp(tab + 1, "-") ? xstrdup(tab + 1) : NULL;
	}
	fclose(f);
}

/* --- checking replacements ----------------------------------------------- */

static int is_op(const char *p, size_t n)
{
	return (n == 3 && !strncmp(p, "AND", 3)) || (n == 2 && !strncmp(p, "OR", 2));
}

/* Every id of a license's replacement: current, an exception right after
 * WITH and a license elsewhere.  The full grammar is rules/expr.c's, and
 * tests/test_lic.c parses every replacement with it. */
static void check_license_replacement(const struct table *t, const struct ent *dep)
{
	const char *p = dep->replacement;
	int after_with = 0;

	while (*p) {
		const struct ent *e;
		size_t n;

		p += strspn(p, " ()");
		n = strcspn(p, " ()");
		if (!n)
			continue;
		if (n == 4 && !strncmp(p, "WITH", 4)) {
			after_with = 1;
		} else if (is_op(p, n)) {
			after_with = 0;
		} else {
			e = find(t, p, n);
			if (!e)
				gen_die("deprecated.tsv: %s -> '%s': '%.*s' is not in the pinned lists",
				    dep->id, dep->replacement, (int)n, p);
			if (strncmp(e->id, p, n))
				gen_die("deprecated.tsv: %s -> '%s': write '%s', as the list does",
				    dep->id, dep->replacement, e->id);
			if (e->deprecated)
				gen_die("deprecated.tsv: %s -> '%s': '%s' is deprecated too", dep->id,
				    dep->replacement, e->id);
			if (e->exception != after_with)
				gen_die("deprecated.tsv: %s -> '%s': '%s' is %s", dep->id,
				    dep->replacement, e->id,
				    after_with ? "not an exception, after WITH"
					       : "an exception, not after WITH");
			after_with = 0;
		}
		p += n;
	}
}

static void check_exception_replacement(const struct table *t, const struct ent *dep)
{
	const struct ent *e;

	if (!dep->replacement)
		gen_die("deprecated.tsv: exception %s needs a replacement", dep->id);
	e = find(t, dep->replacement, strlen(dep->replacement));
	if (!e || strcmp(e->id, dep->replacement) || !e->exception || e->deprecated)
		gen_die("deprecated.tsv: %s -> '%s': not a current exception id", dep->id,
		    dep->replacement);
}

static void check(const struct table *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct ent *e = &t->v[i];

		if (e->in_dep_json && !e->deprecated)
			gen_die("deprecated.tsv: %s (in spdx-exceptions' deprecated.json) has no line",
			    e->id);
		if (e->deprecated && e->exception)
			check_exception_replacement(t, e);
		else if (e->replacement)
			check_license_replacement(t, e);
	}
}

/* --- writing ------------------------------------------------------------- */

static int ent_cmp(const void *pa, const void *pb)
{
	const struct ent *a = pa, *b = pb;
	int c = strcasecmp(a->id, b->id);

	return c ? c : strcmp(a->id, b->id);
}

/* A C string literal: octal escapes outside printable ASCII (names are
 * UTF-8), and '?' escaped so that no trigraph can form under -std=c11. */
static void put_str(FILE *f, const char *s)
{
	if (!s) {
		fputs("NULL", f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\' || c == '?')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\%03o", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void out_open(struct gen_out *o, const char *base, const char *ext)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s%s", base, ext);
	gen_out_open(o, path);
}

static void write_h(const char *base)
{
	struct gen_out o;

	out_open(&o, base, ".h");
	fputs("/* Generated by licenses/gen_ids.c: do not edit.  See licenses/lic.h. */\n"
	      "#ifndef PETAL_LIC_TABLE_H\n#define PETAL_LIC_TABLE_H\n\n"
	      "#include <stddef.h>\n\n#include \"lic.h\"\n\n"
	      "extern const struct lic_info lic_table[];  /* sorted: strcasecmp, then bytes */\n"
	      "extern const size_t lic_table_len;\n"
	      "extern const char lic_table_version[];\n\n#endif\n",
	      o.f);
	gen_out_close(&o);
}

static void write_c(const struct table *t, const char *base, const char *version)
{
	size_t i, nexc = 0, ndep = 0;
	struct gen_out o;

	for (i = 0; i < t->n; i++) {
		nexc += t->v[i].exception != 0;
		ndep += t->v[i].deprecated != 0;
	}
	out_open(&o, base, ".c");
	fprintf(o.f, "/* Generated by licenses/gen_ids.c from %s and licenses/deprecated.tsv:\n"
		     " * do not edit.  %zu licenses, %zu exceptions, %zu deprecated ids. */\n"
		     "#include \"lic_table.h\"\n\nconst char lic_table_version[] = ",
		version, t->n - nexc, nexc, ndep);
	put_str(o.f, version);
	fprintf(o.f, ";\nconst size_t lic_table_len = %zu;\n\n"
		     "const struct lic_info lic_table[] = {\n", t->n);
	for (i = 0; i < t->n; i++) {
		const struct ent *e = &t->v[i];

		fputs("\t{ ", o.f);
		put_str(o.f, e->id);
		fputs(", ", o.f);
		put_str(o.f, e->name);
		fputs(", ", o.f);
		put_str(o.f, e->replacement);
		fprintf(o.f, ", %d, %d, %d },\n", e->osi, e->deprecated, e->exception);
	}
	fputs("};\n", o.f);
	gen_out_close(&o);
}

int main(int argc, char **argv)
{
	struct table t = { NULL, 0, 0 };
	char version[512];

	if (argc != 7)
		gen_die("usage: gen_ids LISTDIR EXCDIR DEPRECATED_TSV LISTPKG EXCPKG OUTBASE");
	check_version(argv[1], argv[4]);
	check_version(argv[2], argv[5]);
	read_licenses(&t, argv[1]);
	read_exceptions(&t, argv[2], "index.json", 0);
	read_exceptions(&t, argv[2], "deprecated.json", 1);
	read_deprecated(&t, argv[3]);
	check(&t);
	if (t.n) /* qsort wants a non-null array */
		qsort(t.v, t.n, sizeof(*t.v), ent_cmp);
	snprintf(version, sizeof(version), "%s %s", argv[4], argv[5]);
	write_h(argv[6]);
	write_c(&t, argv[6], version);
	return 0;
}
