"""moto_server for ddbec's tests and demo (DynamoDB, DynamoDB Streams and KMS on one port).

Started by dev.ddbec.testing.MotoServer. Runs exactly what the venv's ``moto_server`` entry point
runs (``moto.server.main``, same command line) after patching the two functions moto's KMS backend
uses for Encrypt, GenerateDataKey, Decrypt and ReEncrypt (``moto.kms.models.encrypt`` /
``decrypt``), and how its DynamoDB backend keeps numbers and applies writes:

1. Key state. moto lets a disabled key, or one pending deletion, still encrypt and decrypt. AWS KMS
   refuses with ``DisabledException`` / ``KMSInvalidStateException`` (HTTP 400); so does this
   server.
2. Multi-Region keys. moto writes the key id into a fixed 36-byte field of its ciphertext blob, so
   the 40-character id of an ``mrk-`` key comes back truncated and every Decrypt of such a blob
   fails with AccessDeniedException, in any region. This server resolves a truncated id to the
   one key of this region whose id starts with it. (Replicas share the primary's id and key
   material in moto, so a blob made in one region decrypts in another, as with AWS KMS.)
3. Numbers. DynamoDB stores a number in canonical form (``10.50`` comes back as ``10.5``,
   ``007`` as ``7``, ``1E+2`` as ``100``); moto keeps the text as sent. Items whose signature or
   KMS context bound a number as written are unreadable after a real DynamoDB, and the tests must
   see that, so this server keeps ``N`` and ``NS`` values the way DynamoDB returns them.

4. Atomic writes. DynamoDB applies each write, its condition included, atomically: of two
   conditional puts of the same new key, exactly one succeeds. moto's server handles requests on
   several threads and checks a condition and writes without a lock, so two racing puts could
   both succeed and the second silently replace the first (a MetaStore version written twice with
   different keys, leaving the items encrypted under the first unverifiable). This server runs
   PutItem, UpdateItem, DeleteItem and TransactWriteItems under one lock, as DynamoDB would.

Nothing else changes: wire protocol, errors and all other operations are moto's own.

The server also exits when its standard input reaches end of file: MotoServer keeps a pipe to it
open, so the server never outlives the JVM that started it, even one killed without its shutdown
hooks running.

Usage: python ddbec_moto_server.py -H 127.0.0.1 -p PORT
"""

import decimal
import functools
import os
import sys
import threading

from moto.core.exceptions import JsonRESTError
from moto.dynamodb import models as dynamodb_models
from moto.dynamodb.models import dynamo_type
from moto.kms import models
from moto.kms import utils
from moto.server import main

_encrypt = models.encrypt
_decrypt = models.decrypt


def _check_state(key):
    state = getattr(key, "key_state", "Enabled")
    if state == "Disabled":
        raise JsonRESTError("DisabledException", "{} is disabled.".format(key.arn))
    if state != "Enabled":
        raise JsonRESTError("KMSInvalidStateException", "{} is {}.".format(key.arn, state.lower()))


def _full_key_id(master_keys, key_id):
    if key_id in master_keys:
        return key_id
    matches = [k for k in master_keys if len(k) > utils.KEY_ID_LEN and k[: utils.KEY_ID_LEN] == key_id]
    return matches[0] if len(matches) == 1 else key_id


class _TruncatedIdKeys(dict):
    """The region's keys, also found by an id truncated to moto's 36-byte ciphertext field."""

    def __missing__(self, key_id):
        full = _full_key_id(self, key_id)
        if full == key_id:
            raise KeyError(key_id)
        return self[full]


def _checked_encrypt(master_keys, key_id, plaintext, encryption_context):
    if key_id in master_keys:
        _check_state(master_keys[key_id])
    return _encrypt(
        master_keys=master_keys, key_id=key_id, plaintext=plaintext, encryption_context=encryption_context
    )


def _checked_decrypt(master_keys, ciphertext_blob, encryption_context):
    plaintext, key_id = _decrypt(
        master_keys=_TruncatedIdKeys(master_keys),
        ciphertext_blob=ciphertext_blob,
        encryption_context=encryption_context,
    )
    key_id = _full_key_id(master_keys, key_id)
    _check_state(master_keys[key_id])
    return plaintext, key_id


models.encrypt = _checked_encrypt
models.decrypt = _checked_decrypt

# DynamoDB keeps up to 38 significant digits; a wider context never rounds what it accepts.
_NUMBERS = decimal.Context(prec=64)


def _canonical_number(text):
    try:
        d = decimal.Decimal(text).normalize(_NUMBERS)
    except (decimal.DecimalException, TypeError, ValueError):
        return text  # moto's own validation answers for what is not a number
    if not d.is_finite():
        return text
    return "0" if d.is_zero() else format(d, "f")


_dynamo_type_init = dynamo_type.DynamoType.__init__


def _canonical_dynamo_type_init(self, type_as_dict):
    _dynamo_type_init(self, type_as_dict)
    if self.type == "N" and isinstance(self.value, str):
        self.value = _canonical_number(self.value)
    elif self.type == "NS" and isinstance(self.value, list):
        self.value = [_canonical_number(v) if isinstance(v, str) else v for v in self.value]


dynamo_type.DynamoType.__init__ = _canonical_dynamo_type_init


_WRITE_LOCK = threading.RLock()


def _atomic(method):
    @functools.wraps(method)
    def locked(*args, **kwargs):
        with _WRITE_LOCK:
            return method(*args, **kwargs)

    return locked


for _write in ("put_item", "update_item", "delete_item", "transact_write_items"):
    setattr(
        dynamodb_models.DynamoDBBackend,
        _write,
        _atomic(getattr(dynamodb_models.DynamoDBBackend, _write)),
    )


def _exit_when_stdin_closes():
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        os._exit(0)


if __name__ == "__main__":
    if not sys.stdin.isatty():
        threading.Thread(target=_exit_when_stdin_closes, name="stdin-watch", daemon=True).start()
    sys.exit(main())
