"""Save the factx pipeline to ``models/factx_de`` (``python scripts/build_model.py [DIR]``).

The saved directory is an ordinary spaCy pipeline: ``spacy.load("models/factx_de")`` works
wherever factx is installed (its components are found through the ``spacy_factories`` entry
points). ``tests/test_model.py`` checks that the committed copy equals what the code builds.
"""

import shutil
import sys
from pathlib import Path

from factx.pipeline import build

DEFAULT = Path(__file__).resolve().parents[1] / "models" / "factx_de"


def main(target: Path = DEFAULT) -> None:
    """Build the pipeline and write it to ``target`` (replacing what is there)."""
    nlp = build()
    if target.exists():
        shutil.rmtree(target)
    nlp.to_disk(target)
    print(f"saved {nlp.pipe_names} to {target}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
