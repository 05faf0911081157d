"""Rebuilds swap the whole base at once, on SQLite and PostgreSQL: readers see the old or
the new base, never a half-built one, and a failed build leaves the old one serving."""

from __future__ import annotations

import re
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from knowledge import KnowledgeBase, KnowledgeUnavailable, builder
from knowledge.builder import build, content_fingerprint
from knowledge.content_loader import ContentInvalid, load_content
from knowledge.settings import content_dir

PHONE_A = "099 111 111"  # test values, written into a copy of the content
PHONE_B = "099 222 222"


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(content_dir(), target)
    return target


def set_phone(content: Path, value: str) -> None:
    """Change the SREI's phone number in the copy of the content."""
    path = content / "namur.yml"
    source = path.read_text(encoding="utf-8")
    changed = re.sub(r'(id: srei-telephone\n(?:.*\n)*?\s+value: )"[^"]*"', rf'\1"{value}"', source, count=1)
    assert changed != source or f'"{value}"' in source
    path.write_text(changed, encoding="utf-8")


def phone(kb: KnowledgeBase) -> str:
    return kb.contacts(service_id="srei", kind="phone")[0].value


def test_open_base_sees_a_rebuild_without_restart(content_copy: Path, fresh_url: str) -> None:
    set_phone(content_copy, PHONE_A)
    build(content_copy, fresh_url)
    kb = KnowledgeBase(fresh_url)
    try:
        assert phone(kb) == PHONE_A
        set_phone(content_copy, PHONE_B)
        build(content_copy, fresh_url)
        assert phone(kb) == PHONE_B
        assert kb.check() == content_fingerprint(content_copy)
    finally:
        kb.close()


def test_invalid_content_leaves_the_old_base_serving(content_copy: Path, fresh_url: str) -> None:
    set_phone(content_copy, PHONE_A)
    build(content_copy, fresh_url)
    kb = KnowledgeBase(fresh_url)
    try:
        fingerprint = kb.check()
        set_phone(content_copy, PHONE_B)
        path = content_copy / "namur.yml"
        path.write_text(path.read_text(encoding="utf-8").replace('deadline: "2018-02-08"', 'deadline: "2018-02-30"'),
                        encoding="utf-8")
        with pytest.raises(ContentInvalid, match="2018-02-30"):
            build(content_copy, fresh_url)
        assert phone(kb) == PHONE_A
        assert kb.check() == fingerprint
    finally:
        kb.close()


def test_failure_while_writing_leaves_the_old_base_and_no_debris(
        content_copy: Path, fresh_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    set_phone(content_copy, PHONE_A)
    build(content_copy, fresh_url)
    real_insert = builder.insert_rows

    def insert_half_then_fail(conn, rows):  # the disk fills up, the server goes away...
        real_insert(conn, {k: v for i, (k, v) in enumerate(rows.items()) if i < 3})
        raise RuntimeError("simulated failure half-way through the build")

    monkeypatch.setattr(builder, "insert_rows", insert_half_then_fail)
    set_phone(content_copy, PHONE_B)
    with pytest.raises(RuntimeError, match="half-way"):
        build(content_copy, fresh_url)
    kb = KnowledgeBase(fresh_url)
    try:
        assert phone(kb) == PHONE_A
        assert len(kb.bodies()) == len(load_content(content_copy).entries["bodies"])  # the whole old base
    finally:
        kb.close()
    url = make_url(fresh_url)
    if url.get_backend_name() == "sqlite":
        target = Path(url.database)
        assert sorted(p.name for p in target.parent.iterdir() if p.is_file()) == [target.name]
    else:
        engine = create_engine(fresh_url)
        try:
            with engine.connect() as conn:
                schemas = {r[0] for r in conn.execute(text("SELECT schema_name FROM information_schema.schemata"))}
        finally:
            engine.dispose()
        assert builder.PG_SCHEMA in schemas
        assert f"{builder.PG_SCHEMA}_building" not in schemas and f"{builder.PG_SCHEMA}_old" not in schemas


def test_readers_during_rebuilds_see_old_or_new_never_half(content_copy: Path, fresh_url: str) -> None:
    set_phone(content_copy, PHONE_A)
    build(content_copy, fresh_url)
    kb = KnowledgeBase(fresh_url)
    expected_bodies = len(kb.bodies())
    seen: set[str] = set()
    errors: list[BaseException] = []
    stop = threading.Event()

    def read() -> None:
        for _ in range(100_000):  # bounded; stops much earlier
            if stop.is_set():
                return
            try:
                seen.add(phone(kb))
                assert len(kb.bodies()) == expected_bodies
                assert kb.search("numéro de téléphone du SREI")
            except BaseException as exc:  # noqa: BLE001 - collected and reported below
                errors.append(exc)
                return

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for value in (PHONE_B, PHONE_A, PHONE_B):
            set_phone(content_copy, value)
            build(content_copy, fresh_url)
    finally:
        stop.set()
        reader.join(timeout=60)
        kb.close()
    assert not errors, errors[0]
    assert seen <= {PHONE_A, PHONE_B} and PHONE_A in seen


def test_sqlite_base_opened_before_its_first_build(content_copy: Path, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'later.sqlite3'}"
    kb = KnowledgeBase(url)
    with pytest.raises(KnowledgeUnavailable, match="introuvable"):
        kb.bodies()
    build(content_copy, url)
    assert {b.id for b in kb.bodies()} >= {"namur"}
    kb.close()
