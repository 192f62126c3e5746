/* SPDX-License-Identifier: MIT */
/* arc.c -- archives through libarchive, nested, streamed.  See arc.h.
 *
 * Each archive being read is a `struct level`.  The top level reads its
 * source (a file descriptor or memory) through our own read callback, so
 * the compressed bytes can be counted and hashed as they pass.  A nested
 * level reads from its parent's current entry: the read callback first
 * replays the entry's head (already read to recognise the archive), then
 * pulls archive_read_data() from the parent.  Nothing touches the disk.
 *
 * Formats are enabled by name rather than "all": mtree would claim any
 * text and its reader opens the files its entries name; raw only makes
 * sense for a bare compressed stream.
 *
 * Names: libarchive converts entry names to the thread's locale charset
 * and drops those it cannot convert (a zip's UTF-8 names or any 7z name
 * in the C locale).  Headers are therefore read under a UTF-8 LC_CTYPE
 * (uselocale, this thread only, never around the callback); names in no
 * declared charset (tar, cpio, ar) come through as raw bytes either way. */
#include "arc.h"

#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "ftype.h"
#include "hash.h"
#include "text.h"

#define ARC_BLOCK ((size_t)128 * 1024)
#define ARC_RATIO_FLOOR (64ull << 20) /* expanded bytes before the ratio is checked */

enum { RAW_NO, RAW_TOO, RAW_ONLY }; /* see level_open */

struct walker {
	const struct arc_src *src;
	const struct arc_opts *o;
	arc_emit_fn fn;
	void *ctx;
	struct arc_stats *st;
	struct perr *e;
	int stop;          /* a limit tripped or fn said stop: unwind every level */
	int fn_rc;         /* fn's non-zero return */
	uint64_t nentries; /* entries met, for --max-entries */
	size_t toplen;     /* strlen of the top's display path */
	locale_t loc;      /* UTF-8 LC_CTYPE for reading headers, or 0 */
};

enum src_kind {
	SRC_FD,     /* the top archive, from a file descriptor */
	SRC_MEM,    /* bytes in memory: the caller's, or a buffered 7z entry */
	SRC_PARENT, /* streamed from the parent's current entry */
};

struct level {
	struct walker *w;
	struct level *parent;
	struct archive *a;
	unsigned depth;           /* of this archive's entries: 1 for the top's */
	const char *prefix;       /* display path of this archive */
	enum src_kind kind;
	const unsigned char *mem; /* SRC_MEM; SRC_PARENT: the head to replay */
	size_t memlen;
	uint64_t pos;             /* offset of the next read in the source */
	uint64_t hashed;          /* bytes hashed, contiguous from offset 0 */
	int hashing;
	struct hash_ctx hash;
	uint64_t nth;             /* headers read at this level */
	struct buf path;          /* the current entry's display path */
	struct buf target;        /* and its link target, escaped */
	int hard;                 /* it is a hard link */
	const char *note;         /* why its name was unreadable, or NULL */
	char notebuf[224];
	unsigned char block[ARC_BLOCK];   /* the source's bytes (src_read, nested_read) */
	unsigned char scratch[ARC_BLOCK]; /* an entry's bytes past what is kept */
};

void arc_limits_default(struct arc_limits *lim)
{
	lim->max_depth = 8;
	lim->max_entry_bytes = 64ull << 20;
	lim->max_total_bytes = 16ull << 30;
	lim->max_entries = 1000000;
	lim->max_ratio = 1000;
}

/* Hashes what was read at [pos, pos + n) if it continues the hashed prefix;
 * a format that seeks (7z, zip) leaves gaps that finish_top_hash fills. */
static void level_feed(struct level *l, const unsigned char *p, size_t n)
{
	if (l->hashing && l->pos <= l->hashed && l->pos + n > l->hashed) {
		size_t skip = (size_t)(l->hashed - l->pos);

		hash_update(&l->hash, p + skip, n - skip);
		l->hashed += n - skip;
	}
	l->pos += n;
}

