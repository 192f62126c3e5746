/* SPDX-License-Identifier: MIT */
/* gen_util.c -- see gen_util.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen_util.h"

void gen_die(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", program_invocation_short_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

FILE *gen_open(const char *path)
{
	FILE *f = fopen(path, "r");

	if (!f)
		gen_die("cannot read %s: %s", path, strerror(errno));
	return f;
}

int gen_line(FILE *f, char *line, size_t size, const char *path, unsigned *lineno)
{
	size_t n;

	if (!fgets(line, (int)size, f)) {
		if (ferror(f))
			gen_die("cannot read %s", path);
		return 0;
	}
	++*lineno;
	n = strlen(line);
	if (n && line[n - 1] != '\n' && !feof(f))
		gen_die("%s:%u: line longer than %zu bytes", path, *lineno, size - 2);
	if (n && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n && line[n - 1] == '\r')
		line[--n] = '\0';
	return 1;
}

void gen_out_open(struct gen_out *o, const char *path)
{
	if ((size_t)snprintf(o->path, sizeof(o->path), "%s", path) >= sizeof(o->path))
		gen_die("%s: path too long", path);
	snprintf(o->tmp, sizeof(o->tmp), "%s.tmp", o->path);
	o->f = fopen(o->tmp, "w");
	if (!o->f)
		gen_die("cannot write %s: %s", o->tmp, strerror(errno));
}

void gen_out_close(struct gen_out *o)
{
	int bad = ferror(o->f);

	bad |= fclose(o->f);
	if (bad || rename(o->tmp, o->path)) {
		remove(o->tmp);
		gen_die("cannot write %s", o->path);
	}
}
