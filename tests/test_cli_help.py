"""Every command explains itself: a description, examples, and help (with defaults) for each option."""
from __future__ import annotations

import argparse

import pytest

from vnparty_nlp.cli import build_parser

COMMANDS = ("run", "extract", "fetch", "crawl", "index", "search", "stats")


def test_top_level_help(tmp_path, vnparty):
    done = vnparty("--help", cwd=tmp_path)
    assert done.returncode == 0
    assert "``" not in done.stdout  # no reStructuredText left in the description
    assert "Turn Vietnamese Communist Party news articles" in done.stdout
    assert "examples:\n  vnparty run" in done.stdout
    for command in COMMANDS:
        assert f"\n    {command} " in done.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_has_description_examples_and_option_help(tmp_path, vnparty, command):
    done = vnparty(command, "--help", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    usage, _, rest = done.stdout.partition("\n\n")
    description = rest.split("\n\n")[0]
    assert len(description) > 60 and not description.startswith(("positional", "options"))
    assert f"examples:\n  vnparty {command}" in done.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_has_help_and_shows_its_default(command):
    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    parser = sub.choices[command]
    for action in parser._actions:
        assert action.help, f"vnparty {command} {action.option_strings or action.dest}: no help"
        default = action.default
        if action.option_strings and default not in (None, False, argparse.SUPPRESS) and not isinstance(default, list):
            assert "%(default)" in parser.formatter_class("x")._get_help_string(action), action.dest
    text = "".join(parser.format_help().split())  # wrapping aside
    if command == "search":
        assert "(default:10)" in text and "(default:vnparty-archive.sqlite)" in text
    if command == "crawl":
        assert "(default:500)" in text and "(default:articles.jsonl)" in text


def test_search_says_no_matches_and_explains_scores(tmp_path, vnparty):
    from vnparty_nlp.corpus import SEED_ARTICLES, corpus_dir

    files = [str(corpus_dir() / f"{name}.txt") for name in SEED_ARTICLES]
    assert vnparty("index", *files, "--no-progress", "--no-accelerator", cwd=tmp_path).returncode == 0
    done = vnparty("search", "xyzzy", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "no matches for 'xyzzy'"
    done = vnparty("search", "--province", "Hà Giang", cwd=tmp_path)
    assert done.stdout.strip() == "no articles pass these filters"
    done = vnparty("search", "dai", "hoi", "diem", cwd=tmp_path)
    assert done.returncode == 0
    assert done.stdout.startswith("2 best match(es) for 'dai hoi diem', best first; [score] is the BM25 relevance")
    assert "(lower, more negative, is a better match)" in done.stdout
    done = vnparty("search", "xyzzy", "--format", "jsonl", cwd=tmp_path)
    assert done.returncode == 0 and done.stdout == ""  # machine-readable: no prose