static la_ssize_t src_read(struct archive *a, void *data, const void **buf)
{
	struct level *l = data;
	ssize_t n;

	if (l->kind == SRC_MEM) {
		n = l->pos < l->memlen ? (ssize_t)(l->memlen - l->pos) : 0;
		*buf = l->mem + l->pos;
	} else {
		do
			n = pread(l->w->src->fd, l->block, sizeof(l->block), (off_t)l->pos);
		while (n < 0 && errno == EINTR);
		*buf = l->block;
	}
	if (n < 0) {
		archive_set_error(a, errno, "read error: %s", strerror(errno));
		return -1;
	}
	/* the furthest offset read: a seeking format (zip reads its central
	 * directory, then seeks back to each entry) reads bytes again, and
	 * counting them twice would halve the expansion ratio */
	if (!l->parent && l->pos + (uint64_t)n > l->w->st->in_bytes)
		l->w->st->in_bytes = l->pos + (uint64_t)n;
	level_feed(l, *buf, (size_t)n);
	return n;
}

static la_int64_t src_seek(struct archive *a, void *data, la_int64_t off, int whence)
{
	struct level *l = data;
	int64_t size = l->kind == SRC_MEM ? (int64_t)l->memlen
		     : (int64_t)lseek(l->w->src->fd, 0, SEEK_END);
	int64_t to = whence == SEEK_SET ? off
		   : whence == SEEK_CUR ? (int64_t)l->pos + off : size + off;

	(void)a;
	if (size < 0 || to < 0)
		return ARCHIVE_FATAL;
	l->pos = (uint64_t)to;
	return to;
}

/* "16 GiB", "1500 bytes": a limit as the user would have written it. */
static void human(char *out, size_t n, uint64_t v)
{
	static const char *const unit[] = { "GiB", "MiB", "KiB" };
	int i;

	for (i = 0; i < 3; i++) {
		uint64_t u = 1ull << (30 - 10 * i);

		if (v && v % u == 0) {
			snprintf(out, n, "%llu %s", (unsigned long long)(v / u), unit[i]);
			return;
		}
	}
	snprintf(out, n, "%llu bytes", (unsigned long long)v);
}

/* Trips a limit: the message names it, its flag and the entry (its path
 * inside the top archive; the caller prints the top's own path). */
static int limit(struct walker *w, const char *path, const char *what, const char *flag,
		 const char *val)
{
	const char *rel = strlen(path) > w->toplen + 2 ? path + w->toplen + 2 : path;

	w->stop = 1;
	return perr_set(w->e, PERR_LIMIT, "archive limit: %s over %s (%s) at entry '%s'", what,
			flag, val, rel);
}

/* Checks the expanded-size limits after more bytes came out. */
static int over_limits(struct walker *w, const char *path)
{
	const struct arc_limits *lim = &w->o->lim;
	uint64_t out = w->st->out_bytes, in = w->st->in_bytes ? w->st->in_bytes : 1;
	char val[32];

	if (out > lim->max_total_bytes) {
		human(val, sizeof(val), lim->max_total_bytes);
		return limit(w, path, "expanded size", "--max-total", val);
	}
	if (out > ARC_RATIO_FLOOR && out / in > lim->max_ratio) {
		snprintf(val, sizeof(val), "%llu", (unsigned long long)lim->max_ratio);
		return limit(w, path, "expansion ratio", "--max-ratio", val);
	}
	return 0;
}

/* Bytes of the parent's current entry that a nested level consumed. */
static int pulled(struct level *child, const unsigned char *p, size_t n)
{
	level_feed(child, p, n);
	child->w->st->out_bytes += (uint64_t)n;
	return over_limits(child->w, child->prefix);
}

/* Pulls the parent's entry: the head already read, then the rest. */
static la_ssize_t nested_read(struct archive *a, void *data, const void **buf)
{
	struct level *l = data;
	la_ssize_t n;

	if (l->pos < l->memlen) {
		*buf = l->mem + l->pos;
		n = (la_ssize_t)(l->memlen - l->pos);
		level_feed(l, *buf, (size_t)n);
		return n;
	}
	if (l->w->stop) {
		archive_set_error(a, EIO, "walk stopped");
		return -1;
	}
	n = archive_read_data(l->parent->a, l->block, sizeof(l->block));
	if (n < 0) {
		archive_set_error(a, EIO, "%s",
				  archive_error_string(l->parent->a) ?
				  archive_error_string(l->parent->a) : "read error");
		return -1;
	}
	*buf = l->block;
	if (pulled(l, l->block, (size_t)n) < 0) {
		archive_set_error(a, EIO, "%s", l->w->e->msg);
		return -1;
	}
	return n;
}

