# SPDX-License-Identifier: MIT
#
# petal -- the only build entry point (one non-recursive Makefile, as git's).
#
#   make            build ./petal
#   make run        install deps, build, scan this repository, print the summary
#   make test       install deps, build, run every test (unit, CLI, lint, ASan+UBSan, TSan, fuzz)
#   make sanitize   ASan+UBSan build running the whole suite (build/asan)
#   make tsan       ThreadSanitizer build running the whole suite (build/tsan)
#   make lint       cppcheck and clang-tidy over petal's own sources
#   make install PREFIX=/usr/local
#   make clean
#
# BUILD selects the output tree, so sanitizer builds never mix objects with
# the normal one.  License data is fetched once into $(CACHE), shared by all.

BUILD   ?= build
CACHE   ?= build/cache
PREFIX  ?= /usr/local
CC      ?= cc
SAN     ?=

# Pinned license data (npm).  Integrity is the registry's dist.integrity.
LICLIST_PKG := spdx-license-list@6.12.0
LICLIST_SRI := sha512-+nUYqm3aZMSHbjsthK+i/HHI2okTElCvqwUd4k8QcSk+FTGgjq+fsdFj2wZOaX6XmR2JdWhf/NeflNnvKOjcnQ==
EXC_PKG     := spdx-exceptions@2.5.0
EXC_SRI     := sha512-PiU42r+xO4UbUS1buo3LPJkjlO7430Xn5SVAhdpzzsPHsjbYVflnnFdATgabnLude+Cqu25p6N+g2lw/PFsa4w==
# The SPDX License List that package was made from (its readme says so;
# tests/cli/sbom.sh checks), for the SBOM's licenseListVersion.
LICLIST_SPDX := 3.28

PKGS    := libarchive libmagic libpcre2-8 json-c libcrypto yaml-0.1
DEB_PKGS := gcc make pkg-config libarchive-dev libmagic-dev libpcre2-dev \
	libjson-c-dev libcmocka-dev libssl-dev libyaml-dev python3 ca-certificates \
	clang libclang-rt-14-dev cppcheck clang-tidy \
	libxml2-utils python3-jsonschema

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(SAN) -MMD -MP \
	-Iscanner -Irules -Ilicenses -Isbom -I$(BUILD)/gen \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
ALL_CFLAGS += -DSPDX_LIST_VERSION='"$(LICLIST_SPDX)"'
LDLIBS  = $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -larchive -lmagic -lpcre2-8 -ljson-c -lcrypto -lyaml) -lpthread
LDFLAGS += $(SAN)

# --- objects: one per line --------------------------------------------------
# The library: everything but main.c and cmd_*.c (tests and fuzzers link it).
LIB_SRCS += scanner/perr.c
LIB_SRCS += scanner/buf.c
LIB_SRCS += scanner/strv.c
LIB_SRCS += scanner/result.c
LIB_SRCS += scanner/hash.c
LIB_SRCS += scanner/ftype.c
LIB_SRCS += scanner/text.c
LIB_SRCS += scanner/readf.c
LIB_SRCS += scanner/walk.c
LIB_SRCS += scanner/pathglob.c
LIB_SRCS += scanner/arc.c
LIB_SRCS += scanner/pool.c
LIB_SRCS += scanner/order.c
LIB_SRCS += scanner/pipeline.c
LIB_SRCS += scanner/report.c
LIB_SRCS += scanner/jsonw.c
LIB_SRCS += scanner/report_json.c
LIB_SRCS += scanner/report_text.c
LIB_SRCS += scanner/detect.c
LIB_SRCS += scanner/tok.c
LIB_SRCS += rules/match.c
LIB_SRCS += licenses/index.c
LIB_SRCS += rules/expr.c
LIB_SRCS += rules/spdx_tag.c
LIB_SRCS += rules/rulefile.c
LIB_SRCS += rules/copyright.c
LIB_SRCS += licenses/lic.c
LIB_SRCS += rules/licmeta.c
LIB_SRCS += rules/oblig.c
LIB_SRCS += rules/policy.c
LIB_SRCS += rules/policy_eval.c
LIB_SRCS += scanner/check.c
LIB_SRCS += scanner/check_out.c
LIB_SRCS += sbom/manifest.c
LIB_SRCS += sbom/mani_names.c
LIB_SRCS += sbom/mani_json.c
LIB_SRCS += sbom/mani_toml.c
LIB_SRCS += sbom/mani_python.c
LIB_SRCS += sbom/mani_gem.c
LIB_SRCS += sbom/mani_xml.c
LIB_SRCS += sbom/mani_dep5.c
LIB_SRCS += sbom/mani_apply.c
LIB_SRCS += sbom/toml.c
LIB_SRCS += sbom/xml.c
LIB_SRCS += sbom/vcode.c
LIB_SRCS += sbom/sbom.c
LIB_SRCS += sbom/spdxdoc.c
LIB_SRCS += sbom/cdx.c
LIB_SRCS += sbom/ntia.c
LIB_GEN  += $(BUILD)/gen/lic_table.c

