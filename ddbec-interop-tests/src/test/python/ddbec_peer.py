#!/usr/bin/env python3
"""Interop peer: drives the official Python DynamoDB Encryption Client for the Java tests.

A long-lived process speaking JSON Lines: one JSON request object per line on stdin, one JSON
response object per line on stdout (flushed after every line). Nothing else is ever written to
stdout: file descriptor 1 is redirected to stderr at start-up, so stray prints from libraries
cannot corrupt the protocol. Logs go to stderr (level from DDBEC_PEER_LOG_LEVEL, default WARNING).

Wire conventions: DynamoDB JSON in boto3's low-level form, with B values and BS members as
standard Base64 (with padding) at any nesting depth; N/NS values are strings; sets are lists.

Requests (every request may carry an "id", echoed verbatim in the response):

  {"id":1,"op":"ping"}
      -> {"id":1,"ok":true,"version":"3.3.0","protocol":1,"python":"3.11.7"}
  {"id":2,"op":"encrypt"|"decrypt","table":"T","partition_key":"pk","sort_key":"sk"|null,
   "provider":{...},"actions":{"default":"encrypt","override":{"attr":"sign"}},"item":{...}}
      -> {"id":2,"item":{...}}
  {"id":3,"op":"serialize","attribute":{"SS":["b","a"]}}
      -> {"id":3,"serialized":"<b64>"}
  {"id":4,"op":"deserialize","serialized":"<b64>"}
      -> {"id":4,"attribute":{...}}
  {"id":5,"op":"metastore","action":"create_table"|"new_version"|"max_version",
   "endpoint_url":"http://127.0.0.1:PORT","region":"us-west-2","table":"Meta",
   "material_name":"m","meta":{provider spec}}
      -> {"id":5,"ok":true} (create_table) or {"id":5,"version":N} (N null: no version yet).
      The library's MetaStore on a boto3 Table (dummy credentials for the endpoint): create_table
      (provisioned 5/5, waits until the table exists), new_version (new_provider: max version + 1;
      version 0 when there is none, via get_or_create_provider), max_version.
  {"id":6,"op":"refresh","provider":{...}}
      -> {"id":6,"ok":true}; calls refresh() on the cached provider(s) of that spec.
  {"id":7,"op":"shutdown"}
      -> {"id":5,"ok":true}, then the process exits with status 0 (so it does at end of input)

Helper-client requests: the official EncryptedTable ("helper":"table", the default) or
EncryptedClient ("helper":"client") talking to a DynamoDB endpoint (the local moto server) with dummy
credentials. Key attributes come from DescribeTable, as the helpers do by default; the actions
are given without key adjustments (the helpers make them).

  {"id":6,"op":"helper_put","helper":"table","endpoint_url":"http://127.0.0.1:PORT",
   "region":"us-west-2","table":"T","provider":{...},"actions":{...},"item":{...}}
      -> {"id":6,"ok":true}
  {"id":7,"op":"helper_get", ...same..., "key":{...}}
      -> {"id":7,"item":{...}} (null if there is no such item)
  {"id":8,"op":"helper_scan", ...same, no item/key...}
      -> {"id":8,"items":[{...},...]} (every page, decrypted)

Extension points of the library (keys as PEM, delegated keys):

  {"id":9,"op":"rsa_pem_key_pair","format":"pkcs8"|"pkcs1","bits":2048}
      -> {"id":9,"private_pem":"-----BEGIN ...","public_pem":"-----BEGIN ..."} (a new RSA key
      pair written by `cryptography`; pkcs1 is OpenSSL's traditional RSA PRIVATE/PUBLIC KEY form)
  {"id":10,"op":"delegated_calls","provider":{"type":"delegated",...}}
      -> {"id":10,"calls":{"encrypt":N,"decrypt":N,"wrap":N,"unwrap":N,"sign":N,"verify":N}}
      (operations run so far by that provider's delegated keys; absent ones did not run)

Any failure -> {"id":N,"error":{"type":"ExceptionClassName","message":"..."}}; the process keeps
running. Malformed requests report type "PeerRequestError"; library failures report the
library's exception class (e.g. "SignatureVerificationError", "DecryptionError").

Provider specs (cached per distinct spec):
  {"type":"static","aes":"<b64>","hmac":"<b64>"}
  {"type":"wrapped","wrap_aes":"<b64>","hmac":"<b64>"}
  {"type":"wrapped_rsa","rsa_private_der":"<b64 PKCS#8>","rsa_public_der":"<b64 X.509>"}
  {"type":"aws_kms","key_id":"...","endpoint_url":"http://127.0.0.1:PORT","region":"us-west-2"}
  {"type":"most_recent","endpoint_url":"http://127.0.0.1:PORT","region":"us-west-2",
   "table":"Meta","material_name":"m","version_ttl":300.0,"meta":{provider spec}}
      (the library's CachingMostRecentProvider over its MetaStore on that DynamoDB table; the meta
      provider must be one object for both directions: static, wrapped or aws_kms)
  {"type":"static_rsa_pem","aes":"<b64>","signing_private_pem":"...","signing_public_pem":"..."}
  {"type":"wrapped_rsa_pem","wrapping_public_pem":"...","unwrapping_private_pem":"...",
   "signing_private_pem":"...","signing_public_pem":"..."}
      (RSA keys as PEM text, loaded with KeyEncodingType.PEM; SHA256withRSA signatures)
  {"type":"aws_kms_tenant", ...aws_kms fields..., "keys_by_initial":{"a":"<key id>"},
   "tenant_entry":"tenant"|null}
      (a subclass overriding _select_key_id: the key for the partition key's first character,
      else key_id; and _kms_encryption_context: adds tenant_entry = the partition key value)
  {"type":"delegated","aes":"<b64>"|"wrap_aes":"<b64>","hmac":"<b64>"}
      (the static or wrapped provider over DelegatedKey subclasses that count their calls)
Each may also carry "material_description": {string: string}, handed to the provider/materials
(except most_recent).

Actions: "encrypt" (ENCRYPT_AND_SIGN), "sign" (SIGN_ONLY), "nothing" (DO_NOTHING); the enum
names are accepted too. Key attributes are then adjusted with AttributeActions.set_index_keys,
as the library's helper clients do.
"""

