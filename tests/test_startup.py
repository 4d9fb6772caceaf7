"""The import shortcuts of ``pipeline.startup``: each runs in a fresh interpreter, since what they change is
how a library is first imported."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def run_fresh(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_spacy_cli_waits_until_used_and_then_works():
    out = run_fresh("""
        import sys
        import pipeline  # installs the stand-ins before spaCy is first imported
        import spacy
        from spacy.tokens import Doc
        from pipeline.startup import _DeferredModule
        print("deferred", isinstance(sys.modules["spacy.cli"], _DeferredModule), "weasel" in sys.modules)
        info = spacy.info()  # the function spacy/__init__.py exports, called through the stand-in
        print("info", info["spacy_version"] == spacy.about.__version__, sorted(info)[:2])
        import spacy.cli
        print("real", not isinstance(sys.modules["spacy.cli"], _DeferredModule), spacy.cli is sys.modules["spacy.cli"],
              callable(spacy.cli.setup_cli), "weasel" in sys.modules)
        from spacy.cli import download
        print("download", callable(download))
        print("markdown", "spaCy version" in spacy.info(markdown=True, silent=True))
    """)
    assert "deferred True False" in out
    assert "info True ['location', 'pipelines']" in out
    assert "real True True True True" in out
    assert "download True" in out
    assert "markdown True" in out


def test_spacy_cli_submodule_and_attribute_before_anything_else():
    """``spacy.cli`` read as an attribute, and a submodule imported while the stand-ins are in place."""
    out = run_fresh("""
        import sys
        import pipeline
        import spacy
        import spacy.cli.download as dl
        print("submodule", callable(dl.download))
        print("attribute", callable(spacy.cli.init_config))
        print("info", spacy.cli.info(silent=True)["spacy_version"] == spacy.about.__version__)
    """)
    assert "submodule True" in out
    assert "attribute True" in out
    assert "info True" in out


def test_jieba_is_imported_without_pkg_resources_and_reads_its_files():
    out = run_fresh("""
        import sys
        from pipeline import segment
        print("pkg_resources", "pkg_resources" in sys.modules)
        jieba = segment.jieba
        with jieba.dt.get_dict_file() as fh:  # the fallback opener jieba uses without pkg_resources
            print("dict", len(fh.readline().split()) == 3)
        print("cut", "/".join(jieba.Tokenizer().cut("我们在北京", HMM=True)))
        import pkg_resources  # hidden only while jieba was imported
        print("later", pkg_resources.__name__)
    """)
    assert "pkg_resources False" in out
    assert "dict True" in out
    assert "cut 我们/在/北京" in out
    assert "later pkg_resources" in out


def test_one_article_extract_imports_none_of_what_it_does_not_use():
    """A cold ``zhnews extract one.txt`` (UTF-8, to stdout): no charset detection, no
    spaCy command line, no pkg_resources, no Dask, Arrow or DuckDB."""
    article = Path(__file__).resolve().parent.parent / "raw" / "000_e860e59f66b08cf4.txt"
    out = run_fresh(f"""
        import io, sys, contextlib
        from pipeline.cli import app
        with contextlib.redirect_stdout(io.StringIO()) as buf:
            app(["extract", {str(article)!r}], standalone_mode=False)
        assert buf.getvalue().startswith("{{")
        unused = ["charset_normalizer", "weasel", "spacy.cli.download", "pkg_resources", "dask",
                  "distributed", "pyarrow", "duckdb", "pipeline.archive", "pipeline.review"]
        print("imported", [name for name in unused if name in sys.modules])
    """)
    assert "imported []" in out


def _run_main(args: list[str], before: str = "") -> subprocess.CompletedProcess[str]:
    code = textwrap.dedent(f"""
        import sys
        {before}
        from pipeline.cli import main
        sys.argv = ["zhnews", *{args!r}]
        main()
    """)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=240)


def test_main_exits_without_tearing_down_but_with_exit_handlers_and_output():
    import json

    article = Path(__file__).resolve().parent.parent / "raw" / "000_e860e59f66b08cf4.txt"
    before = textwrap.dedent("""
        import atexit
        atexit.register(lambda: print("exit handler ran", file=sys.stderr))
        class Torn:
            def __del__(self):
                print("torn down", file=sys.stderr)
        kept = Torn()  # freed only when Python tears the interpreter down
    """).replace("\n", "\n        ")
    done = _run_main(["extract", str(article)], before)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["article"]["id"] == article.stem  # the whole JSON, flushed
    assert "exit handler ran" in done.stderr and "torn down" not in done.stderr


def test_main_keeps_the_commands_exit_status():
    assert _run_main(["extract", "no-such-file.txt"]).returncode == 1
    assert _run_main(["extract"]).returncode == 2  # usage error
    assert _run_main(["--help"]).returncode == 0


def test_main_waits_for_a_running_thread_as_python_would():
    before = textwrap.dedent("""
        import threading, time
        def late():
            time.sleep(0.5)
            print("thread finished", file=sys.stderr)
        threading.Thread(target=late).start()
    """).replace("\n", "\n        ")
    done = _run_main(["--help"], before)
    assert done.returncode == 0 and "thread finished" in done.stderr
