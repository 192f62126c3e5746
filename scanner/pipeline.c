/* SPDX-License-Identifier: MIT */
/* pipeline.c -- walk, fan out to workers, reorder.  See pipeline.h.
 *
 *   walk_ --(struct walk_entry)--> on_walk: number it (order_reserve)
 *       not a regular file: its result now          --> order_put
 *       a regular file: struct job (JOB_PATH)       --> pool_
 *   worker: readf_head -> ftype_archive?
 *       no:  readf_rest -> analyze (ftype_, text_, detect_) --> order_put
 *       yes: arc_walk; each entry with bytes becomes a JOB_ENTRY of the
 *            archive's struct group (queued, or run here when the queue
 *            is full); links, specials and nested archives become results
 *            of the group directly.  The last one out sorts the group by
 *            path and puts it, behind the archive's own result.
 */
#include "pipeline.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "detect.h"
#include "ftype.h"
#include "match.h"
#include "pool.h"
#include "readf.h"
#include "text.h"

#define QUEUE_JOBS 4096
#define QUEUE_BYTES (32u << 20)

struct pipeline {
	const struct pipeline_opts *o;
	struct pool *pool;
	struct order *order;
	order_sink sink;
	void *sink_ctx;
	atomic_uint_fast64_t files, bytes;
	struct arc_locale *loc; /* one for every archive walk (see arc.h) */
};

/* One entry's result and its place in the archive walk: entries sorted by
 * path keep archive order among equal paths (an archive may hold a name
 * twice), so the output never depends on which worker finished first. */
struct entry_result {
	struct file_result r;
	uint64_t nth;
};

/* An archive's results: its own, then its entries' at any depth. */
struct group {
	pthread_mutex_t mu;
	struct pipeline *pl;
	uint64_t seq;
	struct file_result top;
	struct entry_result *v;
	size_t n, cap;
	unsigned pending; /* the walk itself + entry jobs not yet done */
	uint64_t nth;     /* entries met so far; the walking thread's alone */
};

enum job_kind { JOB_PATH, JOB_ENTRY };

struct job {
	enum job_kind kind;
	uint64_t seq;       /* JOB_PATH */
	struct group *g;    /* JOB_ENTRY */
	uint64_t nth;       /* JOB_ENTRY: its place in the archive walk */
	char *path;         /* owned; display path */
	char *open_path;    /* owned; JOB_PATH */
	unsigned char *data; /* owned; JOB_ENTRY */
	size_t len;
	uint64_t size;
	int truncated;
	int has_hashes;
	int hash_pending;   /* JOB_ENTRY: data is the whole entry, hash it here */
	unsigned char sha1[20];
	unsigned char sha256[32];
	char *note;         /* owned; arc's note on the entry */
};

struct worker {
	struct pipeline *pl;
	struct ftype_magic *magic; /* made on the first binary */
	int magic_failed;
	struct readf rf;
	struct buf text;
	struct detect *detect;
};

void pipeline_opts_default(struct pipeline_opts *o)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	memset(o, 0, sizeof(*o));
	o->jobs = n > 0 ? (unsigned)n : 1;
	arc_limits_default(&o->lim);
	o->detect.min_coverage = MATCH_MIN_COVERAGE;
}

static void job_free(struct job *j)
{
	free(j->path);
	free(j->open_path);
	free(j->data);
	free(j->note);
	free(j);
}

/* --- groups ---------------------------------------------------------- */

static struct group *group_new(struct pipeline *pl, uint64_t seq)
{
	struct group *g = xcalloc(1, sizeof(*g));

	pthread_mutex_init(&g->mu, NULL);
	g->pl = pl;
	g->seq = seq;
	g->pending = 1;
	return g;
}

static void group_ref(struct group *g)
{
	pthread_mutex_lock(&g->mu);
	g->pending++;
	pthread_mutex_unlock(&g->mu);
}

static void group_add(struct group *g, struct file_result *r, uint64_t nth)
{
	pthread_mutex_lock(&g->mu);
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 16;
		g->v = xrealloc(g->v, g->cap * sizeof(*g->v));
	}
	g->v[g->n].nth = nth;
	result_move(&g->v[g->n++].r, r);
	pthread_mutex_unlock(&g->mu);
}