import base64
import binascii
import collections
import decimal
import json
import logging
import os
import platform
import sys

import dynamodb_encryption_sdk
from boto3.dynamodb.types import Binary, TypeDeserializer, TypeSerializer
from dynamodb_encryption_sdk.delegated_keys import DelegatedKey
from dynamodb_encryption_sdk.delegated_keys.jce import JceNameLocalDelegatedKey
from dynamodb_encryption_sdk.encrypted import CryptoConfig
from dynamodb_encryption_sdk.encrypted.item import decrypt_dynamodb_item, encrypt_dynamodb_item
from dynamodb_encryption_sdk.exceptions import DynamodbEncryptionSdkError
from dynamodb_encryption_sdk.identifiers import CryptoAction, EncryptionKeyType, KeyEncodingType
from dynamodb_encryption_sdk.internal.formatting.deserialize.attribute import deserialize_attribute
from dynamodb_encryption_sdk.internal.formatting.serialize.attribute import serialize_attribute
from dynamodb_encryption_sdk.material_providers.static import StaticCryptographicMaterialsProvider
from dynamodb_encryption_sdk.material_providers.wrapped import WrappedCryptographicMaterialsProvider
from dynamodb_encryption_sdk.materials.raw import RawDecryptionMaterials, RawEncryptionMaterials
from dynamodb_encryption_sdk.structures import AttributeActions, EncryptionContext

PROTOCOL_VERSION = 1
LIBRARY_VERSION = dynamodb_encryption_sdk.__version__
PROVIDER_CACHE_SIZE = 256

_LOG = logging.getLogger("ddbec_peer")


class PeerRequestError(Exception):
    """A request the peer cannot understand (bad JSON, missing field, bad Base64, ...)."""


# --------------------------------------------------------------------------------------------
# DynamoDB JSON <-> the library's item representation
# --------------------------------------------------------------------------------------------

_PLAIN_TYPES = {"S": str, "N": str, "BOOL": bool, "NULL": bool}
_PLAIN_SET_TYPES = ("SS", "NS")


def _b64decode(text, where):
    if not isinstance(text, str):
        raise PeerRequestError("{}: expected a Base64 string, got {}".format(where, type(text).__name__))
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise PeerRequestError("{}: invalid Base64 ({})".format(where, error))


def _b64encode(data):
    return base64.b64encode(data).decode("ascii")


def _type_and_value(value, where):
    if not isinstance(value, dict) or len(value) != 1:
        raise PeerRequestError(
            "{}: expected a DynamoDB JSON value (an object with exactly one type key), got {}".format(
                where, json.dumps(value)[:200]
            )
        )
    return next(iter(value.items()))


def _list_of(value, where):
    if not isinstance(value, list):
        raise PeerRequestError("{}: expected a JSON array, got {}".format(where, type(value).__name__))
    return value


def wire_to_attribute(value, where="attribute"):
    """DynamoDB JSON (binary as Base64) -> the low-level form the library takes (binary as bytes)."""
    tag, inner = _type_and_value(value, where)
    where = "{}.{}".format(where, tag)
    if tag == "B":
        return {"B": _b64decode(inner, where)}
    if tag == "BS":
        members = _list_of(inner, where)
        return {"BS": [_b64decode(m, "{}[{}]".format(where, i)) for i, m in enumerate(members)]}
    if tag == "L":
        members = _list_of(inner, where)
        return {"L": [wire_to_attribute(m, "{}[{}]".format(where, i)) for i, m in enumerate(members)]}
    if tag == "M":
        if not isinstance(inner, dict):
            raise PeerRequestError("{}: expected a JSON object".format(where))
        return {"M": {k: wire_to_attribute(v, "{}[{!r}]".format(where, k)) for k, v in inner.items()}}
    if tag in _PLAIN_TYPES:
        if not isinstance(inner, _PLAIN_TYPES[tag]):
            raise PeerRequestError(
                "{}: expected {}, got {}".format(where, _PLAIN_TYPES[tag].__name__, type(inner).__name__)
            )
        return {tag: inner}
    if tag in _PLAIN_SET_TYPES:
        members = _list_of(inner, where)
        for i, member in enumerate(members):
            if not isinstance(member, str):
                raise PeerRequestError("{}[{}]: expected a string".format(where, i))
        return {tag: list(members)}
    raise PeerRequestError("{}: unknown DynamoDB type".format(where))


def wire_to_item(item, where="item"):
    if not isinstance(item, dict):
        raise PeerRequestError("{}: expected a JSON object of attributes".format(where))
    return {name: wire_to_attribute(value, "{}[{!r}]".format(where, name)) for name, value in item.items()}


def _raw_bytes(value):
    if isinstance(value, Binary):
        value = value.value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError("binary value of unexpected type {}".format(type(value).__name__))


def _number_text(value):
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("boolean where a number was expected")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, decimal.Decimal):
        return "{0:f}".format(value)
    raise TypeError("number value of unexpected type {}".format(type(value).__name__))


def _members(value, transform, sort_key=None):
    """Set members as a list; Python sets (unordered) are sorted to keep the output stable."""
    if isinstance(value, (set, frozenset)):
        return sorted((transform(m) for m in value), key=sort_key)
    return [transform(m) for m in value]


