#!/usr/bin/env python3
"""Self-test of ddbec_peer.py, talking to it exactly as the Java tests do (JSON Lines over pipes).

Run with the venv's interpreter (scripts/python-env.sh creates it):

    .venv/bin/python ddbec-interop-tests/src/test/python/test_peer_selftest.py [options]

Options:
    --vectors DIR   the official test vectors (default: $DDBEC_VECTORS_DIR, else
                    ddbec-interop-tests/target/pypi-sdist/vectors, which the build fetches)
    --no-kms        skip the Direct KMS round trip against a local moto_server
    -v              show the peer's INFO logs

Checks: ping; encrypt -> decrypt round trips through every non-KMS provider (and aws_kms against
moto_server on 127.0.0.1 unless --no-kms); tamper detection; request errors; the attribute
serialization vectors; decryption of the official static and wrapped encrypted-item vectors
(python/static-aes-hmac-1.json and the other offline static/wrapped scenarios) with the
expected plaintext rebuilt from plaintext.json; a throughput smoke test.

Prints one line per check and closes with "N passed, N failed"; exit status 1 on any failure.
Also collectable by pytest (test_selftest), but pytest is not required.
"""

import argparse
import base64
import decimal
import json
import os
import socket
import subprocess
import sys
import time
import traceback
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
PEER_SCRIPT = os.path.join(HERE, "ddbec_peer.py")
REPO_ROOT = os.path.abspath(os.path.join(HERE, "..", "..", "..", ".."))

AES_128 = bytes(range(16))
AES_256 = bytes(range(32))
HMAC_32 = bytes(range(100, 132))


def b64(data):
    return base64.b64encode(data).decode("ascii")