static void support_formats(struct archive *a, int raw)
{
	archive_read_support_format_7zip(a);
	archive_read_support_format_ar(a);
	archive_read_support_format_cab(a);
	archive_read_support_format_cpio(a);
	archive_read_support_format_empty(a);
	archive_read_support_format_iso9660(a);
	archive_read_support_format_lha(a);
	archive_read_support_format_rar(a);
	archive_read_support_format_rar5(a);
	archive_read_support_format_tar(a);
	archive_read_support_format_xar(a);
	archive_read_support_format_zip(a);
	if (raw)
		archive_read_support_format_raw(a);
}

/* raw: RAW_NO (archives only), RAW_TOO (archives, or a bare compressed
 * file), RAW_ONLY (a bare compressed file; see raw_mode). */
static struct archive *level_open(struct level *l, int raw)
{
	struct archive *a = archive_read_new();

	archive_read_support_filter_all(a);
	if (raw == RAW_ONLY)
		archive_read_support_format_raw(a);
	else
		support_formats(a, raw);
	archive_read_set_callback_data(a, l);
	if (l->kind == SRC_PARENT) {
		archive_read_set_read_callback(a, nested_read);
	} else {
		archive_read_set_read_callback(a, src_read);
		archive_read_set_seek_callback(a, src_seek);
	}
	return a;
}


/* How a stream whose head is [p, p+n) is opened.  A bare compressed file
 * whose data starts with a zero block would be taken by the tar reader
 * for an empty archive (its end marker) and the rest never read: a
 * compression bomb of zeros, or any file of zeros, would vanish from the
 * output.  Such a stream is read as the one file it is (RAW_ONLY), so it
 * is listed and the limits apply to it. */
static int raw_mode(const unsigned char *p, size_t n)
{
	struct archive *a;
	struct archive_entry *ae;
	unsigned char blk[512];
	la_ssize_t r;
	size_t got = 0, i;

	if (ftype_archive(p, n) != FTYPE_COMPRESSED)
		return RAW_NO;
	a = archive_read_new();
	archive_read_support_filter_all(a);
	archive_read_support_format_raw(a);
	if (archive_read_open_memory(a, p, n) == ARCHIVE_OK &&
	    archive_read_next_header(a, &ae) == ARCHIVE_OK)
		while (got < sizeof(blk) &&
		       (r = archive_read_data(a, blk + got, sizeof(blk) - got)) > 0)
			got += (size_t)r;
	archive_read_free(a);
	for (i = 0; i < got && !blk[i]; i++)
		;
	return got == sizeof(blk) && i == got ? RAW_ONLY : RAW_TOO;
}

/* The name a raw (bare compressed) stream gets: its archive's base name
 * without the compression suffix ("foo.txt.gz" -> "foo.txt"). */
static void raw_name(struct buf *b, const char *prefix)
{
	static const char *const sfx[] = { ".gz", ".xz", ".bz2", ".zst", ".lz4", ".lzma",
					   ".lzo", ".lz", ".Z", ".z", ".bz", ".zstd" };
	const char *base = strrchr(prefix, '/'), *bang = strrchr(prefix, '!');
	size_t n, i;

	base = base ? base + 1 : prefix;
	if (bang && bang + 1 > base)
		base = bang + 1;
	n = strlen(base);
	for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
		size_t k = strlen(sfx[i]);

		if (n > k && !strcmp(base + n - k, sfx[i])) {
			n -= k;
			break;
		}
	}
	buf_add(b, base, n);
}

/* The current entry's display path and link target, from its header.
 * A name libarchive could not convert is shown as "?N" (N-th header of
 * this archive) with a note, so the entry is still listed. */
static void entry_names(struct level *l, struct archive_entry *ae)
{
	const char *name = archive_entry_pathname(ae), *t;

	if (!name)
		name = archive_entry_pathname_utf8(ae);
	buf_reset(&l->path);
	buf_reset(&l->target);
	buf_adds(&l->path, l->prefix);
	buf_adds(&l->path, "!/");
	l->note = NULL;
	if (archive_format(l->a) == ARCHIVE_FORMAT_RAW) {
		raw_name(&l->path, l->prefix);
	} else if (name) {
		text_escape(&l->path, (const unsigned char *)name, strlen(name));
	} else {
		buf_printf(&l->path, "?%llu", (unsigned long long)l->nth);
		snprintf(l->notebuf, sizeof(l->notebuf), "entry name not readable: %s",
			 archive_error_string(l->a) ? archive_error_string(l->a) : "no name");
		l->note = l->notebuf;
	}
	t = archive_entry_hardlink(ae);
	if (!t)
		t = archive_entry_hardlink_utf8(ae);
	l->hard = t != NULL;
	if (!t)
		t = archive_entry_symlink(ae);
	if (!t)
		t = archive_entry_symlink_utf8(ae);
	text_escape(&l->target, (const unsigned char *)(t ? t : ""), strlen(t ? t : ""));
}