def attribute_to_wire(value):
    """The library's attribute representation -> DynamoDB JSON with Base64 binary."""
    if not isinstance(value, dict) or len(value) != 1:
        raise TypeError("library returned a non-DynamoDB value: {!r}".format(type(value)))
    tag, inner = next(iter(value.items()))
    if tag == "B":
        return {"B": _b64encode(_raw_bytes(inner))}
    if tag == "BS":
        raw = _members(inner, _raw_bytes, sort_key=None)
        return {"BS": [_b64encode(m) for m in raw]}
    if tag == "N":
        return {"N": _number_text(inner)}
    if tag == "NS":
        return {"NS": _members(inner, _number_text, sort_key=decimal.Decimal)}
    if tag == "SS":
        return {"SS": _members(inner, str, sort_key=lambda s: s.encode("utf-8", "surrogatepass"))}
    if tag == "L":
        return {"L": [attribute_to_wire(m) for m in inner]}
    if tag == "M":
        return {"M": {k: attribute_to_wire(v) for k, v in inner.items()}}
    if tag in ("S", "BOOL", "NULL"):
        return {tag: inner}
    raise TypeError("library returned an unknown DynamoDB type {!r}".format(tag))


def item_to_wire(item):
    return {name: attribute_to_wire(value) for name, value in item.items()}


# --------------------------------------------------------------------------------------------
# Materials providers
# --------------------------------------------------------------------------------------------


class ProviderPair(object):
    """Providers used for the encrypt and the decrypt direction (usually the same object)."""

    def __init__(self, encrypt, decrypt=None):
        self.encrypt = encrypt
        self.decrypt = decrypt if decrypt is not None else encrypt


def _require(spec, field, where):
    try:
        return spec[field]
    except KeyError:
        raise PeerRequestError('{}: missing field "{}"'.format(where, field))


def _key_field(spec, field, where):
    return _b64decode(_require(spec, field, where), "{}.{}".format(where, field))


def _material_description(spec, where):
    description = spec.get("material_description")
    if description is None:
        return None
    if not isinstance(description, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in description.items()
    ):
        raise PeerRequestError("{}.material_description: expected an object of strings".format(where))
    return dict(description)


def _jce_key(material, algorithm, key_type, encoding=KeyEncodingType.RAW):
    return JceNameLocalDelegatedKey(key=material, algorithm=algorithm, key_type=key_type, key_encoding=encoding)


def _static_provider(spec, where):
    aes = _jce_key(_key_field(spec, "aes", where), "AES", EncryptionKeyType.SYMMETRIC)
    hmac = _jce_key(_key_field(spec, "hmac", where), "HmacSHA256", EncryptionKeyType.SYMMETRIC)
    description = _material_description(spec, where)
    return ProviderPair(
        StaticCryptographicMaterialsProvider(
            encryption_materials=RawEncryptionMaterials(
                signing_key=hmac, encryption_key=aes, material_description=description
            ),
            decryption_materials=RawDecryptionMaterials(
                verification_key=hmac, decryption_key=aes, material_description=description
            ),
        )
    )


def _wrapped_provider(spec, where):
    wrap = _jce_key(_key_field(spec, "wrap_aes", where), "AES", EncryptionKeyType.SYMMETRIC)
    hmac = _jce_key(_key_field(spec, "hmac", where), "HmacSHA256", EncryptionKeyType.SYMMETRIC)
    return ProviderPair(
        WrappedCryptographicMaterialsProvider(
            signing_key=hmac,
            wrapping_key=wrap,
            unwrapping_key=wrap,
            material_description=_material_description(spec, where),
        )
    )


def _wrapped_rsa_provider(spec, where):
    private_der = _key_field(spec, "rsa_private_der", where)
    public_der = _key_field(spec, "rsa_public_der", where)
    der = KeyEncodingType.DER
    # "RSA" makes the library wrap with RSA/ECB/OAEPWithSHA-256AndMGF1Padding (unless the
    # description names another wrap-alg) and unwrap per the item's amzn-ddb-wrap-alg.
    wrapping = _jce_key(public_der, "RSA", EncryptionKeyType.PUBLIC, der)
    unwrapping = _jce_key(private_der, "RSA", EncryptionKeyType.PRIVATE, der)
    signing = _jce_key(private_der, "SHA256withRSA", EncryptionKeyType.PRIVATE, der)
    verification = _jce_key(public_der, "SHA256withRSA", EncryptionKeyType.PUBLIC, der)
    description = _material_description(spec, where)
    # The wrapped provider uses one key to sign and to verify: sign with the private key when
    # encrypting, verify with the public key when decrypting.
    return ProviderPair(
        WrappedCryptographicMaterialsProvider(
            signing_key=signing, wrapping_key=wrapping, unwrapping_key=unwrapping, material_description=description
        ),
        WrappedCryptographicMaterialsProvider(
            signing_key=verification, wrapping_key=wrapping, unwrapping_key=unwrapping, material_description=description
        ),
    )


