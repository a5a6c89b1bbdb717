"""Shared fixtures: one factx pipeline for the whole test session."""

import pytest


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="Rewrite tests/golden/*.json from the current output (review the diff!).",
    )


@pytest.fixture(scope="session")
def nlp():
    import factx

    return factx.load()


@pytest.fixture(scope="session")
def extract(nlp):
    """``extract(text, published=None)`` -> Article, with the shared pipeline."""
    import factx

    def run(text, published=None):
        return factx.extract(text, published=published, nlp=nlp)

    return run
