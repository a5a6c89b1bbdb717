"""factx: facts from German news — who, how many, where, when, and who says so."""

from factx.api import extract, extract_doc, load

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "extract_doc", "load"]
