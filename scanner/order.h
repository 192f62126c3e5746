/* SPDX-License-Identifier: MIT */
/* order.h -- put results back in walk order, whatever thread made them.
 *
 * The walk numbers every input (order_reserve, one thread only); workers
 * finish them in any order (order_put, any thread).  order_put emits every
 * result whose predecessors are all out, in number order, through the
 * sink; one thread at a time emits (the others only deposit and go on),
 * so the sink runs on one thread at a time, without the lock held, and
 * sees the same sequence for any thread count.  One number may carry
 * several results (an archive and its sorted entries).
 *
 *   o = order_new(sink, ctx)
 *   seq = order_reserve(o)
 *   order_put(o, seq, results, n)   takes the results (moved out, array
 *                                   left for the caller to free)
 *   order_wait(o, ms)               1 when every reserved number is out,
 *                                   0 after ms milliseconds
 *   order_failed(o)                 the sink's first non-zero return
 *   order_free(o)
 *
 * Memory: results that wait for a slow predecessor are held; they are
 * small (no file data). */
#ifndef PETAL_ORDER_H
#define PETAL_ORDER_H

#include <stddef.h>
#include <stdint.h>

#include "result.h"

typedef int (*order_sink)(void *ctx, const struct file_result *r);

struct order;

struct order *order_new(order_sink sink, void *ctx);
uint64_t order_reserve(struct order *o);
void order_put(struct order *o, uint64_t seq, struct file_result *rs, size_t n);
int order_wait(struct order *o, unsigned ms);
int order_failed(struct order *o);
void order_free(struct order *o);

#endif
