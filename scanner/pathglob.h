/* SPDX-License-Identifier: MIT */
/* pathglob.h -- one path-glob matcher for every glob dialect petal reads.
 *
 * petal reads globs in four places, each with its own rules; they differ
 * only in a few switches, so one matcher serves them all:
 *
 *   PATHGLOB_EXCLUDE  --exclude (fnmatch(3) with no flags): '*' and '?'
 *       match '/' too, [a-z] [!a] [[:digit:]] classes, '\' escapes; a
 *       glob without '/' matches the base name; a leading "./" or "/" is
 *       the scan root.
 *   PATHGLOB_POLICY  policy path exceptions: '*', '?' and classes stay in
 *       one segment; a whole segment "**" is any number of segments (so
 *       "a" '/' "**" also matches "a"); no escapes; no '/': the base name;
 *       a trailing '/': everything below; a leading "./" or "/" is the root.
 *   PATHGLOB_DEP5  DEP-5 Files: '*' and '?' match '/' too, '\' escapes
 *       ('\*', '\?', '\\'), no classes, the whole path.
 *   PATHGLOB_REUSE  REUSE.toml path: '*' and '?' stop at '/', "**"
 *       anywhere matches everything ('/' too), '\' escapes, the whole path.
 *
 * How: the pattern is read token by token, once, while one row of
 * booleans (which path prefixes the pattern so far can match) is carried
 * along: O(pattern x path) time, no backtracking, so no pattern is
 * exponential.  Rows for short paths live on the stack.
 *
 *   pathglob_match(pattern, path, flags)   1: the path matches, else 0
 *
 * Ownership: nothing is kept.  Threads: no state; call from any thread. */
#ifndef PETAL_PATHGLOB_H
#define PETAL_PATHGLOB_H

enum {
	PATHGLOB_PATHNAME = 1 << 0,  /* '*', '?' and classes never match '/' */
	PATHGLOB_DSTAR = 1 << 1,     /* "**" anywhere matches any bytes, '/' too */
	PATHGLOB_SEGSTAR = 1 << 2,   /* a whole segment "**" is zero or more segments */
	PATHGLOB_CLASSES = 1 << 3,   /* [abc] [a-z] [!a] [^a] [[:alpha:]]; else '[' is a byte */
	PATHGLOB_ESCAPES = 1 << 4,   /* '\x' is the byte x; else '\' is a byte */
	PATHGLOB_BASENAME = 1 << 5,  /* a pattern without '/' matches the last segment */
	PATHGLOB_DIRPREFIX = 1 << 6, /* a pattern ending in '/' matches all below it */
	PATHGLOB_ROOTED = 1 << 7,    /* leading "./" and "/" of the pattern dropped */
};

#define PATHGLOB_EXCLUDE (PATHGLOB_CLASSES | PATHGLOB_ESCAPES | PATHGLOB_BASENAME | PATHGLOB_ROOTED)
#define PATHGLOB_POLICY                                                                            \
	(PATHGLOB_PATHNAME | PATHGLOB_SEGSTAR | PATHGLOB_CLASSES | PATHGLOB_BASENAME |             \
	 PATHGLOB_DIRPREFIX | PATHGLOB_ROOTED)
#define PATHGLOB_DEP5 (PATHGLOB_ESCAPES)
#define PATHGLOB_REUSE (PATHGLOB_PATHNAME | PATHGLOB_DSTAR | PATHGLOB_ESCAPES)

int pathglob_match(const char *pattern, const char *path, unsigned flags);

#endif