def _aws_kms_provider(spec, where, provider_class=None):
    """The library's AwsKmsCryptographicMaterialsProvider, or provider_class (a subclass of it)."""
    import boto3  # pylint: disable=import-outside-toplevel
    import botocore.config  # pylint: disable=import-outside-toplevel
    import botocore.session  # pylint: disable=import-outside-toplevel
    from dynamodb_encryption_sdk.material_providers.aws_kms import (  # pylint: disable=import-outside-toplevel
        AwsKmsCryptographicMaterialsProvider,
    )

    key_id = _require(spec, "key_id", where)
    if not isinstance(key_id, str) or not key_id:
        raise PeerRequestError("{}.key_id: expected a non-empty string".format(where))
    arn_region = key_id.split(":")[3] if key_id.startswith("arn:") and key_id.count(":") >= 5 else None
    region = spec.get("region") or arn_region or "us-west-2"
    endpoint_url = spec.get("endpoint_url")

    client_args = {
        "region_name": region,
        "config": botocore.config.Config(retries={"max_attempts": 2}, connect_timeout=10, read_timeout=30),
    }
    if endpoint_url:
        # A local stand-in (moto): dummy credentials unless the spec names others. Real
        # credentials from the environment are never sent to a local endpoint.
        client_args["endpoint_url"] = endpoint_url
        client_args["aws_access_key_id"] = spec.get("access_key_id", "testing")
        client_args["aws_secret_access_key"] = spec.get("secret_access_key", "testing")
    botocore_session = botocore.session.Session()
    botocore_session.set_config_variable("region", region)
    client = boto3.session.Session(botocore_session=botocore_session).client("kms", **client_args)
    # The provider picks its client by the key ARN's region (or the session region).
    regional_clients = {region: client}
    if arn_region:
        regional_clients[arn_region] = client
    _LOG.info("aws_kms provider: region %s, endpoint %s", region, endpoint_url or "(default)")
    return ProviderPair(
        (provider_class or AwsKmsCryptographicMaterialsProvider)(
            key_id=key_id,
            botocore_session=botocore_session,
            material_description=_material_description(spec, where),
            regional_clients=regional_clients,
        )
    )


_DYNAMODB_RESOURCES = {}


def _dynamodb(spec, where):
    """A boto3 session's DynamoDB client and resource for the spec's endpoint (cached)."""
    import boto3  # pylint: disable=import-outside-toplevel
    import botocore.config  # pylint: disable=import-outside-toplevel

    endpoint_url = _require(spec, "endpoint_url", where)
    if not isinstance(endpoint_url, str) or not endpoint_url.startswith(("http://", "https://")):
        raise PeerRequestError("{}.endpoint_url: expected an http(s) URL".format(where))
    region = spec.get("region") or "us-west-2"
    key = (endpoint_url, region)
    pair = _DYNAMODB_RESOURCES.get(key)
    if pair is None:
        # A local endpoint (the moto server): dummy credentials, never the environment's.
        session = boto3.session.Session(
            aws_access_key_id=spec.get("access_key_id", "ddbeclocal"),
            aws_secret_access_key=spec.get("secret_access_key", "ddbeclocal"),
            region_name=region,
        )
        config = botocore.config.Config(retries={"max_attempts": 2}, connect_timeout=10, read_timeout=30)
        pair = (
            session.client("dynamodb", endpoint_url=endpoint_url, config=config),
            session.resource("dynamodb", endpoint_url=endpoint_url, config=config),
        )
        _DYNAMODB_RESOURCES[key] = pair
    return pair


def _string_field(spec, field, where):
    value = _require(spec, field, where)
    if not isinstance(value, str) or not value:
        raise PeerRequestError("{}.{}: expected a non-empty string".format(where, field))
    return value


def _meta_store(spec, where, providers):
    from dynamodb_encryption_sdk.material_providers.store.meta import (  # pylint: disable=import-outside-toplevel
        MetaStore,
    )

    _, resource = _dynamodb(spec, where)
    table = resource.Table(_string_field(spec, "table", where))
    meta = providers.get(_require(spec, "meta", where))
    if meta.encrypt is not meta.decrypt:
        raise PeerRequestError("{}.meta: the MetaStore needs one provider for both directions".format(where))
    return MetaStore(table, meta.encrypt)


def _most_recent_provider(spec, where, providers):
    from dynamodb_encryption_sdk.material_providers.most_recent import (  # pylint: disable=import-outside-toplevel
        CachingMostRecentProvider,
    )

    ttl = spec.get("version_ttl", 300.0)
    if not isinstance(ttl, (int, float)) or isinstance(ttl, bool) or ttl <= 0:
        raise PeerRequestError("{}.version_ttl: expected a positive number of seconds".format(where))
    store = _meta_store(spec, where, providers)
    return ProviderPair(
        CachingMostRecentProvider(
            provider_store=store,
            material_name=_string_field(spec, "material_name", where),
            version_ttl=float(ttl),
        )
    )


# --------------------------------------------------------------------------------------------
# The library's extension points (keys as PEM, KMS key selection, delegated keys)
# --------------------------------------------------------------------------------------------


def _pem_key(spec, field, algorithm, key_type, where):
    pem = _string_field(spec, field, where)
    return _jce_key(pem.encode("ascii"), algorithm, key_type, KeyEncodingType.PEM)


def _rsa_pem_provider(spec, where):
    """static_rsa_pem / wrapped_rsa_pem: RSA keys as PEM text, loaded with KeyEncodingType.PEM.

    Both sign with SHA256withRSA (private key) and verify with the public key; static_rsa_pem
    encrypts with a raw AES key, wrapped_rsa_pem wraps a per-item content key with the second
    RSA pair (RSA/ECB/OAEPWithSHA-256AndMGF1Padding).
    """
    private, public = EncryptionKeyType.PRIVATE, EncryptionKeyType.PUBLIC
    signing = _pem_key(spec, "signing_private_pem", "SHA256withRSA", private, where)
    verification = _pem_key(spec, "signing_public_pem", "SHA256withRSA", public, where)
    if spec.get("type") == "static_rsa_pem":
        aes = _jce_key(_key_field(spec, "aes", where), "AES", EncryptionKeyType.SYMMETRIC)
        return ProviderPair(
            StaticCryptographicMaterialsProvider(
                encryption_materials=RawEncryptionMaterials(signing_key=signing, encryption_key=aes),
                decryption_materials=RawDecryptionMaterials(verification_key=verification, decryption_key=aes),
            )
        )
    wrapping = _pem_key(spec, "wrapping_public_pem", "RSA", public, where)
    unwrapping = _pem_key(spec, "unwrapping_private_pem", "RSA", private, where)
    return ProviderPair(
        WrappedCryptographicMaterialsProvider(signing_key=signing, wrapping_key=wrapping, unwrapping_key=unwrapping),
        WrappedCryptographicMaterialsProvider(
            signing_key=verification, wrapping_key=wrapping, unwrapping_key=unwrapping
        ),
    )


