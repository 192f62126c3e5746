/* SPDX-License-Identifier: MIT */
/* sbom.c -- build the SBOM document model from scan records; see sbom.h.
 *
 * sbom_finish runs these steps, each a function below:
 *   place_root     is the root one archive given alone?  relative names
 *   add_packages   root, archives, manifests; the top-level manifest merged
 *   assign_files   each file to the package with the longest scope
 *   file_licenses  licenseInfoInFiles, LicenseRefs, copyrights
 *   pkg_summaries  licenseInfoFromFiles, verification codes, --conclude
 *   make_ids       SPDXIDs from paths, made unique
 *   relationships, namespace */
#include <ctype.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "walk.h"
#include "buf.h"
#include "expr.h"
#include "hash.h"
#include "sbom.h"
#include "strv.h"
#include "text.h"
#include "vcode.h"
#include "version.h"

#define UNDESCRIBED_MAX 200 /* undescribed inputs named; the rest counted */
#define ID_TAIL 48          /* path bytes kept in an SPDXID */

/* --- small helpers -------------------------------------------------------- */

static void pkg_copy(struct package *d, const struct package *s)
{
	d->ecosystem = xstrdup0(s->ecosystem);
	d->namespace = xstrdup0(s->namespace);
	d->name = xstrdup0(s->name);
	d->version = xstrdup0(s->version);
	d->declared = xstrdup0(s->declared);
	d->declared_raw = xstrdup0(s->declared_raw);
	d->supplier = xstrdup0(s->supplier);
	d->homepage = xstrdup0(s->homepage);
	d->problem = xstrdup0(s->problem);
}



static void push_str(char ***v, size_t *n, size_t *cap, char *s)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		*v = xrealloc(*v, *cap * sizeof(**v));
	}
	(*v)[(*n)++] = s;
}

/* 12 hex digits of the SHA-256 of s: enough, with the path tail, to keep
 * ids apart; make_ids checks. */
static void short_hash(const char *s, char out[13])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	char hex[65];

	EVP_Digest(s, strlen(s), md, &len, EVP_sha256(), NULL);
	hash_hex(md, 32, hex);
	memcpy(out, hex, 12);
	out[12] = '\0';
}

/* SPDXRef-<kind>-<last ID_TAIL bytes of s, [A-Za-z0-9.-] kept>-<hash>. */
static char *make_id(const char *kind, const char *s)
{
	struct buf b = BUF_INIT;
	size_t n = strlen(s), i = n > ID_TAIL ? n - ID_TAIL : 0;
	char h[13];

	buf_printf(&b, "SPDXRef-%s-", kind);
	for (; i < n; i++)
		buf_addc(&b, isalnum((unsigned char)s[i]) || s[i] == '.' || s[i] == '-' ? s[i] : '-');
	short_hash(s, h);
	buf_printf(&b, "-%s", h);
	return buf_take(&b);
}

/* Option values come from argv: any bytes.  JSON needs UTF-8. */
static char *opt_dup(const char *s)
{
	struct buf b = BUF_INIT;

	text_escape(&b, (const unsigned char *)s, strlen(s));
	return buf_take(&b);
}

/* --- collecting ----------------------------------------------------------- */

struct sbom_doc *sbom_new(const struct sbom_opts *o)
{
	struct sbom_doc *d = xcalloc(1, sizeof(*d));

	d->o = *o;
	return d;
}

static int seen(char *const *v, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}

static void add_unknown(struct sbom_file *f, const struct finding *x)
{
	f->unknown = xrealloc(f->unknown, (f->nunknown + 1) * sizeof(char *));
	f->unknown_note = xrealloc(f->unknown_note, (f->nunknown + 1) * sizeof(char *));
	f->unknown_lines = xrealloc(f->unknown_lines, (f->nunknown + 1) * sizeof(*f->unknown_lines));
	f->unknown[f->nunknown] = xstrdup(x->span ? x->span : x->text ? x->text : "");
	f->unknown_lines[f->nunknown][0] = x->start_line;
	f->unknown_lines[f->nunknown][1] = x->end_line;
	f->unknown_note[f->nunknown++] = xstrdup0(x->problem);
}

/* Copyright statements (each once, in file order), unknown license texts,
 * and the first license evidence (for LicenseRef comments). */
static void copy_findings(struct sbom_file *f, const struct file_result *r)
{
	char **cr = NULL;
	size_t i, n = 0, cap = 0;
	struct buf b = BUF_INIT;

	for (i = 0; i < r->nfindings; i++) {
		const struct finding *x = &r->findings[i];

		if (x->kind == FK_COPYRIGHT && x->text && *x->text && !seen(cr, n, x->text))
			push_str(&cr, &n, &cap, x->text);
		if (x->kind == FK_LICENSE && x->method == FM_UNKNOWN)
			add_unknown(f, x);
		if (x->kind == FK_LICENSE && x->expression && !f->tag_text && x->text)
			f->tag_text = xstrdup(x->text);
	}
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i ? "\n" : "", cr[i]);
	free(cr); /* the strings are r's */
	f->copyright = n ? buf_take(&b) : NULL;
}

int sbom_add(void *doc, const struct file_result *r)
{
	struct sbom_doc *d = doc;
	struct sbom_file *f;
	size_t i;

	if (d->o.exclude && !strcmp(r->path, d->o.exclude))
		return 0;
	if (d->nfiles == d->capfiles) {
		d->capfiles = d->capfiles ? d->capfiles * 2 : 64;
		d->files = xrealloc(d->files, d->capfiles * sizeof(*d->files));
	}
	f = &d->files[d->nfiles++];
	memset(f, 0, sizeof(*f));
	f->path = xstrdup(r->path);
	f->type = r->type;
	f->status = r->status;
	f->has_hashes = r->has_hashes;
	memcpy(f->sha1, r->sha1, 20);
	memcpy(f->sha256, r->sha256, 32);
	f->expression = xstrdup0(r->expression);
	f->comment = r->error ? xstrdup(r->error)
		   : r->target ? xstrdup(r->target)
		   : r->truncated ? xstrdup("only the first bytes were analysed (--max-file-size)")
				  : NULL;
	/* a binary's bytes are not examined for licenses: only what a REUSE.toml,
	 * .reuse/dep5 or debian/copyright stanza says of it is known */
	f->analysed = r->status == FS_SCANNED && !r->truncated &&
		      (r->type != FT_BINARY || r->nfindings);
	copy_findings(f, r);
	if (r->npackages) {
		f->decl = xcalloc(r->npackages, sizeof(*f->decl));
		for (i = 0; i < r->npackages; i++)
			pkg_copy(&f->decl[i], &r->packages[i]);
		f->ndecl = r->npackages;
	}
	return 0;
}

