"""Errors a user can fix. The CLI prints their one-line message and exits with 2."""


class UserError(Exception):
    """A mistake in what the user asked for; the message says how to fix it."""


class NotFound(UserError):
    pass


class Ambiguous(UserError):
    pass


class InvalidInput(UserError):
    pass


class DatabaseProblem(UserError):
    """The database is not Goodwill's, or was written by a newer version."""
