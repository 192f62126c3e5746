/* SPDX-License-Identifier: MIT */
/* test_sbom.c -- the SBOM model from synthetic scan records: packages from
 * manifests and archives (the manifest readers land separately), file
 * ownership, relationships, license entries and LicenseRefs, stable ids,
 * --conclude, the verification code (recomputed here independently), and
 * the NTIA check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <openssl/evp.h>

#include <json-c/json.h>

#include "buf.h"
#include "cdx.h"
#include "ntia.h"
#include "spdxdoc.h"
#include "sbom.h"
#include "vcode.h"

/* A scanned text file with a SHA-1 made from its path (any 20 bytes do). */
static void rec(struct sbom_doc *d, const char *path, enum file_type t, const char *expr)
{
	struct file_result r;
	unsigned int n;

	result_init(&r);
	r.path = strdup(path);
	r.type = t;
	r.has_hashes = 1;
	EVP_Digest(path, strlen(path), r.sha1, &n, EVP_sha1(), NULL);
	EVP_Digest(path, strlen(path), r.sha256, &n, EVP_sha256(), NULL);
	r.expression = expr ? strdup(expr) : NULL;
	assert_int_equal(sbom_add(d, &r), 0);
	result_release(&r);
}

static void manifest(struct sbom_doc *d, const char *path, const char *eco, const char *ns,
		     const char *name, const char *version, const char *declared,
		     const char *supplier)
{
	struct file_result r;
	struct package *p;
	unsigned int n;

	result_init(&r);
	r.path = strdup(path);
	r.has_hashes = 1;
	EVP_Digest(path, strlen(path), r.sha1, &n, EVP_sha1(), NULL);
	p = result_add_package(&r);
	p->ecosystem = eco ? strdup(eco) : NULL;
	p->namespace = ns ? strdup(ns) : NULL;
	p->name = strdup(name);
	p->version = version ? strdup(version) : NULL;
	p->declared = declared ? strdup(declared) : NULL;
	p->declared_raw = declared ? strdup(declared) : strdup("see LICENSE file");
	p->supplier = supplier ? strdup(supplier) : NULL;
	assert_int_equal(sbom_add(d, &r), 0);
	result_release(&r);
}

static const char *const proj_root[] = { "proj" };

static struct sbom_opts opts(const char *const *roots)
{
	struct sbom_opts o;

	memset(&o, 0, sizeof(o));
	o.roots = roots;
	o.nroots = 1;
	o.created = 1700000000;
	return o;
}

static const struct sbom_pkg *pkg_named(const struct sbom_doc *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->npkgs; i++)
		if (!strcmp(d->pkgs[i].name, name))
			return &d->pkgs[i];
	fail_msg("no package %s", name);
	return NULL;
}

static const struct sbom_file *file_named(const struct sbom_doc *d, const char *name)
{
	size_t i;

	for (i = 0; i < d->nfiles; i++)
		if (!strcmp(d->files[i].name, name))
			return &d->files[i];
	fail_msg("no file %s", name);
	return NULL;
}

static int has_rel(const struct sbom_doc *d, const char *from, const char *type, const char *to)
{
	size_t i;

	for (i = 0; i < d->nrels; i++)
		if (!strcmp(d->rels[i].from, from) && !strcmp(d->rels[i].type, type) &&
		    !strcmp(d->rels[i].to, to))
			return 1;
	return 0;
}

/* A project: top-level package.json, a vendored npm package, an archive,
 * a tool whose manifest's license is no SPDX expression. */
static struct sbom_doc *project(int conclude)
{
	struct sbom_opts o = opts(proj_root);
	struct sbom_doc *d;

	o.conclude = conclude;
	d = sbom_new(&o);
	rec(d, "proj/index.js", FT_TEXT, "MIT");
	rec(d, "proj/lib.tar.gz", FT_ARCHIVE, NULL);
	rec(d, "proj/lib.tar.gz!/lib-1.2/a.c", FT_TEXT, "BSD-3-Clause");
	manifest(d, "proj/node_modules/@scope/dep/package.json", "npm", "@scope", "dep",
		 "2.0.0+b1", "ISC", "Carol");
	rec(d, "proj/node_modules/@scope/dep/x.js", FT_TEXT, "ISC OR GPL-2.0-or-later");
	manifest(d, "proj/package.json", "npm", NULL, "proj", "1.0.0", "MIT", "Alice");
	manifest(d, "proj/tools/gen/Cargo.toml", "cargo", NULL, "gen", "0.3.0", NULL,
		 "Organization: Gen Corp");
	assert_int_equal(sbom_finish(d, &(struct perr){ 0 }), 0);
	return d;
}

