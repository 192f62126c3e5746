# SPDX-License-Identifier: MIT
# petal obligations and notice: the holders of a file that says no license
# are still credited -- under the licenses of the other files of its
# directory, else under its nearest package's declared license -- never
# dropped, and never under the license of a package it does not belong to.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p app/src app/node_modules/leftpad app/vendor/zlib app/vendor/apache
printf '{"name":"app","version":"1.0.0","license":"MIT"}\n' > app/package.json
printf '/* Copyright (c) 2023 Acme Corp */\nint x;\n' > app/src/x.c
printf '{"name":"leftpad","version":"1.3.0","license":"WTFPL"}\n' > app/node_modules/leftpad/package.json
printf '/* Copyright 2014 Azer Koculu */\nmodule.exports = 1;\n' > app/node_modules/leftpad/index.js
printf '/* SPDX-License-Identifier: Zlib\n * Copyright (C) 1995 Jean-loup Gailly */\n' > app/vendor/zlib/zlib.c
printf '/* Copyright (C) 1995 Mark Adler */\nint y;\n' > app/vendor/zlib/util.c
printf '// SPDX-License-Identifier: Apache-2.0\n' > app/vendor/apache/A.java
printf 'Widget\nCopyright 2019 The Apache Software Foundation\n' > app/vendor/apache/NOTICE
"$PETAL" obligations -q -f json -o ob.json app || fail "obligations exited $?"
python3 - ob.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
h = {l["license"]: l["holders"] for l in d["licenses"]}
assert h["WTFPL"] == ["Azer Koculu"], h
assert h["Zlib"] == ["Jean-loup Gailly", "Mark Adler"], h
assert h["MIT"] == ["Acme Corp"], h
assert h["Apache-2.0"] == [], h
PY
"$PETAL" notice -q -o n.txt app || fail "notice exited $?"
sed -n '/^WTFPL$/,$p' n.txt | grep -q '^Azer Koculu$' || fail "notice: $(cat n.txt)"
