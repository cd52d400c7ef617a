"""Les tableaux du chapitre `eau`."""
from dpaper.tables.declare import Column, table

table("releves", "releves",
      columns=(Column("annee", "Année"), Column("debit", "Débit", "number", "right")))
