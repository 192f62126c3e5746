# SPDX-License-Identifier: MIT
# The scan options are the same in every scanning command (scanner/cli.c):
# scan, check, sbom, obligations and notice each accept every one, and each
# option changes what each command reports.  One tree holds one license per
# option, placed where only that option moves it (past 1 KiB, under an
# excluded directory, in .git, behind a symlink, in a nested archive...);
# the check is whether the license's id is in each command's output with
# and without the option.  Bad values are exit 2 in every command.
. "$SRC/tests/lib.sh"
cd "$T"
export SOURCE_DATE_EPOCH=1700000000 # sbom: the same bytes run to run
mkdir -p t/vendor t/.git t/real t/in t/m t/z
printf '// SPDX-License-Identifier: MIT\n' > t/a.c
i=0
while [ $i -lt 40 ]; do # 2,480 bytes before the tag
	echo '/* padding padding padding padding padding padding padding */' >> t/pad.c
	i=$((i + 1))
done
printf '// SPDX-License-Identifier: GPL-3.0-only\n' >> t/pad.c
printf '// SPDX-License-Identifier: MPL-2.0\n' > t/vendor/v.c
printf '# SPDX-License-Identifier: BSD-2-Clause\n' > t/.git/hook.sh
printf '// SPDX-License-Identifier: 0BSD\n' > t/real/r.c
ln -s real t/linked
printf '// SPDX-License-Identifier: Zlib\n' > t/in/w.c
tar -cf t/inner.tar -C t/in w.c && tar -cf t/pkg.tar -C t inner.tar && rm -r t/in t/inner.tar
printf '// SPDX-License-Identifier: Unlicense\n' > t/m/e1.c
printf '// SPDX-License-Identifier: WTFPL\n' > t/m/e2.c
tar -cf t/multi.tar -C t/m e1.c e2.c && rm -r t/m
head -c 2000000 /dev/zero > t/z/zeros
printf '// SPDX-License-Identifier: BSL-1.0\n' > t/z/zz.c
tar -czf t/zeros.tar.gz -C t/z zeros zz.c && rm -r t/z
"$PETAL" licenses BSD-3-Clause > t/COPYING           # found by text matching only
"$PETAL" licenses Apache-2.0 | head -c 5000 > t/part.txt # about half of the text
printf 'Copyright 2020 Nobody\n' > t/nolic.txt
printf 'version = 1\n[[annotations]]\npath = "nolic.txt"\nSPDX-License-Identifier = "EUPL-1.2"\n' > t/REUSE.toml
printf 'default: allow\npartial-match: ignore\nunknown-text: ignore\n' > allow.yml

CMDS="scan check sbom obligations notice"

# out CMD FILE ARGS...: CMD's output in FILE (its exit code in FILE.rc)
out() {
	cmd=$1
	f=$2
	shift 2
	case $cmd in
	check) set -- -p "$T/allow.yml" -f json "$@" ;;
	scan) set -- -f jsonl "$@" ;;
	obligations) set -- -f json "$@" ;;
	esac
	set +e
	"$PETAL" "$cmd" -o "$f" "$@" 2> "$f.err"
	echo $? > "$f.rc"
	set -e
}

has() {
	grep -qF -e "$2" "$1"
}

for cmd in $CMDS; do
	out $cmd base.$cmd -q t
	[ "$(cat base.$cmd.rc)" = 0 ] || fail "$cmd: exit $(cat base.$cmd.rc): $(cat base.$cmd.err)"
	for id in GPL-3.0-only MPL-2.0 0BSD Zlib WTFPL BSL-1.0 BSD-3-Clause EUPL-1.2; do
		has base.$cmd "$id" || fail "$cmd: $id not found without options"
	done
	for id in BSD-2-Clause linked/r.c; do
		! has base.$cmd "$id" || fail "$cmd: $id found without options"
	done
	# --help lists the common options
	"$PETAL" $cmd --help > help.$cmd
	for o in --output --jobs --quiet --exclude --follow-symlinks --include-vcs --max-depth \
		--max-file-size --max-total --max-entries --max-ratio --min-coverage --no-text \
		--no-stanzas; do
		grep -q -- "$o" help.$cmd || fail "$cmd --help lacks $o"
	done
done

# opt WANT-EXIT OPTION... -- ID: the option removes ID ("+ID": adds it)
opt() {
	want=$1
	shift
	args=
	while [ "$1" != -- ]; do
		args="$args $1"
		shift
	done
	id=$2
	for cmd in $CMDS; do
		# shellcheck disable=SC2086
		out $cmd o.$cmd $args t
		[ "$(cat o.$cmd.rc)" = "$want" ] || fail "$cmd$args: exit $(cat o.$cmd.rc): $(cat o.$cmd.err)"
		case $id in
		+*) has o.$cmd "${id#+}" || fail "$cmd$args: ${id#+} not found" ;;
		*) ! has o.$cmd "$id" || fail "$cmd$args: $id still found" ;;
		esac
	done
}

