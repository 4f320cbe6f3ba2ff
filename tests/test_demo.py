import json


def test_demo_fills_a_separate_directory_with_twelve_scored_weeks(cli, tmp_path, private_home,
                                                                 monkeypatch):
    demo = tmp_path / "demo"
    result = cli("demo", "--dir", str(demo))
    assert result.code == 0 and f"PERFMIRROR_HOME={demo}" in result.out
    assert not (private_home / "perfmirror.db").exists()  # the person's own data is untouched
    monkeypatch.setenv("PERFMIRROR_HOME", str(demo))
    report = json.loads(cli("status", "--json").out)
    assert report["band"] != "No Data"
    assert all(week["entries"] > 0 for week in report["weekly"])
    assert any(insight["code"] == "declining" for insight in report["insights"])


def test_demo_is_the_same_every_time(cli, tmp_path, monkeypatch):
    scores = []
    for _ in range(2):
        cli("demo", "--dir", str(tmp_path / "demo"))
        monkeypatch.setenv("PERFMIRROR_HOME", str(tmp_path / "demo"))
        scores.append(json.loads(cli("status", "--json").out)["score"])
    assert scores[0] == scores[1]


def test_demo_has_a_career_history_to_search(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("PERFMIRROR_EMBEDDER", "lexical")
    cli("demo", "--dir", str(tmp_path / "demo"))
    monkeypatch.setenv("PERFMIRROR_HOME", str(tmp_path / "demo"))
    results = json.loads(cli("history", "search", "unfinished design docs", "--json").out)
    assert results["results"][0]["kind"] == "struggle"
    assert "Design docs stall" in results["results"][0]["text"]