def _partition_key_text(encryption_context):
    """The partition key value (a string) of the item being encrypted or decrypted."""
    return encryption_context.attributes[encryption_context.partition_key_name]["S"]


def _tenant_kms_provider(spec, where):
    """aws_kms_tenant: AwsKmsCryptographicMaterialsProvider subclassed, as its docs suggest.

    _select_key_id picks keys_by_initial[first character of the partition key] (else key_id);
    with "tenant_entry", _kms_encryption_context adds that entry (the partition key value) to the
    KMS encryption context. The library has no public hook for that entry: overriding this
    private method is the only way.
    """
    from dynamodb_encryption_sdk.material_providers.aws_kms import (  # pylint: disable=import-outside-toplevel
        AwsKmsCryptographicMaterialsProvider,
    )

    keys = _require(spec, "keys_by_initial", where)
    if not isinstance(keys, dict) or not all(isinstance(v, str) for v in keys.values()):
        raise PeerRequestError("{}.keys_by_initial: expected an object of key ids".format(where))
    tenant_entry = _optional_string(spec, "tenant_entry")

    class TenantKmsProvider(AwsKmsCryptographicMaterialsProvider):
        def _select_key_id(self, encryption_context):
            return keys.get(_partition_key_text(encryption_context)[:1], self._key_id)

        def _kms_encryption_context(self, encryption_context, encryption_description, signing_description):
            kms_context = super(TenantKmsProvider, self)._kms_encryption_context(
                encryption_context, encryption_description, signing_description
            )
            if tenant_entry:
                kms_context[tenant_entry] = _partition_key_text(encryption_context)
            return kms_context

    return _aws_kms_provider(spec, where, provider_class=TenantKmsProvider)


class CountingDelegatedKey(DelegatedKey):
    """A DelegatedKey of our own, standing in for a key held elsewhere (an HSM, a remote signer).

    Every operation is forwarded to a JceNameLocalDelegatedKey kept inside, and counted in a
    Counter shared by the provider's keys (the "delegated_calls" request reads it).
    """

    def __init__(self, inner, calls):  # pylint: disable=super-init-not-called
        self._inner = inner
        self._calls = calls

    @property
    def algorithm(self):
        return self._inner.algorithm

    @property
    def allowed_for_raw_materials(self):
        return self._inner.allowed_for_raw_materials

    def _forward(self, operation, *args):
        self._calls[operation] += 1
        return getattr(self._inner, operation)(*args)

    def encrypt(self, algorithm, name, plaintext, additional_associated_data=None):
        return self._forward("encrypt", algorithm, name, plaintext, additional_associated_data)

    def decrypt(self, algorithm, name, ciphertext, additional_associated_data=None):
        return self._forward("decrypt", algorithm, name, ciphertext, additional_associated_data)

    def wrap(self, algorithm, content_key, additional_associated_data=None):
        return self._forward("wrap", algorithm, content_key, additional_associated_data)

    def unwrap(
        self, algorithm, wrapped_key, wrapped_key_algorithm, wrapped_key_type, additional_associated_data=None
    ):
        return self._forward(
            "unwrap", algorithm, wrapped_key, wrapped_key_algorithm, wrapped_key_type, additional_associated_data
        )

    def sign(self, algorithm, data):
        return self._forward("sign", algorithm, data)

    def verify(self, algorithm, signature, data):
        return self._forward("verify", algorithm, signature, data)

    def signing_algorithm(self):
        return self._inner.signing_algorithm()


def _delegated_provider(spec, where):
    """delegated: the static ("aes") or wrapped ("wrap_aes") provider over CountingDelegatedKeys."""
    calls = collections.Counter()

    def counting(field, algorithm):
        inner = _jce_key(_key_field(spec, field, where), algorithm, EncryptionKeyType.SYMMETRIC)
        return CountingDelegatedKey(inner, calls)

    hmac = counting("hmac", "HmacSHA256")
    if "wrap_aes" in spec:
        wrap = counting("wrap_aes", "AES")
        provider = WrappedCryptographicMaterialsProvider(signing_key=hmac, wrapping_key=wrap, unwrapping_key=wrap)
    else:
        aes = counting("aes", "AES")
        provider = StaticCryptographicMaterialsProvider(
            encryption_materials=RawEncryptionMaterials(signing_key=hmac, encryption_key=aes),
            decryption_materials=RawDecryptionMaterials(verification_key=hmac, decryption_key=aes),
        )
    pair = ProviderPair(provider)
    pair.calls = calls
    return pair


def rsa_pem_key_pair(request):
    """A new RSA key pair as PEM text, written by `cryptography` (the library's key loader).

    "format": "pkcs8" gives PRIVATE KEY / PUBLIC KEY blocks, "pkcs1" (OpenSSL's traditional
    form) RSA PRIVATE KEY / RSA PUBLIC KEY blocks.
    """
    # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    formats = {
        "pkcs8": (serialization.PrivateFormat.PKCS8, serialization.PublicFormat.SubjectPublicKeyInfo),
        "pkcs1": (serialization.PrivateFormat.TraditionalOpenSSL, serialization.PublicFormat.PKCS1),
    }
    if request.get("format") not in formats:
        raise PeerRequestError('"format": expected "pkcs8" or "pkcs1"')
    private_format, public_format = formats[request["format"]]
    bits = request.get("bits", 2048)
    if not isinstance(bits, int) or isinstance(bits, bool) or bits < 2048:
        raise PeerRequestError('"bits": expected an RSA key size of at least 2048')
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    pem = serialization.Encoding.PEM
    return {
        "private_pem": key.private_bytes(pem, private_format, serialization.NoEncryption()).decode("ascii"),
        "public_pem": key.public_key().public_bytes(pem, public_format).decode("ascii"),
    }