opt 0 --max-file-size 1K -- GPL-3.0-only
opt 0 --exclude vendor/ -- MPL-2.0
opt 0 --exclude 'vendor/*' --exclude 'nomatch' -- MPL-2.0
opt 0 --include-vcs -- +BSD-2-Clause
opt 0 --follow-symlinks -- +linked/r.c
opt 0 --max-depth 0 -- Zlib
opt 3 --max-entries 1 -- WTFPL
opt 3 --max-total 100K -- BSL-1.0
opt 0 --no-text -- BSD-3-Clause
opt 0 --no-stanzas -- EUPL-1.2
# a partial match is named in some outputs: with the lower threshold the
# license is taken, so it is named more
for cmd in $CMDS; do
	out $cmd cov.$cmd --min-coverage 30 t
	[ "$(grep -o Apache-2.0 cov.$cmd | wc -l)" -gt "$(grep -o Apache-2.0 base.$cmd | wc -l)" ] ||
		fail "$cmd --min-coverage 30: Apache-2.0 not taken"
done
opt 0 -j 1 -- +MIT
opt 0 --jobs=3 -q -- +MIT

# an input that fails is named in every output and on stderr, -q or not
for cmd in $CMDS; do
	out $cmd lim.$cmd -q --max-total 100K t
	has lim.$cmd "expanded size over --max-total" || fail "$cmd: the failure is not in the output"
	grep -q '^petal: t/zeros.tar.gz: archive limit: expanded size over --max-total' lim.$cmd.err ||
		fail "$cmd: stderr: $(cat lim.$cmd.err)"
done

# --max-ratio: 70 MB of zeros and 100 KB of noise, gzip'd: about 400 to 1
# (the ratio is checked past 64 MiB out; the default is 1000)
mkdir -p bomb/z
head -c 70000000 /dev/zero > bomb/z/zeros
head -c 100000 /dev/urandom > bomb/z/noise
printf '// SPDX-License-Identifier: Beerware\n' > bomb/z/b.c
tar -czf bomb/b.tar.gz -C bomb/z zeros noise b.c && rm -r bomb/z
"$PETAL" scan -f jsonl --max-file-size 1K bomb | grep -q '"Beerware"' || fail "the bomb's license not found"
for cmd in $CMDS; do
	out $cmd r.$cmd --max-ratio 100 --max-file-size 1K bomb
	[ "$(cat r.$cmd.rc)" = 3 ] || fail "$cmd --max-ratio: exit $(cat r.$cmd.rc)"
	! has r.$cmd Beerware || fail "$cmd --max-ratio: Beerware found"
	has r.$cmd "expansion ratio over --max-ratio" || fail "$cmd --max-ratio: the failure is not in the output"
done

# the same bytes for any -j; PATHs default to .
for cmd in $CMDS; do
	out $cmd j1.$cmd -j1 t
	out $cmd j4.$cmd -j4 t
	cmp -s j1.$cmd j4.$cmd || fail "$cmd: -j1 and -j4 differ"
	(cd t && out $cmd ../dot.$cmd)
	has dot.$cmd vendor/v.c && ! has dot.$cmd t/vendor/v.c || fail "$cmd: PATH is not . by default"
done

# bad values: exit 2, the option named, no output left behind
for cmd in $CMDS; do
	for bad in "-j 0" "-j x" "-j 1025" "--jobs=" "--max-file-size 1Q" "--max-depth 65" \
		"--max-entries 0" "--max-total -1" "--max-ratio 1.5" "--min-coverage 101" \
		"-f nosuch" "--no-such-option"; do
		# shellcheck disable=SC2086
		out $cmd bad.$cmd $bad t
		[ "$(cat bad.$cmd.rc)" = 2 ] || fail "$cmd $bad: exit $(cat bad.$cmd.rc)"
		[ ! -e bad.$cmd ] || fail "$cmd $bad: an output was written"
	done
	grep -q "^petal $cmd: --no-such-option\|unrecognized option '--no-such-option'" bad.$cmd.err ||
		fail "$cmd: $(head -2 bad.$cmd.err)"
	out $cmd bad.$cmd -j 0 t
	grep -qx "petal $cmd: --jobs: not a valid number: '0'" bad.$cmd.err || fail "$cmd -j 0: $(head -1 bad.$cmd.err)"
	pol=
	[ $cmd != check ] || pol="-p allow.yml"
	# shellcheck disable=SC2086
	expect_exit 2 "$PETAL" $cmd $pol -o "$T/no/such/dir/out" t 2> err
	grep -q '^petal: .*/no/such/dir/out: cannot write: No such file or directory$' err || fail "$cmd -o: $(cat err)"
done

# -o: an output cut short (a file size limit) is removed, the reason said
for cmd in $CMDS; do
	(
		trap '' XFSZ
		ulimit -f 1 # 512 bytes
		out $cmd cut.$cmd t
	)
	[ "$(cat cut.$cmd.rc)" = 3 ] || fail "$cmd, cut: exit $(cat cut.$cmd.rc)"
	[ ! -e cut.$cmd ] || fail "$cmd: a cut output was left behind"
	grep -q "^petal: cut.$cmd: cannot write the .*: File too large (the partial .* was removed)$" cut.$cmd.err ||
		fail "$cmd, cut: $(cat cut.$cmd.err)"
done

# -o - is standard output, in every command (not a file named "-")
mkdir -p dash && cd dash
printf '// SPDX-License-Identifier: MIT\n' > a.c
for cmd in scan sbom obligations notice; do
	"$PETAL" $cmd -q -o - a.c > out.txt || fail "$cmd -o - exited $?"
	[ -s out.txt ] || fail "$cmd -o -: nothing on stdout"
	[ ! -e ./- ] || fail "$cmd -o -: wrote a file named -"
done
cd ..
