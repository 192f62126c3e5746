# SPDX-License-Identifier: MIT
# petal sbom -f cyclonedx-json: without --cdx-files the files are not
# components, so each package carries its files' copyright statements as
# evidence.copyright (distinct, sorted); with --cdx-files the files carry
# them and the packages do not repeat them.  Valid against the schema.
. "$SRC/tests/lib.sh"
cd "$T"
mkdir -p app/src app/node_modules/leftpad
printf '{"name":"app","version":"1.0.0","license":"MIT"}\n' > app/package.json
printf '// SPDX-License-Identifier: MIT\n// Copyright (c) 2023 Acme Corp\n' > app/src/a.js
printf '// SPDX-License-Identifier: MIT\n// Copyright (c) 2023 Acme Corp\n' > app/src/b.js
printf '/* Copyright 2001 Beta Ltd */\n' > app/src/c.js
printf '{"name":"leftpad","version":"1.3.0","license":"WTFPL"}\n' > app/node_modules/leftpad/package.json
printf '/* Copyright 2014 Azer Koculu */\n' > app/node_modules/leftpad/index.js
"$PETAL" sbom -q -f cyclonedx-json -o bom.json app || fail "sbom exited $?"
"$PETAL" sbom -q -f cyclonedx-json --cdx-files -o files.json app || fail "sbom --cdx-files exited $?"
python3 - bom.json files.json <<'PY'
import json, sys
bom = json.load(open(sys.argv[1]))
root = bom["metadata"]["component"]
got = [c["text"] for c in root["evidence"]["copyright"]]
assert got == ["Copyright (c) 2023 Acme Corp", "Copyright 2001 Beta Ltd"], got
dep = [c for c in bom["components"] if c["name"] == "leftpad"][0]
assert [c["text"] for c in dep["evidence"]["copyright"]] == ["Copyright 2014 Azer Koculu"], dep
files = json.load(open(sys.argv[2]))
assert "copyright" not in files["metadata"]["component"].get("evidence", {}), "repeated with --cdx-files"
def walk(cs):
    for c in cs:
        yield c
        yield from walk(c.get("components", []))
fc = [c for c in walk(files["components"]) if c["name"] == "./src/c.js"][0]
assert fc["evidence"]["copyright"] == [{"text": "Copyright 2001 Beta Ltd"}], fc
PY
shared=${PETAL_SHARED:-$SRC/../shared}
if [ -x "$shared/validate-json" ]; then
	"$shared/validate-json" cyclonedx bom.json || fail "bom.json invalid"
	"$shared/validate-json" cyclonedx files.json || fail "files.json invalid"
else
	echo "skip: schema validation: $shared/validate-json not found (CI keeps ../shared beside the repository)"
fi