static void test_packages(void **state)
{
	struct sbom_doc *d = project(0);
	const struct sbom_pkg *root = &d->pkgs[0], *dep, *arc;

	(void)state;
	assert_int_equal(d->npkgs, 4);
	assert_string_equal(root->name, "proj");
	assert_string_equal(root->version, "1.0.0");
	assert_string_equal(root->supplier, "Person: Alice");
	assert_string_equal(root->declared, "MIT");
	assert_string_equal(root->purl, "pkg:npm/proj@1.0.0");
	dep = pkg_named(d, "dep");
	assert_string_equal(dep->purl, "pkg:npm/%40scope/dep@2.0.0%2Bb1");
	assert_string_equal(dep->declared, "ISC");
	arc = pkg_named(d, "lib");
	assert_null(arc->version); /* "lib" has no version in its name */
	assert_string_equal(arc->file_name, "./lib.tar.gz");
	assert_true(has_rel(d, "SPDXRef-DOCUMENT", "DESCRIBES", root->id));
	assert_true(has_rel(d, root->id, "DEPENDS_ON", dep->id));
	assert_true(has_rel(d, root->id, "CONTAINS", arc->id));
	assert_true(has_rel(d, root->id, "CONTAINS", pkg_named(d, "gen")->id));
	assert_int_equal(d->nrels, 4);
	assert_string_equal(pkg_named(d, "gen")->purl, "pkg:cargo/gen@0.3.0");
	assert_string_equal(pkg_named(d, "gen")->supplier, "Organization: Gen Corp");
	/* files: each in the package with the longest scope */
	assert_ptr_equal(&d->pkgs[file_named(d, "./node_modules/@scope/dep/x.js")->pkg], dep);
	assert_ptr_equal(&d->pkgs[file_named(d, "./node_modules/@scope/dep/package.json")->pkg], dep);
	assert_ptr_equal(&d->pkgs[file_named(d, "./lib.tar.gz!/lib-1.2/a.c")->pkg], arc);
	assert_ptr_equal(&d->pkgs[file_named(d, "./lib.tar.gz")->pkg], root);
	assert_ptr_equal(&d->pkgs[file_named(d, "./package.json")->pkg], root);
	assert_int_equal(root->nfiles + dep->nfiles + arc->nfiles + pkg_named(d, "gen")->nfiles,
			 d->nfiles);
	sbom_free(d);
}

static void test_license_entries(void **state)
{
	size_t n;
	char **v = sbom_lic_entries("MIT OR (Apache-2.0 AND GPL-2.0-only WITH "
				    "Classpath-exception-2.0) OR MIT AND LicenseRef-x", &n);

	(void)state;
	assert_int_equal(n, 4);
	assert_string_equal(v[0], "Apache-2.0");
	assert_string_equal(v[1], "GPL-2.0-only WITH Classpath-exception-2.0");
	assert_string_equal(v[2], "LicenseRef-x");
	assert_string_equal(v[3], "MIT");
	while (n--)
		free(v[n]);
	free(v);
	assert_null(sbom_lic_entries("MIT AND (", &n));
}

/* licenseInfoFromFiles is the union of the package's files; the archive's
 * file carries what its package found. */
static void test_infos(void **state)
{
	struct sbom_doc *d = project(0);
	const struct sbom_pkg *root = &d->pkgs[0];
	const struct sbom_file *a = file_named(d, "./lib.tar.gz");
	size_t i;

	(void)state;
	assert_int_equal(a->nlics, 1);
	assert_string_equal(a->lics[0], "BSD-3-Clause");
	assert_int_equal(root->nlics, 2);
	assert_string_equal(root->lics[0], "BSD-3-Clause");
	assert_string_equal(root->lics[1], "MIT");
	for (i = 0; i < pkg_named(d, "dep")->nlics; i++)
		assert_true(!strcmp(pkg_named(d, "dep")->lics[i], "ISC") ||
			    !strcmp(pkg_named(d, "dep")->lics[i], "GPL-2.0-or-later"));
	assert_null(root->concluded);
	sbom_free(d);
}