CLI_SRCS += scanner/main.c
CLI_SRCS += scanner/cmd_scan.c
CLI_SRCS += scanner/cmd_explain.c
CLI_SRCS += scanner/cmd_licenses.c
CLI_SRCS += scanner/cmd_version.c
CLI_SRCS += scanner/cmd_obligations.c
CLI_SRCS += scanner/cmd_notice.c
CLI_SRCS += scanner/cmd_check.c
CLI_SRCS += scanner/cmd_sbom.c
CLI_SRCS += scanner/cli.c

TESTS += tests/test_expr
TESTS += tests/test_spdx_tag
TESTS += tests/test_lic
TESTS += tests/test_arc
TESTS += tests/test_match
TESTS += tests/test_rules
TESTS += tests/test_walk
TESTS += tests/test_pathglob
TESTS += tests/test_strv
TESTS += tests/test_result
TESTS += tests/test_text
TESTS += tests/test_ftype
TESTS += tests/test_pipeline
TESTS += tests/test_jsonw
TESTS += tests/test_licmeta
TESTS += tests/test_oblig
TESTS += tests/test_policy
TESTS += tests/test_manifest
TESTS += tests/test_sbom
TESTS += tests/test_copyright
TESTS += tests/test_tok

# One libFuzzer harness per untrusted-input parser: fuzz/fuzz_<name>.c.
FUZZERS += expr
FUZZERS += spdx_tag
FUZZERS += arc
FUZZERS += match
FUZZERS += licmeta
FUZZERS += policy
FUZZERS += manifest
FUZZERS += sbom_check
FUZZERS += copyright
FUZZERS += text
FUZZERS += baseline
FUZZERS += pathglob

LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/lic_table.o \
	$(BUILD)/obj/gen/index_blob.o
LIB_OBJS += $(BUILD)/obj/gen/licmeta_table.o
CLI_OBJS := $(CLI_SRCS:%.c=$(BUILD)/obj/%.o)
TEST_BINS := $(TESTS:%=$(BUILD)/%)
REPLAY_BINS := $(FUZZERS:%=$(BUILD)/fuzz/%_replay)

.PHONY: all run test unit cli sanitize tsan install clean deps check-tests bench fuzz fuzz-bins fuzz-smoke lint
.DEFAULT_GOAL := all

all: $(BUILD)/petal petal

# ./petal is a copy of the normal build, for the README's examples.
petal: $(BUILD)/petal
	@if [ "$(BUILD)" = build ]; then cp $< $@; fi

$(BUILD)/petal: $(CLI_OBJS) $(BUILD)/libpetal.a
	$(CC) $(LDFLAGS) -o $@ $(CLI_OBJS) $(BUILD)/libpetal.a $(LDLIBS)

$(BUILD)/libpetal.a: $(LIB_OBJS)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/obj/%.o: %.c $(BUILD)/gen/lic_table.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# --- license data: fetch (pinned, verified), then generate the id table ----
$(CACHE)/spdx-license-list/package/spdx.json:
	sh licenses/fetch.sh $(LICLIST_PKG) $(LICLIST_SRI) $(CACHE)/spdx-license-list

$(CACHE)/spdx-exceptions/package/index.json:
	sh licenses/fetch.sh $(EXC_PKG) $(EXC_SRI) $(CACHE)/spdx-exceptions

# The generator runs on the build host, never under sanitizers.
GEN_UTIL := licenses/gen_util.c
$(BUILD)/gen/gen_ids: licenses/gen_ids.c $(GEN_UTIL) licenses/gen_util.h scanner/buf.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O1 -Ilicenses -Iscanner -o $@ \
		licenses/gen_ids.c $(GEN_UTIL) scanner/buf.c $(shell pkg-config --cflags --libs json-c)