class PeerProcess(object):
    """Minimal protocol client: one request line out, one response line in."""

    def __init__(self, verbose=False):
        env = dict(os.environ)
        env["DDBEC_PEER_LOG_LEVEL"] = "INFO" if verbose else "ERROR"
        self.proc = subprocess.Popen(
            [sys.executable, PEER_SCRIPT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env
        )
        self.next_id = 0

    def call(self, request):
        self.next_id += 1
        request = dict(request, id=self.next_id)
        self.proc.stdin.write((json.dumps(request) + "\n").encode("utf-8"))
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("peer exited (status {}) without answering".format(self.proc.wait(timeout=10)))
        response = json.loads(line)
        if response.get("id") != self.next_id:
            raise RuntimeError("response id {} does not match request id {}".format(response.get("id"), self.next_id))
        return response

    def ok(self, request):
        response = self.call(request)
        if "error" in response:
            raise AssertionError("peer error for {}: {}".format(request.get("op"), response["error"]))
        return response

    def close(self):
        try:
            self.proc.stdin.write(b'{"op":"shutdown"}\n')
            self.proc.stdin.flush()
            self.proc.stdin.close()
            status = self.proc.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self.proc.kill()
            status = self.proc.wait()
        if status != 0:
            raise RuntimeError("peer exited with status {}".format(status))


# --------------------------------------------------------------------------------------------
# Comparison helpers
# --------------------------------------------------------------------------------------------


def canonical(value):
    """DynamoDB JSON in a form where equal attributes compare equal (numbers normalized, sets sorted)."""
    tag, inner = next(iter(value.items()))
    if tag == "N":
        return {"N": "{0:f}".format(decimal.Decimal(inner).normalize())}
    if tag == "NS":
        return {"NS": sorted(("{0:f}".format(decimal.Decimal(m).normalize()) for m in inner), key=decimal.Decimal)}
    if tag == "SS":
        return {"SS": sorted(inner)}
    if tag == "BS":
        return {"BS": sorted(inner, key=base64.b64decode)}
    if tag == "L":
        return {"L": [canonical(m) for m in inner]}
    if tag == "M":
        return {"M": {k: canonical(v) for k, v in inner.items()}}
    return {tag: inner}


def canonical_item(item, ignore=()):
    return {k: canonical(v) for k, v in item.items() if k not in ignore}


def assert_items_equal(expected, actual, ignore=()):
    e, a = canonical_item(expected, ignore), canonical_item(actual, ignore)
    if e != a:
        diff = sorted(k for k in set(e) | set(a) if e.get(k) != a.get(k))
        raise AssertionError(
            "items differ in {}: expected {} got {}".format(
                diff, {k: e.get(k) for k in diff}, {k: a.get(k) for k in diff}
            )
        )


# --------------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------------

SAMPLE_ITEM = {
    "pk": {"S": "partition-\u00e9\U0001f600"},
    "sk": {"N": "42"},
    "text": {"S": "Hello world!"},
    "number": {"N": "-12.5"},
    "blob": {"B": b64(b"\x00\x01\xfe\xff")},
    "flag": {"BOOL": True},
    "nothing_here": {"NULL": True},
    "strings": {"SS": ["b", "a", "\u00e9", "Z"]},
    "numbers": {"NS": ["10", "-3", "7.25", "0"]},
    "blobs": {"BS": [b64(b"\x80"), b64(b"\x01"), b64(b"\x7f\xff")]},
    "list": {"L": [{"S": "x"}, {"N": "1"}, {"B": b64(b"\xff")}, {"L": []}, {"M": {"k": {"BOOL": False}}}]},
    "map": {"M": {"z": {"SS": ["q"]}, "a": {"BS": [b64(b"\x00")]}, "m": {"M": {}}}},
    "signed_only": {"S": "visible"},
    "untouched": {"N": "7"},
}
SAMPLE_ACTIONS = {"default": "encrypt", "override": {"signed_only": "sign", "untouched": "nothing"}}


def crypt_request(op, provider, item, table="SelfTestTable", actions=None, pk="pk", sk="sk"):
    return {
        "op": op,
        "table": table,
        "partition_key": pk,
        "sort_key": sk,
        "provider": provider,
        "actions": actions or SAMPLE_ACTIONS,
        "item": item,
    }


def round_trip(peer, provider, wrong_table_errors=("SignatureVerificationError",)):
    stored = peer.ok(crypt_request("encrypt", provider, SAMPLE_ITEM))["item"]
    for reserved in ("*amzn-ddb-map-desc*", "*amzn-ddb-map-sig*"):
        assert "B" in stored.get(reserved, {}), "missing reserved attribute " + reserved
    for name in ("pk", "sk", "signed_only", "untouched"):
        assert stored[name] == SAMPLE_ITEM[name], "{} must be stored as given, got {}".format(name, stored[name])
    for name in set(SAMPLE_ITEM) - {"pk", "sk", "signed_only", "untouched"}:
        assert list(stored[name]) == ["B"] and stored[name] != SAMPLE_ITEM[name], name + " was not encrypted"
    decrypted = peer.ok(crypt_request("decrypt", provider, stored))["item"]
    assert_items_equal(SAMPLE_ITEM, decrypted)

    # Tampering with a signed-only value must fail verification.
    tampered = dict(stored, signed_only={"S": "changed"})
    error = peer.call(crypt_request("decrypt", provider, tampered)).get("error")
    assert error and error["type"] == "SignatureVerificationError", "tampering not detected: {}".format(error)
    # ... but a do-nothing attribute may change freely.
    loose = dict(stored, untouched={"N": "8"})
    assert peer.ok(crypt_request("decrypt", provider, loose))["item"]["untouched"] == {"N": "8"}
    # The table name is part of the signature.
    error = peer.call(crypt_request("decrypt", provider, stored, table="OtherTable")).get("error")
    assert error and error["type"] in wrong_table_errors, "table name not bound: {}".format(error)
    return stored


def rsa_key_pair():
    from cryptography.hazmat.primitives import serialization  # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives.asymmetric import rsa  # pylint: disable=import-outside-toplevel

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_der = private.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private_der, public_der


def description_of(stored):
    """Parse a stored *amzn-ddb-map-desc* (docs/format.md section 2) into a dict."""
    data = base64.b64decode(stored["*amzn-ddb-map-desc*"]["B"])
    assert data[:4] == b"\x00\x00\x00\x00", "unexpected description version"
    pos, result = 4, {}
    while pos < len(data):
        fields = []
        for _ in range(2):
            length = int.from_bytes(data[pos : pos + 4], "big")
            fields.append(data[pos + 4 : pos + 4 + length].decode("utf-8"))
            pos += 4 + length
        result[fields[0]] = fields[1]
    return result


def check_ping(peer, _ctx):
    response = peer.ok({"op": "ping"})
    assert response["ok"] is True and response["version"] == "3.3.0", response


def check_static_round_trip(peer, _ctx):
    stored = round_trip(peer, {"type": "static", "aes": b64(AES_128), "hmac": b64(HMAC_32)})
    description = description_of(stored)
    assert description == {
        "amzn-ddb-map-signingAlg": "HmacSHA256",
        "amzn-ddb-map-sym-mode": "/CBC/PKCS5Padding",
    }, description


def check_wrapped_round_trip(peer, _ctx):
    stored = round_trip(peer, {"type": "wrapped", "wrap_aes": b64(AES_256), "hmac": b64(HMAC_32)})
    description = description_of(stored)
    assert description["amzn-ddb-wrap-alg"] == "AESWrap", description
    assert description["amzn-ddb-env-alg"] == "AES/256", description
    assert len(base64.b64decode(description["amzn-ddb-env-key"])) == 40, description


def check_wrapped_rsa_round_trip(peer, ctx):
    private_der, public_der = ctx["rsa"]
    provider = {"type": "wrapped_rsa", "rsa_private_der": b64(private_der), "rsa_public_der": b64(public_der)}
    stored = round_trip(peer, provider)
    description = description_of(stored)
    assert description["amzn-ddb-wrap-alg"] == "RSA/ECB/OAEPWithSHA-256AndMGF1Padding", description
    assert description["amzn-ddb-map-signingAlg"] == "SHA256withRSA", description
    assert len(base64.b64decode(stored["*amzn-ddb-map-sig*"]["B"])) == 256
    # Another key pair can neither unwrap nor verify it (unwrapping comes first).
    other_private, other_public = ctx["rsa_other"]
    other = {"type": "wrapped_rsa", "rsa_private_der": b64(other_private), "rsa_public_der": b64(other_public)}
    error = peer.call(crypt_request("decrypt", other, stored)).get("error")
    assert error and error["type"] in ("DecryptionError", "UnwrappingError", "SignatureVerificationError"), error


def check_material_description_passthrough(peer, ctx):
    private_der, public_der = ctx["rsa"]
    provider = {
        "type": "wrapped_rsa",
        "rsa_private_der": b64(private_der),
        "rsa_public_der": b64(public_der),
        "material_description": {"amzn-ddb-wrap-alg": "RSA/ECB/PKCS1Padding", "custom": "value"},
    }
    stored = round_trip(peer, provider)
    description = description_of(stored)
    assert description["amzn-ddb-wrap-alg"] == "RSA/ECB/PKCS1Padding", description
    assert description["custom"] == "value", description


def check_key_only_item(peer, _ctx):
    provider = {"type": "static", "aes": b64(AES_128), "hmac": b64(HMAC_32)}
    item = {"hk": {"S": "Foo"}}
    stored = peer.ok(crypt_request("encrypt", provider, item, pk="hk", sk=None))["item"]
    assert stored["hk"] == item["hk"]
    decrypted = peer.ok(crypt_request("decrypt", provider, stored, pk="hk", sk=None))["item"]
    assert decrypted == item, decrypted


def check_request_errors(peer, _ctx):
    static = {"type": "static", "aes": b64(AES_128), "hmac": b64(HMAC_32)}
    cases = [
        ({"op": "nope"}, "PeerRequestError", "unknown op"),
        (crypt_request("encrypt", {"type": "mystery"}, SAMPLE_ITEM), "PeerRequestError", "unknown type"),
        (crypt_request("encrypt", {"type": "static", "aes": b64(AES_128)}, SAMPLE_ITEM), "PeerRequestError", '"hmac"'),
        (crypt_request("encrypt", static, {"a": {"B": "not base64!"}}), "PeerRequestError", "invalid Base64"),
        (crypt_request("encrypt", static, {"a": {"S": "x", "N": "1"}}), "PeerRequestError", "exactly one type key"),
        (
            crypt_request("encrypt", static, SAMPLE_ITEM, actions={"default": "shred"}),
            "PeerRequestError",
            "unknown action",
        ),
        (
            crypt_request(
                "encrypt", static, SAMPLE_ITEM, actions={"default": "encrypt", "override": {"pk": "encrypt"}}
            ),
            "InvalidArgumentError",
            "pk",
        ),
        (crypt_request("decrypt", static, {"pk": {"S": "x"}}), "DecryptionError", "No signature"),
    ]
    for request, error_type, fragment in cases:
        error = peer.call(request).get("error")
        assert (
            error and error["type"] == error_type and fragment in error["message"]
        ), "request {} gave {}, wanted {} containing {!r}".format(
            json.dumps(request)[:120], error, error_type, fragment
        )
    # The peer keeps answering after errors; a non-object line is answered with id null.
    peer.proc.stdin.write(b"[1,2]\n")
    peer.proc.stdin.flush()
    response = json.loads(peer.proc.stdout.readline())
    assert response["id"] is None and response["error"]["type"] == "PeerRequestError", response
    assert peer.ok({"op": "ping"})["ok"] is True


def check_serialize_vectors(peer, ctx):
    vectors = load_json(ctx, "serialize_attribute.json")
    for case in vectors:
        got = peer.ok({"op": "serialize", "attribute": case["attribute"]})["serialized"]
        assert got == case["serialized"], "serialize {} -> {} wanted {}".format(
            case["attribute"], got, case["serialized"]
        )
    for case in load_json(ctx, "deserialize_attribute.json"):
        got = peer.ok({"op": "deserialize", "serialized": case["serialized"]})["attribute"]
        assert canonical(got) == canonical(case["attribute"]), "deserialize {} -> {}".format(case["serialized"], got)
    # Set ordering: members sort by their serialized bytes, so 0x80 sorts after 0x7f.
    a = peer.ok({"op": "serialize", "attribute": {"BS": [b64(b"\x80"), b64(b"\x7f")]}})["serialized"]
    b = peer.ok({"op": "serialize", "attribute": {"BS": [b64(b"\x7f"), b64(b"\x80")]}})["serialized"]
    assert a == b and base64.b64decode(a).endswith(b"\x00\x00\x00\x01\x7f\x00\x00\x00\x01\x80"), a
    ctx["counts"]["serialize vectors"] = len(vectors)


def scenario_provider(scenario, keys):
    """Peer provider spec for a static/wrapped scenario of scenarios.json."""
    names = scenario["keys"]
    decrypt, verify = keys[names["decrypt"]], keys[names["verify"]]
    encrypt = keys[names.get("encrypt", names["decrypt"])]
    if scenario["provider"] == "static":
        assert decrypt["algorithm"] == "AES" and verify["algorithm"] == "HmacSHA256"
        return {"type": "static", "aes": decrypt["material"], "hmac": verify["material"]}
    if decrypt["algorithm"] == "AES":
        return {"type": "wrapped", "wrap_aes": decrypt["material"], "hmac": verify["material"]}
    assert decrypt["type"] == "private" and encrypt["type"] == "public", names
    return {"type": "wrapped_rsa", "rsa_private_der": decrypt["material"], "rsa_public_der": encrypt["material"]}


def expected_plaintexts(plaintext, version):
    """Per table: (index, [(item, actions)]) as acceptance_test_utils._build_plaintext_items builds them."""
    tables = {}
    for table, data in plaintext["items"].items():
        entries = []
        for entry in data["items"]:
            item = dict(entry["attributes"])
            if not entry.get("exact", False):
                for group in plaintext["versions"].get(table, {}).get(version, []):
                    item.update(plaintext["attributes"][group])
            entries.append((item, plaintext["actions"][entry["action"]]))
        tables[table] = (data["index"], entries)
    return tables


def decrypt_vector_file(peer, ctx, scenario):
    keys = load_json(ctx, "encrypted_item/keys.json")
    plaintext = load_json(ctx, "encrypted_item/plaintext.json")
    ciphertext_file = "encrypted_item/" + scenario["ciphertext"][len("file://") :]
    tables = expected_plaintexts(plaintext, scenario["version"])
    provider = scenario_provider(scenario, keys)
    decrypted_count = 0
    for table, stored_items in load_json(ctx, ciphertext_file).items():
        index, entries = tables[table]
        key_names = list(index.values())
        for stored in stored_items:
            matches = [e for e in entries if all(e[0].get(k) == stored.get(k) for k in key_names)]
            if not matches:
                continue  # the Java-only leftovers (README 5.4)
            expected, actions = matches[0]
            request = crypt_request(
                "decrypt", provider, stored, table=table, actions=actions, pk=index["partition"], sk=index.get("sort")
            )
            decrypted = peer.ok(request)["item"]
            assert_items_equal(expected, decrypted, ignore=("version",))
            decrypted_count += 1
    assert decrypted_count > 0, "no item of {} matched a plaintext item".format(ciphertext_file)
    return decrypted_count


def check_static_aes_hmac_1_vector(peer, ctx):
    scenarios = load_json(ctx, "encrypted_item/scenarios.json")["scenarios"]
    wanted = "file://ciphertext/python/static-aes-hmac-1.json"
    scenario = next(s for s in scenarios if s["ciphertext"] == wanted)
    count = decrypt_vector_file(peer, ctx, scenario)
    assert count == 16, "expected 16 items (13 TableName + 3 HashKeyOnly), decrypted {}".format(count)
    # One item in detail: the "encrypt" full item (5, 7) comes back exactly.
    stored = load_json(ctx, "encrypted_item/ciphertext/python/static-aes-hmac-1.json")["TableName"]
    item = next(i for i in stored if i["hashKey"] == {"N": "5"} and i["rangeKey"] == {"N": "7"})
    assert item["stringValue"].keys() == {"B"}, "vector item (5,7) should have stringValue encrypted"
    keys = load_json(ctx, "encrypted_item/keys.json")
    provider = {"type": "static", "aes": keys["aesKey"]["material"], "hmac": keys["hmacKey"]["material"]}
    decrypted = peer.ok(
        crypt_request(
            "decrypt",
            provider,
            item,
            table="TableName",
            actions=load_json(ctx, "encrypted_item/plaintext.json")["actions"]["encrypt"],
            pk="hashKey",
            sk="rangeKey",
        )
    )["item"]
    assert decrypted["stringValue"] == {"S": "Hello world!"}, decrypted["stringValue"]
    assert decrypted["byteArrayValue"] == {"B": "AAECAwQF"}, decrypted["byteArrayValue"]
    ctx["counts"]["static-aes-hmac-1 items"] = count


def check_other_offline_vectors(peer, ctx):
    scenarios = load_json(ctx, "encrypted_item/scenarios.json")["scenarios"]
    done = []
    for scenario in scenarios:
        if scenario["network"] or scenario["provider"] not in ("static", "wrapped"):
            continue
        if scenario["ciphertext"].endswith("python/static-aes-hmac-1.json"):
            continue
        try:
            count = decrypt_vector_file(peer, ctx, scenario)
        except AssertionError as error:
            raise AssertionError("{}: {}".format(scenario["ciphertext"], error))
        done.append("{} ({})".format(scenario["ciphertext"][len("file://ciphertext/") :], count))
    assert len(done) == 13, done
    ctx["counts"]["other vector files"] = len(done)


def check_throughput(peer, _ctx):
    provider = {"type": "static", "aes": b64(AES_128), "hmac": b64(HMAC_32)}
    item = {"pk": {"S": "p"}, "sk": {"N": "1"}, "a": {"S": "x" * 100}, "b": {"NS": ["1", "2", "3"]}}
    count = 500
    start = time.monotonic()
    for _ in range(count):
        stored = peer.ok(crypt_request("encrypt", provider, item))["item"]
        peer.ok(crypt_request("decrypt", provider, stored))
    elapsed = time.monotonic() - start
    assert elapsed < 60, "{} round trips took {:.1f}s".format(count, elapsed)
    print("  {} encrypt+decrypt round trips in {:.2f}s".format(count, elapsed))


# --------------------------------------------------------------------------------------------
# KMS through moto_server
# --------------------------------------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MotoServer(object):
    def __init__(self):
        self.port = free_port()
        self.url = "http://127.0.0.1:{}".format(self.port)
        moto_server = os.path.join(os.path.dirname(sys.executable), "moto_server")
        if not os.path.exists(moto_server):
            raise AssertionError("moto_server not found next to {}; run scripts/python-env.sh".format(sys.executable))
        self.proc = subprocess.Popen(
            [moto_server, "-H", "127.0.0.1", "-p", str(self.port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "/moto-api/", timeout=2).close()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.close()
                    raise AssertionError("moto_server did not start on {}".format(self.url))
                time.sleep(0.2)

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def check_aws_kms_round_trip(peer, _ctx):
    import boto3  # pylint: disable=import-outside-toplevel

    server = MotoServer()
    try:
        kms = boto3.client(
            "kms",
            region_name="us-west-2",
            endpoint_url=server.url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        key_arn = kms.create_key(Description="ddbec peer self-test")["KeyMetadata"]["Arn"]
        provider = {"type": "aws_kms", "key_id": key_arn, "endpoint_url": server.url, "region": "us-west-2"}
        # The table name is in the KMS encryption context too, so KMS refuses first.
        stored = round_trip(peer, provider, wrong_table_errors=("UnwrappingError",))
        description = description_of(stored)
        assert description["amzn-ddb-wrap-alg"] == "kms", description
        assert description["amzn-ddb-sig-alg"] == "HmacSHA256/256", description
        # The partition key value is bound into the KMS encryption context.
        moved = dict(stored, pk={"S": "another partition"})
        error = peer.call(crypt_request("decrypt", provider, moved)).get("error")
        assert error and error["type"] == "UnwrappingError", error
    finally:
        server.close()


# --------------------------------------------------------------------------------------------
# Runner
# --------------------------------------------------------------------------------------------


def find_vectors(explicit):
    candidates = [
        explicit,
        os.environ.get("DDBEC_VECTORS_DIR"),
        os.path.join(REPO_ROOT, "ddbec-interop-tests", "target", "pypi-sdist", "vectors"),
    ]
    for candidate in candidates:
        if candidate and os.path.isfile(os.path.join(candidate, "encrypted_item", "scenarios.json")):
            return os.path.abspath(candidate)
    raise SystemExit(
        "test vectors not found (tried {}); pass --vectors DIR or set DDBEC_VECTORS_DIR".format(
            [c for c in candidates if c]
        )
    )


def load_json(ctx, relative):
    cache = ctx.setdefault("json", {})
    if relative not in cache:
        with open(os.path.join(ctx["vectors"], relative), encoding="utf-8") as f:
            cache[relative] = json.load(f)
    return json.loads(json.dumps(cache[relative]))  # a fresh copy per use


def run(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--vectors")
    parser.add_argument("--no-kms", action="store_true")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)

    ctx = {"vectors": find_vectors(args.vectors), "counts": {}, "rsa": rsa_key_pair(), "rsa_other": rsa_key_pair()}
    print("vectors: {}".format(ctx["vectors"]))
    checks = [
        check_ping,
        check_static_round_trip,
        check_wrapped_round_trip,
        check_wrapped_rsa_round_trip,
        check_material_description_passthrough,
        check_key_only_item,
        check_request_errors,
        check_serialize_vectors,
        check_static_aes_hmac_1_vector,
        check_other_offline_vectors,
        check_throughput,
    ]
    if not args.no_kms:
        checks.append(check_aws_kms_round_trip)

    passed = failed = 0
    peer = PeerProcess(verbose=args.verbose)
    try:
        for check in checks:
            name = check.__name__[len("check_") :]
            try:
                check(peer, ctx)
            except Exception:  # pylint: disable=broad-except
                failed += 1
                print("FAIL {}".format(name))
                traceback.print_exc(file=sys.stdout)
                if peer.proc.poll() is not None:
                    print("peer died (status {}); restarting it".format(peer.proc.returncode))
                    peer = PeerProcess(verbose=args.verbose)
            else:
                passed += 1
                print("ok   {}".format(name))
    finally:
        peer.close()
    for what, count in ctx["counts"].items():
        print("  {}: {}".format(what, count))
    print("{} passed, {} failed".format(passed, failed))
    return 1 if failed else 0


def test_selftest():
    """Entry point for pytest users."""
    assert run(["--no-kms"] if os.environ.get("DDBEC_SELFTEST_NO_KMS") else []) == 0


if __name__ == "__main__":
    sys.exit(run())
