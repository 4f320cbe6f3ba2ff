import json

from conftest import table_dump


def test_extract_json_shape_and_no_file_created(cli, private_home):
    result = cli("extract", "I wrote 2 design docs and reviewed a dozen PRs", "--json")
    assert result.code == 0
    assert json.loads(result.out) == {"activities": [{"category": "Design doc", "count": 2},
                                                     {"category": "Code review", "count": 12}]}
    assert not private_home.exists()


def test_extract_uses_the_persons_own_categories_and_writes_nothing(cli, private_home):
    cli("init", "--role", "IC", "--level", "4", "--blank")
    cli("category", "add", "Pairing", "--dimension", "input", "--points", "3",
        "--synonym", "paired")
    before = table_dump(private_home)
    result = cli("extract", "paired with Kim 3 times", "--json")
    assert json.loads(result.out) == {"activities": [{"category": "Pairing", "count": 3}]}
    assert table_dump(private_home) == before
