/* SPDX-License-Identifier: MIT */
/* order.c -- reorder buffer: a ring of slots indexed by sequence number.
 * See order.h.  The ring doubles when a number runs past its end. */
#include "order.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"

struct slot {
	int ready;
	struct file_result *rs; /* owned */
	size_t n;
};

struct order {
	pthread_mutex_t mu;
	pthread_cond_t idle; /* every reserved number is out */
	order_sink sink;
	void *ctx;
	struct slot *ring;
	size_t cap;          /* power of two */
	uint64_t next;       /* next number to emit */
	uint64_t reserved;   /* numbers handed out */
	int failed;
	int emitting;        /* a thread is running the sink */
};

struct order *order_new(order_sink sink, void *ctx)
{
	struct order *o = xcalloc(1, sizeof(*o));

	pthread_mutex_init(&o->mu, NULL);
	pthread_cond_init(&o->idle, NULL);
	o->sink = sink;
	o->ctx = ctx;
	o->cap = 1024;
	o->ring = xcalloc(o->cap, sizeof(*o->ring));
	return o;
}

/* Doubles the ring, keeping every slot at seq & (cap - 1). */
static void grow(struct order *o)
{
	struct slot *ring = xcalloc(o->cap * 2, sizeof(*ring));
	uint64_t s;

	for (s = o->next; s < o->next + o->cap; s++)
		ring[s & (o->cap * 2 - 1)] = o->ring[s & (o->cap - 1)];
	free(o->ring);
	o->ring = ring;
	o->cap *= 2;
}

uint64_t order_reserve(struct order *o)
{
	uint64_t seq;

	pthread_mutex_lock(&o->mu);
	seq = o->reserved++;
	while (seq - o->next >= o->cap)
		grow(o);
	pthread_mutex_unlock(&o->mu);
	return seq;
}

/* Called with the lock held by the one emitting thread: takes the run of
 * ready slots, calls the sink on them without the lock (so workers that
 * finish meanwhile only deposit), and goes on until none is ready. */
static void emit_ready(struct order *o)
{
	for (;;) {
		struct slot *sl = &o->ring[o->next & (o->cap - 1)];
		struct slot run;
		size_t i;
		int failed = o->failed;

		if (!sl->ready)
			break;
		run = *sl;
		memset(sl, 0, sizeof(*sl));
		o->next++;
		pthread_mutex_unlock(&o->mu);
		for (i = 0; i < run.n; i++) {
			if (!failed)
				failed = o->sink(o->ctx, &run.rs[i]);
			result_release(&run.rs[i]);
		}
		free(run.rs);
		pthread_mutex_lock(&o->mu);
		if (failed && !o->failed)
			o->failed = failed;
	}
	if (o->next == o->reserved)
		pthread_cond_broadcast(&o->idle);
}

void order_put(struct order *o, uint64_t seq, struct file_result *rs, size_t n)
{
	struct file_result *own = xcalloc(n ? n : 1, sizeof(*own));
	struct slot *sl;
	size_t i;

	for (i = 0; i < n; i++)
		result_move(&own[i], &rs[i]);
	pthread_mutex_lock(&o->mu);
	sl = &o->ring[seq & (o->cap - 1)];
	sl->rs = own;
	sl->n = n;
	sl->ready = 1;
	if (!o->emitting) { /* else the thread emitting now will get to it */
		o->emitting = 1;
		emit_ready(o);
		o->emitting = 0;
	}
	pthread_mutex_unlock(&o->mu);
}

int order_wait(struct order *o, unsigned ms)
{
	struct timespec ts;
	int done;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += ms / 1000;
	ts.tv_nsec += (long)(ms % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&o->mu);
	while (o->next != o->reserved)
		if (pthread_cond_timedwait(&o->idle, &o->mu, &ts) == ETIMEDOUT)
			break;
	done = o->next == o->reserved;
	pthread_mutex_unlock(&o->mu);
	return done;
}

int order_failed(struct order *o)
{
	int f;

	pthread_mutex_lock(&o->mu);
	f = o->failed;
	pthread_mutex_unlock(&o->mu);
	return f;
}

void order_free(struct order *o)
{
	size_t i, j;

	if (!o)
		return;
	for (i = 0; i < o->cap; i++) {
		for (j = 0; j < o->ring[i].n; j++)
			result_release(&o->ring[i].rs[j]);
		free(o->ring[i].rs);
	}
	free(o->ring);
	pthread_cond_destroy(&o->idle);
	pthread_mutex_destroy(&o->mu);
	free(o);
}
