/* SPDX-License-Identifier: MIT */
/* sbom.h -- the document model every SBOM writer prints (spdxdoc.h, cdx.h).
 *
 * The scan's records come in through sbom_add (a pipeline sink, in path
 * order); sbom_finish turns them into one document:
 *
 *   packages  the root (what was scanned: a directory, a file, or one
 *             archive given alone), one per archive found inside, one per
 *             package a manifest declares.  The top-level manifest's first
 *             package is merged into the root (its name, version,
 *             supplier, declared license).
 *   files     every input file whose bytes were read (text, binary,
 *             archive) with SHA-1 and SHA-256; each belongs to the package
 *             with the longest scope holding it (an archive's scope is
 *             "a.tar!/", a manifest's its directory).
 *   skips     the rest (symlinks, special files, skipped, failed), each
 *             with its status and reason and the package holding it; also
 *             as text in sbom_doc.undescribed (capped: "and N more").
 *   refs      a LicenseRef- definition for every one used: unknown license
 *             texts (LicenseRef-petal-unknown-<hash of the text>; the text
 *             is the finding's span, else its evidence), ids from tags and
 *             manifests that
 *             are not on the SPDX list (their text from a REUSE
 *             LICENSES/<id>.txt when there is one), declared licenses
 *             that are no SPDX expression (LicenseRef-petal-declared-
 *             <hash>, the text as the manifest wrote it).
 *   rels      DESCRIBES, and CONTAINS or DEPENDS_ON (a manifest package in
 *             node_modules/, vendor/, third_party/) from parent to child.
 *
 * SPDXIDs come from paths (SPDXRef-File-<tail of the path>-<hash>), so
 * adding a file changes no other id.  The namespace and the serial number
 * come from a digest of the content and options (unless --namespace).
 *
 *   sbom_check_opts(&opts, e)   -1 with e (PERR_USAGE) for a bad option value;
 *                               the CLI asks before scanning
 *   d = sbom_new(&opts)         opts and its strings are borrowed until sbom_free
 *   sbom_add(d, r)              a pipeline sink; copies what it needs from r
 *   sbom_finish(d, e)           builds the model; -1 with e set (PERR_USAGE:
 *                               the options, as sbom_check_opts)
 *   sbom_free(d)                accepts NULL
 *
 * Also, for the writers and tests:
 *   sbom_lic_entries(x, &n)     the simple license entries of a canonical
 *                               expression (ids, "A WITH B", LicenseRef-x);
 *                               NULL when it does not parse
 *
 * Every char * in the structs below is owned by the document.  One thread. */
#ifndef PETAL_SBOM_H
#define PETAL_SBOM_H

#include <stddef.h>
#include <stdint.h>

#include "perr.h"
#include "result.h"

struct sbom_opts {
	const char *name, *version, *supplier, *namespace; /* NULL: defaults */
	const char *const *creators; /* "Person: x" or "Organization: y" */
	size_t ncreators;
	int conclude;        /* licenseConcluded: the detected expressions */
	int64_t created;     /* seconds since the epoch (SOURCE_DATE_EPOCH) */
	const char *const *roots; /* the pipeline's roots, as given */
	size_t nroots;
	const char *exclude; /* display path of the SBOM file itself, or NULL */
	/* Optional: the text of a file named by display path (REUSE
	 * LICENSES/LicenseRef-x.txt); NULL when unavailable.  The document
	 * frees what it returns. */
	char *(*read_text)(void *ctx, const char *path);
	void *read_ctx;
};

enum sbom_pkg_kind {
	SBOM_ROOT,
	SBOM_ARCHIVE,
	SBOM_MANIFEST,
};