static int by_path(const void *pa, const void *pb)
{
	const struct entry_result *a = pa, *b = pb;
	int c = strcmp(a->r.path, b->r.path);

	return c ? c : a->nth < b->nth ? -1 : a->nth > b->nth;
}

/* Drops one reference; the last one puts the archive and its sorted entries. */
static void group_done(struct group *g)
{
	struct file_result *all;
	unsigned left;
	size_t i;

	pthread_mutex_lock(&g->mu);
	left = --g->pending;
	pthread_mutex_unlock(&g->mu);
	if (left)
		return;
	all = xcalloc(g->n + 1, sizeof(*all));
	result_move(&all[0], &g->top);
	if (g->n) {
		qsort(g->v, g->n, sizeof(*g->v), by_path);
		for (i = 0; i < g->n; i++)
			all[i + 1] = g->v[i].r;
	}
	order_put(g->pl->order, g->seq, all, g->n + 1);
	free(all);
	free(g->v);
	pthread_mutex_destroy(&g->mu);
	free(g);
}

/* --- per-file analysis ------------------------------------------------ */

static void label_binary(struct worker *w, struct file_result *r, const unsigned char *d,
			 size_t n)
{
	struct perr e;

	if (!w->magic && !w->magic_failed) {
		w->magic = ftype_magic_new(&e);
		w->magic_failed = !w->magic;
	}
	if (w->magic)
		r->mime = xstrdup(ftype_magic_label(w->magic, d, n < FTYPE_HEAD ? n : FTYPE_HEAD));
}

static void analyze(struct worker *w, struct file_result *r, const unsigned char *d, size_t n)
{
	enum text_enc enc;
	const char *t;
	size_t tn;

	r->type = ftype_sniff(d, n, &enc);
	if (r->type == FT_BINARY)
		label_binary(w, r, d, n);
	if (r->type != FT_TEXT)
		return;
	enc = text_decode(d, n, enc, &w->text, &t, &tn);
	r->encoding = xstrdup(ftype_enc_name(enc));
	detect_text(w->detect, t, tn, r);
}

static void run_job(void *state, void *job);

/* --- archives ----------------------------------------------------------- */

struct arc_ctx {
	struct worker *w;
	struct group *g;
};

static void entry_job(struct arc_ctx *c, struct arc_entry *ent)
{
	struct job *j = xcalloc(1, sizeof(*j));

	j->kind = JOB_ENTRY;
	j->g = c->g;
	j->nth = c->g->nth++;
	j->path = xstrdup(ent->path);
	j->data = ent->data;
	ent->data = NULL;
	j->len = ent->len;
	j->size = ent->size;
	j->truncated = ent->truncated;
	j->has_hashes = ent->has_hashes;
	j->hash_pending = ent->hash_pending;
	memcpy(j->sha1, ent->sha1, 20);
	memcpy(j->sha256, ent->sha256, 32);
	j->note = xstrdup0(ent->error);
	group_ref(c->g);
	if (!pool_submit(c->w->pl->pool, j, j->len, 0))
		run_job(c->w, j);
}

static void set_hashes(struct file_result *r, int has, const unsigned char *sha1,
		       const unsigned char *sha256)
{
	r->has_hashes = has;
	if (has) {
		memcpy(r->sha1, sha1, 20);
		memcpy(r->sha256, sha256, 32);
	}
}

static int on_entry(void *ctx, struct arc_entry *ent)
{
	struct arc_ctx *c = ctx;
	struct file_result r;

	if (ent->kind == ARC_FILE) {
		entry_job(c, ent);
		return 0;
	}
	if (ent->kind == ARC_ARCHIVE)
		return 0;
	result_init(&r);
	r.path = xstrdup(ent->path);
	r.size = ent->size;
	switch (ent->kind) {
	case ARC_ARCHIVE_END:
		r.type = FT_ARCHIVE;
		set_hashes(&r, ent->has_hashes, ent->sha1, ent->sha256);
		break;
	case ARC_SYMLINK:
	case ARC_HARDLINK:
		r.type = FT_SYMLINK;
		r.target = xstrdup(ent->target ? ent->target : "");
		break;
	case ARC_SPECIAL:
		r.type = FT_SPECIAL;
		result_set_error(&r, FS_SKIPPED, "special file (fifo, socket or device), not read");
		break;
	default:
		r.type = FT_SKIPPED;
		break;
	}
	if (ent->error && (ent->kind == ARC_ARCHIVE_END || ent->kind == ARC_ERROR))
		result_set_error(&r, FS_FAILED, "%s", ent->error);
	group_add(c->g, &r, c->g->nth++);
	return 0;
}