static void file_release(struct sbom_file *f)
{
	size_t i;

	free(f->id);
	free(f->name);
	free(f->path);
	strv_free(f->lics, f->nlics);
	free(f->expression);
	free(f->concluded);
	free(f->copyright);
	free(f->comment);
	for (i = 0; i < f->ndecl; i++)
		result_package_release(&f->decl[i]);
	free(f->decl);
	strv_free(f->unknown, f->nunknown);
	strv_free(f->unknown_note, f->nunknown);
	free(f->unknown_lines);
	free(f->tag_text);
}

static void sbom_pkg_release(struct sbom_pkg *p)
{
	free(p->id);
	free(p->name);
	free(p->version);
	free(p->supplier);
	free(p->homepage);
	free(p->purl);
	free(p->file_name);
	free(p->manifest);
	free(p->declared);
	free(p->declared_raw);
	free(p->concluded);
	free(p->scope);
	free(p->files);
	strv_free(p->lics, p->nlics);
	free(p->vcode_excluded);
}

void sbom_free(struct sbom_doc *d)
{
	size_t i;

	if (!d)
		return;
	for (i = 0; i < d->nfiles; i++)
		file_release(&d->files[i]);
	free(d->files);
	for (i = 0; i < d->npkgs; i++)
		sbom_pkg_release(&d->pkgs[i]);
	free(d->pkgs);
	for (i = 0; i < d->nrefs; i++) {
		free(d->refs[i].id);
		free(d->refs[i].name);
		free(d->refs[i].text);
		free(d->refs[i].comment);
	}
	free(d->refs);
	free(d->rels);
	strv_free(d->undescribed, d->nundescribed);
	for (i = 0; i < d->nskips; i++) {
		free(d->skips[i].id);
		free(d->skips[i].name);
		free(d->skips[i].path);
		free(d->skips[i].reason);
	}
	free(d->skips);
	strv_free(d->creators, d->ncreators);
	free(d->name);
	free(d->namespace);
	free(d);
}

/* --- license entries -------------------------------------------------------- */

static void entries_of(const struct expr *x, char ***v, size_t *n, size_t *cap)
{
	for (; x; x = x->left) {
		if (x->kind == EXPR_LICENSE || x->kind == EXPR_REF) {
			struct buf b = BUF_INIT;

			buf_printf(&b, "%s%s", x->id, x->or_later ? "+" : "");
			push_str(v, n, cap, buf_take(&b));
			return;
		}
		if (x->kind == EXPR_WITH) {
			char *l = expr_to_string(x);

			push_str(v, n, cap, l);
			return;
		}
		entries_of(x->right, v, n, cap); /* AND, OR: chains lean left */
	}
}

char **sbom_lic_entries(const char *expression, size_t *n)
{
	struct perr e;
	struct expr *x = expr_parse(expression, strlen(expression), &e);
	char **v = NULL;
	size_t cap = 0;

	*n = 0;
	if (!x)
		return NULL;
	entries_of(x, &v, n, &cap);
	expr_free(x);
	*n = strv_sort_unique(v, *n);
	return v;
}

/* --- the root and relative names -------------------------------------------- */

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s && s[1] ? s + 1 : p;
}

/* The path below the root, for "./" + rel names. */
static const char *rel_path(const struct sbom_doc *d, const char *disp, const char *p)
{
	size_t n = strlen(disp);

	if (d->o.nroots != 1)
		return p;
	if (!n)
		return p;
	if (!strncmp(p, disp, n) && p[n] == '!' && p[n + 1] == '/' && d->root_is_archive)
		return p + n + 2;
	if (!strncmp(p, disp, n) && p[n] == '/')
		return p + n + 1;
	return base_name(p);
}

static int described(const struct sbom_file *f)
{
	return f->has_hashes && (f->type == FT_TEXT || f->type == FT_BINARY || f->type == FT_ARCHIVE);
}

static void note_undescribed(struct sbom_doc *d, const struct sbom_file *f)
{
	struct buf b = BUF_INIT;

	if (d->nundescribed >= UNDESCRIBED_MAX) {
		d->nundescribed++;
		return;
	}
	buf_printf(&b, "%s (%s%s%s)", f->path, result_type_name(f->type),
		   f->comment ? ": " : "", f->comment ? f->comment : "");
	push_str(&d->undescribed, &d->nundescribed, &d->capundescribed, buf_take(&b));
}

/* Every undescribed input, uncapped, for writers that name each one. */
static void add_skip(struct sbom_doc *d, const struct sbom_file *f, const char *disp)
{
	struct sbom_skip *s;
	struct buf b = BUF_INIT;

	if (d->nskips == d->capskips) {
		d->capskips = d->capskips ? d->capskips * 2 : 16;
		d->skips = xrealloc(d->skips, d->capskips * sizeof(*d->skips));
	}
	s = &d->skips[d->nskips++];
	memset(s, 0, sizeof(*s));
	buf_printf(&b, "./%s", rel_path(d, disp, f->path));
	s->name = buf_take(&b);
	s->path = xstrdup(f->path);
	s->type = f->type;
	s->status = f->status;
	if (f->type == FT_SYMLINK && f->comment)
		buf_printf(&b, "symlink to %s", f->comment);
	else
		buf_adds(&b, f->comment ? f->comment : result_type_name(f->type));
	s->reason = buf_take(&b);
}

