"""CSV injection: every CSV the edition publishes opens in a spreadsheet as text, never as a formula (OWASP)."""
from __future__ import annotations

import pytest

from dpaper.publish import safe_csv


@pytest.mark.parametrize("cell, published", [
    ('"=HYPERLINK(""https://evil.example"",""more"")"', '"\'=HYPERLINK(""https://evil.example"",""more"")"'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ('"\t=1+1"', "'\t=1+1"),       # a tab needs no quotes
    ('"\r=1+1"', "\"'\r=1+1\""),
    ("-3.5", "-3.5"),            # numbers keep their sign
    ("+2", "+2"),
    ("-12%", "-12%"),
    ("1e-3", "1e-3"),
    ("Phnom Penh", "Phnom Penh"),
])
def test_a_cell_a_spreadsheet_would_run_is_published_as_text(cell, published):
    data = f"name,note\nx,{cell}\n".encode()
    assert safe_csv(data) == f"name,note\nx,{published}\n".encode()


def test_a_csv_without_such_cells_is_published_byte_for_byte():
    data = b'city,year,nrw_percent,note\n"Siem Reap, Cambodia",2015,8,"a ""quoted"" note"\r\n'
    assert safe_csv(data) is data
