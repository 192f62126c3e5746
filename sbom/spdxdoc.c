/* SPDX-License-Identifier: MIT */
/* spdxdoc.c -- SPDX 2.3 JSON and tag-value writers; see spdxdoc.h. */
#include <json-c/json.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "spdxdoc.h"

#define JSON_FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

#ifndef SPDX_LIST_VERSION
#error "SPDX_LIST_VERSION: the SPDX License List version of the pinned package (Makefile)"
#endif

const char *spdxdoc_list_version(void)
{
	return SPDX_LIST_VERSION;
}

/* What both formats say for a file's or package's license fields.  A
 * conclusion is only what was found: nothing found is no conclusion (the
 * file may be under its project's license), so NOASSERTION, never NONE. */
static const char *file_concluded(const struct sbom_doc *d, const struct sbom_file *f)
{
	if (!d->o.conclude || !f->analysed || !f->concluded)
		return "NOASSERTION";
	return f->concluded;
}

static const char *pkg_concluded(const struct sbom_doc *d, const struct sbom_pkg *p)
{
	if (!d->o.conclude || !p->nfiles || !p->concluded)
		return "NOASSERTION";
	return p->concluded;
}

static const char *file_copyright(const struct sbom_file *f)
{
	return f->copyright ? f->copyright : f->analysed ? "NONE" : "NOASSERTION";
}

static const char *file_type(const struct sbom_file *f)
{
	return f->type == FT_ARCHIVE ? "ARCHIVE" : f->type == FT_BINARY ? "BINARY" : "TEXT";
}

static const char *purpose(const struct sbom_doc *d, const struct sbom_pkg *p)
{
	if (p->kind == SBOM_ARCHIVE || (p->kind == SBOM_ROOT && d->root_is_archive))
		return "ARCHIVE";
	return p->kind == SBOM_MANIFEST ? "LIBRARY" : "SOURCE";
}

/* The document comment: the inputs that are not files of the document. */
static char *doc_comment(const struct sbom_doc *d)
{
	struct buf b = BUF_INIT;
	size_t i;

	if (!d->nundescribed)
		return NULL;
	buf_adds(&b, "Inputs not described as files (no content read):");
	for (i = 0; i < d->nundescribed; i++)
		buf_printf(&b, "\n%s", d->undescribed[i]);
	return buf_take(&b);
}

/* --- JSON ---------------------------------------------------------------------- */

static void put(json_object *o, const char *k, const char *v)
{
	if (v)
		json_object_object_add(o, k, json_object_new_string(v));
}

static json_object *str_array(char *const *v, size_t n, const char *empty)
{
	json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_object_array_add(a, json_object_new_string(v[i]));
	if (!n)
		json_object_array_add(a, json_object_new_string(empty));
	return a;
}

static json_object *checksums(const unsigned char *sha1, const unsigned char *sha256)
{
	json_object *a = json_object_new_array(), *c;
	char hex[65];

	c = json_object_new_object();
	put(c, "algorithm", "SHA1");
	hash_hex(sha1, 20, hex);
	put(c, "checksumValue", hex);
	json_object_array_add(a, c);
	c = json_object_new_object();
	put(c, "algorithm", "SHA256");
	hash_hex(sha256, 32, hex);
	put(c, "checksumValue", hex);
	json_object_array_add(a, c);
	return a;
}

static void pkg_files_json(const struct sbom_doc *d, const struct sbom_pkg *p, json_object *o)
{
	json_object *v = json_object_new_object(), *h;
	size_t i;

	put(v, "packageVerificationCodeValue", p->vcode);
	if (p->vcode_excluded)
		json_object_object_add(v, "packageVerificationCodeExcludedFiles",
				       str_array(&p->vcode_excluded, 1, NULL));
	json_object_object_add(o, "packageVerificationCode", v);
	h = json_object_new_array();
	for (i = 0; i < p->nfiles; i++)
		json_object_array_add(h, json_object_new_string(d->files[p->files[i]].id));
	json_object_object_add(o, "hasFiles", h);
}

