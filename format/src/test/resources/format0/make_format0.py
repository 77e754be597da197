#!/usr/bin/env python3
"""Generates format-0 test archives (FORMAT.md §12), the layout of the original Python client.

The original client (pycryptodome) zipped an output folder holding metadata.json, checksums.txt,
encrypted_keys.bin and a Chunks/ folder of `iv || ciphertext || tag` files. This script mirrors that
layout with pyca/cryptography, for the committed test key recipient.key, and writes for each archive
a `.vector` header (expect, identity, sha256, name) that ArchiveVectorTests runs.

Run from this directory: python3 make_format0.py   (the archives are committed; rerun only to
regenerate them, which gives new random keys and IVs but the same plaintexts).
"""
import base64
import hashlib
import io
import json
import os
import zipfile

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

HERE = os.path.dirname(os.path.abspath(__file__))


def plaintext(size, seed):
    """Deterministic bytes: SHA-256 in counter mode over the seed."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(seed.encode() + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:size])


def recipient_public_key():
    with open(os.path.join(HERE, "recipient.pub"), "rb") as f:
        return serialization.load_pem_public_key(f.read())


def wrap_key(file_key, recipient, pem_newline):
    ephemeral = ec.generate_private_key(ec.SECP384R1())
    shared = ephemeral.exchange(ec.ECDH(), recipient)  # the x-coordinate, 48 bytes
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"\x00" * 32, info=b"").derive(shared)
    nonce = os.urandom(12)
    sealed = AESGCM(kek).encrypt(nonce, file_key, None)
    pem = ephemeral.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    if not pem_newline:
        pem = pem.rstrip("\n")  # pycryptodome's export_key(format="PEM") has no final newline
    return {
        "key_wrap_method": "ECC-384-HKDF",
        "encrypted_key": base64.b64encode(sealed[:32]).decode(),
        "encrypted_nonce": base64.b64encode(nonce).decode(),
        "encrypted_tag": base64.b64encode(sealed[32:]).decode(),
        "ephemeral_public_key": pem,
    }, nonce + sealed[32:] + sealed[:32]


def folder(data, name, chunk_size, pem_newline):
    """The files of the original client's output folder: relative path -> bytes."""
    file_key = os.urandom(32)
    keys, keys_bin = wrap_key(file_key, recipient_public_key(), pem_newline)
    files = {}
    chunks = []
    checksums = []
    for i in range(0, len(data), chunk_size):
        chunk_id = i // chunk_size + 1
        piece = data[i:i + chunk_size]
        iv = os.urandom(12)
        files["Chunks/chunk_%d.enc" % chunk_id] = iv + AESGCM(file_key).encrypt(iv, piece, None)
        digest = hashlib.sha256(piece).hexdigest()
        chunks.append({"chunk_id": chunk_id, "encrypted_filename": "chunk_%d.enc" % chunk_id,
                       "iv": base64.b64encode(iv).decode(), "checksum": digest, "size": len(piece)})
        checksums.append("chunk_%d: %s\n" % (chunk_id, digest))
    metadata = {
        "file_info": {"original_name": name, "original_size": len(data), "chunk_size": chunk_size,
                      "total_chunks": len(chunks), "encryption_algorithm": "AES-256-GCM",
                      "key_encryption": "ECC-384-HKDF"},
        "chunks": chunks,
        "keys": keys,
    }
    files["metadata.json"] = json.dumps(metadata, indent=4).encode()
    files["checksums.txt"] = "".join(checksums).encode()
    files["encrypted_keys.bin"] = keys_bin
    return files


def write_zip(path, files, prefix, method, directories):
    """Like zipping the folder (shutil.make_archive): optional top folder, directory entries."""
    with zipfile.ZipFile(path, "w", compression=method) as z:
        if directories:
            if prefix:
                z.writestr(zipfile.ZipInfo(prefix), b"")
            z.writestr(zipfile.ZipInfo(prefix + "Chunks/"), b"")
        for relative in sorted(files, key=lambda n: (not n.startswith("Chunks/"), n)):
            z.writestr(prefix + relative, files[relative], compress_type=method)


def write_vector(path, data, name, note):
    with open(path, "w") as f:
        f.write("expect: success\n")
        f.write("identity: ../format0/recipient.key\n")
        f.write("sha256: %s\n" % hashlib.sha256(data).hexdigest())
        f.write("name: %s\n" % name)
        f.write("format: 0\n")
        f.write("comment: %s\n" % note)


def main():
    cases = [
        ("folder-deflated", plaintext(2500, "folder"), "report.txt", 1000, "output_directory/",
         zipfile.ZIP_DEFLATED, True, False, "zipped folder: prefix, directory entries, DEFLATED, 3 chunks"),
        ("root-stored", plaintext(4096, "root"), "notes/../photo.jpg", 1024, "",
         zipfile.ZIP_STORED, False, True, "no prefix, STORED, 4 full chunks, name reduced to its last component"),
        ("empty", b"", "empty.dat", 1048576, "output_directory/",
         zipfile.ZIP_DEFLATED, True, False, "empty file: no chunks"),
        ("one-mebibyte-chunks", plaintext(2 * 1048576 + 500000, "big"), "big.bin", 1048576, "output_directory/",
         zipfile.ZIP_DEFLATED, True, False, "the original 1 MiB chunks, 3 chunks"),
    ]
    for stem, data, name, chunk_size, prefix, method, directories, pem_newline, note in cases:
        files = folder(data, name, chunk_size, pem_newline)
        write_zip(os.path.join(HERE, stem + ".zip"), files, prefix, method, directories)
        write_vector(os.path.join(HERE, stem + ".vector"), data, os.path.basename(name), note)


if __name__ == "__main__":
    main()
