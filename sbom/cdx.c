/* SPDX-License-Identifier: MIT */
/* cdx.c -- CycloneDX 1.6 JSON writer; see cdx.h. */
#include <json-c/json.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cdx.h"
#include "hash.h"
#include "lic.h"
#include "version.h"

#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)
#define PARTIAL_MAX 200 /* files read in part named in metadata; the rest counted */

static void put(json_object *o, const char *k, const char *v)
{
	if (v)
		json_object_object_add(o, k, json_object_new_string(v));
}

/* Appends {"name": k, "value": v} to o's "properties", made on first use. */
static void prop(json_object *o, const char *k, const char *v)
{
	json_object *a, *p = json_object_new_object();

	if (!json_object_object_get_ex(o, "properties", &a)) {
		a = json_object_new_array();
		json_object_object_add(o, "properties", a);
	}
	put(p, "name", k);
	put(p, "value", v);
	json_object_array_add(a, p);
}

static json_object *hashes(const unsigned char *sha1, const unsigned char *sha256)
{
	json_object *a = json_object_new_array(), *h;
	char hex[65];

	h = json_object_new_object();
	put(h, "alg", "SHA-1");
	hash_hex(sha1, 20, hex);
	put(h, "content", hex);
	json_object_array_add(a, h);
	h = json_object_new_object();
	put(h, "alg", "SHA-256");
	hash_hex(sha256, 32, hex);
	put(h, "content", hex);
	json_object_array_add(a, h);
	return a;
}

static int cmp_ref(const void *key, const void *r)
{
	return strcmp(key, ((const struct sbom_ref *)r)->id);
}

/* The definition of a LicenseRef-x (refs are sorted by id), or NULL. */
static const struct sbom_ref *find_ref(const struct sbom_doc *d, const char *id)
{
	return d->nrefs ? bsearch(id, d->refs, d->nrefs, sizeof(*d->refs), cmp_ref) : NULL;
}

/* A plain listed id is an "id"; "A WITH B", "X+", LicenseRef-x are names.
 * With d, a LicenseRef carries its text (what SPDX's extractedText has). */
static json_object *lic_entry(const struct sbom_doc *d, const char *s)
{
	json_object *o = json_object_new_object(), *l = json_object_new_object();
	const struct lic_info *li = lic_find(s, strlen(s));
	const struct sbom_ref *r = d ? find_ref(d, s) : NULL;

	put(l, li && !li->exception && !strcmp(li->id, s) ? "id" : "name", s);
	if (r && r->text) {
		json_object *t = json_object_new_object();

		put(t, "contentType", "text/plain");
		put(t, "content", r->text);
		json_object_object_add(l, "text", t);
	}
	json_object_object_add(o, "license", l);
	return o;
}

/* "licenses": an expression (a single id is one too), with whether it
 * was declared or concluded.  (A license "id" with an acknowledgement
 * trips the official validator's $ref resolution, so ids are kept for
 * evidence, where no acknowledgement is given.) */
static json_object *licenses(const char *x, const char *ack)
{
	json_object *a = json_object_new_array(), *o = json_object_new_object();

	put(o, "expression", x);
	put(o, "acknowledgement", ack);
	json_object_array_add(a, o);
	return a;
}

static json_object *named(const char *name, const char *ack)
{
	json_object *a = json_object_new_array(), *o = json_object_new_object();
	json_object *l = json_object_new_object();

	put(l, "name", name);
	put(l, "acknowledgement", ack);
	json_object_object_add(o, "license", l);
	json_object_array_add(a, o);
	return a;
}

/* evidence: licenses found, copyright statements (one per line).  d:
 * LicenseRefs with their texts (packages; their files name them only). */
static json_object *evidence(const struct sbom_doc *d, char *const *lics, size_t nlics,
			     const char *copyright)
{
	json_object *o = json_object_new_object();
	size_t i;

	if (nlics) {
		json_object *a = json_object_new_array();

		for (i = 0; i < nlics; i++)
			json_object_array_add(a, lic_entry(d, lics[i]));
		json_object_object_add(o, "licenses", a);
	}
	if (copyright) {
		json_object *a = json_object_new_array();
		const char *p = copyright;

		while (*p) {
			size_t n = strcspn(p, "\n");
			json_object *c = json_object_new_object();

			json_object_object_add(c, "text", json_object_new_string_len(p, (int)n));
			json_object_array_add(a, c);
			p += n + (p[n] == '\n');
		}
		json_object_object_add(o, "copyright", a);
	}
	if (!nlics && !copyright) {
		json_object_put(o);
		return NULL;
	}
	return o;
}

