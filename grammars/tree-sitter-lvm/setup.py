# Builds the Python binding (the _binding extension and the queries) with setuptools alone.
from pathlib import Path

from setuptools import Extension, setup
from setuptools.command.build_py import build_py


class BuildPy(build_py):
    """Copy the grammar's queries into the package."""

    def run(self):
        super().run()
        if not self.dry_run:
            dest = Path(self.build_lib, "tree_sitter_lvm", "queries")
            dest.mkdir(parents=True, exist_ok=True)
            for q in Path("queries").glob("*.scm"):
                (dest / q.name).write_text(q.read_text())


sources = ["bindings/python/tree_sitter_lvm/binding.c", "src/parser.c"]
if Path("src/scanner.c").exists():
    sources.append("src/scanner.c")

setup(
    packages=["tree_sitter_lvm"],
    package_dir={"": "bindings/python"},
    package_data={"tree_sitter_lvm": ["*.pyi", "py.typed"]},
    ext_package="tree_sitter_lvm",
    ext_modules=[
        Extension(
            name="_binding",
            sources=sources,
            include_dirs=["src"],
            extra_compile_args=["-std=c11", "-fvisibility=hidden"],
        )
    ],
    cmdclass={"build_py": BuildPy},
    zip_safe=False,
)