/* The archive given alone is the root package, not a file of it. */
static void take_root_record(struct sbom_doc *d, const struct sbom_file *f)
{
	struct sbom_pkg *r = &d->pkgs[0];

	r->has_hashes = f->has_hashes;
	memcpy(r->sha1, f->sha1, 20);
	memcpy(r->sha256, f->sha256, 32);
	r->file_name = xstrdup(base_name(f->path));
}

/* Keeps the files the SBOM describes and names them "./" + the path
 * below the root; notes the others. */
static void place_files(struct sbom_doc *d)
{
	char *disp = walk_root_dup(d->o.nroots ? d->o.roots[0] : ".");
	size_t i, k = 0;

	d->root_is_archive = d->o.nroots == 1 && d->nfiles && d->files[0].type == FT_ARCHIVE &&
			     !strcmp(d->files[0].path, disp);
	for (i = 0; i < d->nfiles; i++) {
		struct sbom_file *f = &d->files[i];
		struct buf b = BUF_INIT;

		if (i == 0 && d->root_is_archive) {
			take_root_record(d, f);
		} else if (!described(f)) {
			note_undescribed(d, f);
			add_skip(d, f, disp);
		} else {
			buf_printf(&b, "./%s", rel_path(d, disp, f->path));
			f->name = buf_take(&b);
			d->files[k++] = *f;
			continue;
		}
		file_release(f);
	}
	if (d->undescribed && d->nundescribed > UNDESCRIBED_MAX) {
		struct buf b = BUF_INIT;

		buf_printf(&b, "and %zu more", d->nundescribed - UNDESCRIBED_MAX + 1); /* the last slot too */
		d->undescribed[UNDESCRIBED_MAX - 1] = (free(d->undescribed[UNDESCRIBED_MAX - 1]),
						       buf_take(&b));
		d->nundescribed = UNDESCRIBED_MAX;
	}
	d->nfiles = k;
	free(disp);
}

/* "linux-6.1.tar.xz" -> "linux-6.1"; "x.tgz" -> "x"; "y.zip" -> "y". */
static char *strip_archive_ext(const char *name)
{
	static const char *const ext[] = { ".tar.gz", ".tar.xz", ".tar.bz2", ".tar.zst",
		".tar.lz", ".tar.Z", ".tgz", ".tbz2", ".txz", ".tar", ".zip", ".jar", ".war",
		".whl", ".gem", ".7z", ".deb", ".rpm", ".cpio", ".iso", ".crate", ".nupkg",
		".gz", ".xz", ".bz2", ".zst" };
	size_t i, n = strlen(name);

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		size_t e = strlen(ext[i]);

		if (n > e && !strcmp(name + n - e, ext[i]))
			return xstrndup(name, n - e);
	}
	return xstrdup(name);
}

/* "linux-source-6.1" -> name "linux-source", version "6.1" (a '-' then a
 * digit, optionally after 'v', ends the name); else the whole name. */
static void split_version(char *stem, char **name, char **version)
{
	char *p;

	for (p = stem; (p = strchr(p, '-')) != NULL; p++) {
		const char *v = p[1] == 'v' ? p + 2 : p + 1;

		if (p > stem && isdigit((unsigned char)*v)) {
			*version = xstrdup(v);
			*name = xstrndup(stem, (size_t)(p - stem));
			free(stem);
			return;
		}
	}
	*name = stem;
	*version = NULL;
}

/* --- packages ------------------------------------------------------------------ */

static struct sbom_pkg *new_pkg(struct sbom_doc *d, enum sbom_pkg_kind kind)
{
	struct sbom_pkg *p;

	if (d->npkgs == d->cappkgs) {
		d->cappkgs = d->cappkgs ? d->cappkgs * 2 : 16;
		d->pkgs = xrealloc(d->pkgs, d->cappkgs * sizeof(*d->pkgs));
	}
	p = &d->pkgs[d->npkgs++];
	memset(p, 0, sizeof(*p));
	p->kind = kind;
	return p;
}

/* Percent-encodes a purl segment: unreserved bytes stay. */
static void purl_seg(struct buf *b, const char *s)
{
	text_pct_encode(b, s, NULL);
}

/* The purl name: as the manifest writes it, but for PyPI, where the purl
 * spec asks for the name lowercased with '_' as '-' ("My_Pkg" is my-pkg). */
static char *purl_name(const struct package *m)
{
	char *n = xstrdup(m->name), *c;

	if (strcmp(m->ecosystem, "pypi"))
		return n;
	for (c = n; *c; c++)
		*c = (char)(*c == '_' ? '-' : tolower((unsigned char)*c));
	return n;
}

/* pkg:type/namespace/name@version; namespace segments split at '/'. */
static char *make_purl(const struct package *m)
{
	struct buf b = BUF_INIT;
	const char *s;
	char *name;

	if (!m->ecosystem || !m->name || !m->version || !*m->name || !*m->version)
		return NULL;
	buf_adds(&b, "pkg:");
	purl_seg(&b, m->ecosystem);
	buf_addc(&b, '/');
	for (s = m->namespace; s && *s;) {
		const char *e = strchr(s, '/');
		char *seg = xstrndup(s, e ? (size_t)(e - s) : strlen(s));

		if (*seg) {
			purl_seg(&b, seg);
			buf_addc(&b, '/');
		}
		free(seg);
		s = e ? e + 1 : NULL;
	}
	name = purl_name(m);
	purl_seg(&b, name);
	free(name);
	buf_addc(&b, '@');
	purl_seg(&b, m->version);
	return buf_take(&b);
}

/* An author as manifests write one -- "Jane Doe <jane@x.org> (https://x.org)"
 * -- in SPDX's form: the name, then the e-mail in parentheses (a URL is not
 * an e-mail, and parentheses are where SPDX readers take the e-mail from). */