/* Reads the next header, names decoded under the walk's UTF-8 locale. */
static int next_header(struct level *l, struct archive_entry **ae)
{
	locale_t old = l->w->loc ? uselocale(l->w->loc) : (locale_t)0;
	int r = archive_read_next_header(l->a, ae);

	if (r == ARCHIVE_OK || r == ARCHIVE_WARN || r == ARCHIVE_FAILED) {
		l->nth++;
		entry_names(l, *ae);
	}
	if (old)
		uselocale(old);
	return r;
}

static int emit(struct walker *w, struct arc_entry *ent)
{
	int rc = w->fn(w->ctx, ent);

	if (ent->kind != ARC_ARCHIVE_END)
		w->st->entries++;
	if (rc) {
		w->fn_rc = rc;
		w->stop = 1;
	}
	return rc;
}

/* One file entry being read: what is kept, what was seen, its hash.
 * With opts.defer_hash, kept bytes are hashed only once bytes that are
 * not kept come (then the kept ones first): an entry kept whole is
 * handed over unhashed. */
struct reader {
	unsigned char *p; /* owned until handed to the callback */
	size_t len, cap;
	uint64_t size;
	int eof;
	int hashing;
	struct hash_ctx hash;
	la_ssize_t err;   /* the failing archive_read_data return, or 0 */
	int deferred;     /* kept bytes p[0..len) not hashed yet */
	size_t oom;       /* bytes that could not be allocated, or 0 */
};

/* Starts the deferred hashes with the kept bytes. */
static void catch_up(struct reader *rd)
{
	if (rd->deferred) {
		hash_init(&rd->hash);
		hash_update(&rd->hash, rd->p, rd->len);
		rd->deferred = 0;
	}
}

/* The kept bytes grow with the entry (up to --max-file-size): when memory
 * runs out, this entry fails with the reason and the walk goes on. */
static int grow(struct reader *rd, size_t cap)
{
	unsigned char *p = realloc(rd->p, cap + 1);

	if (!p) {
		rd->oom = cap + 1;
		return -1;
	}
	rd->p = p;
	rd->cap = cap;
	return 0;
}

/* Reads until `want` bytes are kept (or EOF); past `keep` bytes, data is
 * only counted and hashed.  Returns 0, or -1 (rd->err set, or a limit). */
static int read_upto(struct level *l, struct reader *rd, uint64_t want, size_t keep)
{
	while (!rd->eof && (want == UINT64_MAX || rd->len < want)) {
		size_t room = rd->len < keep ? keep - rd->len : 0;
		unsigned char *dst = l->scratch; /* never block: the decoder reads it */
		la_ssize_t n;

		if (room) {
			size_t need = rd->len + (room < ARC_BLOCK ? room : ARC_BLOCK);
			size_t twice = rd->cap * 2 < keep ? rd->cap * 2 : keep; /* need <= keep */

			if (need > rd->cap && grow(rd, need > twice ? need : twice) < 0)
				return -1;
			dst = rd->p + rd->len;
		}
		n = archive_read_data(l->a, dst, room && room < ARC_BLOCK ? room : ARC_BLOCK);
		if (n < 0) {
			rd->err = n;
			return -1;
		}
		if (n == 0) {
			rd->eof = 1;
			break;
		}
		if (rd->hashing && !(rd->deferred && room)) {
			catch_up(rd);
			hash_update(&rd->hash, dst, (size_t)n);
		}
		rd->size += (uint64_t)n;
		if (room)
			rd->len += (size_t)n;
		l->w->st->out_bytes += (uint64_t)n;
		if (over_limits(l->w, l->path.data) < 0)
			return -1;
	}
	return 0;
}

static void reader_release(struct reader *rd)
{
	if (rd->hashing && !rd->deferred)
		hash_release(&rd->hash);
	free(rd->p);
}

static int walk_level(struct level *l, int raw, struct perr *e);

