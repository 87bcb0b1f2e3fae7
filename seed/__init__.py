"""The shipped catalogue: TOML files read by models.catalogue (this file only makes the folder installable)."""
