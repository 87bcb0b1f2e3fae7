"""The subcommands, one module per subject; each module's `register` adds its commands to the parser."""