/* Drains the rest of a nested archive's entry, so its size and hash are
 * whole; the nested reader may have stopped at its end-of-archive marker. */
static void drain(struct level *child)
{
	struct level *l = child->parent;
	la_ssize_t n;

	if (child->pos < child->memlen)
		level_feed(child, child->mem + child->pos, (size_t)(child->memlen - child->pos));
	while (!l->w->stop && (n = archive_read_data(l->a, child->block, sizeof(child->block))) > 0)
		pulled(child, child->block, (size_t)n);
}

static void finish_hash(struct level *l, struct arc_entry *ent)
{
	if (l->kind == SRC_MEM && l->hashed < l->memlen) {
		hash_update(&l->hash, l->mem + l->hashed, l->memlen - l->hashed);
		l->hashed = l->memlen;
	}
	if (l->hashing) {
		hash_final(&l->hash, ent->sha1, ent->sha256);
		l->hashing = 0;
		ent->has_hashes = 1;
	}
}

/* Opens the entry in rd (its head read) as an archive one level down:
 * ARC_ARCHIVE, its entries, then ARC_ARCHIVE_END whatever happened. */
static void nested(struct level *l, struct reader *rd, int raw, int in_mem)
{
	struct level *c = xcalloc(1, sizeof(*c));
	const char *path = l->path.data;
	struct arc_entry ent = { ARC_ARCHIVE, path, NULL, 0, 0, 0, NULL, NULL, l->depth,
				 0, { 0 }, { 0 }, 0 };
	struct perr ce = { PERR_OK, "" };

	emit(l->w, &ent);
	c->w = l->w;
	c->parent = l;
	c->depth = l->depth + 1;
	c->prefix = path;
	c->kind = in_mem ? SRC_MEM : SRC_PARENT;
	c->mem = rd->p;
	c->memlen = rd->len;
	c->hashing = l->w->o->hash;
	if (c->hashing)
		hash_init(&c->hash);
	if (!l->w->stop)
		walk_level(c, raw, &ce);
	if (!in_mem)
		drain(c);
	ent.kind = ARC_ARCHIVE_END;
	ent.size = in_mem ? c->memlen : c->pos;
	if (!l->w->stop)
		finish_hash(c, &ent);
	else if (c->hashing)
		hash_release(&c->hash);
	if (ce.code == PERR_OK && l->w->stop && l->w->e->code == PERR_LIMIT)
		perr_set(&ce, PERR_LIMIT, "%s", l->w->e->msg);
	ent.error = ce.code != PERR_OK ? ce.msg : NULL;
	emit(l->w, &ent);
	buf_release(&c->path);
	buf_release(&c->target);
	free(c);
}

static const char *arc_msg(struct archive *a)
{
	const char *m = archive_error_string(a);

	return m ? m : "unrecognized archive format";
}

/* A data error: the entry is reported as ARC_ERROR; a fatal one ends this
 * level (corrupt archive).  Returns -1 when the level must stop. */
static int data_error(struct level *l, int fatal)
{
	struct arc_entry ent = { ARC_ERROR, l->path.data, NULL, 0, 0, 0, NULL, NULL, l->depth,
				 0, { 0 }, { 0 }, 0 };
	char msg[256];

	if (l->w->stop)
		return -1;
	snprintf(msg, sizeof(msg), "cannot read entry: %s",
		 archive_error_string(l->a) ? archive_error_string(l->a) : "unknown error");
	ent.error = msg;
	emit(l->w, &ent);
	return fatal ? -1 : 0;
}

static int oom_error(struct level *l, size_t n)
{
	struct arc_entry ent = { ARC_ERROR, l->path.data, NULL, 0, 0, 0, NULL, NULL, l->depth,
				 0, { 0 }, { 0 }, 0 };
	char msg[128];

	snprintf(msg, sizeof(msg), "out of memory holding %zu bytes of this entry (a lower "
		 "--max-file-size holds less)", n);
	ent.error = msg;
	emit(l->w, &ent);
	return l->w->stop ? -1 : 0;
}

static int is_7z(const unsigned char *b, size_t n)
{
	return n >= 6 && !memcmp(b, "7z\xbc\xaf\x27\x1c", 6);
}

/* An archive inside: walked (streamed, or from memory for 7z, which
 * seeks), else a note on why not.  Returns 1 when walked. */
