/* SPDX-License-Identifier: MIT */
/* cmd_licenses.c -- `petal licenses [--json]`: the embedded SPDX ids. */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "lic.h"

static void print_text(void)
{
	size_t i;

	for (i = 0; i < lic_count(); i++) {
		const struct lic_info *l = lic_at(i);

		printf("%-40s %s%s%s", l->id, l->exception ? "[exception] " : "",
		       l->osi ? "[OSI] " : "", l->name);
		if (l->deprecated)
			printf("  (deprecated%s%s)", l->replacement ? ", use " : "",
			       l->replacement ? l->replacement : "");
		putchar('\n');
	}
}

static void print_json(void)
{
	json_object *a = json_object_new_array();
	size_t i;

	for (i = 0; i < lic_count(); i++) {
		const struct lic_info *l = lic_at(i);
		json_object *o = json_object_new_object();

		json_object_object_add(o, "id", json_object_new_string(l->id));
		json_object_object_add(o, "name", json_object_new_string(l->name));
		json_object_object_add(o, "exception", json_object_new_boolean(l->exception));
		json_object_object_add(o, "osi_approved", json_object_new_boolean(l->osi));
		json_object_object_add(o, "deprecated", json_object_new_boolean(l->deprecated));
		json_object_object_add(o, "replacement",
				       l->replacement ? json_object_new_string(l->replacement) : NULL);
		json_object_array_add(a, o);
	}
	puts(json_object_to_json_string_ext(a, JSON_C_TO_STRING_PRETTY |
						     JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(a);
}

int cmd_licenses(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--json")) {
		print_json();
		return EXIT_DONE;
	}
	if (argc > 1) {
		fprintf(stderr, "usage: petal licenses [--json]\n");
		return EXIT_USAGE;
	}
	print_text();
	return EXIT_DONE;
}