static void test_conclude(void **state)
{
	struct sbom_doc *d = project(1);

	(void)state;
	assert_string_equal(file_named(d, "./lib.tar.gz")->concluded, "BSD-3-Clause");
	assert_string_equal(d->pkgs[0].concluded, "MIT AND BSD-3-Clause");
	assert_string_equal(pkg_named(d, "dep")->concluded, "ISC OR GPL-2.0-or-later");
	assert_null(file_named(d, "./package.json")->concluded); /* NONE */
	sbom_free(d);
}

/* Adding a file changes no other id; ids are unique. */
static void test_stable_ids(void **state)
{
	struct sbom_doc *a = project(0), *b;
	struct sbom_opts o = opts(proj_root);
	size_t i, j;

	(void)state;
	b = sbom_new(&o);
	rec(b, "proj/aaa-first.c", FT_TEXT, NULL);
	rec(b, "proj/index.js", FT_TEXT, "MIT");
	rec(b, "proj/lib.tar.gz", FT_ARCHIVE, NULL);
	rec(b, "proj/lib.tar.gz!/lib-1.2/a.c", FT_TEXT, "BSD-3-Clause");
	assert_int_equal(sbom_finish(b, &(struct perr){ 0 }), 0);
	assert_string_equal(file_named(a, "./index.js")->id, file_named(b, "./index.js")->id);
	assert_string_equal(file_named(a, "./lib.tar.gz!/lib-1.2/a.c")->id,
			    file_named(b, "./lib.tar.gz!/lib-1.2/a.c")->id);
	assert_string_equal(pkg_named(a, "lib")->id, pkg_named(b, "lib")->id);
	for (i = 0; i < a->nfiles; i++) {
		assert_int_equal(strncmp(a->files[i].id, "SPDXRef-File-", 13), 0);
		for (j = 0; j < i; j++)
			assert_string_not_equal(a->files[i].id, a->files[j].id);
	}
	/* a different path with the same characters kept gets another id */
	sbom_free(b);
	b = sbom_new(&o);
	rec(b, "proj/a b", FT_TEXT, NULL);
	rec(b, "proj/a_b", FT_TEXT, NULL);
	assert_int_equal(sbom_finish(b, &(struct perr){ 0 }), 0);
	assert_string_not_equal(b->files[0].id, b->files[1].id);
	sbom_free(a);
	sbom_free(b);
}

/* Unknown texts and LicenseRefs from tags are defined once each. */
static void test_refs(void **state)
{
	struct sbom_opts o = opts(proj_root);
	struct sbom_doc *d = sbom_new(&o);
	struct file_result r;
	struct finding *f;
	const struct sbom_file *x;
	size_t i;

	(void)state;
	result_init(&r);
	r.path = strdup("proj/LICENSE.weird");
	r.has_hashes = 1;
	f = result_add(&r);
	f->kind = FK_LICENSE;
	f->method = FM_UNKNOWN;
	f->text = strdup("Permission is granted to frobnicate, in moderation.");
	f->problem = strdup("license-like text not identified");
	f = result_add(&r);
	f->kind = FK_COPYRIGHT;
	f->text = strdup("Copyright 2001 Dan");
	f = result_add(&r);
	f->kind = FK_COPYRIGHT;
	f->text = strdup("Copyright 2001 Dan");
	sbom_add(d, &r);
	result_release(&r);
	rec(d, "proj/t.c", FT_TEXT, "LicenseRef-Custom OR MIT");
	rec(d, "proj/u.c", FT_TEXT, "LicenseRef-Custom");
	manifest(d, "proj/x/y/setup.cfg", "pypi", NULL, "y", "0.1", NULL, NULL);
	assert_int_equal(sbom_finish(d, &(struct perr){ 0 }), 0);
	assert_int_equal(d->nrefs, 3);
	assert_string_equal(d->refs[0].id, "LicenseRef-Custom");
	assert_non_null(strstr(d->refs[0].comment, "./t.c"));
	assert_int_equal(strncmp(d->refs[1].id, "LicenseRef-petal-declared-", 26), 0);
	assert_string_equal(d->refs[1].text, "see LICENSE file");
	assert_string_equal(pkg_named(d, "y")->declared, d->refs[1].id);
	assert_string_equal(pkg_named(d, "y")->declared_raw, "see LICENSE file");
	assert_int_equal(strncmp(d->refs[2].id, "LicenseRef-petal-unknown-", 25), 0);
	assert_string_equal(d->refs[2].text, "Permission is granted to frobnicate, in moderation.");
	x = file_named(d, "./LICENSE.weird");
	assert_int_equal(x->nlics, 1);
	assert_string_equal(x->lics[0], d->refs[2].id);
	assert_string_equal(x->copyright, "Copyright 2001 Dan"); /* once */
	for (i = 0; i < d->nrefs; i++)
		assert_non_null(d->refs[i].text);
	sbom_free(d);
}

