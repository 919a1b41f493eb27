"""Examples: the only code of the project that does I/O."""
