"""Developer tasks. ``nox`` runs the default sessions (tests, lint, typecheck); ``nox -l`` lists all."""

from __future__ import annotations

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests", "lint", "typecheck"]

PYPROJECT = nox.project.load_toml("pyproject.toml")


def _install(session: nox.Session, *groups: str) -> None:
    deps = [dep for group in groups for dep in nox.project.dependency_groups(PYPROJECT, group)]
    session.install("-e", ".", *deps)


@nox.session
def tests(session: nox.Session) -> None:
    """Unit, golden, property and SDK-oracle tests (Hypothesis uses the 'ci' profile)."""
    _install(session, "test")
    session.run("pytest", "-n", "2", *session.posargs, env={"HYPOTHESIS_PROFILE": "ci"})


@nox.session
def lint(session: nox.Session) -> None:
    """ruff lint and format check."""
    _install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the package, tests, benchmarks and examples."""
    _install(session, "typecheck")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Benchmarks against the typed floor and the orjson floor, no LiteLLM; arguments pass through
    (``nox -s bench -- --quick``, ``-- --json bench.json``, ``-- --rounds 50``)."""
    _install(session, "bench")
    session.run("python", "benchmarks/run.py", *session.posargs)


@nox.session
def bench_litellm(session: nox.Session) -> None:
    """The benchmarks with LiteLLM's adapters too; LiteLLM is installed only in this session.
    Arguments pass through as for ``bench``."""
    _install(session, "bench")
    session.install("litellm")
    session.run("python", "benchmarks/run.py", "--litellm", *session.posargs)


@nox.session
def docs(session: nox.Session) -> None:
    """The documentation site (MkDocs + mkdocstrings) into build/site; any warning fails it
    (--strict). Not a default session: ``nox -s docs``."""
    _install(session, "docs")
    session.run("mkdocs", "build", "--strict", *session.posargs)


@nox.session
def demo(session: nox.Session) -> None:
    """The README demo."""
    session.install(".")
    session.run("python", "-m", "ruapi_convert", *session.posargs)
