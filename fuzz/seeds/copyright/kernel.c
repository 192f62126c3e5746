// SPDX-License-Identifier: GPL-2.0
/*
 *  linux/kernel/fork.c
 *
 *  Copyright (C) 1991, 1992  Linus Torvalds
 *  (C) Copyright 2001 Jens Axboe <axboe@kernel.dk>
 * Copyright (c) 2001 Ben Greear,
 *   2002 Daniel Phillips
 * Copyright IBM Corp. 2007
 * Copyright (c) David L. Mills 1993                                 *
 */
#define COPYRIGHT
static int f(int c) { return isdigit(c) || ((c) >= 0x80); }