/* Failed after its hashes, read in part, or (an archive) not opened. */
static int partial(const struct sbom_file *f)
{
	return f->status != FS_SCANNED || f->comment;
}

/* What petal:status says of such a file. */
static const char *partial_status(const struct sbom_file *f)
{
	return f->status != FS_SCANNED ? result_status_name(f->status)
	       : f->analysed		? "scanned" : "truncated";
}

static json_object *file_comp(const struct sbom_doc *d, const struct sbom_file *f)
{
	json_object *o = json_object_new_object(), *ev;

	put(o, "type", "file");
	put(o, "bom-ref", f->id);
	put(o, "name", f->name);
	json_object_object_add(o, "hashes", hashes(f->sha1, f->sha256));
	if (d->o.conclude && f->concluded)
		json_object_object_add(o, "licenses", licenses(f->concluded, "concluded"));
	ev = f->analysed ? evidence(NULL, f->lics, f->nlics, f->copyright) : NULL;
	if (ev)
		json_object_object_add(o, "evidence", ev);
	if (partial(f)) {
		prop(o, "petal:status", partial_status(f));
		prop(o, "petal:reason", f->comment);
	}
	return o;
}

/* An input without content: a file component with no hashes, its status
 * (symlink, skipped, failed) and reason as properties. */
static json_object *skip_comp(const struct sbom_skip *s)
{
	json_object *o = json_object_new_object();

	put(o, "type", "file");
	put(o, "bom-ref", s->id);
	put(o, "name", s->name);
	prop(o, "petal:status", s->type == FT_SYMLINK ? "symlink" : result_status_name(s->status));
	prop(o, "petal:reason", s->reason);
	return o;
}

/* "Person: x" -> "x". */
static const char *agent_name(const char *s)
{
	const char *c = s ? strchr(s, ':') : NULL;

	return c ? c + 1 + (c[1] == ' ') : s;
}

/* An SPDX agent "Kind: NAME (EMAIL)" as CycloneDX's contact fields: "name"
 * and, when the parentheses hold an e-mail, "email"; 1 when it had one. */
static int put_contact(json_object *o, const char *agent)
{
	const char *s = agent_name(agent), *open = strrchr(s, '(');
	size_t n = strlen(s);

	if (!open || open == s || open[-1] != ' ' || s[n - 1] != ')' ||
	    !memchr(open, '@', (size_t)(s + n - open))) {
		put(o, "name", s);
		return 0;
	}
	json_object_object_add(o, "name", json_object_new_string_len(s, (int)(open - 1 - s)));
	json_object_object_add(o, "email",
			       json_object_new_string_len(open + 1, (int)(s + n - open - 2)));
	return 1;
}

static json_object *pkg_comp(const struct sbom_doc *d, size_t pi, int files);

/* A package's packages, then (--cdx-files) its files and its inputs
 * without content. */
static json_object *children(const struct sbom_doc *d, size_t pi, int files)
{
	const struct sbom_pkg *p = &d->pkgs[pi];
	json_object *kids = json_object_new_array();
	size_t i;

	for (i = 1; i < d->npkgs; i++)
		if (d->pkgs[i].parent == pi)
			json_object_array_add(kids, pkg_comp(d, i, files));
	for (i = 0; files && i < p->nfiles; i++)
		json_object_array_add(kids, file_comp(d, &d->files[p->files[i]]));
	for (i = 0; files && i < d->nskips; i++)
		if (d->skips[i].pkg == pi)
			json_object_array_add(kids, skip_comp(&d->skips[i]));
	return kids;
}

/* "licenses": the declared license, else (--conclude) the concluded one.
 * CycloneDX 1.6 holds one expression (its own tests call a declared
 * expression next to a concluded one invalid), so with both the concluded
 * expression is the property petal:licenseConcluded. */
