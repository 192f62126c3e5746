/* SPDX-License-Identifier: MIT */
/* readf.c -- read a file once, hash while reading.  See readf.h. */
#include "readf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"

#define READF_CHUNK ((size_t)256 * 1024)

int readf_open(struct readf *rf, const char *path, int hash, struct perr *e)
{
	struct stat st;

	readf_close(rf);
	rf->len = 0;
	rf->size = 0;
	rf->eof = rf->truncated = rf->has_hashes = 0;
	rf->fd = open(path, O_RDONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (rf->fd < 0)
		return perr_set(e, PERR_FILE, "cannot open: %s", strerror(errno));
	if (fstat(rf->fd, &st) < 0) {
		int err = errno;

		readf_close(rf);
		return perr_set(e, PERR_FILE, "cannot read: %s", strerror(err));
	}
	if (!S_ISREG(st.st_mode)) { /* replaced between the walk and now */
		readf_close(rf);
		return perr_set(e, PERR_FILE, "cannot read: no longer a regular file");
	}
	rf->hashing = hash;
	if (hash)
		hash_init(&rf->hash);
	return 0;
}

/* Grows the kept bytes' buffer.  This is the one allocation that grows
 * with the file (up to --max-file-size): when memory runs out, this file
 * fails with the reason and the scan goes on, where xrealloc would end it. */
static int keep(struct readf *rf, size_t need, size_t max, struct perr *e)
{
	size_t n = rf->cap_alloc ? rf->cap_alloc : (size_t)64 * 1024;
	unsigned char *p;

	if (need <= rf->cap_alloc)
		return 0;
	while (n < need)
		n *= 2;
	if (n > max && max >= need)
		n = max; /* doubling past cap + 1 bytes would never be used */
	p = realloc(rf->data, n);
	if (!p)
		return perr_set(e, PERR_FILE, "out of memory holding %zu bytes of this file "
				"(a lower --max-file-size holds less)", n);
	rf->data = p;
	rf->cap_alloc = n;
	return 0;
}

/* Reads one chunk: into data while under cap, else into a scratch area
 * past the kept bytes (the size and hashes still see it). */
static int read_chunk(struct readf *rf, size_t cap, struct perr *e)
{
	size_t room = rf->len < cap ? cap - rf->len : 0;
	size_t want = room && room < READF_CHUNK ? room : READF_CHUNK;
	unsigned char *dst;
	ssize_t got;

	/* at most cap kept, then a chunk of scratch and the NUL */
	if (keep(rf, rf->len + want + 1, cap + READF_CHUNK + 1, e) < 0)
		return -1;
	dst = rf->data + (room ? rf->len : rf->len + 1);
	do
		got = read(rf->fd, dst, want);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return perr_set(e, PERR_FILE, "read error: %s", strerror(errno));
	if (got == 0) {
		rf->eof = 1;
		return 0;
	}
	if (rf->hashing)
		hash_update(&rf->hash, dst, (size_t)got);
	rf->size += (uint64_t)got;
	if (room)
		rf->len += (size_t)got;
	else
		rf->truncated = 1;
	return 0;
}

int readf_head(struct readf *rf, size_t want, size_t cap, struct perr *e)
{
	if (want > cap)
		want = cap;
	while (!rf->eof && rf->len < want)
		if (read_chunk(rf, cap, e) < 0)
			return -1;
	return 0;
}

/* Without checksums the bytes past cap matter only for the size, which
 * fstat knows: a 4 GiB file (sparse, say) is not read to its end. */
static int skip_rest(struct readf *rf)
{
	struct stat st;

	if (fstat(rf->fd, &st) < 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size < rf->size)
		return 0;
	rf->truncated = (uint64_t)st.st_size > rf->len;
	rf->size = (uint64_t)st.st_size;
	rf->eof = 1;
	return 1;
}

int readf_rest(struct readf *rf, size_t cap, struct perr *e)
{
	while (!rf->eof) {
		if (!rf->hashing && rf->len >= cap && skip_rest(rf))
			break;
		if (read_chunk(rf, cap, e) < 0)
			return -1;
	}
	if (rf->hashing) {
		hash_final(&rf->hash, rf->sha1, rf->sha256);
		rf->hashing = 0;
		rf->has_hashes = 1;
	}
	return 0;
}

int readf_rewind(struct readf *rf, struct perr *e)
{
	if (rf->hashing) {
		hash_release(&rf->hash);
		rf->hashing = 0;
	}
	if (lseek(rf->fd, 0, SEEK_SET) < 0)
		return perr_set(e, PERR_FILE, "cannot seek: %s", strerror(errno));
	rf->len = 0;
	rf->size = 0;
	rf->eof = 0;
	return 0;
}

void readf_close(struct readf *rf)
{
	if (rf->hashing) {
		hash_release(&rf->hash);
		rf->hashing = 0;
	}
	if (rf->fd >= 0)
		close(rf->fd);
	rf->fd = -1;
}

void readf_release(struct readf *rf)
{
	readf_close(rf);
	free(rf->data);
	rf->data = NULL;
	rf->cap_alloc = 0;
	rf->len = 0;
}
