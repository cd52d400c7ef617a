"""The tables of Case Study 1, Dalian (Tables 3.1.1 and 3.1.2 of the 2018 edition)."""
from __future__ import annotations

from dpaper.tables.declare import Column, table

table("dl-business-studies", "dalian_business_studies",
      columns=(Column("company", "Company"), Column("study", "Study or project"),
               Column("funding", "Fund or scheme used"), Column("period", "Year(s)"),
               Column("result", "Results")),
      note_field="source_note")

table("dl-water-exchange", "dalian_water_exchange",
      columns=(Column("phase", "Phase"), Column("period", "Period"), Column("purpose", "Purpose"),
               Column("jica_partnership", "JICA Partnership Program"),
               Column("clair_training", "CLAIR Local Government Officials Training Program in Japan")))