static json_object *pkg_json(const struct sbom_doc *d, const struct sbom_pkg *p)
{
	json_object *o = json_object_new_object();

	put(o, "SPDXID", p->id);
	put(o, "name", p->name);
	put(o, "versionInfo", p->version);
	put(o, "packageFileName", p->file_name);
	put(o, "supplier", p->supplier ? p->supplier : "NOASSERTION");
	put(o, "downloadLocation", "NOASSERTION");
	json_object_object_add(o, "filesAnalyzed", json_object_new_boolean(p->nfiles > 0));
	if (p->nfiles)
		pkg_files_json(d, p, o);
	if (p->has_hashes)
		json_object_object_add(o, "checksums", checksums(p->sha1, p->sha256));
	put(o, "homepage", p->homepage);
	put(o, "licenseConcluded", pkg_concluded(d, p));
	put(o, "licenseDeclared", p->declared ? p->declared : "NOASSERTION");
	if (p->nfiles)
		json_object_object_add(o, "licenseInfoFromFiles", str_array(p->lics, p->nlics, "NONE"));
	if (p->declared_raw)
		put(o, "licenseComments", p->declared_raw);
	put(o, "copyrightText", "NOASSERTION");
	if (p->purl) {
		json_object *a = json_object_new_array(), *r = json_object_new_object();

		put(r, "referenceCategory", "PACKAGE-MANAGER");
		put(r, "referenceType", "purl");
		put(r, "referenceLocator", p->purl);
		json_object_array_add(a, r);
		json_object_object_add(o, "externalRefs", a);
	}
	put(o, "primaryPackagePurpose", purpose(d, p));
	return o;
}

static json_object *file_json(const struct sbom_doc *d, const struct sbom_file *f)
{
	json_object *o = json_object_new_object(), *t = json_object_new_array();

	put(o, "SPDXID", f->id);
	put(o, "fileName", f->name);
	json_object_array_add(t, json_object_new_string(file_type(f)));
	json_object_object_add(o, "fileTypes", t);
	json_object_object_add(o, "checksums", checksums(f->sha1, f->sha256));
	put(o, "licenseConcluded", file_concluded(d, f));
	json_object_object_add(o, "licenseInfoInFiles",
			       f->analysed ? str_array(f->lics, f->nlics, "NONE")
					   : str_array(NULL, 0, "NOASSERTION"));
	put(o, "copyrightText", file_copyright(f));
	put(o, "comment", f->comment);
	return o;
}

static json_object *ref_json(const struct sbom_ref *r)
{
	json_object *o = json_object_new_object();

	put(o, "licenseId", r->id);
	put(o, "extractedText", r->text);
	put(o, "name", r->name);
	put(o, "comment", r->comment);
	return o;
}

static json_object *rel_json(const struct sbom_rel *r)
{
	json_object *o = json_object_new_object();

	put(o, "spdxElementId", r->from);
	put(o, "relationshipType", r->type);
	put(o, "relatedSpdxElement", r->to);
	return o;
}

/* Prints o after sep and releases it; 0 or -1. */
static int emit(FILE *out, const char *sep, json_object *o)
{
	int rc = fprintf(out, "%s%s", sep, json_object_to_json_string_ext(o, JSON_FLAGS));

	json_object_put(o);
	return rc < 0 ? -1 : 0;
}

/* The document's first fields, as one object whose closing brace is cut. */
static int json_head(const struct sbom_doc *d, FILE *out)
{
	json_object *o = json_object_new_object(), *ci = json_object_new_object();
	char *comment = doc_comment(d);
	const char *s;
	size_t n;
	int rc;

	put(o, "spdxVersion", "SPDX-2.3");
	put(o, "dataLicense", "CC0-1.0");
	put(o, "SPDXID", "SPDXRef-DOCUMENT");
	put(o, "name", d->name);
	put(o, "documentNamespace", d->namespace);
	put(ci, "licenseListVersion", spdxdoc_list_version());
	json_object_object_add(ci, "creators", str_array(d->creators, d->ncreators, NULL));
	put(ci, "created", d->created);
	json_object_object_add(o, "creationInfo", ci);
	put(o, "comment", comment);
	free(comment);
	json_object_object_add(o, "documentDescribes", str_array(&d->pkgs[0].id, 1, NULL));
	s = json_object_to_json_string_ext(o, JSON_FLAGS);
	n = strlen(s);
	rc = fprintf(out, "%.*s", (int)(n - 1), s); /* without the closing brace */
	json_object_put(o);
	return rc < 0 ? -1 : 0;
}