/* A failed file and a symlink are not files of the document; the archive
 * given alone is the root package. */
static void test_undescribed_and_archive_root(void **state)
{
	static const char *const roots[] = { "./dist/pkg-3.1.tar.xz" };
	struct sbom_opts o = opts(roots);
	struct sbom_doc *d = sbom_new(&o);
	struct file_result r;

	(void)state;
	rec(d, "dist/pkg-3.1.tar.xz", FT_ARCHIVE, NULL);
	rec(d, "dist/pkg-3.1.tar.xz!/pkg/a.c", FT_TEXT, "MIT");
	result_init(&r);
	r.path = strdup("dist/pkg-3.1.tar.xz!/pkg/link");
	r.type = FT_SYMLINK;
	r.target = strdup("a.c");
	sbom_add(d, &r);
	result_release(&r);
	result_init(&r);
	r.path = strdup("dist/pkg-3.1.tar.xz!/pkg/bad");
	result_set_error(&r, FS_FAILED, "corrupt entry");
	sbom_add(d, &r);
	result_release(&r);
	assert_int_equal(sbom_finish(d, &(struct perr){ 0 }), 0);
	assert_int_equal(d->nfiles, 1);
	assert_string_equal(d->files[0].name, "./pkg/a.c");
	assert_int_equal(d->npkgs, 1);
	assert_string_equal(d->pkgs[0].name, "pkg");
	assert_string_equal(d->pkgs[0].version, "3.1");
	assert_true(d->pkgs[0].has_hashes);
	assert_int_equal(d->nundescribed, 2);
	assert_non_null(strstr(d->undescribed[0], "symlink"));
	assert_non_null(strstr(d->undescribed[1], "corrupt entry"));
	sbom_free(d);
}

static void test_bad_options(void **state)
{
	static const char *const bad[] = { "Bob" };
	struct sbom_opts o = opts(proj_root);
	struct sbom_doc *d;
	struct perr e = { 0 };

	(void)state;
	o.creators = bad;
	o.ncreators = 1;
	d = sbom_new(&o);
	assert_int_equal(sbom_finish(d, &e), -1);
	assert_int_equal(e.code, PERR_USAGE);
	assert_non_null(strstr(e.msg, "Person: NAME"));
	sbom_free(d);
	o = opts(proj_root);
	o.namespace = "no-scheme#frag";
	d = sbom_new(&o);
	assert_int_equal(sbom_finish(d, &e), -1);
	assert_non_null(strstr(e.msg, "--namespace"));
	sbom_free(d);
}

/* The spec's algorithm written out plainly: hex, sort, join, SHA-1. */
static void reference_vcode(unsigned char (*s)[20], size_t n, char out[41])
{
	char (*hex)[41] = malloc(n * sizeof(*hex)), *all = malloc(n * 40 + 1);
	unsigned char md[20];
	unsigned int len;
	size_t i, j;

	for (i = 0; i < n; i++)
		for (j = 0; j < 20; j++)
			sprintf(hex[i] + 2 * j, "%02x", s[i][j]);
	qsort(hex, n, sizeof(*hex), (int (*)(const void *, const void *))strcmp);
	all[0] = '\0';
	for (i = 0; i < n; i++)
		strcat(all, hex[i]);
	EVP_Digest(all, n * 40, md, &len, EVP_sha1(), NULL);
	for (j = 0; j < 20; j++)
		sprintf(out + 2 * j, "%02x", md[j]);
	free(hex);
	free(all);
}

