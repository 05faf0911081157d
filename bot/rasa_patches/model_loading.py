"""`RasaModel.load` (DIET and TED) for inference, without tracing a training step first.

Rasa builds each network by training one step on a dummy batch before loading the trained
weights: 55 % of the server's start-up (14 of 26 s). The server now restores the weights as
the prediction graph creates its variables (TensorFlow's deferred restoration), then checks
that every variable was restored; if anything is left over it falls back to Rasa's way.
Intent rankings, entities and policy probabilities are the same to the last digit
(tests/integration/test_model_loading.py compares a sample).
"""

from __future__ import annotations

import logging
from typing import Any

import tensorflow as tf
from rasa.utils.tensorflow.constants import LEARNING_RATE, RUN_EAGERLY
from rasa.utils.tensorflow.models import RasaModel

from bot.rasa_patches.patch import Patch

log = logging.getLogger(__name__)

_rasa_load_tf_model = RasaModel.load.__func__  # type: ignore[attr-defined]


def _load_tf_model(cls: type[RasaModel], model_file_name: str, model_data_example: Any,
                   predict_data_example: Any = None, finetune_mode: bool = False, *args: Any,
                   **kwargs: Any) -> RasaModel:
    """Rasa's `RasaModel.load` for inference, without tracing a training step first."""
    if finetune_mode or predict_data_example is None:
        return _rasa_load_tf_model(cls, model_file_name, model_data_example, predict_data_example,
                                   finetune_mode, *args, **kwargs)

    config = kwargs.get("config", {})
    model = cls(*args, **kwargs)
    model.compile(optimizer=tf.keras.optimizers.Adam(config.get(LEARNING_RATE, 0.001)),
                  run_eagerly=config.get(RUN_EAGERLY))
    status = model.load_weights(model_file_name)
    status.expect_partial()  # the optimizer's and training-only values are not needed
    model.run_inference(predict_data_example)  # creates the variables, which get their values
    try:
        status.assert_existing_objects_matched()
    except AssertionError as exc:
        log.warning("%s: deferred weight loading incomplete (%s); loading as Rasa does", cls.__name__, exc)
        return _rasa_load_tf_model(cls, model_file_name, model_data_example, predict_data_example,
                                   finetune_mode, *args, **kwargs)
    return model

PATCH = Patch(RasaModel, "load", RasaModel.load, classmethod(_load_tf_model),
              ("model_file_name", "model_data_example", "predict_data_example", "finetune_mode", "args", "kwargs"))