static int try_nested(struct level *l, struct reader *rd, size_t keep, char *note, size_t n)
{
	const struct arc_limits *lim = &l->w->o->lim;
	enum ftype_arc kind = ftype_archive(rd->p, rd->len);

	if (kind == FTYPE_NOT_ARCHIVE)
		return 0;
	if (l->depth > lim->max_depth) {
		snprintf(note, n, "nested archive not opened: depth over --max-depth %u",
			 lim->max_depth);
		return 0;
	}
	if (!is_7z(rd->p, rd->len)) {
		nested(l, rd, raw_mode(rd->p, rd->len), 0);
		return 1;
	}
	if (read_upto(l, rd, UINT64_MAX, keep) < 0)
		return -1;
	if (rd->size == rd->len) {
		nested(l, rd, 0, 1);
		return 1;
	}
	snprintf(note, n, "nested 7z archive not opened: larger than --max-file-size");
	return 0;
}

/* A regular file: its first bytes kept (at least the head, to tell an
 * archive), all of it counted and hashed, then handed to fn. */
static int do_file(struct level *l)
{
	const struct arc_opts *o = l->w->o;
	size_t keep = (size_t)o->lim.max_entry_bytes, head = keep > FTYPE_HEAD ? keep : FTYPE_HEAD;
	struct reader rd = { NULL, 0, 0, 0, 0, o->hash, { NULL, NULL }, 0,
			     o->hash && o->defer_hash, 0 };
	struct arc_entry ent = { ARC_FILE, l->path.data, NULL, 0, 0, 0, NULL, l->note, l->depth,
				 0, { 0 }, { 0 }, 0 };
	char note[128];
	int r = 0;

	if (rd.hashing && !rd.deferred)
		hash_init(&rd.hash);
	note[0] = '\0';
	if (read_upto(l, &rd, FTYPE_HEAD, head) < 0 ||
	    (r = try_nested(l, &rd, head, note, sizeof(note))) < 0 ||
	    (r == 0 && read_upto(l, &rd, UINT64_MAX, head) < 0)) {
		reader_release(&rd);
		return rd.oom ? oom_error(l, rd.oom) : data_error(l, rd.err == ARCHIVE_FATAL);
	}
	if (r == 1) {
		reader_release(&rd);
		return l->w->stop ? -1 : 0;
	}
	ent.error = note[0] ? note : l->note;
	ent.len = rd.len < keep ? rd.len : keep;
	if (rd.hashing && rd.deferred && rd.size == ent.len) {
		ent.hash_pending = 1; /* the receiver hashes data */
	} else if (rd.hashing) {
		catch_up(&rd);
		hash_final(&rd.hash, ent.sha1, ent.sha256);
		rd.hashing = 0;
		ent.has_hashes = 1;
	}
	/* handed to a queue that counts len bytes: give back what doubling overshot */
	ent.data = rd.p ? xrealloc(rd.p, ent.len + 1) : (unsigned char *)xcalloc(1, 1);
	ent.size = rd.size;
	ent.truncated = rd.size > ent.len;
	rd.p = NULL;
	emit(l->w, &ent);
	free(ent.data);
	reader_release(&rd);
	return l->w->stop ? -1 : 0;
}

static int do_entry(struct level *l, struct archive_entry *ae)
{
	struct arc_entry ent = { ARC_SPECIAL, l->path.data, NULL, 0, 0, 0, NULL, NULL, l->depth,
				 0, { 0 }, { 0 }, 0 };
	mode_t type = archive_entry_filetype(ae);

	if (type == AE_IFDIR)
		return 0;
	/* a hard link with data (cpio's last link, pax) carries the file */
	if ((type == AE_IFREG || type == 0) && (!l->hard || archive_entry_size(ae) > 0))
		return do_file(l);
	if (l->hard || type == AE_IFLNK) {
		ent.kind = l->hard ? ARC_HARDLINK : ARC_SYMLINK;
		ent.target = l->target.data ? l->target.data : "";
	}
	emit(l->w, &ent);
	return l->w->stop ? -1 : 0;
}