static void test_vcode(void **state)
{
	unsigned char s[5][20];
	char got[41], want[41], again[41];
	size_t i;

	(void)state;
	for (i = 0; i < 5; i++)
		memset(s[i], (int)(0xf0 - 0x30 * i), 20);
	memcpy(s[4], s[1], 20); /* the same content twice counts twice */
	vcode_compute((const unsigned char (*)[20])s, 5, got);
	reference_vcode(s, 5, want);
	assert_string_equal(got, want);
	vcode_compute((const unsigned char (*)[20])s + 1, 4, again);
	assert_string_not_equal(got, again);
	vcode_compute(NULL, 0, got); /* no files: SHA-1 of nothing */
	assert_string_equal(got, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

static void test_ntia(void **state)
{
	static const char good[] =
		"{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\","
		"\"creationInfo\":{\"creators\":[\"Tool: x\"],\"created\":\"2024-01-02T03:04:05Z\"},"
		"\"packages\":[{\"SPDXID\":\"SPDXRef-A\",\"name\":\"a\",\"versionInfo\":\"1\","
		"\"supplier\":\"Organization: O\"}],"
		"\"relationships\":[{\"spdxElementId\":\"SPDXRef-DOCUMENT\","
		"\"relationshipType\":\"DESCRIBES\",\"relatedSpdxElement\":\"SPDXRef-A\"}]}";
	static const char bad[] =
		"{\"spdxVersion\":\"SPDX-2.3\",\"SPDXID\":\"SPDXRef-DOCUMENT\","
		"\"creationInfo\":{\"creators\":[],\"created\":\"yesterday\"},"
		"\"packages\":[{\"SPDXID\":\"SPDXRef-A\",\"name\":\"a\",\"supplier\":\"NOASSERTION\"}],"
		"\"files\":[{\"SPDXID\":\"SPDXRef-A\"}]}";
	struct buf out = BUF_INIT;
	struct perr e;

	(void)state;
	assert_int_equal(ntia_check(good, sizeof(good) - 1, &out, &e), 0);
	assert_int_equal(out.len, 0);
	assert_int_equal(ntia_check(bad, sizeof(bad) - 1, &out, &e), 6);
	assert_non_null(strstr(out.data, "no author"));
	assert_non_null(strstr(out.data, "no timestamp"));
	assert_non_null(strstr(out.data, "DESCRIBES no package"));
	assert_non_null(strstr(out.data, "SPDXRef-A (a): no version"));
	assert_non_null(strstr(out.data, "SPDXRef-A (a): no supplier"));
	assert_non_null(strstr(out.data, "SPDXRef-A: SPDXID used more than once"));
	buf_release(&out);
	assert_int_equal(ntia_check("{\"a\":", 5, &out, &e), -1);
	assert_non_null(strstr(e.msg, "ends early"));
	assert_int_equal(ntia_check("[1]", 3, &out, &e), -1);
	assert_int_equal(ntia_check(good, sizeof(good) - 1 - 1, &out, &e), -1);
	assert_int_equal(out.len, 0);
}

static char *written(const struct sbom_doc *d, int (*fn)(const struct sbom_doc *, FILE *))
{
	char *s = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&s, &n);

	assert_int_equal(fn(d, f), 0);
	fclose(f);
	return s;
}

static int cdx_files(const struct sbom_doc *d, FILE *f)
{
	return cdx_json(d, 1, f);
}

static json_object *at(json_object *o, const char *path)
{
	char key[64];

	while (o && *path) {
		size_t n = strcspn(path, ".");

		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		if (json_object_is_type(o, json_type_array))
			o = json_object_array_get_idx(o, (size_t)atoi(key));
		else if (!json_object_object_get_ex(o, key, &o))
			o = NULL;
		path += n + (path[n] == '.');
	}
	return o;
}

/* tests/cli/sbom.sh validates these against the official schemas: the
 * CLI cannot make manifest packages until the manifest readers land. */
static void dump(const char *doc, const char *name)
{
	const char *dir = getenv("PETAL_SBOM_DUMP");
	char path[4096];
	FILE *f;

	if (!dir)
		return;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "w"));
	fputs(doc, f);
	assert_int_equal(fclose(f), 0);
}