static void pkg_licenses(const struct sbom_doc *d, const struct sbom_pkg *p, json_object *o)
{
	const char *concl = d->o.conclude && p->nfiles ? p->concluded : NULL;

	if (p->declared_raw) /* not SPDX: by name, as the manifest wrote it */
		json_object_object_add(o, "licenses", named(p->declared_raw, "declared"));
	else if (p->declared)
		json_object_object_add(o, "licenses", licenses(p->declared, "declared"));
	else if (concl)
		json_object_object_add(o, "licenses", licenses(concl, "concluded"));
	if ((p->declared_raw || p->declared) && concl)
		prop(o, "petal:licenseConcluded", concl);
}

/* The manifest's homepage, when it is a URL (the schema wants an IRI). */
static void homepage(const struct sbom_pkg *p, json_object *o)
{
	json_object *a, *r;

	if (!p->homepage || (strncmp(p->homepage, "https://", 8) && strncmp(p->homepage, "http://", 7)) ||
	    strpbrk(p->homepage, " \t\r\n\"<>\\^`{|}"))
		return;
	a = json_object_new_array();
	r = json_object_new_object();
	put(r, "type", "website");
	put(r, "url", p->homepage);
	json_object_array_add(a, r);
	json_object_object_add(o, "externalReferences", a);
}

static int cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The copyright statements of a package's files, distinct, sorted, one a
 * line (without --cdx-files, the only place they appear); NULL if none. */
static char *pkg_copyrights(const struct sbom_doc *d, const struct sbom_pkg *p)
{
	struct buf all = BUF_INIT, out = BUF_INIT;
	char **v = NULL, *q;
	size_t j, n = 0, cap = 0;

	for (j = 0; j < p->nfiles; j++)
		if (d->files[p->files[j]].copyright)
			buf_printf(&all, "%s\n", d->files[p->files[j]].copyright);
	for (q = all.data; q && *q; q = strchr(q, '\0') + 1) {
		if (n == cap)
			v = xrealloc(v, (cap = cap ? 2 * cap : 16) * sizeof(*v));
		v[n++] = q;
		q[strcspn(q, "\n")] = '\0';
	}
	if (n)
		qsort(v, n, sizeof(*v), cmp_line);
	for (j = 0; j < n; j++)
		if (*v[j] && (!j || strcmp(v[j - 1], v[j])))
			buf_printf(&out, "%s%s", out.len ? "\n" : "", v[j]);
	free(v);
	buf_release(&all);
	if (out.len)
		return buf_take(&out);
	buf_release(&out);
	return NULL;
}

/* The root's children are the document's components, not nested. */
static json_object *pkg_comp(const struct sbom_doc *d, size_t pi, int files)
{
	const struct sbom_pkg *p = &d->pkgs[pi];
	json_object *o = json_object_new_object(), *kids, *ev;
	char *cr;

	put(o, "type", p->kind == SBOM_MANIFEST ? "library"
		       : p->kind == SBOM_ARCHIVE || d->root_is_archive ? "file" : "application");
	put(o, "bom-ref", p->id);
	if (p->supplier) {
		json_object *s = json_object_new_object(), *c = json_object_new_object();
		int mail = put_contact(c, p->supplier);

		/* an entity: the name, and the e-mail as its contact */
		put(s, "name", json_object_get_string(json_object_object_get(c, "name")));
		if (mail) {
			json_object *a = json_object_new_array();

			json_object_array_add(a, c);
			json_object_object_add(s, "contact", a);
		} else {
			json_object_put(c);
		}
		json_object_object_add(o, "supplier", s);
	}
	put(o, "name", p->name);
	put(o, "version", p->version);
	if (p->has_hashes)
		json_object_object_add(o, "hashes", hashes(p->sha1, p->sha256));
	pkg_licenses(d, p, o);
	put(o, "purl", p->purl);
	homepage(p, o);
	kids = pi ? children(d, pi, files) : NULL;
	if (kids && json_object_array_length(kids))
		json_object_object_add(o, "components", kids);
	else
		json_object_put(kids);
	cr = files ? NULL : pkg_copyrights(d, p);
	if ((ev = evidence(d, p->lics, p->nlics, cr)) != NULL)
		json_object_object_add(o, "evidence", ev);
	free(cr);
	return o;
}