int spdxdoc_json(const struct sbom_doc *d, FILE *out)
{
	size_t i;
	int rc = json_head(d, out);

	rc |= fputs(",\n\"packages\":[", out) < 0;
	for (i = 0; i < d->npkgs && !rc; i++)
		rc |= emit(out, i ? ",\n" : "\n", pkg_json(d, &d->pkgs[i]));
	rc |= fputs("\n],\n\"files\":[", out) < 0;
	for (i = 0; i < d->nfiles && !rc; i++)
		rc |= emit(out, i ? ",\n" : "\n", file_json(d, &d->files[i]));
	rc |= fprintf(out, "%s],\n\"hasExtractedLicensingInfos\":[", d->nfiles ? "\n" : "") < 0;
	for (i = 0; i < d->nrefs && !rc; i++)
		rc |= emit(out, i ? ",\n" : "\n", ref_json(&d->refs[i]));
	rc |= fprintf(out, "%s],\n\"relationships\":[", d->nrefs ? "\n" : "") < 0;
	for (i = 0; i < d->nrels && !rc; i++)
		rc |= emit(out, i ? ",\n" : "\n", rel_json(&d->rels[i]));
	rc |= fputs("\n]}\n", out) < 0;
	return rc ? -1 : 0;
}

/* --- tag-value ------------------------------------------------------------------ */

/* Free text in <text>...</text>; a "</text>" inside would end it early,
 * so its '<' is written as "&lt;" (the format has no escape of its own). */
static void tv_text(struct buf *b, const char *tag, const char *v)
{
	const char *p;

	if (!v)
		return;
	buf_printf(b, "%s: <text>", tag);
	while ((p = strstr(v, "</text>")) != NULL) {
		buf_add(b, v, (size_t)(p - v));
		buf_adds(b, "&lt;/text>");
		v = p + 7;
	}
	buf_printf(b, "%s</text>\n", v);
}

static void tv_line(struct buf *b, const char *tag, const char *v)
{
	if (v && strpbrk(v, "\r\n"))
		tv_text(b, tag, v);
	else if (v)
		buf_printf(b, "%s: %s\n", tag, v);
}

static void tv_sums(struct buf *b, const char *tag, const unsigned char *sha1,
		    const unsigned char *sha256)
{
	char hex[65];

	hash_hex(sha1, 20, hex);
	buf_printf(b, "%s: SHA1: %s\n", tag, hex);
	hash_hex(sha256, 32, hex);
	buf_printf(b, "%s: SHA256: %s\n", tag, hex);
}

static void tv_file(struct buf *b, const struct sbom_doc *d, const struct sbom_file *f)
{
	size_t i;

	buf_adds(b, "\n## File\n\n");
	tv_line(b, "FileName", f->name);
	tv_line(b, "SPDXID", f->id);
	tv_line(b, "FileType", file_type(f));
	tv_sums(b, "FileChecksum", f->sha1, f->sha256);
	tv_line(b, "LicenseConcluded", file_concluded(d, f));
	for (i = 0; i < f->nlics && f->analysed; i++)
		tv_line(b, "LicenseInfoInFile", f->lics[i]);
	if (!f->analysed || !f->nlics)
		tv_line(b, "LicenseInfoInFile", f->analysed ? "NONE" : "NOASSERTION");
	if (f->copyright)
		tv_text(b, "FileCopyrightText", f->copyright);
	else
		tv_line(b, "FileCopyrightText", file_copyright(f));
	tv_text(b, "FileComment", f->comment);
}

