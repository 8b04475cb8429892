"""Serving: settings, storage, offline models, the FastAPI app and the ``civicai`` CLI.

The only package that knows HTTP; it composes nlp, retrieval, speech and signlang.
"""
