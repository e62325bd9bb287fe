"""The README's quick starts work as written: the spark-submit job, and the pyspark session
whose `# value` comments are checked."""
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
    assert "|16.0|  true|" in out


def test_pyspark_quick_start(spark):
    block = code_block_after("**pyspark.**")
    namespace = {}
    for line in block.splitlines():
        code, _, expected = line.partition("  # ")
        if not code.strip() or code.lstrip().startswith("#"):
            continue
        if re.fullmatch(r"-?[\d.]+", expected.strip()):
            assert eval(code.strip(), namespace) == float(expected), line
        else:
            exec(code.strip(), namespace)
    assert namespace["spark"] is spark
