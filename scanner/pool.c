/* SPDX-License-Identifier: MIT */
/* pool.c -- bounded FIFO thread pool.  See pool.h.
 *
 * One mutex guards the queue; `more` wakes workers, `room` wakes a waiting
 * producer.  The queue is a ring of (job, cost) slots. */
#include "pool.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

struct slot {
	void *job;
	size_t cost;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t more; /* a job was queued, or shutdown */
	pthread_cond_t room; /* a job was taken */
	struct slot *ring;
	size_t cap, head, count;
	size_t bytes, max_bytes;
	unsigned idle;      /* workers waiting on `more` */
	unsigned blocked;   /* producers waiting on `room` */
	int shutdown;
	const struct pool_ops *ops;
	void *arg;
	pthread_t *threads;
	unsigned nthreads;
};

static int full(const struct pool *p, size_t cost)
{
	/* A job costlier than the whole budget still goes in alone. */
	return p->count == p->cap || (p->count && p->bytes + cost > p->max_bytes);
}

static void *worker(void *arg)
{
	struct pool *p = arg;
	void *state = p->ops->state_new ? p->ops->state_new(p->arg) : NULL;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct slot s;

		while (!p->count && !p->shutdown) {
			p->idle++;
			pthread_cond_wait(&p->more, &p->mu);
			p->idle--;
		}
		if (!p->count)
			break;
		s = p->ring[p->head];
		p->head = (p->head + 1) % p->cap;
		p->count--;
		p->bytes -= s.cost;
		/* Wake a waiting producer only once the queue is half empty:
		 * waking it for every slot makes the two ping-pong. */
		if (p->blocked && p->count <= p->cap / 2 && p->bytes <= p->max_bytes / 2)
			pthread_cond_broadcast(&p->room);
		pthread_mutex_unlock(&p->mu);
		p->ops->run(state, s.job);
		pthread_mutex_lock(&p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	if (p->ops->state_free)
		p->ops->state_free(state);
	return NULL;
}

struct pool *pool_new(unsigned nthreads, size_t max_jobs, size_t max_bytes,
		      const struct pool_ops *ops, void *arg, struct perr *e)
{
	struct pool *p = xcalloc(1, sizeof(*p));

	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->more, NULL);
	pthread_cond_init(&p->room, NULL);
	p->cap = max_jobs ? max_jobs : 1;
	p->ring = xcalloc(p->cap, sizeof(*p->ring));
	p->max_bytes = max_bytes;
	p->ops = ops;
	p->arg = arg;
	p->threads = xcalloc(nthreads ? nthreads : 1, sizeof(*p->threads));
	for (p->nthreads = 0; p->nthreads < (nthreads ? nthreads : 1); p->nthreads++) {
		int err = pthread_create(&p->threads[p->nthreads], NULL, worker, p);

		if (err) {
			perr_set(e, PERR_FATAL, "cannot start a worker thread: %s", strerror(err));
			pool_free(p);
			return NULL;
		}
	}
	return p;
}

int pool_submit(struct pool *p, void *job, size_t cost, int may_wait)
{
	pthread_mutex_lock(&p->mu);
	while (full(p, cost)) {
		if (!may_wait) {
			pthread_mutex_unlock(&p->mu);
			return 0;
		}
		p->blocked++;
		pthread_cond_wait(&p->room, &p->mu);
		p->blocked--;
	}
	p->ring[(p->head + p->count) % p->cap] = (struct slot){ job, cost };
	p->count++;
	p->bytes += cost;
	if (p->idle)
		pthread_cond_signal(&p->more);
	pthread_mutex_unlock(&p->mu);
	return 1;
}

void pool_free(struct pool *p)
{
	unsigned i;

	if (!p)
		return;
	pthread_mutex_lock(&p->mu);
	p->shutdown = 1;
	pthread_cond_broadcast(&p->more);
	pthread_mutex_unlock(&p->mu);
	for (i = 0; i < p->nthreads; i++)
		pthread_join(p->threads[i], NULL);
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->more);
	pthread_cond_destroy(&p->room);
	free(p->ring);
	free(p->threads);
	free(p);
}
