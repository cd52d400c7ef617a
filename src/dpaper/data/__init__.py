"""Raw tables -> validated, typed, tidy datasets (schemas, cleaning, loading)."""
