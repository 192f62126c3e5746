/* SPDX-License-Identifier: MIT */
/* walk.h -- walk directory trees in path order, reporting every entry.
 *
 * walk_run() visits each root (a directory, a file, or anything else) and
 * calls fn once for every non-directory it meets, depth first.  Siblings
 * are visited in byte order of their names, a directory's name taken with
 * a trailing '/', so the whole walk comes out sorted by path as `sort`
 * would sort it.  Nothing is lost: what is not a regular file is still
 * reported, with its kind, and errors travel with entries (ripgrep's
 * ignore crate does the same) -- the walk goes on.
 *
 * Symbolic links are reported, not followed, unless opts.follow: then a
 * link is followed only when it resolves inside its root and does not lead
 * back into a directory being walked (a loop); otherwise it is reported
 * with the reason.  A root given as a symlink is always followed (as
 * find -H does).  VCS directories (.git, .hg, .svn, .bzr, CVS, _darcs)
 * are reported once as WALK_SKIPPED unless opts.vcs; paths matching an
 * exclude glob (pathglob.h's PATHGLOB_EXCLUDE, fnmatch's rules: against the base
 * name unless the glob has a '/', then against the path below the root,
 * a leading "./" or "/" being the root; a trailing '/' matches directories
 * only) are reported as WALK_SKIPPED, a directory once for all it holds.
 *
 *   walk_run(roots, nroots, &opts, fn, ctx)   returns fn's non-zero value,
 *                                             else 0
 *
 * Paths: the root as given ("./" prefixes dropped), then "/" and each
 * name.  They are filesystem bytes; the caller escapes them for display.
 * The walk is single-threaded and keeps no state between calls. */
#ifndef PETAL_WALK_H
#define PETAL_WALK_H

#include <stddef.h>
#include <stdint.h>

enum walk_kind {
	WALK_FILE,    /* regular file */
	WALK_SYMLINK, /* target set */
	WALK_SPECIAL, /* fifo, socket, device */
	WALK_SKIPPED, /* reason set: VCS dir, excluded */
	WALK_ERROR,   /* reason set: could not be read or stat'ed */
};

struct walk_entry {
	enum walk_kind kind;
	const char *path;   /* valid during the callback */
	const char *open_path; /* WALK_FILE: what to open (a followed link's
				* resolved path, else path) */
	const char *target; /* WALK_SYMLINK */
	const char *reason; /* WALK_SKIPPED, WALK_ERROR; or why a link was not followed */
	int is_dir;         /* WALK_SKIPPED/WALK_ERROR: the entry is a directory */
};

struct walk_opts {
	const char *const *excludes; /* globs */
	size_t nexcludes;
	int follow; /* follow symlinks that stay inside the root */
	int vcs;    /* descend into VCS directories */
};

typedef int (*walk_fn)(void *ctx, const struct walk_entry *ent);

int walk_run(const char *const *roots, size_t nroots, const struct walk_opts *opts,
	     walk_fn fn, void *ctx);

/* How the walk names a root in the paths it reports: "./a/" -> "a",
 * "." -> "" (its children are then named without a prefix).  The
 * length of that name, which starts at the returned pointer into root. */
const char *walk_root_name(const char *root, size_t *len);
/* The same as a string of its own (caller frees). */
char *walk_root_dup(const char *root);

#endif
