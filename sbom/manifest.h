/* SPDX-License-Identifier: MIT */
/* manifest.h -- declared licenses and packages from package manifests.
 *
 * A manifest is recognised by its name alone (a const table of readers in
 * manifest.c, cheap string checks, nothing read for other files):
 *
 *   package.json  composer.json           (mani_json.c, json-c)
 *   Cargo.toml  pyproject.toml            (mani_toml.c, sbom/toml.h)
 *   setup.cfg  PKG-INFO  *.dist-info/METADATA           (mani_python.c)
 *   *.gemspec                             (mani_gem.c, literal values only)
 *   pom.xml  *.nuspec                     (mani_xml.c, sbom/xml.h)
 *   debian/copyright  .reuse/dep5         (mani_dep5.c, DEP-5 / RFC 822)
 *   REUSE.toml                            (mani_toml.c)
 *
 * A manifest that names a package adds a struct package to the file's
 * result, and its declared license becomes a finding (kind license,
 * method manifest, rule "manifest:<file name>", the field's line, the
 * raw value as text) whose expression is canonical SPDX, or NULL with a
 * problem ("not an SPDX expression: 'BSD'").  Non-SPDX names ("Apache
 * 2.0", "GPLv2+", classifiers, license URLs, Debian short names) are
 * mapped by mani_spdx(); ambiguous ones ("BSD", "GPL") are never guessed.
 * A list of licenses is read as a choice (OR) where the format says so
 * (composer, Maven, npm's legacy list) or its common use does (gemspec,
 * Python classifiers), with a note.  A malformed manifest is a finding
 * with a problem ("malformed package.json: line 3: ..."); inputs over
 * MANI_MAX_BYTES are not parsed.  One that declares nothing (a
 * package.json of {"type": "module"}, a workspace-only Cargo.toml, tool
 * settings in pyproject.toml) adds nothing.
 *
 *   n = mani_find(path)            reader index for a display path, or -1
 *   mani_read(path, text, len, r)  when path names a manifest, appends its
 *                                  packages and findings to r; returns 1
 *                                  if it was one, else 0 (r untouched)
 *
 * Names to SPDX (also for other modules):
 *
 *   mani_spdx(raw, len, flags, &m) m.expression (canonical, owned) or
 *                                  m.problem; m.note when a reading was
 *                                  chosen; mani_spdx_release(&m)
 *
 * Per-path stanzas (DEP-5 Files paragraphs, REUSE.toml annotations) that
 * apply to OTHER files under the manifest's directory:
 *
 *   mani_dep5_parse(text, len, &s, e)    debian/copyright, .reuse/dep5
 *   mani_reuse_parse(text, len, &s, e)   REUSE.toml
 *   st = mani_stanza_for(&s, relpath)    the stanza that applies (the last
 *                                        that matches, as both formats say)
 *   mani_glob_match(&s, glob, relpath)   one glob, in the format's dialect
 *   mani_stanzas_release(&s)
 *
 * Applied to the files of a scan (sbom/mani_apply.c): REUSE.toml,
 * .reuse/dep5 and debian/copyright at the top of a scanned directory are
 * read before the walk; each file below it that a stanza covers gets the
 * stanza's license (and copyright) as findings with a note saying where
 * they come from, by the stanza's precedence (REUSE.toml: closest by
 * default, aggregate or override; .reuse/dep5: aggregate, as REUSE says;
 * debian/copyright: closest, a packager's summary never overrides what a
 * file says), and the file's expression is set again.
 *
 *   a = mani_annots_load(roots, n)  NULL when no root has any; files that
 *                                   do not parse are skipped (their own
 *                                   records say why)
 *   mani_annotate(a, r)             r->path as the walker names it; a
 *                                   may be NULL; archive entries are left
 *   mani_annots_free(a)             accepts NULL
 *
 * a is read-only once loaded: workers share it.
 *
 * Ownership: everything added to r belongs to r; struct mani_spdx and
 * struct mani_stanzas own their strings.  Threads: no state; every call
 * works on its arguments only. */
#ifndef PETAL_MANIFEST_H
#define PETAL_MANIFEST_H

#include <stddef.h>

#include "perr.h"
#include "result.h"

#define MANI_MAX_BYTES (8u << 20) /* larger manifests are not parsed */

int mani_find(const char *path);
int mani_read(const char *path, const char *text, size_t len, struct file_result *r);

enum mani_spdx_flags {
	MANI_SLASH_OR = 1, /* "MIT/Apache-2.0" means OR (old Cargo crates) */
	MANI_DEP5 = 2,     /* Debian syntax: "GPL-2+ or Artistic", "with X exception" */
};

struct mani_spdx {
	char *expression; /* owned; canonical SPDX, NULL when not made one */
	char *problem;    /* owned; why not, NULL when expression is set */
	char *note;       /* owned; a reading chosen ("-only" assumed...), or NULL */
};

void mani_spdx(const char *raw, size_t len, unsigned flags, struct mani_spdx *m);
void mani_spdx_release(struct mani_spdx *m);

/* Row i of the name table (for its test: each key is a normal form and
 * each value a valid expression); 0 past the end. */
int mani_alias_at(size_t i, const char **key, const char **spdx);

enum mani_precedence {
	MANI_PREC_CLOSEST,   /* REUSE default: a file's own tags win */
	MANI_PREC_AGGREGATE, /* both the file's tags and the stanza's (.reuse/dep5) */
	MANI_PREC_OVERRIDE,  /* the stanza wins over the file */
};

struct mani_stanza {
	char **globs;       /* owned; patterns as written, relative to the root */
	size_t nglobs;
	char *license_raw;  /* owned; as written, or NULL */
	char *expression;   /* owned; canonical SPDX, or NULL */
	char *problem;      /* owned; why the license is not an expression */
	char *copyright;    /* owned; as written (lines joined by \n), or NULL */
	unsigned line;      /* where the stanza starts */
	unsigned license_line; /* the License field's line, 0 if none */
	enum mani_precedence precedence;
};

struct mani_stanzas {
	struct mani_stanza *v; /* owned; in document order */
	size_t n;
	int reuse_globs;       /* 1: REUSE.toml ('*' stops at '/', '**' does not);
				* 0: DEP-5 ('*' matches '/' too) */
	char *upstream_name;   /* owned; DEP-5 header Upstream-Name, or NULL */
	char *source;          /* owned; DEP-5 header Source, or NULL */
	unsigned nstandalone;  /* DEP-5 stand-alone License paragraphs */
};

int mani_dep5_parse(const char *text, size_t len, struct mani_stanzas *s, struct perr *e)
	__attribute__((warn_unused_result));
int mani_reuse_parse(const char *text, size_t len, struct mani_stanzas *s, struct perr *e)
	__attribute__((warn_unused_result));
const struct mani_stanza *mani_stanza_for(const struct mani_stanzas *s, const char *relpath);
int mani_glob_match(const struct mani_stanzas *s, const char *glob, const char *relpath);
void mani_stanzas_release(struct mani_stanzas *s);

struct mani_annots;

struct mani_annots *mani_annots_load(const char *const *roots, size_t n);
void mani_annotate(const struct mani_annots *a, struct file_result *r);
void mani_annots_free(struct mani_annots *a);

#endif
