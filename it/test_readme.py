"""The README's quick starts work as written: the spark-submit job prints the table the README
shows, and each `# value` comment of the pyspark session is the value of its line."""
import ast
import re
import subprocess

from conftest import REPO, results, run_spark

README = (REPO / "README.md").read_text()


def code_block_after(heading: str) -> str:
    section = README.split(heading, 1)[1]
    return re.search(r"```\w*\n(.*?)```", section, re.S).group(1)


def test_spark_submit_quick_start(jar, tmp_path):
    block = code_block_after("**spark-submit.**")
    job = re.search(r"<<'PY'\n(.*?)\nPY\n", block, re.S).group(1)
    (tmp_path / "job.py").write_text(job)
    out = run_spark("spark-submit", "--master", "local[2]", "--jars", jar, str(tmp_path / "job.py"))
    shown = [line[2:] for line in block.split("\nPY\n", 1)[1].splitlines() if line.startswith("# ")]
    assert "|16.0|  true|" in shown
    assert all(line in out.splitlines() for line in shown), (shown, out)


def test_pyspark_quick_start(spark):
    block = code_block_after("**pyspark.**")
    namespace = {}
    checked = 0
    for line in block.splitlines():
        code, _, comment = line.partition("  # ")
        if not code.strip() or code.lstrip().startswith("#"):
            continue
        try:
            expected = ast.literal_eval(comment.strip())
        except (ValueError, SyntaxError):  # prose, such as "adds the jar and the extension"
            exec(code.strip(), namespace)
            continue
        assert eval(code.strip(), namespace) == expected, line
        checked += 1
    assert namespace["spark"] is spark
    assert checked == 6
