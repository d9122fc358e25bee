"""The registry's one error type, importable without SQLAlchemy (the command line's fast paths)."""


class RegistryUnavailable(RuntimeError):  # noqa: N818 (named in the architecture)
    """The registry could not be read or written (database down, unreachable, broken schema)."""