static void spdx_person(struct buf *b, const char *s)
{
	size_t n = strcspn(s, "<(");
	const char *lt = strchr(s, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	size_t el = lt && gt ? (size_t)(gt - lt - 1) : 0;

	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	if (el && !memchr(lt + 1, '@', el))
		el = 0;
	if (!n && el)
		buf_add(b, lt + 1, el);
	else if (!n)
		buf_adds(b, s);
	else
		buf_add(b, s, n);
	if (n && el)
		buf_printf(b, " (%.*s)", (int)el, lt + 1);
}

/* "Person: x" / "Organization: y" kept; anything else is prefixed. */
static char *agent(const char *s, const char *dflt_kind)
{
	struct buf b = BUF_INIT;

	if (!s || !*s)
		return NULL;
	if (!strncmp(s, "Person:", 7) || !strncmp(s, "Organization:", 13))
		return xstrdup(s);
	buf_printf(&b, "%s: ", dflt_kind);
	spdx_person(&b, s);
	return buf_take(&b);
}

static void fill_from_manifest(struct sbom_pkg *p, const struct package *m)
{
	p->name = xstrdup0(m->name);
	p->version = xstrdup0(m->version);
	p->supplier = agent(m->supplier, "Person");
	p->homepage = xstrdup0(m->homepage);
	p->purl = make_purl(m);
	p->declared = xstrdup0(m->declared);
	if (!m->declared)
		p->declared_raw = xstrdup0(m->declared_raw);
}

static size_t scope_depth(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += *s == '/';
	return n;
}

/* The manifest whose first package describes the root: alone at the
 * shallowest level, at most one directory down, outside nested archives;
 * SIZE_MAX when there is none. */
static size_t top_manifest(const struct sbom_doc *d)
{
	size_t i, best = SIZE_MAX, depth = 2, count = 0;

	for (i = 0; i < d->nfiles; i++) {
		const struct sbom_file *f = &d->files[i];
		size_t k;

		if (!f->ndecl || strstr(f->name, "!/"))
			continue;
		k = scope_depth(f->name + 2);
		if (k < depth) {
			depth = k;
			best = i;
			count = 1;
		} else if (k == depth) {
			count++;
		}
	}
	return count == 1 ? best : SIZE_MAX;
}

/* The manifest's purl names the root only while --name and --version
 * agree with it: another version is that version's purl, another name
 * no purl at all (it would name a package that is not this one). */
static void root_purl(struct sbom_pkg *r, const struct package *m)
{
	struct package q;

	if (!r->purl || !m || !m->name || !r->name || strcmp(r->name, m->name)) {
		r->purl = (free(r->purl), NULL);
		return;
	}
	if (r->version && m->version && !strcmp(r->version, m->version))
		return;
	q = *m;
	q.version = r->version;
	r->purl = (free(r->purl), make_purl(&q));
}

static void root_defaults(struct sbom_doc *d, const struct package *m)
{
	struct sbom_pkg *r = &d->pkgs[0];
	char *name = NULL, *version = NULL;

	if (m)
		fill_from_manifest(r, m);
	if (!r->name) {
		const char *src = d->o.nroots == 1 ? d->o.roots[0] : "."; /* several: where we are */
		char *real = realpath(src, NULL);

		split_version(strip_archive_ext(base_name(real ? real : src)), &name, &version);
		free(real);
		r->name = name;
		if (!r->version)
			r->version = version;
		else
			free(version);
	}
	if (d->o.name)
		r->name = (free(r->name), opt_dup(d->o.name));
	if (d->o.version)
		r->version = (free(r->version), opt_dup(d->o.version));
	root_purl(r, m);
	if (d->o.supplier) {
		char *sup = opt_dup(d->o.supplier);

		r->supplier = (free(r->supplier), agent(sup, "Organization"));
		free(sup);
	}
}

static const char *const dep_dirs[] = { "node_modules/", "vendor/", "third_party/",
	"third-party/", "bower_components/" };

static int in_dep_dir(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(dep_dirs) / sizeof(dep_dirs[0]); i++) {
		const char *p = strstr(s, dep_dirs[i]);

		if (p && (p == s || p[-1] == '/'))
			return 1;
	}
	return 0;
}

static void add_packages(struct sbom_doc *d)
{
	size_t i, j, top = top_manifest(d);

	root_defaults(d, top != SIZE_MAX ? &d->files[top].decl[0] : NULL);
	if (top != SIZE_MAX)
		d->pkgs[0].manifest = xstrdup(d->files[top].name);
	d->pkgs[0].scope = xstrdup("");
	for (i = 0; i < d->nfiles; i++) {
		const struct sbom_file *f = &d->files[i];
		struct sbom_pkg *p;
		struct buf b = BUF_INIT;

		if (f->type != FT_ARCHIVE || f->status == FS_SKIPPED)
			continue;
		p = new_pkg(d, SBOM_ARCHIVE);
		split_version(strip_archive_ext(base_name(f->name)), &p->name, &p->version);
		p->file_name = xstrdup(f->name);
		p->has_hashes = 1;
		memcpy(p->sha1, f->sha1, 20);
		memcpy(p->sha256, f->sha256, 32);
		buf_printf(&b, "%s!/", f->name + 2);
		p->scope = buf_take(&b);
		p->id = make_id("Package", f->name + 2);
	}
	for (i = 0; i < d->nfiles; i++) {
		const struct sbom_file *f = &d->files[i];
		const char *slash = strrchr(f->name + 2, '/');

		for (j = i == top ? 1 : 0; j < f->ndecl; j++) {
			struct sbom_pkg *p = new_pkg(d, SBOM_MANIFEST);
			struct buf b = BUF_INIT;

			fill_from_manifest(p, &f->decl[j]);
			if (!p->name)
				p->name = xstrdup(f->name + 2);
			p->file_name = xstrdup(f->name);
			p->manifest = xstrdup(f->name);
			p->scope = xstrndup(f->name + 2, slash ? (size_t)(slash + 1 - (f->name + 2)) : 0);
			buf_adds(&b, f->name + 2); /* the first package: the path alone */
			if (j)
				buf_printf(&b, "-%zu", j);
			p->id = make_id("Package", b.data);
			buf_release(&b);
		}
	}
}

/* --- files to packages ------------------------------------------------------- */

struct scope {
	const char *s; /* borrowed from the package */
	size_t pkg;
};

