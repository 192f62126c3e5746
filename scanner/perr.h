/* SPDX-License-Identifier: MIT */
/* perr.h -- errors that carry a reason, graded as libarchive's are.
 *
 * A module that can fail takes a `struct perr *` and fills it through
 * perr_set(), which returns -1 so call sites stay one line:
 *
 *	if (n > lim->max_entries)
 *		return perr_set(e, PERR_LIMIT, "over --max-entries %u", lim->max_entries);
 *
 * Messages are lower case, no full stop, and never name the display path:
 * the caller knows the path and prints `petal: PATH: reason` once.
 *
 * Grades: PERR_FILE fails one input (record it, go on); PERR_LIMIT is a
 * per-input limit that tripped (also go on); PERR_FATAL stops the run. */
#ifndef PETAL_PERR_H
#define PETAL_PERR_H

enum perr_code {
	PERR_OK = 0,
	PERR_FILE,  /* this input failed: unreadable, corrupt ... */
	PERR_LIMIT, /* a configured limit tripped on this input */
	PERR_USAGE, /* bad arguments or options */
	PERR_FATAL, /* out of memory, output write failed: stop */
};

struct perr {
	enum perr_code code;
	char msg[256];
};

/* Sets e (when not NULL) and returns -1. */
int perr_set(struct perr *e, enum perr_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Resets e to PERR_OK with an empty message. */
void perr_clear(struct perr *e);

#endif
