/* SPDX-License-Identifier: MIT */
/* mani_int.h -- what the manifest readers share (internal to sbom/mani*.c).
 *
 * A reader gets a struct mani_doc and reports through the helpers below,
 * so every format says things the same way: mani_package() for the
 * package, mani_license() for a declared license (the finding and
 * package->declared together), mani_malformed() when the bytes are not
 * the format. */
#ifndef PETAL_MANI_INT_H
#define PETAL_MANI_INT_H

#include <stddef.h>

#include "manifest.h"

#define MANI_TEXT_MAX 1024 /* evidence and declared_raw are cut here */

struct mani_doc {
	const char *name;       /* "package.json": rule and messages */
	const char *text;       /* the manifest, UTF-8, not NUL-terminated */
	size_t len;
	struct file_result *r;  /* borrowed; where packages and findings go */
};

typedef void (*mani_reader_fn)(struct mani_doc *d);

void mani_read_npm(struct mani_doc *d);
void mani_read_composer(struct mani_doc *d);
void mani_read_cargo(struct mani_doc *d);
void mani_read_pyproject(struct mani_doc *d);
void mani_read_reuse(struct mani_doc *d);
void mani_read_setupcfg(struct mani_doc *d);
void mani_read_pkginfo(struct mani_doc *d);
void mani_read_gemspec(struct mani_doc *d);
void mani_read_pom(struct mani_doc *d);
void mani_read_nuspec(struct mani_doc *d);
void mani_read_debian(struct mani_doc *d);
void mani_read_dep5(struct mani_doc *d);

struct package *mani_package(struct mani_doc *d, const char *ecosystem);
/* *dst = copy of s[0..n) with white space trimmed, NULL when empty. */
void mani_setn(char **dst, const char *s, size_t n);
void mani_set(char **dst, const char *s);

/* A declared license: maps raw through mani_spdx(flags), adds the finding
 * and, when p, sets p->declared and p->declared_raw.  note (may be NULL)
 * is added to the finding's note. */
void mani_license(struct mani_doc *d, struct package *p, const char *raw, size_t n,
		  unsigned line, unsigned flags, const char *note);
/* A list of licenses joined by op ("OR"/"AND"), each mapped alone. */
void mani_license_list(struct mani_doc *d, struct package *p, char *const *items, size_t n,
		       unsigned line, const char *op, const char *note);
/* A mapping already made (m is only read). */
void mani_declare(struct mani_doc *d, struct package *p, const char *raw, size_t n,
		  unsigned line, const struct mani_spdx *m, const char *note);
/* The license is in a file (Cargo license-file, PEP 621 {file}, nuspec). */
void mani_license_file(struct mani_doc *d, struct package *p, const char *file,
		       unsigned line, const char *field);
/* A finding with problem "<what>" (license kind, manifest method). */
void mani_problem(struct mani_doc *d, struct package *p, unsigned line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* "malformed <name>: why" on the finding and on p when given. */
void mani_malformed(struct mani_doc *d, struct package *p, const char *why);

/* Python trove classifiers ("License :: OSI Approved :: MIT License"):
 * the license ones, mapped, OR'd when several.  Returns 1 if any. */
int mani_classifiers(struct mani_doc *d, struct package *p, char *const *cls, size_t n,
		     unsigned line);
/* A stanza's license: strict SPDX (REUSE) or DEP-5 names. */
void mani_stanza_license(struct mani_stanza *st, const char *raw, size_t n, int dep5);

/* Line (1-based) of position p in text (up to end), lines ending as
 * text.h says: \n, \r\n or a lone \r. */
unsigned mani_line_of(const char *text, const char *p, const char *end);
/* 'value' for messages: escaped, cut at 80 bytes with "...". */
char *mani_quote(const char *s, size_t n);
/* The last '/'-separated component of path (after any "!/"). */
const char *mani_base(const char *path);


#endif
