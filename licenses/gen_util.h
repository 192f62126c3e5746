/* SPDX-License-Identifier: MIT */
/* gen_util.h -- what every build-time generator (licenses/gen_ids.c,
 * licenses/gen_index.c, rules/gen_licmeta.c) needs around its real work:
 * dying with a message, reading a data file line by line, and writing an
 * output so that a failed run leaves nothing make could take as built.
 *
 *   gen_die(fmt, ...)                 "PROG: message" on stderr, exit 1
 *   f = gen_open(path)                fopen for reading, or die
 *   gen_line(f, line, size, path, &lineno)
 *                                     the next line without its "\n" or
 *                                     "\r\n" (CRLF data reads as LF); 0 at
 *                                     the end; dies naming path:line when a
 *                                     line does not fit, or on a read error
 *   gen_out_open(&o, path)            o.f writes PATH.tmp
 *   gen_out_close(&o)                 checked close, then PATH.tmp renamed
 *                                     to PATH; on any error PATH.tmp is
 *                                     removed and the generator dies
 *
 * PROG is the program's name as run.  Generators are short-lived
 * processes: nothing here frees on the way out.  Not for the library: only
 * scanner/main.c and cmd_*.c may write to stderr or exit there. */
#ifndef PETAL_GEN_UTIL_H
#define PETAL_GEN_UTIL_H

#include <stddef.h>
#include <stdio.h>

struct gen_out {
	FILE *f;
	char path[4096], tmp[4096 + 8];
};

void gen_die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
FILE *gen_open(const char *path);
int gen_line(FILE *f, char *line, size_t size, const char *path, unsigned *lineno);
void gen_out_open(struct gen_out *o, const char *path);
void gen_out_close(struct gen_out *o);

#endif