struct sbom_pkg {
	enum sbom_pkg_kind kind;
	char *id;          /* SPDXRef-... */
	char *name;
	char *version;     /* NULL: unknown */
	char *supplier;    /* "Organization: x" / "Person: y"; NULL: NOASSERTION */
	char *homepage;
	char *purl;        /* NULL unless ecosystem, name and version are known */
	char *file_name;   /* the archive's or the manifest's name ("./a.tar") */
	char *manifest;    /* the manifest it comes from ("./package.json"; the
			    * root's too), or NULL */
	char *declared;    /* licenseDeclared; NULL: NOASSERTION */
	char *declared_raw;/* as the manifest wrote it, when it was not SPDX
			    * (then declared is LicenseRef-petal-declared-<hash>) */
	char *concluded;   /* licenseConcluded (--conclude); NULL: NOASSERTION */
	char *scope;       /* files under this prefix belong here ("" for the root) */
	int has_hashes;
	unsigned char sha1[20], sha256[32];
	size_t parent;     /* index of the parent package; the root's is 0 */
	int depends;       /* parent DEPENDS_ON this one, else CONTAINS */
	size_t *files;     /* indexes into sbom_doc.files, in path order */
	size_t nfiles;
	char **lics;       /* licenseInfoFromFiles, sorted, unique */
	size_t nlics;
	char vcode[41];    /* packageVerificationCode, when nfiles > 0 */
	char *vcode_excluded; /* "./out.spdx.json" when the SBOM file is in here */
};

struct sbom_file {
	char *id;
	char *name;        /* "./" + the path below the root */
	char *path;        /* the display path */
	enum file_type type;
	int analysed;      /* scanned (a binary: with stanza findings): NONE when none */
	unsigned char sha1[20], sha256[32];
	char **lics;       /* licenseInfoInFiles, sorted, unique */
	size_t nlics;
	char *expression;  /* the combined detected expression, NULL if none */
	char *concluded;   /* --conclude: expression AND unknown texts; NULL: NONE */
	char *copyright;   /* the statements found, one a line; NULL if none */
	char *comment;     /* why not analysed, or NULL */
	size_t pkg;        /* the package it belongs to */
	enum file_status status;
	int has_hashes;
	struct package *decl; /* copies of what the file declares (manifests) */
	size_t ndecl;
	char **unknown;    /* FM_UNKNOWN texts (span), parallel to unknown_note */
	char **unknown_note;
	unsigned (*unknown_lines)[2]; /* their first and last lines */
	size_t nunknown;
	char *tag_text;    /* first license finding text (for ref comments) */
};

/* An input the document has no content for. */
struct sbom_skip {
	char *id;          /* SPDXRef-File-..., unique among the files' */
	char *name;        /* "./" + the path below the root */
	char *path;        /* the display path */
	enum file_type type;
	enum file_status status;
	char *reason;      /* "symlink to x", the error, or the type's name */
	size_t pkg;        /* the package whose scope holds it */
};

struct sbom_ref {
	char *id;          /* LicenseRef-... */
	char *name;
	char *text;        /* extractedText */
	char *comment;
};

struct sbom_rel {
	const char *from, *type, *to; /* borrowed: ids above, or SPDXRef-DOCUMENT */
};

struct sbom_doc {
	struct sbom_opts o;
	char *name;        /* document name */
	char *namespace;
	char serial[46];   /* "urn:uuid:..." (CycloneDX) */
	char created[21];  /* "2024-01-02T03:04:05Z" */
	char **creators;   /* "Tool: petal-0.1.0", then the opts' */
	size_t ncreators;
	struct sbom_pkg *pkgs; /* [0] is the root */
	size_t npkgs, cappkgs;
	struct sbom_file *files; /* in path order */
	size_t nfiles, capfiles;
	struct sbom_ref *refs; /* sorted by id */
	size_t nrefs, caprefs;
	struct sbom_rel *rels;
	size_t nrels, caprels;
	char **undescribed; /* "path (type: reason)" for inputs not in files,
			     * at most 200 (sbom.c), the last "and N more" */
	size_t nundescribed, capundescribed;
	struct sbom_skip *skips; /* every input not in files, in path order */
	size_t nskips, capskips;
	int root_is_archive; /* one archive given alone: it is the root */
};

int sbom_check_opts(const struct sbom_opts *o, struct perr *e) __attribute__((warn_unused_result));
struct sbom_doc *sbom_new(const struct sbom_opts *o);
int sbom_add(void *doc, const struct file_result *r);
int sbom_finish(struct sbom_doc *d, struct perr *e) __attribute__((warn_unused_result));
void sbom_free(struct sbom_doc *d);

char **sbom_lic_entries(const char *expression, size_t *n);

#endif