static int cmp_scope(const void *a, const void *b)
{
	const struct scope *x = a, *y = b;
	int c = strcmp(x->s, y->s);

	return c ? c : x->pkg < y->pkg ? -1 : x->pkg > y->pkg;
}

/* One scope per prefix, the first package given it (others own no files). */
static struct scope *scope_table(const struct sbom_doc *d, size_t *n)
{
	struct scope *v = xmalloc((d->npkgs ? d->npkgs : 1) * sizeof(*v));
	size_t i, k = 0;

	for (i = 1; i < d->npkgs; i++) {
		v[k].s = d->pkgs[i].scope;
		v[k++].pkg = i;
	}
	qsort(v, k, sizeof(*v), cmp_scope);
	*n = 0;
	for (i = 0; i < k; i++)
		if (!*n || strcmp(v[*n - 1].s, v[i].s))
			v[(*n)++] = v[i];
	return v;
}

static int cmp_str_scope(const void *a, const void *b)
{
	return strcmp(((const struct scope *)a)->s, ((const struct scope *)b)->s);
}

/* The package with the longest scope that is a prefix of p[0..len). */
static size_t owner(const struct scope *t, size_t n, const char *p, size_t len)
{
	char *tmp = xstrndup(p, len);
	size_t k, found = 0;

	for (k = len; k > 0; k--) {
		struct scope key, *hit;

		if (tmp[k - 1] != '/')
			continue;
		tmp[k] = '\0';
		key.s = tmp;
		key.pkg = 0;
		hit = bsearch(&key, t, n, sizeof(*t), cmp_str_scope);
		if (hit) {
			found = hit->pkg;
			break;
		}
	}
	free(tmp);
	return found;
}

static void assign_files(struct sbom_doc *d)
{
	size_t i, n;
	struct scope *t = scope_table(d, &n);
	size_t *cap = xcalloc(d->npkgs, sizeof(*cap));

	for (i = 0; i < d->nfiles; i++) {
		const char *rel = d->files[i].name + 2;
		struct sbom_pkg *p;

		d->files[i].pkg = owner(t, n, rel, strlen(rel));
		p = &d->pkgs[d->files[i].pkg];
		if (p->nfiles == cap[d->files[i].pkg]) {
			cap[d->files[i].pkg] = p->nfiles ? p->nfiles * 2 : 16;
			p->files = xrealloc(p->files, cap[d->files[i].pkg] * sizeof(*p->files));
		}
		p->files[p->nfiles++] = i;
	}
	for (i = 0; i < d->nskips; i++) {
		const char *rel = d->skips[i].name + 2;

		d->skips[i].pkg = owner(t, n, rel, strlen(rel));
	}
	for (i = 1; i < d->npkgs; i++) {
		struct sbom_pkg *p = &d->pkgs[i];
		size_t len = strlen(p->scope);

		if (p->kind == SBOM_ARCHIVE) /* its file, where it lies */
			p->parent = owner(t, n, p->file_name + 2, strlen(p->file_name + 2));
		else
			p->parent = len ? owner(t, n, p->scope, len - 1) : 0;
		p->depends = p->kind == SBOM_MANIFEST &&
			     in_dep_dir(p->scope + strlen(d->pkgs[p->parent].scope));
	}
	free(cap);
	free(t);
}

/* --- licenses ----------------------------------------------------------------- */

static struct sbom_ref *find_ref(struct sbom_doc *d, const char *id)
{
	size_t i;

	for (i = 0; i < d->nrefs; i++)
		if (!strcmp(d->refs[i].id, id))
			return &d->refs[i];
	return NULL;
}

static struct sbom_ref *new_ref(struct sbom_doc *d, const char *id)
{
	struct sbom_ref *r;

	if (d->nrefs == d->caprefs) {
		d->caprefs = d->caprefs ? d->caprefs * 2 : 8;
		d->refs = xrealloc(d->refs, d->caprefs * sizeof(*d->refs));
	}
	r = &d->refs[d->nrefs++];
	memset(r, 0, sizeof(*r));
	r->id = xstrdup(id);
	return r;
}

/* A REUSE text for id: LICENSES/<id>.txt anywhere among the files. */
static char *reuse_text(struct sbom_doc *d, const char *id, const char **from)
{
	struct buf want = BUF_INIT;
	size_t i;
	char *t = NULL;

	if (!d->o.read_text)
		return NULL;
	buf_printf(&want, "LICENSES/%s.txt", id);
	for (i = 0; i < d->nfiles && !t; i++) {
		const char *rel = d->files[i].name + 2;
		size_t n = strlen(rel);

		if (n >= want.len && !strcmp(rel + n - want.len, want.data) &&
		    (n == want.len || rel[n - want.len - 1] == '/')) {
			t = d->o.read_text(d->o.read_ctx, d->files[i].path);
			*from = d->files[i].name;
		}
	}
	buf_release(&want);
	return t;
}

/* A LicenseRef named in a tag or a manifest: its REUSE text when there is
 * one, else a statement that petal has none, and where it was seen. */
static void need_ref(struct sbom_doc *d, const char *entry, const char *where, const char *ev)
{
	size_t n = strcspn(entry, " +");
	char *id = xstrndup(entry, n);
	struct sbom_ref *r;
	const char *from = NULL;
	struct buf b = BUF_INIT;
	char *t;

	if (strncmp(id, "LicenseRef-", 11) || find_ref(d, id)) {
		free(id);
		return;
	}
	r = new_ref(d, id);
	r->name = xstrdup(id + 11);
	t = reuse_text(d, id, &from);
	if (t && *t) {
		r->text = t;
		buf_printf(&b, "text from %s; first named in %s", from, where);
	} else {
		free(t);
		buf_printf(&b, "petal found no text for %s; it is named in %s", id, where);
		r->text = xstrdup(b.data);
		buf_reset(&b);
		buf_printf(&b, "first named in %s%s%s", where, ev ? ": " : "", ev ? ev : "");
	}
	r->comment = buf_take(&b);
	free(id);
}

/* The finding's span is the text (its evidence line when it has none);
 * the id comes from the text, so the same text is one definition. */
