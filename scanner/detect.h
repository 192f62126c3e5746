/* SPDX-License-Identifier: MIT */
/* detect.h -- run every detector over one file's decoded text.
 *
 * The detectors, cheap first: package manifests when r->path names one
 * (sbom/manifest.h: a name check per file; packages and declared
 * licenses), SPDX tags (rules/spdx_tag.h, each license
 * expression checked and made canonical by rules/expr.h), then license
 * texts (rules/match.h, when an index is given), then copyright
 * statements (rules/copyright.h; an SPDX-FileCopyrightText line is the
 * tag finder's, its value split by copy_parse).  After them the file's
 * expression is set: the AND of the distinct valid license expressions
 * found, in order of first appearance.
 *
 *   d = detect_new(&opts)            one per worker thread
 *   detect_text(d, text, len, r)     appends findings to r, sets r->expression
 *   detect_free(d)
 *
 * text is UTF-8, need not be NUL-terminated.  opts.idx (borrowed) may be
 * NULL: tags and copyrights only. */
#ifndef PETAL_DETECT_H
#define PETAL_DETECT_H

#include <stddef.h>

#include "index.h"
#include "result.h"

struct detect_opts {
	const struct idx *idx; /* license texts; NULL to skip text matching */
	int min_coverage;      /* % of a reference text that makes a match */
};

struct detect;

struct detect *detect_new(const struct detect_opts *o);
void detect_text(struct detect *d, const char *text, size_t len, struct file_result *r);
void detect_free(struct detect *d);

#endif
