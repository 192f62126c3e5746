/* SPDX-License-Identifier: MIT */
/* test_jsonw.c -- the JSON writer against json-c itself: every byte, and
 * random strings, escape exactly as json-c prints them plain; objects and
 * arrays nest with commas where json-c puts them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <json-c/json.h>

#include "jsonw.h"

#define FLAGS (JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE)

static void same_as_json_c(const char *s)
{
	json_object *o = json_object_new_string(s);
	struct buf b = BUF_INIT;

	jw_escape(&b, s);
	assert_string_equal(b.data, json_object_to_json_string_ext(o, FLAGS));
	json_object_put(o);
	buf_release(&b);
}

static void test_every_byte(void **state)
{
	char s[4];
	int c;

	(void)state;
	for (c = 1; c < 256; c++) {
		s[0] = 'a';
		s[1] = (char)c;
		s[2] = 'z';
		s[3] = '\0';
		same_as_json_c(s);
		same_as_json_c(s + 1);
	}
	same_as_json_c("");
}

/* Each byte at each place of a plain 40-byte path: before, in and after
 * the sixteen-byte blocks looked at at once. */
static void test_byte_in_long_string(void **state)
{
	char s[41];
	int c, at;

	(void)state;
	for (c = 1; c < 256; c++)
		for (at = 0; at < 40; at++) {
			memset(s, 'p', 40);
			s[40] = '\0';
			s[at] = (char)c;
			same_as_json_c(s);
			s[39 - at / 2] = '"';
			same_as_json_c(s);
		}
}

static void test_random_strings(void **state)
{
	char s[64];
	unsigned seed = 12345;
	int i, k, n;

	(void)state;
	for (i = 0; i < 20000; i++) {
		seed = seed * 1103515245u + 12345u;
		n = (int)(seed >> 16) % 63;
		for (k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			s[k] = (char)(1 + (seed >> 16) % 255);
		}
		s[n] = '\0';
		same_as_json_c(s);
	}
}

/* Integers as json-c prints them, the extremes and every power of ten. */
static void test_ints(void **state)
{
	int64_t v[64] = { 0, -1, 1, 9, 10, -10, INT64_MAX, INT64_MIN, INT64_MIN + 1 };
	size_t n = 9, i;
	int64_t p;

	(void)state;
	for (p = 1; p <= INT64_MAX / 10; p *= 10) {
		v[n++] = p * 10 - 1;
		v[n++] = -p * 10;
	}
	for (i = 0; i < n; i++) {
		struct buf b = BUF_INIT;
		struct jw w = JW_INIT(&b);
		json_object *o = json_object_new_object();

		jw_open(&w, NULL, '{');
		jw_int(&w, "size", v[i]);
		jw_close(&w, '}');
		json_object_object_add(o, "size", json_object_new_int64(v[i]));
		assert_string_equal(b.data, json_object_to_json_string_ext(o, FLAGS));
		json_object_put(o);
		buf_release(&b);
	}
}

static void nesting(int pretty, int flags)
{
	struct buf b = BUF_INIT;
	struct jw w = JW_INIT(&b);
	json_object *o = json_object_new_object(), *a = json_object_new_array(), *in;

	w.pretty = pretty;
	jw_open(&w, NULL, '{');
	jw_str(&w, "path", "a/b \"c\"");
	jw_int(&w, "size", -42);
	jw_str(&w, "none", NULL);
	jw_open(&w, "list", '[');
	jw_open(&w, NULL, '{');
	jw_bool(&w, "t", 1);
	jw_close(&w, '}');
	jw_str(&w, NULL, "x");
	jw_open(&w, NULL, '[');
	jw_close(&w, ']');
	jw_close(&w, ']');
	jw_str(&w, "last", "\n");
	jw_close(&w, '}');
	json_object_object_add(o, "path", json_object_new_string("a/b \"c\""));
	json_object_object_add(o, "size", json_object_new_int64(-42));
	json_object_object_add(o, "none", NULL);
	in = json_object_new_object();
	json_object_object_add(in, "t", json_object_new_boolean(1));
	json_object_array_add(a, in);
	json_object_array_add(a, json_object_new_string("x"));
	json_object_array_add(a, json_object_new_array());
	json_object_object_add(o, "list", a);
	json_object_object_add(o, "last", json_object_new_string("\n"));
	assert_string_equal(b.data, json_object_to_json_string_ext(o, flags));
	json_object_put(o);
	buf_release(&b);
}

static void test_nesting(void **state)
{
	(void)state;
	nesting(0, FLAGS);
}

/* JW_INIT_PRETTY: the layout of the check reports. */
static void test_nesting_pretty(void **state)
{
	struct jw w = JW_INIT_PRETTY(NULL);

	(void)state;
	assert_true(w.pretty);
	nesting(1, JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
			   JSON_C_TO_STRING_NOSLASHESCAPE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_byte),
		cmocka_unit_test(test_random_strings),
		cmocka_unit_test(test_ints),
		cmocka_unit_test(test_byte_in_long_string),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_nesting_pretty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
