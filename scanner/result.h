/* SPDX-License-Identifier: MIT */
/* result.h -- the result model: one struct file_result per input file.
 *
 * This is DESIGN's contract in C.  Every reporter, policy and SBOM writer
 * reads only this header; it includes no other petal header.  Field names
 * in the JSON output (report_json.c) follow the members below.
 *
 *   result_init(r)                  zeroes r, no allocation
 *   result_add(r)                   appends a zeroed finding, returns it
 *   result_add_package(r)           appends a zeroed package, returns it
 *   result_set_error(r, st, fmt...) sets status and the reason (owned copy)
 *   result_set_expression(r)        r->expression = the AND of its license
 *                                   findings' expressions, each operand
 *                                   once (expr_and_all); NULL when none
 *   result_release(r)               frees everything r owns; r can be reused
 *
 * Every char * below is owned by its struct, NUL-terminated, valid UTF-8
 * (the pipeline escapes what is not). */
#ifndef PETAL_RESULT_H
#define PETAL_RESULT_H

#include <stddef.h>
#include <stdint.h>

enum file_type {
	FT_TEXT,
	FT_BINARY,
	FT_ARCHIVE,
	FT_SYMLINK, /* also hard links inside archives */
	FT_SPECIAL, /* fifo, socket, device */
	FT_SKIPPED, /* not read: excluded, VCS dir, or could not be opened */
};

/* Why a file has no findings: scanned, skipped on purpose, or failed.
 * Only FS_FAILED makes `petal scan` exit 3. */
enum file_status {
	FS_SCANNED,
	FS_SKIPPED,
	FS_FAILED,
};

enum finding_kind {
	FK_LICENSE,
	FK_COPYRIGHT,
};

enum finding_method {
	FM_NONE,
	FM_SPDX_TAG,
	FM_TEXT,
	FM_NOTICE,
	FM_REFERENCE,
	FM_MANIFEST,
	FM_UNKNOWN,
};

struct finding {
	enum finding_kind kind;
	enum finding_method method;
	char *expression; /* owned; canonical SPDX expression, NULL if invalid */
	char *problem;    /* owned; NULL, or e.g. "invalid SPDX expression: ..." */
	char *note;       /* owned; NULL, or what a reviewer should know */
	char *rule;       /* owned; rule name, e.g. "spdx-tag" */
	char *text;       /* owned; the matched text */
	char **holders;   /* owned; copyright holders */
	size_t nholders;
	char *years;      /* owned; copyright years as written */
	unsigned start_line; /* 1-based; 0 when not applicable */
	unsigned end_line;
	int score;    /* 0..100, -1 when not applicable */
	int coverage; /* 0..100, -1 when not applicable */
	long extra_words;   /* text matches: words of the file's span the */
	long missing_words; /* reference lacks, and required reference words
			     * the file lacks; -1 when not applicable */
	char *span;       /* owned; FM_UNKNOWN: the whole text of start_line..
			   * end_line (capped), for an SBOM's extracted text;
			   * else NULL.  Not in the scan's JSON. */
};

/* A package that a manifest declares (package.json, Cargo.toml, pom.xml,
 * debian/copyright...).  The manifest's file_result carries it; the SBOM
 * writers (sbom/) turn each into a package.  NULL members were absent. */
struct package {
	char *ecosystem;    /* purl type: "npm", "cargo", "pypi", "composer", "gem",
			     * "maven", "nuget", "deb"; NULL when none fits */
	char *namespace;    /* purl namespace (Maven groupId, Composer vendor) */
	char *name;
	char *version;
	char *declared;     /* the declared license as a canonical SPDX
			     * expression; NULL when it could not be made one */
	char *declared_raw; /* the declared license as written */
	char *supplier;     /* author, maintainer or vendor as written */
	char *homepage;
	char *problem;      /* why the manifest or its license could not be read */
};

struct file_result {
	char *path; /* owned; display path, archive entries as a.tar!/b */
	enum file_type type;
	enum file_status status;
	uint64_t size;         /* bytes (uncompressed for archive entries) */
	int has_hashes;        /* sha1/sha256 valid */
	unsigned char sha1[20];
	unsigned char sha256[32];
	char *encoding;   /* owned; text encoding ("utf-8", "latin-1", "utf-16le"...) */
	char *mime;       /* owned; libmagic's label for binaries, else NULL */
	char *target;     /* owned; symlink or hard link target, else NULL */
	char *expression; /* owned; combined license expression, NULL if none */
	struct finding *findings; /* owned array */
	size_t nfindings;
	size_t capfindings;
	struct package *packages; /* owned array: what the file declares */
	size_t npackages;
	char *error;      /* owned; NULL, or why it was skipped or failed */
	int truncated;    /* only the first bytes (a limit) were analysed */
};

const char *result_type_name(enum file_type t);
const char *result_status_name(enum file_status s);
const char *result_method_name(enum finding_method m);
const char *result_kind_name(enum finding_kind k);

void result_init(struct file_result *r);
struct finding *result_add(struct file_result *r);
struct package *result_add_package(struct file_result *r);
void result_package_release(struct package *p); /* frees p's members, not p */
void result_set_error(struct file_result *r, enum file_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void result_set_expression(struct file_result *r);
void result_release(struct file_result *r);

/* Moves src into dst (dst must be released or fresh); src is left zeroed. */
void result_move(struct file_result *dst, struct file_result *src);

#endif