/* Files read in part, not opened (an archive too deep) or failed after
 * their hashes: "path (reason)", as many as the undescribed list holds. */
static void partial_props(const struct sbom_doc *d, json_object *m)
{
	struct buf b = BUF_INIT;
	size_t i, n = 0, left;

	for (i = 0; i < d->nfiles; i++)
		n += partial(&d->files[i]);
	left = n > PARTIAL_MAX ? PARTIAL_MAX - 1 : n; /* the last slot counts the rest */
	for (i = 0; i < d->nfiles && left; i++) {
		const struct sbom_file *f = &d->files[i];

		if (!partial(f))
			continue;
		buf_printf(&b, "%s (%s: %s)", f->path, partial_status(f),
			   f->comment ? f->comment : "read in part");
		prop(m, "petal:partial", b.data);
		buf_reset(&b);
		left--;
	}
	if (n > PARTIAL_MAX) {
		buf_printf(&b, "and %zu more", n - PARTIAL_MAX + 1);
		prop(m, "petal:partial", b.data);
	}
	buf_release(&b);
}

/* Without file components the inputs petal read nothing of are named
 * here, as SPDX's document comment names them (capped, "and N more"),
 * and so are the files read in part. */
static json_object *metadata(const struct sbom_doc *d, json_object *root, int files)
{
	json_object *m = json_object_new_object(), *t = json_object_new_object();
	json_object *tc = json_object_new_array(), *tool = json_object_new_object();
	size_t i;

	put(m, "timestamp", d->created);
	put(tool, "type", "application");
	put(tool, "name", "petal");
	put(tool, "version", PETAL_VERSION);
	json_object_array_add(tc, tool);
	json_object_object_add(t, "components", tc);
	json_object_object_add(m, "tools", t);
	if (d->ncreators > 1) {
		json_object *a = json_object_new_array();

		for (i = 1; i < d->ncreators; i++) {
			json_object *p = json_object_new_object();

			put_contact(p, d->creators[i]);
			json_object_array_add(a, p);
		}
		json_object_object_add(m, "authors", a);
	}
	json_object_object_add(m, "component", root);
	for (i = 0; !files && i < d->nundescribed; i++)
		prop(m, "petal:undescribed", d->undescribed[i]);
	if (!files)
		partial_props(d, m);
	return m;
}

static void dep(json_object *a, const char *ref, json_object *on)
{
	json_object *o = json_object_new_object();

	put(o, "ref", ref);
	json_object_object_add(o, "dependsOn", on ? on : json_object_new_array());
	json_object_array_add(a, o);
}

/* Every component once: a package depends on the manifest packages in its
 * node_modules/, vendor/, third_party/ (containment is the nesting); a
 * file depends on nothing. */
static json_object *dependencies(const struct sbom_doc *d, int files)
{
	json_object *a = json_object_new_array();
	size_t i, j;

	for (i = 0; i < d->npkgs; i++) {
		json_object *on = json_object_new_array();

		for (j = 1; j < d->npkgs; j++)
			if (j != i && d->pkgs[j].parent == i && d->pkgs[j].depends)
				json_object_array_add(on, json_object_new_string(d->pkgs[j].id));
		dep(a, d->pkgs[i].id, on);
	}
	for (i = 0; files && i < d->nfiles; i++)
		dep(a, d->files[i].id, NULL);
	for (i = 0; files && i < d->nskips; i++)
		dep(a, d->skips[i].id, NULL);
	return a;
}

int cdx_json(const struct sbom_doc *d, int files, FILE *out)
{
	json_object *o = json_object_new_object(), *root = pkg_comp(d, 0, files);
	json_object *kids = children(d, 0, files);
	int rc;

	put(o, "bomFormat", "CycloneDX");
	put(o, "specVersion", "1.6");
	put(o, "serialNumber", d->serial);
	json_object_object_add(o, "version", json_object_new_int(1));
	json_object_object_add(o, "metadata", metadata(d, root, files));
	json_object_object_add(o, "components", kids);
	json_object_object_add(o, "dependencies", dependencies(d, files));
	rc = fprintf(out, "%s\n", json_object_to_json_string_ext(o, JSON_FLAGS));
	json_object_put(o);
	return rc < 0 ? -1 : 0;
}
