/* SPDX-License-Identifier: MIT */
/* tmpdir.h -- scratch trees for the tests (include after cmocka.h).
 *
 *   d = tmpdir_enter("walk")       mkdtemp under /tmp and chdir into it
 *   tmpdir_put(path, data, n)      writes a file (PUT for string literals)
 *   tmpdir_remove(d)               chdir / and rm -rf, frees d
 *
 * Everything a test writes stays inside its directory. */
#ifndef PETAL_TMPDIR_H
#define PETAL_TMPDIR_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static inline char *tmpdir_enter(const char *name)
{
	char tmpl[64];
	char *d;

	snprintf(tmpl, sizeof(tmpl), "/tmp/petal-%s-XXXXXX", name);
	d = mkdtemp(tmpl);
	assert_non_null(d);
	assert_int_equal(chdir(d), 0);
	return strdup(d);
}

static inline void tmpdir_put(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

#define PUT(path, lit) tmpdir_put(path, lit, sizeof(lit) - 1)

static inline void tmpdir_remove(char *d)
{
	char cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d);
	assert_int_equal(chdir("/"), 0);
	assert_int_equal(system(cmd), 0);
	free(d);
}

#endif