_PROVIDER_BUILDERS = {
    "static": _static_provider,
    "wrapped": _wrapped_provider,
    "wrapped_rsa": _wrapped_rsa_provider,
    "aws_kms": _aws_kms_provider,
    "static_rsa_pem": _rsa_pem_provider,
    "wrapped_rsa_pem": _rsa_pem_provider,
    "aws_kms_tenant": _tenant_kms_provider,
    "delegated": _delegated_provider,
}

# Builders that take nested provider specs (they get the cache to build those).
_NESTED_PROVIDER_BUILDERS = {
    "most_recent": _most_recent_provider,
}


class ProviderCache(object):
    """Providers per distinct spec (least recently used dropped beyond PROVIDER_CACHE_SIZE)."""

    def __init__(self, size=PROVIDER_CACHE_SIZE):
        self._size = size
        self._entries = collections.OrderedDict()

    def get(self, spec):
        if not isinstance(spec, dict):
            raise PeerRequestError("provider: expected a JSON object")
        cache_key = json.dumps(spec, sort_keys=True, separators=(",", ":"))
        pair = self._entries.get(cache_key)
        if pair is not None:
            self._entries.move_to_end(cache_key)
            return pair
        kind = spec.get("type")
        builder = _PROVIDER_BUILDERS.get(kind)
        nested = _NESTED_PROVIDER_BUILDERS.get(kind)
        if builder is None and nested is None:
            raise PeerRequestError(
                "provider.type: unknown type {}; known: {}".format(
                    json.dumps(kind), ", ".join(sorted(list(_PROVIDER_BUILDERS) + list(_NESTED_PROVIDER_BUILDERS)))
                )
            )
        where = "provider({})".format(kind)
        pair = builder(spec, where) if builder is not None else nested(spec, where, self)
        self._entries[cache_key] = pair
        if len(self._entries) > self._size:
            self._entries.popitem(last=False)
        return pair


# --------------------------------------------------------------------------------------------
# Requests
# --------------------------------------------------------------------------------------------

_ACTIONS = {
    "encrypt": CryptoAction.ENCRYPT_AND_SIGN,
    "sign": CryptoAction.SIGN_ONLY,
    "nothing": CryptoAction.DO_NOTHING,
    "encrypt_and_sign": CryptoAction.ENCRYPT_AND_SIGN,
    "sign_only": CryptoAction.SIGN_ONLY,
    "do_nothing": CryptoAction.DO_NOTHING,
}


def _action(name, where):
    action = _ACTIONS.get(name.lower()) if isinstance(name, str) else None
    if action is None:
        raise PeerRequestError(
            '{}: unknown action {}; use "encrypt", "sign" or "nothing"'.format(where, json.dumps(name))
        )
    return action


def _optional_string(request, field):
    value = request.get(field)
    if value is not None and not isinstance(value, str):
        raise PeerRequestError('"{}": expected a string or null'.format(field))
    return value


def build_attribute_actions(spec, partition_key, sort_key):
    if not isinstance(spec, dict):
        raise PeerRequestError('"actions": expected an object like {"default":"encrypt","override":{...}}')
    default_action = _action(_require(spec, "default", "actions"), "actions.default")
    overrides = spec.get("override") or {}
    if not isinstance(overrides, dict):
        raise PeerRequestError("actions.override: expected an object of attribute name -> action")
    actions = AttributeActions(
        default_action=default_action,
        attribute_actions={
            name: _action(value, "actions.override[{!r}]".format(name)) for name, value in overrides.items()
        },
    )
    actions.set_index_keys(*[key for key in (partition_key, sort_key) if key is not None])
    return actions



# --------------------------------------------------------------------------------------------
# Helper clients (EncryptedTable / EncryptedClient) against a DynamoDB endpoint
# --------------------------------------------------------------------------------------------

_HELPERS = ("table", "client")
_DESERIALIZER = TypeDeserializer()
_SERIALIZER = TypeSerializer()


def _sort_sets(value):
    """Sort set members in a low-level attribute (boto3 returns Python sets in any order)."""
    tag, inner = next(iter(value.items()))
    if tag in ("SS", "NS", "BS"):
        return attribute_to_wire({tag: set(inner) if tag != "BS" else {_raw_bytes(m) for m in inner}})
    if tag == "L":
        return {"L": [_sort_sets(m) for m in inner]}
    if tag == "M":
        return {"M": {k: _sort_sets(v) for k, v in inner.items()}}
    return attribute_to_wire(value)


def python_item_to_wire(item):
    """boto3 resource item (Decimal, Binary, set, ...) -> DynamoDB JSON with Base64 binary."""
    return {name: _sort_sets(_SERIALIZER.serialize(value)) for name, value in item.items()}


def wire_to_python_item(item, where="item"):
    return {name: _DESERIALIZER.deserialize(value) for name, value in wire_to_item(item, where).items()}