/* Walks the archive open in w->rf; r is its own result (taken). */
static void run_archive(struct worker *w, struct file_result *r, uint64_t seq)
{
	const struct pipeline_opts *o = w->pl->o;
	struct arc_opts ao = { o->lim, o->checksums, 1, w->pl->loc }; /* entries hashed by workers */
	struct arc_ctx c = { w, group_new(w->pl, seq) };
	struct arc_src src = { w->rf.fd, NULL, 0 };
	struct arc_stats st;
	struct perr e = { PERR_OK, "" };
	struct stat sb;

	r->type = FT_ARCHIVE;
	if (fstat(w->rf.fd, &sb) == 0)
		r->size = (uint64_t)sb.st_size;
	memset(&st, 0, sizeof(st));
	if (readf_rewind(&w->rf, &e) < 0 ||
	    arc_walk(&src, r->path, &ao, on_entry, &c, &st, &e) < 0)
		result_set_error(r, FS_FAILED, "%s", e.msg);
	set_hashes(r, st.has_hashes, st.sha1, st.sha256);
	readf_close(&w->rf);
	result_move(&c.g->top, r);
	group_done(c.g);
}

/* --- jobs ------------------------------------------------------------- */

static void run_path(struct worker *w, struct job *j)
{
	const struct pipeline_opts *o = w->pl->o;
	size_t cap = (size_t)o->lim.max_entry_bytes;
	struct perr e = { PERR_OK, "" };
	struct file_result r;

	result_init(&r);
	r.path = j->path;
	j->path = NULL;
	if (readf_open(&w->rf, j->open_path, o->checksums, &e) < 0 ||
	    readf_head(&w->rf, FTYPE_HEAD, cap, &e) < 0) {
		r.type = FT_SKIPPED;
		result_set_error(&r, FS_FAILED, "%s", e.msg);
	} else if (ftype_archive(w->rf.data, w->rf.len) != FTYPE_NOT_ARCHIVE) {
		run_archive(w, &r, j->seq);
		return;
	} else if (readf_rest(&w->rf, cap, &e) < 0) {
		r.type = FT_SKIPPED;
		r.size = w->rf.size;
		result_set_error(&r, FS_FAILED, "%s", e.msg);
	} else {
		r.size = w->rf.size;
		r.truncated = w->rf.truncated;
		set_hashes(&r, w->rf.has_hashes, w->rf.sha1, w->rf.sha256);
		analyze(w, &r, w->rf.data, w->rf.len);
		mani_annotate(o->annots, &r);
	}
	readf_close(&w->rf);
	order_put(w->pl->order, j->seq, &r, 1);
}

static void run_entry(struct worker *w, struct job *j)
{
	struct file_result r;

	result_init(&r);
	r.path = j->path;
	j->path = NULL;
	r.size = j->size;
	r.truncated = j->truncated;
	if (j->hash_pending) { /* arc left it to us: off the decompressing thread */
		struct hash_ctx h;

		hash_init(&h);
		hash_update(&h, j->data, j->len);
		hash_final(&h, j->sha1, j->sha256);
		j->has_hashes = 1;
	}
	set_hashes(&r, j->has_hashes, j->sha1, j->sha256);
	analyze(w, &r, j->data, j->len);
	if (j->note)
		result_set_error(&r, FS_SKIPPED, "%s", j->note);
	group_add(j->g, &r, j->nth);
	group_done(j->g);
}

static void run_job(void *state, void *job)
{
	struct job *j = job;

	if (j->kind == JOB_PATH) {
		/* run_path may run an archive whose entries run on this worker
		 * too; those only use the analysis buffers, never rf. */
		run_path(state, j);
	} else {
		run_entry(state, j);
	}
	job_free(j);
}

static void *worker_new(void *arg)
{
	struct worker *w = xcalloc(1, sizeof(*w));
	struct readf rf = READF_INIT;

	w->pl = arg;
	w->rf = rf;
	w->detect = detect_new(&w->pl->o->detect);
	return w;
}

