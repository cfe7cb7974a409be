"""The command line: exit codes, exact messages, help text, and the previous deck kept on failure."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

from .conftest import write_review


def run(*args):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output, result.stderr if hasattr(result, "stderr") else ""


def test_build_writes_the_deck(review, tmp_path):
    out = tmp_path / "out" / "deck.pptx"
    code, output, _ = run("build", "--content", str(review), "--out", str(out))
    assert code == 0, output
    assert out.is_file()
    assert f"wrote {out} (15 slides" in output


def test_default_output_is_the_slug_of_the_title(review, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, output, _ = run("build", "--content", str(review))
    assert code == 0, output
    assert (tmp_path / "output" / "small-review.pptx").is_file()


def test_input_problem_exits_1_with_file_line_key(tmp_path):
    review = write_review(tmp_path / "r")
    text = (review / "review.yaml").read_text().replace("generate: deal-list", "generate: deal-lists")
    (review / "review.yaml").write_text(text)
    code, output, _ = run("build", "--content", str(review), "--out", str(tmp_path / "d.pptx"))
    assert code == 1
    assert (
        "error: review.yaml:27: chapters[0].slides[0].blocks[1].generate: unknown kind 'deal-lists'; "
        "did you mean 'deal-list'? known: deal-list, deals, example-chart, questionnaire, score-table"
    ) in output
    assert "Traceback" not in output


def test_failed_build_leaves_previous_deck_untouched(review, tmp_path):
    out = tmp_path / "deck.pptx"
    assert run("build", "--content", str(review), "--out", str(out))[0] == 0
    before = out.read_bytes()
    (review / "deals" / "alpha.yaml").write_text("number: 1\nname: Alpha\nfindings:\n  alpha-indd: [x]\n")
    code, output, _ = run("build", "--content", str(review), "--out", str(out))
    assert code == 1
    assert "error: deals/alpha.yaml:4: findings.alpha-indd: 'alpha-indd' is not an indicator; did you mean 'alpha-ind'?" in output
    assert out.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".deck")] == []


def test_all_problems_reported_together(tmp_path):
    review = write_review(tmp_path / "r", files={
        "deals/alpha.yaml": "number: 1\nname: Alpha\ncontxt: []\n",
        "deals/beta.yaml": "number: 2\nname: Beta\nlessons:\n  titel: X\n",
    })
    code, output, _ = run("build", "--content", str(review), "--out", str(tmp_path / "d.pptx"))
    assert code == 1
    assert "error: deals/alpha.yaml:3: contxt: unknown key; did you mean 'context'?" in output
    assert "error: deals/beta.yaml:4: lessons.titel: unknown key; did you mean 'title'?" in output
    assert "2 problems; nothing was written." in output


@pytest.mark.parametrize(("beta", "message"), [
    ("number: 1\nname: Beta\n", "error: deals/beta.yaml:1: number: duplicate deal number '1' (also in deals/alpha.yaml)"),
    ("number: 2\nname: Beta\nname: Gamma\n", "error: deals/beta.yaml:3: name: duplicate key 'name' (first on line 2)"),
    ("number: 2\nname: Beta\ncontext: ['{{ nope }}']\n", "error: deals/beta.yaml:3: context[0].text: unknown name in template: 'nope' is undefined"),
    ("number: 2\nname: Beta\ncontext: [\"{{ ''.__class__.__mro__ }}\"]\n", "error: deals/beta.yaml:3: context[0].text:"),  # the sandbox
], ids=["duplicate deal number", "duplicate key", "unknown name in jinja", "jinja attribute trick"])
def test_bad_deal_file_exits_1_naming_file_line_and_key(tmp_path, beta, message):
    review = write_review(tmp_path / "r", files={"deals/beta.yaml": beta})
    code, output, _ = run("build", "--content", str(review), "--out", str(tmp_path / "d.pptx"))
    assert code == 1
    assert message in output


def test_unknown_deal_for_excerpt(review, tmp_path):
    code, output, _ = run("build", "--content", str(review), "--deal", "gamma", "--out", str(tmp_path / "x.pptx"))
    assert code == 1
    assert "unknown deal 'gamma'; known: alpha, beta" in output


def test_missing_folder(tmp_path):
    code, output, _ = run("build", "--content", str(tmp_path / "nope"))
    assert code == 1
    assert "review folder not found" in output


def test_usage_error_exits_2():
    code, output, _ = run("build", "--no-such-option")
    assert code == 2
    assert "No such option" in output


def test_every_command_and_option_has_help():
    for command in [main] + list(main.commands.values()):
        assert command.help, command.name
        for param in command.params:
            if param.param_type_name == "option" and param.name not in ("help", "version"):
                assert param.help, f"{command.name} --{param.name}"
    code, output, _ = run("build", "--help")
    assert code == 0 and "--content" in output and "--out" in output


def test_console_script_installed():
    exe = Path(sys.executable).parent / "deckgen"
    result = subprocess.run([str(exe), "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "build" in result.stdout


def test_watch_rebuilds_on_each_change_and_survives_errors(review, tmp_path):
    from generator.watch import watch_loop

    out = tmp_path / "deck.pptx"
    lines: list[str] = []
    deal = review / "deals" / "beta.yaml"

    def changes():
        deal.write_text(deal.read_text().replace("Beta context.", "Beta context, edited."))
        yield {("modified", str(deal))}
        before = out.read_bytes()
        deal.write_text("number: 2\nname: Beta\nfindings: {nope: [x]}\n")
        yield {("modified", str(deal))}
        assert out.read_bytes() == before
        deal.write_text("number: 2\nname: Beta\ncontext: [Fixed.]\n")
        yield {("modified", str(deal))}

    watch_loop(review, out, None, changes(), lines.append)
    wrote = [line for line in lines if " wrote " in line]
    assert len(wrote) == 3 and all("(15 slides, " in line for line in wrote)
    assert "changed: beta.yaml" in lines
    assert any(line.startswith("error: deals/beta.yaml:3: findings.nope: 'nope' is not an indicator") for line in lines)
    assert "the previous deck is unchanged; watching for the next save" in lines
    from .conftest import slide_texts

    assert any("Fixed." in t for slide in slide_texts(out) for t in slide)