static void tv_pkg(struct buf *b, const struct sbom_doc *d, const struct sbom_pkg *p)
{
	size_t i;

	buf_adds(b, "\n## Package\n\n");
	tv_line(b, "PackageName", p->name);
	tv_line(b, "SPDXID", p->id);
	tv_line(b, "PackageVersion", p->version);
	tv_line(b, "PackageFileName", p->file_name);
	tv_line(b, "PackageSupplier", p->supplier ? p->supplier : "NOASSERTION");
	tv_line(b, "PackageDownloadLocation", "NOASSERTION");
	tv_line(b, "FilesAnalyzed", p->nfiles ? "true" : "false");
	if (p->nfiles && p->vcode_excluded)
		buf_printf(b, "PackageVerificationCode: %s (excludes: %s)\n", p->vcode,
			   p->vcode_excluded);
	else if (p->nfiles)
		tv_line(b, "PackageVerificationCode", p->vcode);
	if (p->has_hashes)
		tv_sums(b, "PackageChecksum", p->sha1, p->sha256);
	tv_line(b, "PackageHomePage", p->homepage);
	tv_line(b, "PackageLicenseConcluded", pkg_concluded(d, p));
	tv_line(b, "PackageLicenseDeclared", p->declared ? p->declared : "NOASSERTION");
	for (i = 0; i < p->nlics && p->nfiles; i++)
		tv_line(b, "PackageLicenseInfoFromFiles", p->lics[i]);
	if (p->nfiles && !p->nlics)
		tv_line(b, "PackageLicenseInfoFromFiles", "NONE");
	tv_text(b, "PackageLicenseComments", p->declared_raw);
	tv_line(b, "PackageCopyrightText", "NOASSERTION");
	if (p->purl)
		buf_printf(b, "ExternalRef: PACKAGE-MANAGER purl %s\n", p->purl);
	tv_line(b, "PrimaryPackagePurpose", purpose(d, p));
}

static void tv_head(struct buf *b, const struct sbom_doc *d)
{
	char *comment = doc_comment(d);
	size_t i;

	buf_adds(b, "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\n");
	tv_line(b, "DocumentName", d->name);
	tv_line(b, "DocumentNamespace", d->namespace);
	tv_text(b, "DocumentComment", comment);
	free(comment);
	buf_adds(b, "\n## Creation Information\n\n");
	tv_line(b, "LicenseListVersion", spdxdoc_list_version());
	for (i = 0; i < d->ncreators; i++)
		tv_line(b, "Creator", d->creators[i]);
	tv_line(b, "Created", d->created);
}

/* Flushes b to out when it grows (files stream as in JSON). */
static int flush(struct buf *b, FILE *out, size_t at)
{
	int rc = 0;

	if (b->len && b->len >= at) {
		rc = fwrite(b->data, 1, b->len, out) == b->len ? 0 : -1;
		buf_reset(b);
	}
	return rc;
}

int spdxdoc_tv(const struct sbom_doc *d, FILE *out)
{
	struct buf b = BUF_INIT;
	size_t i, j;
	int rc = 0;

	tv_head(&b, d);
	for (i = 0; i < d->npkgs && !rc; i++) {
		tv_pkg(&b, d, &d->pkgs[i]);
		for (j = 0; j < d->pkgs[i].nfiles && !rc; j++) {
			tv_file(&b, d, &d->files[d->pkgs[i].files[j]]);
			rc = flush(&b, out, 1 << 16);
		}
	}
	if (d->nrefs)
		buf_adds(&b, "\n## License Information\n");
	for (i = 0; i < d->nrefs; i++) {
		buf_addc(&b, '\n');
		tv_line(&b, "LicenseID", d->refs[i].id);
		tv_text(&b, "ExtractedText", d->refs[i].text);
		tv_line(&b, "LicenseName", d->refs[i].name);
		tv_text(&b, "LicenseComment", d->refs[i].comment);
	}
	buf_adds(&b, "\n## Relationships\n\n");
	for (i = 0; i < d->nrels; i++)
		buf_printf(&b, "Relationship: %s %s %s\n", d->rels[i].from, d->rels[i].type,
			   d->rels[i].to);
	if (!rc)
		rc = flush(&b, out, 0);
	buf_release(&b);
	return rc;
}
