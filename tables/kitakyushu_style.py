"""The tables of Chapter 4, the Kitakyushu style of intercity cooperation (Tables 4.1-4.5 of the 2018 edition)."""
from __future__ import annotations

from dpaper.tables.declare import NOT_EMPTY, Column, table

# Table 4.1: the plan's two other city images (rows without measures) are the table's note.
table("ks-renaissance-plan", "renaissance_plan",
      columns=(Column("city_image", "City image"), Column("measure", "Measures"),
               Column("example", "Concrete examples")),
      where=(("measure", NOT_EMPTY),), merge=True)

# Table 4.2: the agreements printed in blue in 2018 (editor_notes D4) in a column of their own.
table("ks-stakeholders", "stakeholders",
      columns=(Column("type", "Type", values=(("administrative", "Administrative agencies and corporations"),
                                              ("private", "Private groups and companies"),
                                              ("academic", "Academic organisations"))),
               Column("organisation", "Organisation", then=(("note", ": {}", "text"),)),
               Column("agreement", "Collaboration agreement with the City of Kitakyushu",
                      then=(("agreement_date", ", {}", "date"),))),
      merge=True)

table("ks-agreements", "agreements",
      columns=(Column("date", "Concluded", "date"), Column("city", "Cooperating city"),
               Column("agreement", "Agreement"), Column("partner", "Signed with"),
               Column("overview", "Overview", then=(("updated", "; updated {}", "date"),))),
      note_field="editor_note")

# Table 4.4: the rows Table 2.3 lacks, which the 2018 edition highlighted (editor_notes D5), carry a sign.
table("ks-assessments", "awards",
      columns=(Column("year", "Year", "year"), Column("award", "Award or recognition"),
               Column("organizer", "Organizer"), Column("summary", "What was recognised")),
      where=(("in_table_4_4", True),), mark=("in_table_2_3", False, "†"))

table("ks-benefits", "benefits",
      columns=(Column("city", "Cooperation with"),
               Column("benefit", "Examples of benefits", then=(("amount_jpy", " ({})", "jpy"),))),
      group=("city", (("Dalian", "Dalian"), ("Phnom Penh", "Phnom Penh"), ("Surabaya", "Surabaya"),
                      ("Hai Phong", "Hai Phong"), ("Mandalay", "Mandalay"),
                      (None, "Common to all partnerships"))),
      subgroup="group")