#define AT_STR(o, p) (at(o, p) ? json_object_get_string(at(o, p)) : "(absent)")

/* What manifests give reaches the documents: purls, suppliers, declared
 * licenses, DEPENDS_ON, and the NTIA check passes for the root. */
static void test_writers(void **state)
{
	struct sbom_doc *d = project(0);
	char *js = written(d, spdxdoc_json), *tv = written(d, spdxdoc_tv), *cdx = written(d, cdx_files);
	json_object *o = json_tokener_parse(js), *c = json_tokener_parse(cdx), *dep;
	struct buf out = BUF_INIT;
	struct perr e;

	(void)state;
	assert_non_null(o);
	assert_string_equal(AT_STR(o, "packages.0.name"), "proj");
	assert_string_equal(AT_STR(o, "packages.0.versionInfo"), "1.0.0");
	assert_string_equal(AT_STR(o, "packages.0.supplier"), "Person: Alice");
	assert_string_equal(AT_STR(o, "packages.0.licenseDeclared"), "MIT");
	assert_string_equal(AT_STR(o, "packages.0.externalRefs.0.referenceLocator"), "pkg:npm/proj@1.0.0");
	assert_string_equal(AT_STR(o, "packages.0.externalRefs.0.referenceType"), "purl");
	dep = at(o, "packages.2");
	assert_string_equal(AT_STR(dep, "name"), "dep");
	assert_string_equal(AT_STR(dep, "licenseDeclared"), "ISC");
	assert_string_equal(AT_STR(o, "relationships.1.relationshipType"), "CONTAINS");
	assert_string_equal(AT_STR(o, "relationships.2.relationshipType"), "DEPENDS_ON");
	assert_string_equal(AT_STR(o, "relationships.2.relatedSpdxElement"), AT_STR(dep, "SPDXID"));
	assert_string_equal(AT_STR(o, "files.0.licenseConcluded"), "NOASSERTION");
	assert_non_null(strstr(tv, "ExternalRef: PACKAGE-MANAGER purl pkg:npm/%40scope/dep@2.0.0%2Bb1\n"));
	assert_non_null(strstr(tv, "PackageSupplier: Person: Carol\n"));
	assert_non_null(strstr(tv, "PackageLicenseDeclared: ISC\n"));
	assert_int_equal(ntia_check(js, strlen(js), &out, &e), 2); /* the archive: no version, no supplier */
	assert_non_null(strstr(out.data, "(lib): no version"));
	assert_null(strstr(out.data, "(proj)"));
	assert_non_null(c);
	assert_string_equal(AT_STR(c, "metadata.component.name"), "proj");
	assert_string_equal(AT_STR(c, "metadata.component.licenses.0.expression"), "MIT");
	assert_string_equal(AT_STR(c, "metadata.component.licenses.0.acknowledgement"), "declared");
	assert_string_equal(AT_STR(c, "metadata.component.purl"), "pkg:npm/proj@1.0.0");
	assert_string_equal(AT_STR(c, "components.1.purl"), "pkg:npm/%40scope/dep@2.0.0%2Bb1");
	assert_string_equal(AT_STR(c, "components.1.supplier.name"), "Carol");
	assert_string_equal(AT_STR(c, "dependencies.0.dependsOn.0"), AT_STR(dep, "SPDXID"));
	assert_string_equal(AT_STR(c, "serialNumber") + 9, d->serial + 9);
	assert_string_equal(AT_STR(c, "components.2.name"), "gen");
	assert_string_equal(AT_STR(c, "components.2.licenses.0.license.name"), "see LICENSE file");
	assert_string_equal(AT_STR(o, "packages.3.licenseComments"), "see LICENSE file");
	assert_int_equal(strncmp(AT_STR(o, "packages.3.licenseDeclared"), "LicenseRef-petal-declared-", 26), 0);
	assert_string_equal(AT_STR(o, "hasExtractedLicensingInfos.0.extractedText"), "see LICENSE file");
	dump(js, "manifests.spdx.json");
	dump(tv, "manifests.spdx");
	dump(cdx, "manifests.cdx.json");
	buf_release(&out);
	json_object_put(o);
	json_object_put(c);
	free(js);
	free(tv);
	free(cdx);
	sbom_free(d);
}