static char *unknown_ref(struct sbom_doc *d, const struct sbom_file *f, size_t k)
{
	struct buf b = BUF_INIT;
	char h[13], *text = xstrdup(*f->unknown[k] ? f->unknown[k] : "(empty)");
	struct sbom_ref *r;

	short_hash(text, h);
	buf_printf(&b, "LicenseRef-petal-unknown-%s", h);
	if (!find_ref(d, b.data)) {
		struct buf c = BUF_INIT;

		r = new_ref(d, b.data);
		r->name = xstrdup("license text not identified by petal");
		r->text = text;
		text = NULL;
		buf_printf(&c, "first seen in %s, lines %u-%u%s%s", f->name, f->unknown_lines[k][0],
			   f->unknown_lines[k][1], f->unknown_note[k] ? ": " : "",
			   f->unknown_note[k] ? f->unknown_note[k] : "");
		r->comment = buf_take(&c);
	}
	free(text);
	return buf_take(&b);
}

/* licenseInfoInFiles of one file, LicenseRefs defined as they come. */
static void file_licenses(struct sbom_doc *d, struct sbom_file *f)
{
	char **v = NULL;
	size_t n = 0, cap = 0, i;

	if (f->expression) {
		size_t m;
		char **e = sbom_lic_entries(f->expression, &m);

		for (i = 0; i < m; i++) {
			need_ref(d, e[i], f->name, f->tag_text);
			push_str(&v, &n, &cap, e[i]);
		}
		free(e);
	}
	for (i = 0; i < f->nunknown; i++)
		push_str(&v, &n, &cap, unknown_ref(d, f, i));
	f->lics = v;
	f->nlics = n ? strv_sort_unique(v, n) : 0;
}

/* npm's "SEE LICENSE IN <file>": the text of that file, named from the
 * manifest's directory, when the SBOM describes it; else NULL. */
static char *see_license_text(struct sbom_doc *d, const struct sbom_pkg *p, const char **from)
{
	const char *raw = p->declared_raw, *slash;
	struct buf want = BUF_INIT;
	char *t = NULL;
	size_t i;

	if (!d->o.read_text || !p->manifest || strncasecmp(raw, "SEE LICENSE IN ", 15))
		return NULL;
	slash = strrchr(p->manifest, '/');
	buf_add(&want, p->manifest, slash ? (size_t)(slash - p->manifest) + 1 : 0);
	buf_adds(&want, raw + 15 + strspn(raw + 15, " "));
	if (!strncmp(want.data, "././", 4))
		memmove(want.data + 2, want.data + 4, want.len - 3);
	for (i = 0; i < d->nfiles && !t; i++)
		if (!strcmp(d->files[i].name, want.data)) {
			t = d->o.read_text(d->o.read_ctx, d->files[i].path);
			*from = d->files[i].name;
		}
	buf_release(&want);
	return t;
}

/* A declared license that is no SPDX expression ("Apache 2", "see
 * LICENSE") becomes a LicenseRef whose text is what the manifest says,
 * or for "SEE LICENSE IN <file>" that file's text. */
static void declared_as_ref(struct sbom_doc *d, struct sbom_pkg *p)
{
	struct buf b = BUF_INIT, c = BUF_INIT;
	const char *from = NULL;
	char *text = see_license_text(d, p, &from);
	char h[13];
	struct sbom_ref *r;

	/* the hash of the text: two "SEE LICENSE IN LICENSE" are two refs */
	short_hash(text ? text : p->declared_raw, h);
	buf_printf(&b, "LicenseRef-petal-declared-%s", h);
	if (!find_ref(d, b.data)) {
		r = new_ref(d, b.data);
		r->name = xstrndup(p->declared_raw, text_cut(p->declared_raw,
							     strlen(p->declared_raw), 200));
		r->text = text ? text : xstrdup(p->declared_raw);
		text = NULL;
		buf_printf(&c, "declared in %s; not an SPDX license expression",
			   p->manifest ? p->manifest : "a manifest");
		if (from)
			buf_printf(&c, "; the text is %s", from);
		r->comment = buf_take(&c);
	}
	free(text);
	p->declared = buf_take(&b);
}

static void declared_refs(struct sbom_doc *d, struct sbom_pkg *p)
{
	size_t m, i;
	char **e;

	if (!p->declared && p->declared_raw && *p->declared_raw)
		declared_as_ref(d, p);
	if (!p->declared || !(e = sbom_lic_entries(p->declared, &m)))
		return;
	for (i = 0; i < m; i++)
		need_ref(d, e[i], p->file_name ? p->file_name : "the package's manifest", NULL);
	strv_free(e, m);
}

/* The file's detected expression with its unknown texts ANDed in. */
static char *file_conclusion(const struct sbom_file *f)
{
	char **v = xmalloc((f->nlics + 1) * sizeof(*v));
	size_t i, n = 0;
	char *s;

	if (f->expression)
		v[n++] = f->expression;
	for (i = 0; i < f->nlics; i++)
		if (!strncmp(f->lics[i], "LicenseRef-petal-unknown-", 25))
			v[n++] = f->lics[i];
	s = n ? expr_and_all(v, n) : NULL;
	free(v);
	return s;
}

/* Package indexes, longest scope first: children before their parents. */
static size_t *by_scope_desc(const struct sbom_doc *d)
{
	size_t *v = xmalloc(d->npkgs * sizeof(*v)), i, j;

	for (i = 0; i < d->npkgs; i++) { /* insertion sort: few packages, stable */
		size_t len = strlen(d->pkgs[i].scope);

		for (j = i; j > 0 && strlen(d->pkgs[v[j - 1]].scope) < len; j--)
			v[j] = v[j - 1];
		v[j] = i;
	}
	return v;
}

/* 1 when package q lies in archive package a with no other archive
 * between them: a manifest's package among the archive's entries. */
static int inside_archive(const struct sbom_doc *d, size_t q, size_t a)
{
	if (q == a || d->pkgs[q].kind != SBOM_MANIFEST)
		return 0;
	while (q != a && q != 0 && d->pkgs[q].kind == SBOM_MANIFEST)
		q = d->pkgs[q].parent;
	return q == a;
}

