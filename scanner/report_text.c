/* SPDX-License-Identifier: MIT */
/* report_text.c -- the summary for people: what was scanned, licenses by
 * number of files (with example paths), files without a license, and
 * the packages that manifests declare, and every problem (failed inputs,
 * invalid expressions).  Nothing is printed
 * per file: that is what json and jsonl are for. */
#include <stdlib.h>

#include "report.h"

static void print_counts(FILE *out, const struct report_summary *s)
{
	double mb = (double)s->bytes / 1e6;

	fprintf(out, "Scanned %llu files, %.1f MB: %llu text, %llu binary, %llu archive, "
		     "%llu symlink, %llu special, %llu skipped\n",
		(unsigned long long)s->files, mb, (unsigned long long)s->by_type[FT_TEXT],
		(unsigned long long)s->by_type[FT_BINARY], (unsigned long long)s->by_type[FT_ARCHIVE],
		(unsigned long long)s->by_type[FT_SYMLINK], (unsigned long long)s->by_type[FT_SPECIAL],
		(unsigned long long)s->by_type[FT_SKIPPED]);
	fprintf(out, "Status: %llu scanned, %llu skipped, %llu failed\n",
		(unsigned long long)s->by_status[FS_SCANNED],
		(unsigned long long)s->by_status[FS_SKIPPED],
		(unsigned long long)s->by_status[FS_FAILED]);
}

static void print_licenses(FILE *out, const struct report_summary *s)
{
	struct report_license **v;
	size_t i, j, n;

	v = report_licenses_sorted(s, &n);
	fprintf(out, "\nLicenses (%zu expressions, %llu files with a license):\n", n,
		(unsigned long long)s->with_license);
	for (i = 0; i < n; i++) {
		fprintf(out, "  %7llu  %s\n", (unsigned long long)v[i]->files, v[i]->expression);
		for (j = 0; j < REPORT_EXAMPLES && v[i]->examples[j]; j++)
			fprintf(out, "           %s\n", v[i]->examples[j]);
		if (v[i]->files > REPORT_EXAMPLES)
			fprintf(out, "           ... and %llu more\n",
				(unsigned long long)(v[i]->files - REPORT_EXAMPLES));
	}
	free(v);
	fprintf(out, "\nText files with no license found: %llu\n",
		(unsigned long long)s->text_without);
}

static void print_problems(FILE *out, const struct report_summary *s)
{
	size_t i;

	fprintf(out, "\nProblems: %llu\n", (unsigned long long)s->problems);
	for (i = 0; i < s->nprob; i++)
		fprintf(out, "  %s: %s\n", s->prob[i].path, s->prob[i].what);
	if (s->problems > s->nprob)
		fprintf(out, "  ... and %llu more (see --format json)\n",
			(unsigned long long)(s->problems - s->nprob));
}

static void print_packages(FILE *out, const struct report_summary *s)
{
	size_t i;

	if (!s->packages)
		return;
	fprintf(out, "\nPackages declared by manifests: %llu\n", (unsigned long long)s->packages);
	for (i = 0; i < s->npkg; i++)
		fprintf(out, "  %s  (%s)\n", s->pkg[i].what, s->pkg[i].path);
	if (s->packages > s->npkg)
		fprintf(out, "  ... and %llu more (see --format json)\n",
			(unsigned long long)(s->packages - s->npkg));
}

static int text_end(struct report *rp)
{
	print_counts(rp->out, &rp->sum);
	print_licenses(rp->out, &rp->sum);
	print_packages(rp->out, &rp->sum);
	print_problems(rp->out, &rp->sum);
	return ferror(rp->out) ? -1 : 0;
}

const struct report_ops report_text_ops = { "text", NULL, NULL, text_end };
