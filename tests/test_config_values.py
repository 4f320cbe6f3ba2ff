"""config.toml values pass the shared validators: a bad timeout, temperature or api_base is one
line naming the key, never a traceback the first time the coach starts."""

from __future__ import annotations

import pytest

from coach.config import resolve_model
from perfmirror_core.errors import InvalidInput


@pytest.mark.parametrize("line,field", [('timeout = "soon"', "timeout"),
                                        ("timeout = inf", "timeout"),
                                        ("timeout = 0", "timeout"),
                                        ("timeout = 1e308", "timeout"),
                                        ("timeout = true", "timeout"),
                                        ('temperature = "hot"', "temperature"),
                                        ("temperature = nan", "temperature"),
                                        ("temperature = 5", "temperature"),
                                        ("api_base = 42", "api_base")])
def test_a_bad_value_names_its_key(private_home, line, field):
    private_home.mkdir()
    (private_home / "config.toml").write_text(f'model = "ollama_chat/llama3.2"\n{line}\n',
                                              encoding="utf-8")
    with pytest.raises(InvalidInput, match=f"^{field}: "):
        resolve_model()


def test_good_values_are_read_as_numbers(private_home):
    private_home.mkdir()
    (private_home / "config.toml").write_text(
        'model = "ollama_chat/llama3.2"\ntimeout = "30"\ntemperature = 0.2\n', encoding="utf-8")
    settings = resolve_model()
    assert settings is not None and (settings.timeout, settings.temperature) == (30.0, 0.2)


def test_a_config_that_is_not_utf8_is_one_line(cli, private_home):
    private_home.mkdir()
    (private_home / "config.toml").write_bytes(b'model = "\xff\xfe"\n')
    with pytest.raises(InvalidInput, match="^config.toml: is not UTF-8"):
        resolve_model()
