/* SPDX-License-Identifier: MIT */
/* match.h -- find license texts in a file's words.
 *
 * Every reference text is indexed by hashed k-grams of word ids
 * (licenses/index.h).  match_file() cuts the file into words once
 * (scanner/tok.h), probes the k-gram table once per position, groups the
 * hits by license into regions of the file, and confirms each region by
 * aligning it against its reference: the longest chain of hits in order
 * (anchors), with the gaps between anchors aligned word by word.  That
 * gives the coverage (share of the reference's required words matched:
 * a title and the how-to-apply appendix are omittable), the words of the
 * file inside the span that the reference lacks, and the line span.
 * Overlapping candidates compete: most words matched, fewest extra and
 * missing -- which is how BSD-2-Clause and BSD-3-Clause, MIT and MIT-0
 * are told apart.  Each region keeps its best; several licenses in one
 * file come out with their own spans.
 *
 *   m = match_ctx_new(idx)            one per thread
 *   match_file(m, text, len, &o, r)   appends findings to r
 *   match_ctx_free(m)
 *
 * A match covering at least o.min_coverage % of its reference is the
 * license (method "text", expression set); one covering less is a partial
 * match (expression null, the id in rule, a problem saying how much).
 * idx must outlive m. */
#ifndef PETAL_MATCH_H
#define PETAL_MATCH_H

#include <stddef.h>

#include "index.h"
#include "result.h"

#define MATCH_MIN_COVERAGE 90 /* default of --min-coverage */
#define MATCH_MIN_PARTIAL 30  /* below this, and under 40 words, nothing is said */

struct match_opts {
	int min_coverage;
};

struct match_ctx;

struct match_ctx *match_ctx_new(const struct idx *x);
void match_file(struct match_ctx *m, const char *text, size_t len, const struct match_opts *o,
		struct file_result *r);
void match_ctx_free(struct match_ctx *m);

/* `petal explain`: match_explain() finds what match_file() finds (without
 * the keyword prefilter) and then walks each match's alignment, calling fn
 * with runs of words: missing from the file, or extra in it.  The finding
 * is the one appended to r; words are the normalized words, space-joined
 * (long runs cut with "..."), valid during the call. */
enum match_op { MATCH_MISSING, MATCH_EXTRA };

struct match_run {
	enum match_op op;
	unsigned line;     /* in the file, where the run is */
	size_t nwords;
	const char *words;
};

typedef void (*match_run_fn)(void *ctx, const struct finding *f, const struct match_run *run);

void match_explain(struct match_ctx *m, const char *text, size_t len, const struct match_opts *o,
		   struct file_result *r, match_run_fn fn, void *ctx);

#endif
