"""The tables of Case Study 2, Phnom Penh (Tables 3.2.1-3.2.4 of the 2018 edition)."""
from __future__ import annotations

from dpaper.tables.declare import Column, table

table("nrw-asean", "nrw_asean",
      columns=(Column("city", "City"), Column("country", "Country"),
               Column("nrw_percent", "Non-revenue water", "percent", "right"),
               Column("year", "Year", "year", "right")),
      note_field="note")

table("pp-cooperation", "pp_technical_cooperation",
      columns=(Column("scheme", "Scheme"), Column(("start_year", "end_year"), "Period"),
               Column("experts", "Experts sent", "number", "right"),
               Column("trainees", "Trainees received", "number", "right")))

table("nrw-cambodia", "nrw_cambodia", pivot=("city", "year", "nrw_percent"), pivot_header="City", fmt="percent")

table("cambodia-activities", "cambodia_city_activities",
      columns=(Column("city", "City"), Column("period", "Years"), Column("activity", "Activity"),
               Column("funding", "Funding")))
