/* SPDX-License-Identifier: MIT */
/* vcode.c -- the SPDX package verification code; see vcode.h. */
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hash.h"
#include "vcode.h"

/* Hex of two digests compares as the bytes do, so sort the raw digests. */
static int cmp_sha1(const void *a, const void *b)
{
	return memcmp(a, b, 20);
}

void vcode_compute(const unsigned char (*sha1s)[20], size_t n, char out[41])
{
	unsigned char (*v)[20] = xmalloc((n ? n : 1) * sizeof(*v));
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	EVP_MD_CTX *c = EVP_MD_CTX_new();
	char hex[41];
	size_t i;

	if (!c)
		abort(); /* out of memory, as xmalloc treats it */
	if (n)
		memcpy(v, sha1s, n * sizeof(*v));
	qsort(v, n, sizeof(*v), cmp_sha1);
	EVP_DigestInit_ex(c, EVP_sha1(), NULL);
	for (i = 0; i < n; i++) {
		hash_hex(v[i], 20, hex);
		EVP_DigestUpdate(c, hex, 40);
	}
	EVP_DigestFinal_ex(c, md, &mdlen);
	EVP_MD_CTX_free(c);
	hash_hex(md, 20, out);
	free(v);
}
