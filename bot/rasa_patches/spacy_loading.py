"""`SpacyNLP.load_model` once per model, without the named-entity recogniser.

NER is half of spaCy's time per message (1.1 of 2.2 ms) and no component of bot/config.yml
reads spaCy's entities (there is no SpacyEntityExtractor; tests/unit/test_rasa_speedups.py
checks it); tokens, lemmas, tags and vectors are the same without it. Rasa also loads the
same model twice (a "provide" and a "process" node for `SpacyNLP`); the server now loads it
once (~2 s of start-up, ~150 MB). Training keeps Rasa's loader: the features are identical.
"""

from __future__ import annotations

from rasa.nlu.utils.spacy_utils import SpacyModel, SpacyNLP

from bot.rasa_patches.patch import Patch

_rasa_load_spacy = SpacyNLP.load_model
UNUSED_SPACY_PIPES = ("ner",)


_spacy_models: dict[str, SpacyModel] = {}


def _load_spacy_model(spacy_model_name: str) -> SpacyModel:
    """Rasa's `SpacyNLP.load_model` (checks included), once per model, without unread pipes."""
    if spacy_model_name not in _spacy_models:
        model = _rasa_load_spacy(spacy_model_name)
        for pipe in UNUSED_SPACY_PIPES:
            if pipe in model.model.pipe_names:
                model.model.disable_pipe(pipe)
        _spacy_models[spacy_model_name] = model
    return _spacy_models[spacy_model_name]

PATCH = Patch(SpacyNLP, "load_model", _rasa_load_spacy, staticmethod(_load_spacy_model), ("spacy_model_name",))
