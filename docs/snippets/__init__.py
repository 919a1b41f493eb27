"""Code the documentation includes; tests/test_docs_snippets.py runs each."""