/* Every input without content is kept (uncapped, unlike the SPDX comment's
 * list) with its status, its reason and the package holding it; with
 * --cdx-files each is a file component once, with no hashes. */
static void skipped(struct sbom_doc *d, const char *path, enum file_type t, enum file_status st,
		    const char *why)
{
	struct file_result r;

	result_init(&r);
	r.path = strdup(path);
	r.type = t;
	if (t == FT_SYMLINK)
		r.target = strdup(why);
	else
		result_set_error(&r, st, "%s", why);
	assert_int_equal(sbom_add(d, &r), 0);
	result_release(&r);
}

static void test_skips(void **state)
{
	struct sbom_opts o = opts(proj_root);
	struct sbom_doc *d = sbom_new(&o);
	char path[64], *cdx;
	json_object *c, *deps;
	size_t i, k;

	(void)state;
	rec(d, "proj/a.c", FT_TEXT, "MIT");
	skipped(d, "proj/b.c", FT_TEXT, FS_FAILED, "cannot open: Permission denied");
	for (i = 0; i < 250; i++) {
		snprintf(path, sizeof(path), "proj/many/f%03zu", i);
		skipped(d, path, FT_SPECIAL, FS_SKIPPED, "special file");
	}
	manifest(d, "proj/node_modules/dep/package.json", "npm", NULL, "dep", "1.0.0", "ISC", NULL);
	skipped(d, "proj/node_modules/dep/ln", FT_SYMLINK, FS_SKIPPED, "../x");
	rec(d, "proj/z.zip", FT_ARCHIVE, NULL);
	skipped(d, "proj/z.zip!/bad", FT_TEXT, FS_FAILED, "corrupt entry");
	assert_int_equal(sbom_finish(d, &(struct perr){ 0 }), 0);
	assert_int_equal(d->nundescribed, 200);
	assert_int_equal(d->nskips, 253);
	assert_string_equal(d->skips[0].name, "./b.c");
	assert_string_equal(d->skips[0].reason, "cannot open: Permission denied");
	assert_int_equal(d->skips[0].status, FS_FAILED);
	assert_int_equal(d->skips[0].pkg, 0);
	assert_string_equal(d->skips[251].reason, "symlink to ../x");
	assert_string_equal(d->pkgs[d->skips[251].pkg].name, "dep");
	assert_string_equal(d->pkgs[d->skips[252].pkg].name, "z");
	for (i = 0; i < d->nskips; i++)
		for (k = 0; k < d->nfiles; k++)
			assert_string_not_equal(d->skips[i].id, d->files[k].id);
	cdx = written(d, cdx_files);
	c = json_tokener_parse(cdx);
	assert_non_null(c);
	deps = at(c, "dependencies");
	assert_int_equal(json_object_array_length(deps), d->npkgs + d->nfiles + d->nskips);
	assert_string_equal(AT_STR(c, "components.1.name"), "dep");
	assert_string_equal(AT_STR(c, "components.1.components.1.name"), "./node_modules/dep/ln");
	assert_string_equal(AT_STR(c, "components.1.components.1.properties.0.value"), "symlink");
	assert_null(at(c, "components.1.components.1.hashes"));
	assert_null(at(c, "metadata.properties"));
	dump(cdx, "skips.cdx.json");
	json_object_put(c);
	free(cdx);
	sbom_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_packages),   cmocka_unit_test(test_license_entries),
		cmocka_unit_test(test_infos),      cmocka_unit_test(test_conclude),
		cmocka_unit_test(test_stable_ids), cmocka_unit_test(test_refs),
		cmocka_unit_test(test_undescribed_and_archive_root),
		cmocka_unit_test(test_bad_options), cmocka_unit_test(test_vcode),
		cmocka_unit_test(test_ntia),       cmocka_unit_test(test_writers),
		cmocka_unit_test(test_skips),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
