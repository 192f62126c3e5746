/* SPDX-License-Identifier: MIT */
/* pool.h -- a small bounded thread pool (after zstd's lib/common/pool.c).
 *
 * N workers take jobs from one FIFO queue.  The queue is bounded twice:
 * by job count and by bytes (each job states its cost, e.g. the archive
 * entry bytes it carries), so a producer that runs ahead of the workers
 * waits instead of filling memory.
 *
 * A worker may submit jobs too (an archive found by a worker fans its
 * entries out).  A worker must never wait on a full queue -- all workers
 * could end up waiting -- so pool_submit(..., may_wait = 0) returns 0
 * instead, and the worker runs the job itself (caller runs).
 *
 *   p = pool_new(n, max_jobs, max_bytes, &ops, arg, e)
 *   pool_submit(p, job, cost, may_wait)   1 queued, 0 full (only when !may_wait)
 *   pool_free(p)     waits for the queue to drain, joins the workers
 *
 * ops.state_new(arg) makes each worker's private state (a libmagic
 * handle, buffers); ops.run(state, job) does one job and owns it;
 * ops.state_free(state) at the end.  The pool never looks inside a job. */
#ifndef PETAL_POOL_H
#define PETAL_POOL_H

#include <stddef.h>

#include "perr.h"

struct pool_ops {
	void *(*state_new)(void *arg);
	void (*run)(void *state, void *job);
	void (*state_free)(void *state);
};

struct pool;

struct pool *pool_new(unsigned nthreads, size_t max_jobs, size_t max_bytes,
		      const struct pool_ops *ops, void *arg, struct perr *e);
int pool_submit(struct pool *p, void *job, size_t cost, int may_wait);
void pool_free(struct pool *p);

#endif
