"""Errors a user can fix. The CLI prints their one-line message and exits with 2."""


class UserError(Exception):
    """A mistake in what the user asked for; the message says what is wrong in words any
    front door can show. `code` names the kind of mistake, so a door can add its own hint
    (the CLI's are in cli/hints.py): a service never says which flag or command to type."""

    # The form field the mistake is about, when one is known, so a form can point at it.
    field: str = ""

    def __init__(self, message: str = "", *, code: str = ""):
        super().__init__(message)
        self.code = code


class NotFound(UserError):
    """Nothing of this kind with this id is the user's (anyone else's is "not found" too).

    `thing` names the kind ("person", "next step"), so a front door can add its own hint."""

    def __init__(self, message: str = "", *, thing: str = "", code: str = ""):
        super().__init__(message, code=code)
        self.thing = thing


class Ambiguous(UserError):
    pass


class InvalidInput(UserError):
    pass


class DatabaseProblem(UserError):
    """The database is not Goodwill's, or was written by a newer version."""
