#!/usr/bin/env python3
"""Fetch the official clients' public test vectors from PyPI.

The vectors belong to the official DynamoDB Encryption Client projects, so this repository does
not carry copies. The source distribution of dynamodb-encryption-sdk 3.3.0 on PyPI ships them
under test/vectors/; this script downloads it with pip and unpacks only that folder.

Usage: fetch_vectors.py OUTPUT_DIR
Result: OUTPUT_DIR/vectors/ (laid out like test/vectors/ of the source distribution).

If the registry cannot be reached the script says so and exits 0: the tests then use
-Dddbec.vectors.dir if it is set, and otherwise fail with instructions. They never skip.
"""
import os
import subprocess
import sys
import tarfile
import tempfile

PACKAGE = "dynamodb-encryption-sdk==3.3.0"
PREFIX = "dynamodb-encryption-sdk-3.3.0/test/vectors/"


def main() -> int:
    out = os.path.abspath(sys.argv[1])
    target = os.path.join(out, "vectors")
    marker = os.path.join(out, ".complete")
    if os.path.exists(marker):
        return 0
    os.makedirs(out, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--no-binary", ":all:",
               "--no-deps", "--no-cache-dir", "-d", tmp, PACKAGE]
        try:
            subprocess.run(cmd, check=True, timeout=300)
        except (subprocess.SubprocessError, OSError) as e:
            print(f"[ddbec] could not download {PACKAGE} from PyPI ({e}); "
                  "tests need -Dddbec.vectors.dir=DIR (test/vectors of that distribution)", file=sys.stderr)
            return 0
        archives = [f for f in os.listdir(tmp) if f.endswith(".tar.gz")]
        if len(archives) != 1:
            print(f"[ddbec] expected one sdist archive, found {archives}", file=sys.stderr)
            return 1
        with tarfile.open(os.path.join(tmp, archives[0])) as tar:
            count = 0
            for member in tar.getmembers():
                if not member.name.startswith(PREFIX) or not member.isfile():
                    continue
                rel = member.name[len(PREFIX):]
                if rel.startswith("/") or ".." in rel.split("/"):
                    continue
                dest = os.path.join(target, rel)
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                with tar.extractfile(member) as src, open(dest, "wb") as dst:
                    dst.write(src.read())
                count += 1
    open(marker, "w").close()
    print(f"[ddbec] unpacked {count} vector files from {PACKAGE} into {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
