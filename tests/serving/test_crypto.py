"""Field encryption: authenticated, bound to its record, rotatable, keys outside the database."""

import stat
from pathlib import Path

import pytest

from serving.crypto import DataKeyError, add_key, cipher_for, read_key_file
from serving.settings import Settings


def test_round_trip_and_binding_to_the_record(tmp_path: Path) -> None:
    cipher = cipher_for(tmp_path / "data.keys", create=True)
    token = cipher.encrypt(b"900101-1234567", "complaint:7")
    assert token.startswith("v1:k1:") and "900101" not in token
    assert cipher.decrypt(token, "complaint:7") == b"900101-1234567"
    with pytest.raises(DataKeyError, match="does not verify"):
        cipher.decrypt(token, "complaint:8")  # copied to another row
    tampered = token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")
    with pytest.raises(DataKeyError):
        cipher.decrypt(tampered, "complaint:7")
    assert cipher.encrypt(b"x", "a") != cipher.encrypt(b"x", "a")  # fresh nonce every time


def test_key_file_is_private_and_rotation_keeps_old_values_readable(tmp_path: Path) -> None:
    key_file = tmp_path / "keys" / "data.keys"
    old = cipher_for(key_file, create=True)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    token = old.encrypt(b"voice", "voiceprint:1")
    assert add_key(key_file) == "k2"
    new = read_key_file(key_file)
    assert new.current == "k2"
    assert new.decrypt(token, "voiceprint:1") == b"voice"
    rotated = new.rotate(token, "voiceprint:1")
    assert new.key_id_of(rotated) == "k2" and new.decrypt(rotated, "voiceprint:1") == b"voice"
    with pytest.raises(DataKeyError, match="unknown key"):
        old.decrypt(rotated, "voiceprint:1")


def test_production_refuses_to_invent_a_key(tmp_path: Path) -> None:
    settings = Settings(environment="production", secret_key="a-real-secret-value", data_dir=tmp_path)
    with pytest.raises(DataKeyError, match="missing"):
        settings.field_cipher()
    (tmp_path / "bad.keys").write_text("k1:not-base64!\n", encoding="ascii")
    with pytest.raises(DataKeyError, match="not base64"):
        read_key_file(tmp_path / "bad.keys")
