"""The whole course as one download: python scripts/course_zip.py OUT.zip

Writes a zip with one folder, mlp-course/, holding what `make book` and `make test`
need: the notebooks and pages (book/), the library (mlp_lib/), its tests, the scripts,
the vendored JavaScript, the Makefile, requirements.txt, pyproject.toml and the book's
configuration, plus a short README.md (README below) with the commands. `make book`
puts it in the built site, where the landing page links to it. Entries carry a fixed
date, so the same files give the same zip.
"""

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDER = "mlp-course"
INCLUDE = [
    "book",
    "mlp_lib",
    "tests",
    "scripts",
    "vendor",
    "Makefile",
    "requirements.txt",
    "pyproject.toml",
    "_config.yml",
    "_toc.yml",
]
SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache", "_build"}
SKIP_SUFFIXES = {".pyc", ".lock"}
DATE = (2026, 1, 1, 0, 0, 0)

README = """\
# Multilayer Perceptrons, Derived and Measured: the course

The notebooks of the book (`book/`), the numpy library they call (`mlp_lib/`) and
everything needed to run, test and build them, offline. You need Python 3.11+ and
`make`.

```sh
make book   # set up .venv (pinned packages, mlp_lib included) and build the HTML book
make test   # run every test: lint, unit tests, every notebook (nbval), strict build
```

To work through the chapters, run `make lab` (JupyterLab) or `make notebook`
(Jupyter Notebook) and open `book/01_neuron.ipynb`; run each chapter top to bottom.
The exercises at the end of each chapter check your answer when you run their cell.

Without `make`:

```sh
python3 -m venv .venv
.venv/bin/pip install -r requirements.txt   # also installs mlp_lib (editable)
.venv/bin/jupyter lab book                  # or: .venv/bin/jupyter notebook book
.venv/bin/python -m pytest                  # the unit and exercise tests
```
"""


def course_files(root=ROOT):
    """The files of the course, as paths relative to `root`, sorted."""
    files = []
    for name in INCLUDE:
        path = root / name
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        for file in candidates:
            rel = file.relative_to(root)
            if (
                file.is_file()
                and not SKIP_DIRS.intersection(rel.parts)
                and file.suffix not in SKIP_SUFFIXES
                and not file.name.startswith(".")
            ):
                files.append(rel)
    return sorted(files)


def write_zip(out, root=ROOT):
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:

        def add(name, data):
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)

        add("README.md", README)
        for rel in course_files(root):
            add(rel.as_posix(), (root / rel).read_bytes())
    return out


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1:
        sys.exit("usage: python scripts/course_zip.py OUT.zip")
    out = write_zip(argv[0])
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
