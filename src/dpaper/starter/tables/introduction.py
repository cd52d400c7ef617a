"""The tables of the chapter `introduction` (one file per chapter; its figures are in figures/)."""
from dpaper.tables.declare import Column, table

# A table: how its dataset is laid out (its caption and source are the manuscript's words).
table("observations", "observations",
      columns=(Column("year", "Year"), Column("value", "Value", "number", "right")))
