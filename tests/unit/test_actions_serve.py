"""The action server loads the knowledge base's language model before it serves."""

from __future__ import annotations

from functools import lru_cache

from actions import serve
from knowledge import KnowledgeUnavailable, textnorm


def test_the_language_model_is_loaded_before_serving(monkeypatch, language_model) -> None:
    # An empty cache in front of the model this session already loaded: whether main() asks
    # for it before serving shows, without a second load of several seconds.
    loader = lru_cache(maxsize=1)(lambda: language_model)
    monkeypatch.setattr(textnorm, "load_pipeline", loader)
    loaded_when_serving = []
    monkeypatch.setattr(serve, "serve", lambda: loaded_when_serving.append(loader.cache_info().currsize))
    serve.main()
    assert loaded_when_serving == [1]


def test_an_unavailable_base_does_not_stop_the_server(monkeypatch, caplog) -> None:
    class Broken:
        def warm_up(self) -> None:
            raise KnowledgeUnavailable("base illisible")

    served = []
    monkeypatch.setattr(serve, "get_kb", lambda: Broken())
    monkeypatch.setattr(serve, "serve", lambda: served.append(True))
    serve.main()
    assert served == [True] and "base illisible" in caplog.text