/* What an archive found: its own files' licenses and those of the
 * manifest packages among its entries (their files are theirs, not its). */
static void archive_found(const struct sbom_doc *d, size_t pi, char ***lics, size_t *nl,
			  char **concluded)
{
	char **concl = xmalloc((d->npkgs + 1) * sizeof(char *));
	size_t cap = 0, nc = 0, q, k;

	for (q = 0; q < d->npkgs; q++) {
		const struct sbom_pkg *s = &d->pkgs[q];

		if (q != pi && !inside_archive(d, q, pi))
			continue;
		for (k = 0; k < s->nlics; k++)
			push_str(lics, nl, &cap, xstrdup(s->lics[k]));
		if (s->concluded)
			concl[nc++] = s->concluded;
	}
	*nl = *nl ? strv_sort_unique(*lics, *nl) : 0;
	*concluded = nc ? expr_and_all(concl, nc) : NULL;
	free(concl);
}

/* An archive's file, in its parent package, carries what its package found. */
static void archive_file_takes(struct sbom_doc *d, size_t pi)
{
	const struct sbom_pkg *p = &d->pkgs[pi];
	const struct sbom_pkg *par = &d->pkgs[p->parent];
	size_t j;

	if (p->kind != SBOM_ARCHIVE)
		return;
	for (j = 0; j < par->nfiles; j++) {
		struct sbom_file *f = &d->files[par->files[j]];

		if (strcmp(f->name, p->file_name))
			continue;
		strv_free(f->lics, f->nlics);
		f->lics = NULL;
		f->nlics = 0;
		free(f->expression);
		archive_found(d, pi, &f->lics, &f->nlics, &f->expression);
		return;
	}
}

/* licenseInfoFromFiles, verification code and conclusion of each package,
 * children first: an archive file carries its package's licenses. */
static void pkg_summaries(struct sbom_doc *d)
{
	size_t *order = by_scope_desc(d), i, j;

	for (i = 0; i < d->npkgs; i++) {
		struct sbom_pkg *p = &d->pkgs[order[i]];
		unsigned char (*sums)[20] = xmalloc((p->nfiles + 1) * sizeof(*sums));
		char **lics = NULL, **concl = xmalloc((p->nfiles + 1) * sizeof(char *));
		size_t nl = 0, cap = 0, nc = 0, k;

		for (j = 0; j < p->nfiles; j++) {
			struct sbom_file *f = &d->files[p->files[j]];

			memcpy(sums[j], f->sha1, 20);
			for (k = 0; k < f->nlics; k++)
				push_str(&lics, &nl, &cap, xstrdup(f->lics[k]));
			if (d->o.conclude && f->analysed && (f->concluded = file_conclusion(f)))
				concl[nc++] = xstrdup(f->concluded);
		}
		vcode_compute((const unsigned char (*)[20])sums, p->nfiles, p->vcode);
		p->lics = lics;
		p->nlics = nl ? strv_sort_unique(lics, nl) : 0;
		p->concluded = nc ? expr_and_all(concl, nc) : NULL;
		strv_free(concl, nc);
		free(sums);
		archive_file_takes(d, order[i]);
	}
	free(order);
}

/* --- ids, relationships, namespace -------------------------------------------- */

struct idref {
	char **id;
	size_t order;
};

static int cmp_idref(const void *a, const void *b)
{
	const struct idref *x = a, *y = b;
	int c = strcmp(*x->id, *y->id);

	return c ? c : x->order < y->order ? -1 : x->order > y->order;
}

/* Ids come from paths and hashes; should two meet anyway, the later one
 * (in document order) gets a suffix. */
static void unique_ids(struct sbom_doc *d)
{
	size_t n = d->npkgs + d->nfiles + d->nskips, i, k = 0;
	struct idref *v = xmalloc((n ? n : 1) * sizeof(*v));

	for (i = 0; i < d->npkgs; i++, k++)
		v[k] = (struct idref){ &d->pkgs[i].id, k };
	for (i = 0; i < d->nfiles; i++, k++)
		v[k] = (struct idref){ &d->files[i].id, k };
	for (i = 0; i < d->nskips; i++, k++)
		v[k] = (struct idref){ &d->skips[i].id, k };
	qsort(v, n, sizeof(*v), cmp_idref);
	for (i = 1; i < n; i++) {
		if (!strcmp(*v[i - 1].id, *v[i].id)) {
			struct buf b = BUF_INIT;

			buf_printf(&b, "%s-%zu", *v[i].id, v[i].order);
			free(*v[i].id);
			*v[i].id = buf_take(&b);
		}
	}
	free(v);
}

static void add_rel(struct sbom_doc *d, const char *from, const char *type, const char *to)
{
	if (d->nrels == d->caprels) {
		d->caprels = d->caprels ? d->caprels * 2 : 16;
		d->rels = xrealloc(d->rels, d->caprels * sizeof(*d->rels));
	}
	d->rels[d->nrels++] = (struct sbom_rel){ from, type, to };
}

/* A name-based UUID (version 5) from the content's digest, so the same
 * document gets the same namespace and serial number. */
