/* SPDX-License-Identifier: MIT */
/* readf.h -- read one file once: keep its first bytes, hash all of them.
 *
 * A file is read in two steps so that an archive is recognised before it
 * is read into memory: readf_head() fills at least `want` bytes (or the
 * whole file), the caller types them, then either hands the descriptor to
 * arc_walk (after readf_rewind) or calls readf_rest() for the remainder.
 * Bytes past `cap` are still read when hashing, so the checksums cover the
 * whole file, but they are not kept: truncated is set.  Without hashing
 * the size past cap comes from fstat and the rest is not read.
 *
 *   struct readf rf = READF_INIT;     one per worker, reused across files
 *   readf_open(&rf, path, hash, e)    opens (no symlinks followed), fstat
 *   readf_head(&rf, want, cap, e)
 *   readf_rest(&rf, cap, e)           to EOF; finishes the hashes
 *   readf_rewind(&rf, e)              back to offset 0, hashes dropped
 *   readf_close(&rf)                  closes the file, keeps the buffer
 *   readf_release(&rf)                frees the buffer too
 *
 * data stays owned by rf; it is valid until the next readf_open. */
#ifndef PETAL_READF_H
#define PETAL_READF_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"
#include "perr.h"

struct readf {
	int fd;               /* -1 when closed */
	unsigned char *data;  /* owned, reused */
	size_t len;           /* bytes kept in data */
	size_t cap_alloc;     /* bytes allocated */
	uint64_t size;        /* bytes read so far (all of the file after readf_rest) */
	int eof;
	int truncated;        /* size > len after readf_rest */
	int hashing;
	int has_hashes;       /* after readf_rest with hashing */
	struct hash_ctx hash;
	unsigned char sha1[20];
	unsigned char sha256[32];
};

#define READF_INIT { -1, NULL, 0, 0, 0, 0, 0, 0, 0, { NULL, NULL }, { 0 }, { 0 } }

int readf_open(struct readf *rf, const char *path, int hash, struct perr *e);
int readf_head(struct readf *rf, size_t want, size_t cap, struct perr *e);
int readf_rest(struct readf *rf, size_t cap, struct perr *e);
int readf_rewind(struct readf *rf, struct perr *e);
void readf_close(struct readf *rf);
void readf_release(struct readf *rf);

#endif