$(BUILD)/gen/lic_table.c $(BUILD)/gen/lic_table.h &: $(BUILD)/gen/gen_ids \
		$(CACHE)/spdx-license-list/package/spdx.json \
		$(CACHE)/spdx-exceptions/package/index.json licenses/deprecated.tsv
	$(BUILD)/gen/gen_ids $(CACHE)/spdx-license-list/package \
		$(CACHE)/spdx-exceptions/package licenses/deprecated.tsv \
		"$(LICLIST_PKG)" "$(EXC_PKG)" $(BUILD)/gen/lic_table

# The license index: every text of the pinned list, cut into words by the
# scanner's own tokenizer (scanner/tok.c), written as one blob and linked
# in with .incbin.  Reproducible: same package, same bytes.
# Deprecated ids come from the generated id table (licenses/lic.c).
# The rules of rules/data (rules/README.md) are compiled into the same index.
RULE_FILES := $(sort $(wildcard rules/data/*.rules))
GEN_INDEX_SRCS := licenses/gen_index.c scanner/tok.c scanner/text.c scanner/buf.c scanner/perr.c \
	licenses/lic.c rules/rulefile.c $(BUILD)/gen/lic_table.c
GEN_INDEX_SRCS += $(GEN_UTIL)

$(BUILD)/gen/gen_index: $(GEN_INDEX_SRCS) licenses/index_format.h scanner/tok.h scanner/text.h \
		rules/rulefile.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O2 -Iscanner -Ilicenses -Irules -I$(BUILD)/gen -o $@ \
		$(GEN_INDEX_SRCS) $(shell pkg-config --cflags --libs json-c)

$(BUILD)/gen/index.bin: $(BUILD)/gen/gen_index $(CACHE)/spdx-license-list/package/spdx.json \
		licenses/variables.tsv $(RULE_FILES)
	$(BUILD)/gen/gen_index $(CACHE)/spdx-license-list/package/spdx-full.json \
		licenses/variables.tsv $@ \
		$(RULE_FILES) 2>$(BUILD)/gen/index.log || { cat $(BUILD)/gen/index.log; exit 1; }
	@tail -n 1 $(BUILD)/gen/index.log

$(BUILD)/obj/gen/index_blob.o: licenses/index_blob.S $(BUILD)/gen/index.bin
	@mkdir -p $(dir $@)
	$(CC) -c -DINDEX_BIN='"$(BUILD)/gen/index.bin"' -o $@ licenses/index_blob.S

# License metadata: rules/licmeta.txt checked against the id table and
# compiled to lm_table[] (rules/gen_licmeta.c links licmeta.c for its names).
$(BUILD)/gen/gen_licmeta: rules/gen_licmeta.c rules/licmeta.c rules/licmeta.h scanner/buf.c scanner/perr.c \
		rules/expr.c licenses/lic.c $(BUILD)/gen/lic_table.c $(GEN_UTIL) licenses/gen_util.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_GNU_SOURCE $(WARN) -O1 -Iscanner -Irules -Ilicenses -I$(BUILD)/gen -o $@ \
		rules/gen_licmeta.c rules/licmeta.c scanner/buf.c scanner/perr.c rules/expr.c \
		licenses/lic.c $(BUILD)/gen/lic_table.c $(GEN_UTIL)

$(BUILD)/gen/licmeta_table.c: $(BUILD)/gen/gen_licmeta rules/licmeta.txt
	$(BUILD)/gen/gen_licmeta rules/licmeta.txt $@

# --- tests -------------------------------------------------------------------
$(BUILD)/tests/%: tests/%.c $(BUILD)/libpetal.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libpetal.a $(LDLIBS) -lcmocka

# Fuzz seeds replayed by a plain driver: every suite run (and so every
# sanitizer run) feeds the harnesses their seeds.
$(BUILD)/fuzz/%_replay: fuzz/fuzz_%.c fuzz/replay.c fuzz/fuzz.h $(BUILD)/libpetal.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ifuzz $(LDFLAGS) -o $@ fuzz/fuzz_$*.c fuzz/replay.c $(BUILD)/libpetal.a $(LDLIBS)

check-tests: $(TEST_BINS) $(REPLAY_BINS) $(BUILD)/petal
	sh tests/run.sh $(BUILD) $(TEST_BINS)

# The README's test command.  Runs the plain suite, the linters, then the same suite under
# ASan+UBSan and under TSan, then each fuzzer for FUZZ_SECONDS.
test: deps
	$(MAKE) check-tests
	$(MAKE) lint
	$(MAKE) sanitize
	$(MAKE) tsan
	$(MAKE) fuzz-smoke

# PETAL_SANITIZED: the CLI tests shrink their largest inputs (100,000
# entries or files become 10,000) under the sanitizers.
sanitize:
	PETAL_SANITIZED=asan $(MAKE) BUILD=build/asan CFLAGS="-O1 -g -fno-omit-frame-pointer" \
		SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" check-tests

tsan:
	PETAL_SANITIZED=tsan $(MAKE) BUILD=build/tsan CFLAGS="-O1 -g" SAN="-fsanitize=thread" check-tests

# Static analysis of our own sources (every list above, the generators, the
# fuzz harnesses; never build/): cppcheck with .cppcheck-suppressions and
# clang-tidy with .clang-tidy, each suppression with its reason there.
# Any finding fails.  The id table header is generated first (sources
# include it).
LINT_SRCS = $(LIB_SRCS) $(CLI_SRCS) $(FUZZERS:%=fuzz/fuzz_%.c) fuzz/replay.c \
	licenses/gen_ids.c licenses/gen_index.c licenses/gen_util.c
LINT_JOBS ?= 2
LINT_FLAGS = $(filter -std=% -D% -I%,$(ALL_CFLAGS)) -Ifuzz
lint: $(BUILD)/gen/lic_table.h
	cppcheck --quiet --error-exitcode=1 --inline-suppr --std=c11 \
		--enable=warning,style,performance,portability \
		--suppressions-list=.cppcheck-suppressions \
		--template='{file}:{line}: {severity}: {message} [{id}]' \
		$(filter -D% -I%,$(LINT_FLAGS)) $(LINT_SRCS)
	@echo "clang-tidy (LINT_JOBS=$(LINT_JOBS)) $(LINT_SRCS)"; \
	out=$$(printf '%s\n' $(LINT_SRCS) | xargs -P $(LINT_JOBS) -n 4 \
		sh -c 'clang-tidy --quiet "$$@" -- $(subst ','\'',$(LINT_FLAGS))' clang-tidy 2>&1); rc=$$?; \
	printf '%s\n' "$$out" | grep -v ' warnings\( and [0-9]* errors\)\{0,1\} generated\.$$' || :; \
	exit $$rc

# libFuzzer builds (clang), in build/fuzz.  fuzz-smoke runs each harness for
# FUZZ_SECONDS from its seeds; `make fuzz FUZZ_SECONDS=600` for a real session.
FUZZ_SECONDS ?= 30
fuzz:
	$(MAKE) BUILD=build/fuzz CC=clang CFLAGS="-O1 -g" \
		SAN="-fsanitize=fuzzer-no-link,address,undefined" fuzz-bins

fuzz-bins: $(FUZZERS:%=$(BUILD)/fuzz/fuzz_%)

$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c fuzz/fuzz.h $(BUILD)/libpetal.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ifuzz -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(BUILD)/libpetal.a $(LDLIBS)

fuzz-smoke: fuzz
	@for f in $(FUZZERS); do \
		mkdir -p build/fuzz/corpus/$$f && \
		echo "fuzz: $$f for $(FUZZ_SECONDS) s" && \
		build/fuzz/fuzz/fuzz_$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 \
			-rss_limit_mb=2048 -print_final_stats=0 build/fuzz/corpus/$$f fuzz/seeds/$$f \
			2>build/fuzz/$$f.log || { tail -n 60 build/fuzz/$$f.log; exit 1; }; \
	done

run: deps
	$(MAKE) all
	./petal scan --format text --exclude build/ .

bench: all
	sh tests/bench/kernel

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/petal $(DESTDIR)$(PREFIX)/bin/petal

clean:
	rm -rf build/obj build/gen build/tests build/fuzz build/asan build/tsan build/petal \
		build/libpetal.a petal

# Installs only what is missing, so it costs nothing on a ready machine.
deps:
	@missing=; for p in $(DEB_PKGS); do \
		dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	if [ -n "$$missing" ]; then \
		sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		echo "deps: installing$$missing"; \
		$$sudo apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

-include $(shell find $(BUILD)/obj $(BUILD)/tests -name '*.d' 2>/dev/null)
