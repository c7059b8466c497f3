"""scripts/course_zip.py: the whole course as one zip. Oracle: the files on disk, and
the site check's own download check (scripts/check_site.py) on a landing page that
links to the zip."""

import zipfile
from pathlib import Path

import check_site
import course_zip

ROOT = Path(__file__).resolve().parent.parent


def test_zip_holds_the_course_under_one_folder(tmp_path):
    out = course_zip.write_zip(tmp_path / "course.zip")
    names = zipfile.ZipFile(out).namelist()
    assert {name.split("/")[0] for name in names} == {"mlp-course"}
    inside = {name.removeprefix("mlp-course/") for name in names}
    notebooks = {p.relative_to(ROOT).as_posix() for p in ROOT.glob("book/*.ipynb")}
    assert notebooks and notebooks <= inside
    for name in [
        "README.md",
        "Makefile",
        "requirements.txt",
        "pyproject.toml",
        "_config.yml",
        "_toc.yml",
        "book/intro.md",
        "mlp_lib/__init__.py",
        "mlp_lib/layers.py",
    ]:
        assert name in inside, f"{name} missing from the course zip"
    assert not [
        n for n in inside if "__pycache__" in n or n.endswith((".lock", ".pyc"))
    ]


def test_zip_content_is_the_files_on_disk(tmp_path):
    out = course_zip.write_zip(tmp_path / "course.zip")
    with zipfile.ZipFile(out) as archive:
        for name in ("requirements.txt", "mlp_lib/layers.py", "book/01_neuron.ipynb"):
            assert archive.read(f"mlp-course/{name}") == (ROOT / name).read_bytes()
        readme = archive.read("mlp-course/README.md").decode()
    assert "make book" in readme and "make test" in readme
    assert "pip install -r requirements.txt" in readme


def test_same_files_give_the_same_zip(tmp_path):
    a = course_zip.write_zip(tmp_path / "a.zip").read_bytes()
    b = course_zip.write_zip(tmp_path / "b.zip").read_bytes()
    assert a == b


def test_site_check_accepts_the_zip_from_the_landing_page(tmp_path):
    (tmp_path / "book").mkdir()
    (tmp_path / "index.html").write_text(
        '<meta http-equiv="Refresh" content="0; url=book/intro.html" />'
    )
    (tmp_path / "book" / "intro.html").write_text(
        '<a href="../mlp-course.zip" download>Download the whole course (zip)</a>'
    )
    course_zip.write_zip(tmp_path / "mlp-course.zip")
    landing = check_site.landing_page(tmp_path)
    assert landing == "book/intro.html"
    assert check_site.check_download(tmp_path, landing) == []
