/* SPDX-License-Identifier: MIT */
/* cmd_version.c -- `petal version`. */
#include <stdio.h>

#include "cmd.h"
#include "lic.h"
#include "version.h"

int cmd_version(int argc, char **argv)
{
	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: petal version\n");
		return EXIT_USAGE;
	}
	printf("petal %s\nlicense data: %s\n", PETAL_VERSION, lic_list_version());
	return EXIT_DONE;
}