class DynamoDbEndpoints(object):
    """boto3 clients and resources per (endpoint_url, region), with dummy credentials."""

    def __init__(self):
        self._clients = {}
        self._resources = {}

    def _args(self, request):
        endpoint_url = _require(request, "endpoint_url", "request")
        if not isinstance(endpoint_url, str) or not endpoint_url.startswith("http"):
            raise PeerRequestError('"endpoint_url": expected an http(s) URL of a local DynamoDB')
        region = request.get("region") or "us-west-2"
        return endpoint_url, region

    def _session_args(self, endpoint_url, region):
        import botocore.config  # pylint: disable=import-outside-toplevel

        # A local endpoint only: dummy credentials, never the environment's.
        return {
            "endpoint_url": endpoint_url,
            "region_name": region,
            "aws_access_key_id": "ddbeclocal",
            "aws_secret_access_key": "ddbeclocal",
            "config": botocore.config.Config(retries={"max_attempts": 2}, connect_timeout=10, read_timeout=30),
        }

    def client(self, request):
        import boto3  # pylint: disable=import-outside-toplevel

        key = self._args(request)
        if key not in self._clients:
            self._clients[key] = boto3.session.Session().client("dynamodb", **self._session_args(*key))
        return self._clients[key]

    def resource(self, request):
        import boto3  # pylint: disable=import-outside-toplevel

        key = self._args(request)
        if key not in self._resources:
            self._resources[key] = boto3.session.Session().resource("dynamodb", **self._session_args(*key))
        return self._resources[key]


def _helper_kind(request):
    kind = request.get("helper", "table")
    if kind not in _HELPERS:
        raise PeerRequestError('"helper": expected "table" (EncryptedTable) or "client" (EncryptedClient)')
    return kind


class Peer(object):
    def __init__(self):
        self.providers = ProviderCache()
        self.endpoints = DynamoDbEndpoints()

    def handle(self, request):
        op = request.get("op")
        if op == "ping":
            return {
                "ok": True,
                "version": LIBRARY_VERSION,
                "protocol": PROTOCOL_VERSION,
                "python": platform.python_version(),
            }
        if op in ("encrypt", "decrypt"):
            return self._crypt(op, request)
        if op == "serialize":
            attribute = wire_to_attribute(_require(request, "attribute", "request"))
            return {"serialized": _b64encode(serialize_attribute(attribute))}
        if op == "deserialize":
            data = _b64decode(_require(request, "serialized", "request"), "serialized")
            return {"attribute": attribute_to_wire(deserialize_attribute(data))}
        if op in ("helper_put", "helper_get", "helper_scan", "helper_batch_put"):
            return self._helper(op, request)
        if op == "metastore":
            return self._metastore(request)
        if op == "refresh":
            pair = self.providers.get(_require(request, "provider", "request"))
            pair.encrypt.refresh()
            if pair.decrypt is not pair.encrypt:
                pair.decrypt.refresh()
            return {"ok": True}
        if op == "rsa_pem_key_pair":
            return rsa_pem_key_pair(request)
        if op == "delegated_calls":
            pair = self.providers.get(_require(request, "provider", "request"))
            if not hasattr(pair, "calls"):
                raise PeerRequestError('"delegated_calls": the provider is not of type "delegated"')
            return {"calls": dict(pair.calls)}
        raise PeerRequestError(
            "unknown op {}; known: ping, encrypt, decrypt, serialize, deserialize, helper_put, helper_get,"
            " helper_scan, helper_batch_put, metastore, refresh, rsa_pem_key_pair, delegated_calls,"
            " shutdown".format(
                json.dumps(op)
            )
        )

    def _metastore(self, request):
        from dynamodb_encryption_sdk.exceptions import (  # pylint: disable=import-outside-toplevel
            NoKnownVersionError,
        )
        from dynamodb_encryption_sdk.material_providers.store.meta import (  # pylint: disable=import-outside-toplevel
            MetaStore,
        )

        action = request.get("action")
        where = "metastore({})".format(action)
        if action == "create_table":
            client, _ = _dynamodb(request, where)
            table = _string_field(request, "table", where)
            MetaStore.create_table(client, table, 5, 5)
            client.get_waiter("table_exists").wait(TableName=table, WaiterConfig={"Delay": 1, "MaxAttempts": 30})
            return {"ok": True}
        store = _meta_store(request, where, self.providers)
        material_name = _string_field(request, "material_name", where)
        if action == "new_version":
            try:
                store.new_provider(material_name)
            except NoKnownVersionError:
                # new_provider needs an existing version; the first one is created like this.
                store.get_or_create_provider(material_name, 0)
            return {"version": store.max_version(material_name)}
        if action == "max_version":
            try:
                return {"version": store.max_version(material_name)}
            except NoKnownVersionError:
                return {"version": None}
        raise PeerRequestError(
            'metastore.action: unknown action {}; known: create_table, new_version, max_version'.format(
                json.dumps(action)
            )
        )

    def _crypt(self, op, request):
        table = _optional_string(request, "table")
        partition_key = _optional_string(request, "partition_key")
        sort_key = _optional_string(request, "sort_key")
        pair = self.providers.get(_require(request, "provider", "request"))
        actions = build_attribute_actions(_require(request, "actions", "request"), partition_key, sort_key)
        item = wire_to_item(_require(request, "item", "request"))
        # As the helper clients do: the context's attributes are the item being processed.
        context = EncryptionContext(
            table_name=table, partition_key_name=partition_key, sort_key_name=sort_key, attributes=item
        )
        if op == "encrypt":
            config = CryptoConfig(
                materials_provider=pair.encrypt, encryption_context=context, attribute_actions=actions
            )
            result = encrypt_dynamodb_item(item, config)
        else:
            config = CryptoConfig(
                materials_provider=pair.decrypt, encryption_context=context, attribute_actions=actions
            )
            result = decrypt_dynamodb_item(item, config)
        return {"item": item_to_wire(result)}

    def _helper(self, op, request):
        # pylint: disable=import-outside-toplevel
        from dynamodb_encryption_sdk.encrypted.client import EncryptedClient
        from dynamodb_encryption_sdk.encrypted.table import EncryptedTable

        kind = _helper_kind(request)
        table_name = _require(request, "table", "request")
        if not isinstance(table_name, str) or not table_name:
            raise PeerRequestError('"table": expected a table name')
        pair = self.providers.get(_require(request, "provider", "request"))
        # No key adjustment here: the helpers apply set_index_keys from DescribeTable themselves.
        actions = build_attribute_actions(_require(request, "actions", "request"), None, None)
        provider = pair.encrypt if op in ("helper_put", "helper_batch_put") else pair.decrypt
        if op == "helper_batch_put" and kind != "table":
            raise PeerRequestError('"helper_batch_put": batch_writer is an EncryptedTable method (helper "table")')
        if kind == "table":
            helper = EncryptedTable(
                table=self.endpoints.resource(request).Table(table_name),
                materials_provider=provider,
                attribute_actions=actions,
            )
            if op == "helper_put":
                helper.put_item(Item=wire_to_python_item(_require(request, "item", "request")))
                return {"ok": True}
            if op == "helper_batch_put":
                items = _require(request, "items", "request")
                with helper.batch_writer(overwrite_by_pkeys=request.get("overwrite_by_pkeys")) as writer:
                    for item in items:
                        writer.put_item(Item=wire_to_python_item(item))
                return {"ok": True}
            if op == "helper_get":
                key = wire_to_python_item(_require(request, "key", "request"), "key")
                item = helper.get_item(Key=key, ConsistentRead=True).get("Item")
                return {"item": None if item is None else python_item_to_wire(item)}
            items, start = [], None
            while True:
                kwargs = {"ConsistentRead": True}
                if start:
                    kwargs["ExclusiveStartKey"] = start
                page = helper.scan(**kwargs)
                items.extend(python_item_to_wire(i) for i in page.get("Items", []))
                start = page.get("LastEvaluatedKey")
                if not start:
                    return {"items": items}
        helper = EncryptedClient(
            client=self.endpoints.client(request), materials_provider=provider, attribute_actions=actions
        )
        if op == "helper_put":
            helper.put_item(TableName=table_name, Item=wire_to_item(_require(request, "item", "request")))
            return {"ok": True}
        if op == "helper_get":
            key = wire_to_item(_require(request, "key", "request"), "key")
            item = helper.get_item(TableName=table_name, Key=key, ConsistentRead=True).get("Item")
            return {"item": None if item is None else {k: _sort_sets(v) for k, v in item.items()}}
        items = []
        for page in helper.get_paginator("scan").paginate(TableName=table_name, ConsistentRead=True):
            items.extend({k: _sort_sets(v) for k, v in i.items()} for i in page.get("Items", []))
        return {"items": items}