static void content_uuid(const struct sbom_doc *d, char out[37])
{
	static const unsigned char ns_url[16] = { 0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
						  0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8 };
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int len = 0;
	struct buf b = BUF_INIT;
	size_t i;
	char hex[41];

	buf_printf(&b, "%s\n%s\n%d\n", d->created, d->name, d->o.conclude);
	for (i = 0; i < d->ncreators; i++)
		buf_printf(&b, "%s\n", d->creators[i]);
	for (i = 0; i < d->npkgs; i++)
		buf_printf(&b, "%s %s %s %s %s\n", d->pkgs[i].id, d->pkgs[i].name,
			   d->pkgs[i].version ? d->pkgs[i].version : "",
			   d->pkgs[i].supplier ? d->pkgs[i].supplier : "",
			   d->pkgs[i].declared ? d->pkgs[i].declared : "");
	for (i = 0; i < d->nfiles; i++) {
		hash_hex(d->files[i].sha1, 20, hex);
		buf_printf(&b, "%s %s\n", hex, d->files[i].name);
	}
	for (i = 0; i < d->nskips; i++)
		buf_printf(&b, "- %s %s\n", d->skips[i].name, d->skips[i].reason);
	if (!c)
		abort();
	EVP_DigestInit_ex(c, EVP_sha1(), NULL);
	EVP_DigestUpdate(c, ns_url, sizeof(ns_url));
	EVP_DigestUpdate(c, b.data, b.len);
	EVP_DigestFinal_ex(c, md, &len);
	EVP_MD_CTX_free(c);
	buf_release(&b);
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x50);
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80);
	hash_hex(md, 16, hex);
	snprintf(out, 37, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

static void name_document(struct sbom_doc *d)
{
	const struct sbom_pkg *r = &d->pkgs[0];
	struct buf b = BUF_INIT;
	char uuid[37];

	buf_printf(&b, "%s%s%s", r->name, r->version ? "-" : "", r->version ? r->version : "");
	d->name = buf_take(&b);
	content_uuid(d, uuid);
	snprintf(d->serial, sizeof(d->serial), "urn:uuid:%s", uuid);
	if (d->o.namespace) {
		d->namespace = opt_dup(d->o.namespace);
		return;
	}
	buf_adds(&b, "https://spdx.org/spdxdocs/petal/");
	purl_seg(&b, d->name); /* URI-safe, as purl segments */
	buf_printf(&b, "-%s", uuid);
	d->namespace = buf_take(&b);
}

/* 1 when an agent ("Person: X", "Organization: X" or a bare "X") names
 * someone: not blank after its kind. */
static int agent_named(const char *s)
{
	if (!strncmp(s, "Person:", 7))
		s += 7;
	else if (!strncmp(s, "Organization:", 13))
		s += 13;
	return s[strspn(s, " \t")] != '\0';
}

int sbom_check_opts(const struct sbom_opts *o, struct perr *e)
{
	const char *ns = o->namespace, *colon = ns ? strchr(ns, ':') : NULL;
	struct tm tm;
	time_t t = (time_t)o->created;
	size_t i;

	if (o->created < 0 || !gmtime_r(&t, &tm) || tm.tm_year + 1900 > 9999)
		return perr_set(e, PERR_USAGE, "creation time out of range: %lld",
				(long long)o->created);
	for (i = 0; i < o->ncreators; i++) {
		const char *c = o->creators[i];

		if ((strncmp(c, "Person: ", 8) && strncmp(c, "Organization: ", 14)) ||
		    !c[strcspn(c, ":") + 2])
			return perr_set(e, PERR_USAGE, "--creator '%.100s': write 'Person: NAME' or "
				        "'Organization: NAME'", c);
	}
	if (ns && (!colon || colon == ns || strchr(ns, '#') || strpbrk(ns, " \t\r\n")))
		return perr_set(e, PERR_USAGE, "--namespace '%.100s': a URI without '#' or spaces "
				"(https://example.com/spdx/NAME-VERSION)", ns);
	if (o->name && !*o->name)
		return perr_set(e, PERR_USAGE, "--name: empty");
	if (o->version && !*o->version)
		return perr_set(e, PERR_USAGE, "--version: empty");
	if (o->supplier && !agent_named(o->supplier))
		return perr_set(e, PERR_USAGE, "--supplier '%.100s': no name", o->supplier);
	return 0;
}

static void set_creators(struct sbom_doc *d)
{
	struct buf b = BUF_INIT;
	size_t i;
	struct tm tm;
	time_t t = (time_t)d->o.created;

	gmtime_r(&t, &tm); /* sbom_check_opts saw it works */
	strftime(d->created, sizeof(d->created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	buf_printf(&b, "Tool: petal-%s", PETAL_VERSION);
	d->creators = xmalloc((d->o.ncreators + 1) * sizeof(char *));
	d->creators[d->ncreators++] = buf_take(&b);
	for (i = 0; i < d->o.ncreators; i++)
		d->creators[d->ncreators++] = opt_dup(d->o.creators[i]);
}

/* The SBOM file lies in the scanned tree: its package says it is excluded
 * from the verification code (sbom_add dropped its record). */
static void exclude_note(struct sbom_doc *d)
{
	char *disp = walk_root_dup(d->o.nroots ? d->o.roots[0] : ".");
	const char *rel = rel_path(d, disp, d->o.exclude);
	struct buf b = BUF_INIT;
	size_t n;
	struct scope *t = scope_table(d, &n);

	buf_printf(&b, "./%s", rel);
	d->pkgs[owner(t, n, rel, strlen(rel))].vcode_excluded = buf_take(&b);
	free(t);
	free(disp);
}

int sbom_finish(struct sbom_doc *d, struct perr *e)
{
	size_t i;

	if (sbom_check_opts(&d->o, e) < 0)
		return -1;
	set_creators(d);
	new_pkg(d, SBOM_ROOT);
	place_files(d);
	add_packages(d);
	d->pkgs[0].id = xstrdup("SPDXRef-Package-root");
	assign_files(d);
	for (i = 0; i < d->nfiles; i++) {
		d->files[i].id = make_id("File", d->files[i].name + 2);
		if (d->files[i].analysed)
			file_licenses(d, &d->files[i]);
	}
	for (i = 0; i < d->nskips; i++)
		d->skips[i].id = make_id("File", d->skips[i].name + 2);
	for (i = 0; i < d->npkgs; i++)
		declared_refs(d, &d->pkgs[i]);
	pkg_summaries(d);
	unique_ids(d);
	if (d->nrefs) /* id is the first member */
		qsort(d->refs, d->nrefs, sizeof(*d->refs), strv_cmp);
	add_rel(d, "SPDXRef-DOCUMENT", "DESCRIBES", d->pkgs[0].id);
	for (i = 1; i < d->npkgs; i++)
		add_rel(d, d->pkgs[d->pkgs[i].parent].id,
			d->pkgs[i].depends ? "DEPENDS_ON" : "CONTAINS", d->pkgs[i].id);
	if (d->o.exclude)
		exclude_note(d);
	name_document(d);
	return 0;
}