static void worker_free(void *state)
{
	struct worker *w = state;

	ftype_magic_free(w->magic);
	detect_free(w->detect);
	readf_release(&w->rf);
	buf_release(&w->text);
	free(w);
}

static const struct pool_ops worker_ops = { worker_new, run_job, worker_free };

/* --- the walk, on the calling thread -------------------------------------- */

struct walk_ctx {
	struct pipeline *pl;
	const struct pipeline_progress *prog;
	struct timespec start, last;
	unsigned tick;
};

static double since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void progress(struct walk_ctx *c, int force)
{
	struct pipeline_counts n;
	struct timespec now;

	if (!c->prog || !c->prog->fn)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!force && since(&c->last, &now) * 1000 < c->prog->every_ms)
		return;
	c->last = now;
	n.files = atomic_load(&c->pl->files);
	n.bytes = atomic_load(&c->pl->bytes);
	n.seconds = since(&c->start, &now);
	c->prog->fn(c->prog->ctx, &n);
}

static char *display(const char *path)
{
	struct buf b = BUF_INIT;

	text_escape(&b, (const unsigned char *)path, strlen(path));
	return buf_take(&b);
}

/* The result of an entry that is not read: link, special, skipped, error. */
static void walk_result(const struct walk_entry *we, struct file_result *r)
{
	switch (we->kind) {
	case WALK_SYMLINK:
		r->type = FT_SYMLINK;
		r->target = display(we->target);
		if (we->reason)
			result_set_error(r, FS_SKIPPED, "%s", we->reason);
		break;
	case WALK_SPECIAL:
		r->type = FT_SPECIAL;
		result_set_error(r, FS_SKIPPED, "special file (fifo, socket or device), not read");
		break;
	case WALK_SKIPPED:
		r->type = FT_SKIPPED;
		result_set_error(r, FS_SKIPPED, "%s", we->reason);
		break;
	default:
		r->type = FT_SKIPPED;
		result_set_error(r, FS_FAILED, "%s%s", we->is_dir ? "cannot read directory: " : "",
				 we->reason);
		break;
	}
}

static int on_walk(void *ctx, const struct walk_entry *we)
{
	struct walk_ctx *c = ctx;
	uint64_t seq = order_reserve(c->pl->order);

	if ((++c->tick & 255) == 0)
		progress(c, 0);
	if (we->kind == WALK_FILE) {
		struct job *j = xcalloc(1, sizeof(*j));

		j->kind = JOB_PATH;
		j->seq = seq;
		j->path = display(we->path);
		j->open_path = xstrdup(we->open_path);
		pool_submit(c->pl->pool, j, 0, 1);
	} else {
		struct file_result r;

		result_init(&r);
		r.path = display(we->path);
		walk_result(we, &r);
		order_put(c->pl->order, seq, &r, 1);
	}
	return order_failed(c->pl->order);
}

static int count_sink(void *ctx, const struct file_result *r)
{
	struct pipeline *pl = ctx;

	atomic_fetch_add(&pl->files, 1);
	atomic_fetch_add(&pl->bytes, r->size);
	return pl->sink(pl->sink_ctx, r);
}

int pipeline_run(const char *const *roots, size_t nroots, const struct pipeline_opts *o,
		 order_sink sink, void *ctx, const struct pipeline_progress *prog,
		 struct perr *e)
{
	struct pipeline pl = { o, NULL, NULL, sink, ctx, 0, 0, NULL };
	struct walk_ctx c = { &pl, prog, { 0, 0 }, { 0, 0 }, 0 };
	unsigned every = prog && prog->every_ms ? prog->every_ms : 250;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &c.start);
	c.last = c.start;
	pl.order = order_new(count_sink, &pl);
	pl.loc = arc_locale_new(); /* before the workers, freed after them */
	pl.pool = pool_new(o->jobs ? o->jobs : 1, QUEUE_JOBS, QUEUE_BYTES, &worker_ops, &pl, e);
	if (!pl.pool) {
		arc_locale_free(pl.loc);
		order_free(pl.order);
		return -1;
	}
	walk_run(roots, nroots, &o->walk, on_walk, &c);
	while (!order_wait(pl.order, every))
		progress(&c, 1);
	pool_free(pl.pool);
	arc_locale_free(pl.loc);
	rc = order_failed(pl.order);
	order_free(pl.order);
	return rc;
}
