/* SPDX-License-Identifier: MIT */
/* cmd_licenses.c -- `petal licenses [--json]`: the embedded SPDX ids. */
#include <json-c/json.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "index.h"
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

/* id is one of the space-separated ids in list. */
static int in_list(const char *list, const char *id)
{
	size_t n = strlen(id);
	const char *p = list;

	while ((p = strstr(p, id)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

/* `petal licenses ID`: the reference text petal matches against. */
static int print_reference(const char *arg)
{
	const struct lic_info *info = lic_find(arg, strlen(arg));
	const char *id = info && info->deprecated && info->replacement ? info->replacement
		       : info ? info->id : arg;
	struct idx_lic L;
	struct perr e;
	struct idx x;
	size_t i;

	if (idx_open(&x, &e) < 0) {
		fprintf(stderr, "petal: %s\n", e.msg);
		return EXIT_INPUT;
	}
	for (i = 0; i < idx_ntexts(&x); i++) { /* an alias prints its twin's text */
		idx_lic(&x, i, &L);
		if (!strcmp(L.id, id) || in_list(L.alias, id)) {
			if (strcmp(L.id, id))
				fprintf(stderr, "petal: %s has the same text as %s\n", id, L.id);
			fwrite(L.text, 1, L.text_len, stdout);
			if (L.text_len && L.text[L.text_len - 1] != '\n')
				putchar('\n');
			return EXIT_DONE;
		}
	}
	fprintf(stderr, "petal: %s: no reference text (%s)\n", arg,
		info ? (info->exception ? "a license exception" : "not in the index")
		     : "unknown id; see 'petal licenses'");
	return EXIT_USAGE;
}

int cmd_licenses(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--json")) {
		print_json();
		return EXIT_DONE;
	}
	if (argc == 2 && argv[1][0] != '-')
		return print_reference(argv[1]);
	if (argc > 1) {
		fprintf(stderr, "usage: petal licenses [--json | ID]\n");
		return EXIT_USAGE;
	}
	print_text();
	return EXIT_DONE;
}