static int walk_level(struct level *l, int raw, struct perr *e)
{
	const struct arc_limits *lim = &l->w->o->lim;
	struct archive_entry *ae;
	char val[32];
	int r, rc = 0;

	l->a = level_open(l, raw);
	if (archive_read_open1(l->a) != ARCHIVE_OK) {
		rc = perr_set(e, PERR_FILE, "corrupt archive: %s", arc_msg(l->a));
		goto out;
	}
	while (!l->w->stop && !rc) {
		r = next_header(l, &ae);
		if (r == ARCHIVE_EOF)
			break;
		if (r == ARCHIVE_FATAL || r == ARCHIVE_RETRY) { /* RETRY: resync past damage */
			rc = perr_set(e, PERR_FILE, "corrupt archive: %s", arc_msg(l->a));
			break;
		}
		if (++l->w->nentries > lim->max_entries) {
			snprintf(val, sizeof(val), "%llu", (unsigned long long)lim->max_entries);
			limit(l->w, l->path.data, "entry count", "--max-entries", val);
			break;
		}
		rc = r == ARCHIVE_FAILED ? data_error(l, 0) : do_entry(l, ae);
		if (rc < 0 && !l->w->stop)
			perr_set(e, PERR_FILE, "corrupt archive: %s", arc_msg(l->a));
	}
	if (l->w->stop && l->w->e->code == PERR_LIMIT)
		rc = e == l->w->e ? -1 : perr_set(e, PERR_LIMIT, "%s", l->w->e->msg);
out:
	archive_read_free(l->a);
	return rc;
}

/* Hashes what a seeking format skipped, and the tail after the last entry. */
static void finish_top_hash(struct level *l)
{
	unsigned char *b = l->block;
	ssize_t n;

	if (l->kind == SRC_FD) {
		while ((n = pread(l->w->src->fd, b, sizeof(l->block), (off_t)l->hashed)) > 0) {
			hash_update(&l->hash, b, (size_t)n);
			l->hashed += (uint64_t)n;
		}
	} else if (l->hashed < l->memlen) {
		hash_update(&l->hash, l->mem + l->hashed, l->memlen - l->hashed);
	}
	hash_final(&l->hash, l->w->st->sha1, l->w->st->sha256);
	l->hashing = 0;
	l->w->st->has_hashes = 1;
}

/* A bare compressed stream may hold a single file: then raw is allowed. */
static int top_raw_mode(const struct arc_src *src)
{
	unsigned char head[FTYPE_HEAD];
	ssize_t n;

	if (src->mem)
		return raw_mode(src->mem, src->memlen < FTYPE_HEAD ? src->memlen : FTYPE_HEAD);
	n = pread(src->fd, head, sizeof(head), 0);
	return n > 0 ? raw_mode(head, (size_t)n) : RAW_NO;
}

/* The locale headers are read under: UTF-8, unless this thread's already is. */
static locale_t utf8_locale(void)
{
	const char *cs = nl_langinfo(CODESET);

	if (cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")))
		return (locale_t)0;
	return newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
}

struct arc_locale {
	locale_t loc; /* or 0: the process's own is UTF-8 already */
};

struct arc_locale *arc_locale_new(void)
{
	struct arc_locale *l = xcalloc(1, sizeof(*l));

	l->loc = utf8_locale();
	return l;
}

void arc_locale_free(struct arc_locale *l)
{
	if (l && l->loc)
		freelocale(l->loc);
	free(l);
}

int arc_walk(const struct arc_src *src, const char *display, const struct arc_opts *opts,
	     arc_emit_fn fn, void *ctx, struct arc_stats *stats, struct perr *e)
{
	struct walker w = { src, opts, fn, ctx, stats, e, 0, 0, 0, strlen(display), 0 };
	struct level *top = xcalloc(1, sizeof(*top));
	int rc;

	memset(stats, 0, sizeof(*stats));
	perr_clear(e);
	w.loc = opts->loc ? opts->loc->loc : utf8_locale();
	top->w = &w;
	top->depth = 1;
	top->prefix = display;
	top->kind = src->mem ? SRC_MEM : SRC_FD;
	top->mem = src->mem;
	top->memlen = src->memlen;
	top->hashing = opts->hash;
	if (top->hashing)
		hash_init(&top->hash);
	rc = walk_level(top, top_raw_mode(src), e);
	if (top->hashing && !w.stop && rc == 0)
		finish_top_hash(top);
	else if (top->hashing)
		hash_release(&top->hash);
	buf_release(&top->path);
	buf_release(&top->target);
	free(top);
	if (w.loc && !opts->loc)
		freelocale(w.loc);
	return w.fn_rc ? w.fn_rc : rc;
}
