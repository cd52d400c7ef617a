"""Manuscript + cleaned data -> chapter HTML (print part and web page) -> book HTML."""
