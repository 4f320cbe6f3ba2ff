"""The one gate every model passes, however it was chosen: ``--model``, ``/model``, config.toml,
``$PERFMIRROR_MODEL`` or a discovered Ollama.

Private mode's rule or the person's consent (``coach.privacy.admit``), then whatever the model
needs to run here (the in-process model's package and defaults). Nothing is sent, and litellm
is not imported, until a model has passed.
"""

from __future__ import annotations

import dataclasses

from .. import privacy
from . import local_model
from ..config import ModelSettings


def choose_model(settings: ModelSettings | None, private: bool,
                 ask: privacy.Ask | None = None) -> privacy.Admitted:
    """Admit ``settings`` (None: offline) or raise the one-line reason it cannot be used."""
    admitted = privacy.admit(settings, private, ask)
    if admitted.settings is not None and local_model.is_local(admitted.settings):
        local_model.check_ready(admitted.settings)
        admitted = dataclasses.replace(
            admitted, settings=local_model.with_local_defaults(admitted.settings))
    return admitted
