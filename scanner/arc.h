/* SPDX-License-Identifier: MIT */
/* arc.h -- read archives with libarchive, nested, without touching disk.
 *
 * arc_walk() opens an archive (a file descriptor or bytes in memory),
 * reads every entry and hands each to a callback, in archive order.  An
 * entry that is itself an archive (by signature, ftype_archive) is
 * announced as ARC_ARCHIVE and then walked in turn, streamed straight from
 * its parent (never buffered whole), up to limits->max_depth levels below
 * the top.  A single compressed file (foo.txt.gz) is read through
 * libarchive's raw format as one entry named by its stem (foo.txt), also
 * when its data starts with zeros (which tar would take for an empty
 * archive).
 *
 * Paths: the top archive's display path, then "!/" and the entry name for
 * each level: "outer.tar.xz!/dir/inner.zip!/file".  Entry names are
 * reported as they are, with bytes that are not valid UTF-8 and control
 * characters written as \xNN; they are never used to touch the
 * filesystem.  Names the format declares (zip's UTF-8 flag, 7z's UTF-16,
 * pax) come out as UTF-8 whatever the locale; one libarchive cannot decode
 * is listed as "?N" (N-th header of its archive) with a note in error.
 * Directory entries are not reported (they are not files).  A hard link
 * that carries the data (cpio's last link) is reported as ARC_FILE.
 *
 * Limits, each with a default and a CLI flag (the message names the flag):
 * nesting depth, bytes of one entry kept in memory for analysis, total
 * expanded bytes, expansion ratio and entry count for one top-level walk.
 * A tripped limit stops that walk: arc_walk returns -1 with PERR_LIMIT and
 * a message naming the limit and the entry; a corrupt archive (a fatal
 * read error, or a damaged header libarchive would skip over) returns -1
 * with PERR_FILE.  Entries already handed out stay valid results.  One
 * entry whose data cannot be read, or whose kept bytes cannot be
 * allocated ("out of memory holding N bytes"), is ARC_ERROR and the walk
 * goes on; a corrupt nested archive ends with the reason in its
 * ARC_ARCHIVE_END.
 *
 *   arc_limits_default(&lim)
 *   loc = arc_locale_new()              optional, shared by the walks
 *   arc_walk(&src, display, &opts, fn, ctx, &stats, e)
 *
 * Threads: arc_walk uses only its arguments; several may run at once. */
#ifndef PETAL_ARC_H
#define PETAL_ARC_H

#include <stddef.h>
#include <stdint.h>

#include "perr.h"

struct arc_limits {
	unsigned max_depth;        /* nested levels below the top: --max-depth (8) */
	uint64_t max_entry_bytes;  /* bytes of one entry kept: --max-file-size (64 MiB) */
	uint64_t max_total_bytes;  /* expanded bytes per walk: --max-total (16 GiB) */
	uint64_t max_entries;      /* entries per walk: --max-entries (1,000,000) */
	uint64_t max_ratio;        /* expanded/compressed per walk, checked once 64 MiB
				    * are out: --max-ratio (1000) */
};

/* The UTF-8 locale entry names are read under, made once for many walks:
 * arc_locale_new() before the threads that walk start, arc_locale_free()
 * after they end.  glibc loads and frees locale data under a lock that
 * ThreadSanitizer cannot see, so a locale made and freed per walk in
 * each thread is reported as a race (and costs a newlocale per archive).
 * NULL in arc_opts: the walk makes and frees its own. */
struct arc_locale;
struct arc_locale *arc_locale_new(void);
void arc_locale_free(struct arc_locale *l);

struct arc_opts {
	struct arc_limits lim;
	int hash; /* compute SHA-1 and SHA-256 of every entry and of the source */
	int defer_hash; /* with hash: an ARC_FILE whose data is the whole entry is
			 * handed over unhashed (hash_pending), so the callback can
			 * hash it on another thread than the one decompressing */
	const struct arc_locale *loc; /* shared, or NULL (see arc_locale_new) */
};

enum arc_kind {
	ARC_FILE,     /* a regular file: data/len hold its first bytes */
	ARC_ARCHIVE,  /* a nested archive, announced before its entries */
	ARC_ARCHIVE_END, /* the same nested archive after its entries */
	ARC_SYMLINK,  /* target set; never followed */
	ARC_HARDLINK, /* target set; never followed */
	ARC_SPECIAL,  /* device, fifo, socket */
	ARC_ERROR,    /* this entry could not be read: error says why */
};

struct arc_entry {
	enum arc_kind kind;
	const char *path;     /* display path, valid UTF-8; valid during the callback */
	unsigned char *data;  /* ARC_FILE: owned by arc; the callback may take it by
			       * setting data to NULL (then it must free() it) */
	size_t len;           /* bytes in data */
	uint64_t size;        /* the entry's full size as read */
	int truncated;        /* size > len: only the first len bytes are in data */
	const char *target;   /* links: target, escaped like path */
	const char *error;    /* ARC_ERROR: why; or a note on ARC_FILE (e.g. an archive
			       * over --max-depth, listed but not opened) */
	unsigned depth;       /* 1 for entries of the top archive */
	int has_hashes;       /* opts.hash and the whole entry was read */
	unsigned char sha1[20];
	unsigned char sha256[32];
	int hash_pending;     /* opts.defer_hash: data holds the whole entry (len ==
			       * size) and its hashes are the receiver's to compute */
};

/* A nested archive is streamed, so its size and hashes are known only at
 * its end: arc reports it twice, as ARC_ARCHIVE before its entries
 * (size 0, no hashes) and as ARC_ARCHIVE_END after them, with the same
 * path, its full size, its hashes (opts.hash) and, in error, why its walk
 * stopped early (corrupt, or a limit) or NULL.  Every ARC_ARCHIVE gets
 * exactly one ARC_ARCHIVE_END, also when a limit stops the walk. */
typedef int (*arc_emit_fn)(void *ctx, struct arc_entry *ent);

struct arc_src {
	int fd;                   /* read from here when mem is NULL: a regular file,
				   * read with pread from offset 0 */
	const unsigned char *mem; /* or from these bytes */
	size_t memlen;
};

struct arc_stats {
	uint64_t in_bytes;   /* compressed bytes read from the source: the furthest
			      * offset, so bytes read again after a seek count once */
	uint64_t out_bytes;  /* bytes expanded, all levels (a nested archive's own
			      * bytes, then its entries') */
	uint64_t entries;    /* entries reported, all levels (ends not counted) */
	int has_hashes;      /* of the source bytes (opts.hash) */
	unsigned char sha1[20];
	unsigned char sha256[32];
};

void arc_limits_default(struct arc_limits *lim);

/* Returns 0, or -1 with e set (PERR_FILE corrupt/unreadable, PERR_LIMIT a
 * limit).  A non-zero return from fn stops the walk and is returned. */
int arc_walk(const struct arc_src *src, const char *display, const struct arc_opts *opts,
	     arc_emit_fn fn, void *ctx, struct arc_stats *stats, struct perr *e);

#endif
