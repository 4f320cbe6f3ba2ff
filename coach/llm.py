"""litellm, imported only when a model is actually called (it costs 4-7 s and ~200 MB).

Before the import, the offline switches are set so litellm never fetches its model-cost map
or reports telemetry: nothing leaves the machine that the person did not ask to send.
"""

from __future__ import annotations

import os
from functools import lru_cache

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
