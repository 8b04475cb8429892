"""Field-level encryption for personal data at rest (voiceprints first; contacts and identifiers next).

AES-256-GCM, authenticated, with a key id in every value (``v1:<key id>:<base64 nonce+ciphertext>``)
so keys can be rotated: new values use the current key, old ones still decrypt with theirs. The
associated data binds a value to where it is stored (e.g. ``voiceprint:12``): a ciphertext copied
into another row does not decrypt.

Keys live in a key file outside the database (one ``<key id>:<base64 32 bytes>`` per line, the
last line is current), never in the repository. In development and tests the file is created on
first use; in production a missing key file is an error.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import os
import secrets
from pathlib import Path

logger = logging.getLogger(__name__)

PREFIX = "v1"


class DataKeyError(Exception):
    """The key file is missing, malformed, or lacks the key a value was encrypted with."""


class FieldCipher:
    def __init__(self, keys: dict[str, bytes], current: str) -> None:
        if current not in keys:
            raise DataKeyError(f"current key id {current!r} is not among the keys")
        for key_id, key in keys.items():
            if len(key) != 32 or ":" in key_id or not key_id:
                raise DataKeyError(f"key {key_id!r} must be 32 bytes with an id without ':'")
        self._keys = dict(keys)
        self.current = current

    def encrypt(self, plaintext: bytes, associated: str) -> str:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        nonce = os.urandom(12)
        sealed = AESGCM(self._keys[self.current]).encrypt(nonce, plaintext, associated.encode("utf-8"))
        return f"{PREFIX}:{self.current}:{base64.b64encode(nonce + sealed).decode('ascii')}"

    def decrypt(self, token: str, associated: str) -> bytes:
        from cryptography.exceptions import InvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            prefix, key_id, body = token.split(":", 2)
            raw = base64.b64decode(body, validate=True)
        except (ValueError, TypeError) as error:
            raise DataKeyError("not an encrypted field value") from error
        if prefix != PREFIX or key_id not in self._keys:
            raise DataKeyError(f"value encrypted with unknown key {key_id!r}; restore that key to the key file")
        try:
            return AESGCM(self._keys[key_id]).decrypt(raw[:12], raw[12:], associated.encode("utf-8"))
        except InvalidTag as error:
            raise DataKeyError("encrypted value does not verify (tampered, or stored under another record)") from error

    def blind_index(self, value: str, purpose: str) -> str:
        """A keyed hash for finding rows by a personal value without storing it (e.g. a contact number).

        It uses the oldest key, which rotation never removes, so lookups keep working after ``keys rotate``;
        without the key file a phone-number-sized search space cannot be brute-forced from a database dump."""
        oldest = next(iter(self._keys.values()))
        return hmac.new(oldest, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()

    def key_id_of(self, token: str) -> str:
        return token.split(":", 2)[1]

    def rotate(self, token: str, associated: str) -> str:
        """Re-encrypt under the current key (no-op when it already is)."""
        if self.key_id_of(token) == self.current:
            return token
        return self.encrypt(self.decrypt(token, associated), associated)


def read_key_file(path: Path) -> FieldCipher:
    keys: dict[str, bytes] = {}
    current = None
    for number, line in enumerate(path.read_text(encoding="ascii").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key_id, separator, encoded = line.partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except ValueError as error:
            raise DataKeyError(f"{path}:{number}: not base64") from error
        if not separator or len(key) != 32:
            raise DataKeyError(f"{path}:{number}: expected '<key id>:<base64 of 32 bytes>'")
        keys[key_id.strip()] = key
        current = key_id.strip()
    if current is None:
        raise DataKeyError(f"{path} holds no keys")
    return FieldCipher(keys, current)


def add_key(path: Path) -> str:
    """Append a fresh key, which becomes current (``civicai keys rotate`` then re-encrypts old values)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    existing = path.read_text(encoding="ascii") if path.is_file() else ""
    key_id = f"k{len([x for x in existing.splitlines() if x.strip() and not x.startswith('#')]) + 1}"
    line = f"{key_id}:{base64.b64encode(secrets.token_bytes(32)).decode('ascii')}\n"
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(descriptor, "a", encoding="ascii") as handle:
        handle.write(line)
    logger.info("added data key %s to %s", key_id, path)
    return key_id


def cipher_for(key_file: Path, create: bool) -> FieldCipher:
    if not key_file.is_file():
        if not create:
            raise DataKeyError(
                f"data key file {key_file} is missing; create it with `civicai keys rotate` and keep it off the "
                "database server's backups (개인정보 암호화 키 파일이 없습니다)"
            )
        add_key(key_file)
    return read_key_file(key_file)
