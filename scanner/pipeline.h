/* SPDX-License-Identifier: MIT */
/* pipeline.h -- inputs in, one file_result per input file out, in order.
 *
 *   PATH... -> walk_ -> job (numbered by order_) -> pool_ worker:
 *       readf_ (first bytes) -> ftype_ -> archive? arc_ (entries fan out as
 *       jobs) : readf_ (rest, hashes) -> text_ (decode) -> detect_ (tags,
 *       license texts)
 *   -> order_ (back in walk order; an archive with its entries sorted by
 *       path) -> sink
 *
 * The calling thread walks and feeds the pool; pipeline_run returns when
 * every result has gone through the sink.  The sink runs on one thread at
 * a time, in path order, and sees the same results for any thread count.
 *
 *   pipeline_opts_default(&o)
 *   pipeline_run(roots, n, &o, sink, ctx, &prog, e)
 *       returns 0, the sink's non-zero return, or -1 with e set
 *       (PERR_FATAL: nothing useful could be produced).  Inputs that fail
 *       are results with status FS_FAILED, not errors here.
 *
 * prog (may be NULL) is called on the calling thread about every
 * progress_ms while the run lasts, with counts so far. */
#ifndef PETAL_PIPELINE_H
#define PETAL_PIPELINE_H

#include <stddef.h>
#include <stdint.h>

#include "arc.h"
#include "detect.h"
#include "manifest.h"
#include "order.h"
#include "perr.h"
#include "walk.h"

struct pipeline_opts {
	unsigned jobs;        /* worker threads (>= 1) */
	int checksums;        /* SHA-1 and SHA-256 of every file */
	struct walk_opts walk;
	struct arc_limits lim; /* lim.max_entry_bytes also caps plain files */
	struct detect_opts detect;
	const struct mani_annots *annots; /* borrowed; REUSE/DEP-5 stanzas, or NULL */
};

struct pipeline_counts {
	uint64_t files; /* results out so far */
	uint64_t bytes; /* their sizes */
	double seconds; /* since the start */
};

struct pipeline_progress {
	void (*fn)(void *ctx, const struct pipeline_counts *c);
	void *ctx;
	unsigned every_ms;
};

void pipeline_opts_default(struct pipeline_opts *o);
int pipeline_run(const char *const *roots, size_t nroots, const struct pipeline_opts *o,
		 order_sink sink, void *ctx, const struct pipeline_progress *prog,
		 struct perr *e);

#endif
