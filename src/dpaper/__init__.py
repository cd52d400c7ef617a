"""dpaper: build the reproducible discussion paper.

Imports only go downwards: scripts -> render / figures -> data -> errors.
`pdf` knows HTML, not data.
"""
