"""The shared throw-away servers (tests/support/servers.py) behave as the other tests assume."""

from __future__ import annotations

import pytest
import redis
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from tests.support.servers import PostgresServer, RedisServer

pytestmark = pytest.mark.postgres


def test_fresh_databases_are_empty_and_separate(postgres_db: str, postgres_server: str) -> None:
    engine = create_engine(postgres_db)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE t (x int)"))
            assert conn.execute(text("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).scalar() == 1
    finally:
        engine.dispose()
    assert postgres_db != postgres_server and postgres_db.startswith("postgresql")


def test_cluster_keeps_its_data_across_a_stop_and_start(postgres_cluster: PostgresServer) -> None:
    url = postgres_cluster.create_database("restart_check")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("CREATE TABLE kept (x int)"))
            conn.execute(text("INSERT INTO kept VALUES (42)"))
        postgres_cluster.stop()
        assert not postgres_cluster.is_running()
        with pytest.raises(OperationalError):
            with create_engine(url).connect():
                pass
        postgres_cluster.start()
        engine.dispose()  # connections to the stopped server are dead
        with engine.connect() as conn:
            value = conn.execute(text("SELECT x FROM kept")).scalar()
    finally:
        engine.dispose()
    assert value == 42


def test_redis_answers_on_loopback(redis_server: RedisServer) -> None:
    client = redis.Redis(host="127.0.0.1", port=redis_server.port)
    try:
        client.set("k", "v")
        assert client.get("k") == b"v"
    finally:
        client.close()