def _error(error):
    message = str(error) or repr(error)
    return {"type": type(error).__name__, "message": message}


def serve(infile, outfile):
    """Answer requests from infile (binary) on outfile (text) until shutdown or end of input."""
    peer = Peer()
    handled = 0
    while True:
        raw = infile.readline()
        if not raw:
            _LOG.info("end of input after %d requests", handled)
            return 0
        if not raw.strip():
            continue
        request_id = None
        shutdown = False
        try:
            try:
                request = json.loads(raw.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as error:
                raise PeerRequestError("request is not valid UTF-8 JSON: {}".format(error))
            if not isinstance(request, dict):
                raise PeerRequestError("request must be a JSON object")
            request_id = request.get("id")
            if request.get("op") == "shutdown":
                shutdown = True
                response = {"ok": True}
            else:
                response = peer.handle(request)
        except PeerRequestError as error:
            _LOG.info("request %s rejected: %s", request_id, error)
            response = {"error": _error(error)}
        except DynamodbEncryptionSdkError as error:
            _LOG.debug("request %s failed", request_id, exc_info=True)
            response = {"error": _error(error)}
        except Exception as error:  # pylint: disable=broad-except
            # Not necessarily a bug (e.g. cryptography rejecting a key, or a lone surrogate in a
            # string): one line by default, the trace at INFO.
            _LOG.warning("request %s failed with %s: %s", request_id, type(error).__name__, error)
            _LOG.info("trace of request %s", request_id, exc_info=True)
            response = {"error": _error(error)}
        handled += 1
        response = dict(id=request_id, **response)
        outfile.write(json.dumps(response, separators=(",", ":")) + "\n")
        outfile.flush()
        if shutdown:
            _LOG.info("shutdown after %d requests", handled)
            return 0


def _claim_stdout():
    """Return a private handle on the real stdout and point fd 1 (and sys.stdout) at stderr."""
    sys.stdout.flush()
    protocol_out = os.fdopen(os.dup(1), "w", encoding="utf-8", newline="\n")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return protocol_out


def main():
    logging.basicConfig(
        stream=sys.stderr,
        level=os.environ.get("DDBEC_PEER_LOG_LEVEL", "WARNING").upper(),
        format="%(levelname)s %(name)s: %(message)s",
    )
    for noisy in ("botocore", "boto3", "urllib3"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if logging.getLogger().getEffectiveLevel() > logging.INFO:
        # The library logs expected failures (bad signatures, refused unwraps) as ERROR with a
        # trace; negative tests make thousands of those. The response carries the error anyway.
        logging.getLogger("dynamodb_encryption_sdk").setLevel(logging.CRITICAL)
    protocol_out = _claim_stdout()
    _LOG.info("dynamodb-encryption-sdk %s ready (protocol %d)", LIBRARY_VERSION, PROTOCOL_VERSION)
    try:
        return serve(sys.stdin.buffer, protocol_out)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        _LOG.info("driver closed stdout; exiting")
        return 0


if __name__ == "__main__":
    sys.exit(main())
