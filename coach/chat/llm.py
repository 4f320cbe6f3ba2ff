"""litellm, imported only when a model is actually called (it costs 4-7 s and ~200 MB).

Before the import, the offline switches are set so litellm never fetches its model-cost map
or reports telemetry: nothing leaves the machine that the person did not ask to send.

The chat starts the import in a background thread as soon as a model is admitted
(``load_in_background``), so the prompt appears at once and the import runs while the person
types, as Aider does; the first model call waits for it (``loaded``).
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from typing import Any

OFFLINE_SETTINGS = {
    "LITELLM_LOCAL_MODEL_COST_MAP": "True",
    "LITELLM_OFFLINE_MODE": "true",
    "LITELLM_TELEMETRY": "False",
    "LITELLM_LOG": "ERROR",
}


def apply_offline_settings() -> None:
    for name, value in OFFLINE_SETTINGS.items():
        os.environ.setdefault(name, value)


@lru_cache(maxsize=1)
def litellm():
    """The litellm module, configured for privacy and quiet."""
    apply_offline_settings()
    import litellm as module

    module.suppress_debug_info = True
    module.telemetry = False
    module.drop_params = True  # providers that lack a parameter ignore it instead of failing
    return module


_lock = threading.Lock()
_loading: threading.Thread | None = None
_failure: BaseException | None = None


def _load(settings: Any) -> None:
    global _failure
    try:
        litellm()
        from . import local_model

        if local_model.is_local(settings):
            local_model.register()
            local_model.load(settings)  # the GGUF file too: reading it takes a moment
    except BaseException as error:  # kept for the first model call to raise in the chat
        _failure = error


def load_in_background(settings: Any) -> None:
    """Start importing litellm (and loading an in-process model) without waiting for it."""
    global _loading
    with _lock:
        if _loading is None or not _loading.is_alive():
            _loading = threading.Thread(target=_load, args=(settings,), daemon=True,
                                        name="perfmirror-load-model")
            _loading.start()


def loaded(settings: Any) -> Any:
    """litellm, ready for ``settings``: waits for a background load still running."""
    global _failure
    with _lock:
        loading = _loading
    if loading is not None:
        loading.join()
    if _failure is not None:
        failure, _failure = _failure, None
        raise failure
    from . import local_model

    module = litellm()
    if local_model.is_local(settings):
        local_model.register()
    return module
